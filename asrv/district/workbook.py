"""考核结果.xlsx: 排名, 指标明细, 上报汇总 (the national rates in the Ministry's shape), 对比, 问题, 参数.

The 排名 and 上报汇总 headers are those `compare.read_previous` reads back next term."""
from __future__ import annotations

from ..out import COUNT, MONEY, PERCENT, SCORE, SheetOut, titled
from ..out.findings import findings_sheet
from .compare import BAND, RANK, RATE_HEADERS, SCHOOL, SCORE as TOTAL
from .evidence import Rate
from .result import DistrictResult

METHOD_ZH = {"rated": "评分", "deduct": "按问题扣分", "attendance": "考勤交接", "participation": "参与率",
             "satisfaction": "满意度", "veto": "否决"}
DISTRICT = "全区合计"


def item_header(code: str, item: dict) -> str:
    return f"{code} {item['group'] or item['label']}（{item['points']:g}）"


def title(result: DistrictResult) -> str:
    return f"{result.term.title}（{result.term.label}）课后服务考核结果"


def money_header(result: DistrictResult) -> str:
    return "分配资金（元）" if result.pool_fen is not None else "应保障额（元）"


def yuan(fen: int | None):
    from ..fees.money import yuan as to_yuan
    return None if fen is None else to_yuan(fen)


def ranking(result: DistrictResult) -> SheetOut:
    scored = [c for c, i in result.rubric.items() if i["method"] != "veto"]
    heads = [item_header(c, result.rubric[c]) for c in scored]
    cols = [RANK, SCHOOL, *heads, TOTAL, BAND, "否决", money_header(result), "需补交"]
    if result.previous:
        cols += ["上次总分", "总分变化", "上次等次"]
    rows, marks = [], {}
    for n, s in enumerate(result.per_school):
        row = [s.rank, s.school, *(s.items[c].score for c in scored), s.score, s.band, "是" if s.vetoed else "",
               yuan(s.funding if result.pool_fen is not None else s.due), "、".join(s.missing)]
        if result.previous:
            ch = result.changes.get(s.school)
            row += [None, None, "（上次无此校）"] if ch is None else [ch.score, ch.change, ch.band]
        rows.append(row)
        if s.vetoed or s.band == result.profile["district.fail_band"]:
            marks[n] = "veto"
    formats = {h: SCORE for h in [*heads, TOTAL, "上次总分", "总分变化"]}
    formats[money_header(result)] = MONEY
    pool = "" if result.pool_fen is None else f"；专项补助资金 {yuan(result.pool_fen):,.2f} 元按 参与学生 × 等次系数 分配，精确到分"
    return SheetOut("排名", cols, rows, number_formats=formats, marks=marks, freeze_columns=2,
                    heading=[title(result)], notes=[f"指标：{result.rubric_source}；同分同名次{pool}"])


def details(result: DistrictResult) -> SheetOut:
    rows = []
    for s in result.per_school:
        for code, i in s.items.items():
            lines = i.evidence or [""]
            for k, line in enumerate(lines):
                first = k == 0
                rows.append([s.school, code, i.group, i.label, i.points if first else None,
                             METHOD_ZH.get(i.method, i.method) if first else "", i.score if first else None,
                             (i.missing if not i.rated_instead else "") if first else "", line])
    return SheetOut("指标明细", ["学校", "代码", "一级指标", "二级指标", "分值", "方式", "得分", "需补交", "证据"], rows,
                    number_formats={"分值": SCORE, "得分": SCORE}, freeze_columns=2, heading=[title(result)],
                    notes=["每个自动评分项目列出扣分的每条问题（文件、工作表!单元格）和每个比率的分子、分母"])


def _rate_cells(rates: dict[str, Rate], key: str) -> list:
    r = rates.get(key)
    return [None, None] if r is None else [r.numerator, r.value]


def reported(result: DistrictResult) -> SheetOut:
    cols = [SCHOOL, "开展课后服务", "在校生数", "参与学生数", RATE_HEADERS["participation"], "每周5天参与学生数",
            RATE_HEADERS["five_day"], "教职工数", "参与服务的本校教职工数", RATE_HEADERS["teachers"]]
    rows = []
    for s in result.per_school:
        ev = result.evidence[s.school]
        rows.append([s.school, "是" if s.rates["coverage"].numerator else "否", ev.students,
                     *_rate_cells(s.rates, "participation"), *_rate_cells(s.rates, "five_day"), ev.staff,
                     *_rate_cells(s.rates, "teachers")])
    d = result.district
    rows.append([DISTRICT, f"{d['coverage'].numerator}/{d['coverage'].denominator}", d["participation"].denominator,
                 *_rate_cells(d, "participation"), *_rate_cells(d, "five_day"), d["teachers"].denominator,
                 *_rate_cells(d, "teachers")])
    fmt = {h: PERCENT for h in RATE_HEADERS.values()}
    fmt.update({h: COUNT for h in ("在校生数", "参与学生数", "每周5天参与学生数", "教职工数", "参与服务的本校教职工数")})
    notes = [f"学校覆盖率：{d['coverage'].text()}",
             "参与率 = 参与学生 ÷ 在校生；每周5天参与率 = 每周 5 天都参加的学生 ÷ 参与学生；"
             "教师参与率 = 安排表中的本校教职工 ÷ 教职工数。参与学生取自收费报名（无收费工作簿时取意向调查）"]
    return SheetOut("上报汇总", cols, rows, number_formats=fmt, marks={len(rows) - 1: "good"}, freeze_columns=1,
                    heading=[title(result)], notes=notes)


def comparison(result: DistrictResult) -> SheetOut:
    cols = [SCHOOL, "本次总分", "上次总分", "变化", "本次等次", "上次等次", "本次排名", "上次排名",
            *(f"{h}变化（百分点）" for h in RATE_HEADERS.values())]
    rows = []
    for s in result.per_school:
        ch = result.changes.get(s.school)
        if ch is None:
            rows.append([s.school, s.score, None, None, s.band, "（上次无此校）", s.rank, None, None, None, None])
            continue
        rows.append([s.school, s.score, ch.score, ch.change, s.band, ch.band, s.rank, ch.rank,
                     *(ch.rates.get(k) for k in RATE_HEADERS)])
    return SheetOut("对比", cols, rows, number_formats={"本次总分": SCORE, "上次总分": SCORE, "变化": SCORE},
                    heading=[title(result)], notes=[f"对比：{result.previous}"])


def parameters(result: DistrictResult) -> SheetOut:
    p = result.profile
    cfg = p["district"]
    rows = [["学期", f"{result.term.title}（{result.term.label}）"], ["区文件夹", str(result.root)],
            ["考核工作簿", result.book or "（无）"], ["考核指标", result.rubric_source], ["配置", p.name],
            ["等次", "；".join(f"{b} ≥ {v:g}" for b, v in cfg["bands"].items()) + f"；其余或有查实否决事项为{cfg['fail_band']}"],
            ["经费系数", "；".join(f"{b} {v:g}" for b, v in cfg["funding"].items())],
            ["专项补助资金（元）", "（无：列出应保障额）" if result.pool_fen is None else yuan(result.pool_fen)],
            ["每生每学期保障额（元）", cfg["floor_per_student"]], ["自评与复评相差提示（分）", cfg["self_review_gap"]],
            ["名册中的学校", result.register_size], ["参加考核的学校", len(result.per_school)],
            ["未计入考核的文件夹", "、".join(result.unassessed) or "无"], ["对比", result.previous or "（未对比）"]]
    for code, i in result.rubric.items():
        rows.append([f"指标 {code}", f"{i['group']} {i['label']}：{i['points']:g} 分，{METHOD_ZH.get(i['method'], '')}"
                     + (f"，计 {'、'.join(i['rules'])}" if i.get("rules") else "")])
    return SheetOut("参数", ["项目", "值"], rows)


def sheets(result: DistrictResult) -> list[SheetOut]:
    out = [ranking(result), details(result), reported(result)]
    if result.previous:
        out.append(comparison(result))
    out += [findings_sheet(result.findings, lead={"学校": lambda f: f.school}), parameters(result)]
    return titled(out, title(result))

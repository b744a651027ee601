"""Workbooks and notices for the survey report and the enrollment result."""
from __future__ import annotations

import re
from pathlib import Path

from ..out import Outputs, SheetOut, render, write_workbook
from ..out.findings import findings_sheet
from .charts import Chart, charts_sheet, svg_bars
from .enroll import EnrollResult, ordinal
from .parse import grade_name, grades_text
from .report import SurveyResult

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
PCT = "0.0%"


def sheet_titles(names: list[str], reserved: set[str] = frozenset()) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique without regard to case."""
    used = {r.lower() for r in reserved}
    out = []
    for name in names:
        base = _BAD_TITLE.sub("_", name).strip("'") or "活动"
        title, k = base[:31], 2
        while title.lower() in used:
            suffix = f"_{k}"
            title, k = base[:31 - len(suffix)] + suffix, k + 1
        used.add(title.lower())
        out.append(title)
    return out


# ---- survey ----

def survey_charts(r: SurveyResult) -> list[Chart]:
    charts = [Chart("各年级答卷与需要服务人数", "年级", [x.label for x in r.by_grade],
                    [("答卷人数", 2, [x.answered for x in r.by_grade]),
                     ("需要服务", 3, [x.wants for x in r.by_grade])])]
    if r.demand:
        series = [("第一志愿", 2, [d.first for d in r.demand])]
        if r.catalog:
            series.append(("名额上限", 4, [d.capacity or 0 for d in r.demand]))
        else:
            series.append(("全部志愿", 3, [d.any for d in r.demand]))
        charts.append(Chart("各活动报名与名额", "活动需求", [d.name for d in r.demand], series))
    return charts


def survey_sheets(r: SurveyResult) -> list[SheetOut]:
    rate = {"比例": PCT}
    sheets = [
        SheetOut("年级", ["年级", "答卷人数", "需要服务", "比例"],
                 [[x.label, x.answered, x.wants, x.rate] for x in r.by_grade]
                 + [["合计", r.answered, r.wants, r.rate]], number_formats=rate),
        SheetOut("班级", ["班级", "答卷人数", "需要服务", "比例"],
                 [[x.label, x.answered, x.wants, x.rate] for x in r.by_class], number_formats=rate),
        SheetOut("活动需求", ["活动", "第一志愿人数", "全部志愿人数", "名额上限", "开班下限", "适用年级",
                           "第一志愿/上限"],
                 [[d.name, d.first, d.any, d.capacity, d.minimum if r.catalog else None, d.grades, d.ratio]
                  for d in r.demand], number_formats={"第一志愿/上限": PCT},
                 marks={i: "warning" for i, d in enumerate(r.demand) if d.ratio is not None and d.ratio > 1}),
        SheetOut("优先群体", ["群体（篇1 三(一)）", "答卷人数", "需要服务"], [list(g) for g in r.groups]),
        SheetOut("参加天数", ["天数或星期", "人数"], [list(x) for x in r.days]),
        SheetOut("接送时间", ["接送时间", "人数"], [list(x) for x in r.pickup]),
        SheetOut("家长意见", ["班级", "意见建议"], [[c, t] for c, ts in r.comments.items() for t in ts]),
        SheetOut("重复答卷", ["学号或姓名", "班级", "采用", "不计"],
                 [[d.key.split("/")[-1], d.class_name, d.kept, "、".join(d.dropped)] for d in r.duplicates]),
    ]
    if r.findings:
        sheets.append(findings_sheet(r.findings))
    return sheets


def write_survey(r: SurveyResult, out_dir: str | Path, mask: bool = True) -> list[Path]:
    out_dir = Path(out_dir)
    from markupsafe import Markup
    charts = survey_charts(r)
    sheets = survey_sheets(r)

    def workbook(path: Path) -> None:
        write_workbook(path, [charts_sheet(charts), *sheets])

    with Outputs(out_dir, "survey") as outputs:
        outputs.write("调查汇总.xlsx", workbook)
        outputs.write_text("调查报告.html", render(
            "survey_report.html.j2", r=r, mask=mask, svgs=[Markup(svg_bars(c)) for c in charts]))
        return [out_dir / "调查汇总.xlsx", out_dir / "调查报告.html"]


# ---- enrollment ----

def _student_row(p, basic: str) -> list:
    return [p.student_id, p.name, p.class_name, basic, p.activity or "", p.choice_rank,
            p.priority_group or "", p.lottery, p.reason]


STUDENT_COLUMNS = ["学号", "姓名", "班级", "基础服务", "录取活动", "志愿序", "优先群体", "抽签序号", "说明"]


def enroll_books(r: EnrollResult) -> dict[str, list[SheetOut]]:
    acts = r.activities
    summary = SheetOut("汇总", ["活动", "适用年级", "名额上限", "开班下限", "录取人数", "候补人数", "状态"],
                       [[a.activity.name, grades_text(a.activity.grades), a.activity.capacity, a.activity.minimum,
                         len(a.roster), len(a.waiting), "取消（报名不足下限）" if a.cancelled else "开班"]
                        for a in acts],
                       marks={i: "muted" for i, a in enumerate(acts) if a.cancelled},
                       notes=[f"抽签种子 {r.seed}；输入文件 SHA-256 {r.digest}"])
    titles = sheet_titles([a.activity.name for a in acts], {"汇总", "全部学生", "问题"})
    roster_cols = ["序号", "学号", "姓名", "班级", "志愿序", "优先群体", "抽签序号"]
    rosters = [SheetOut(t, roster_cols, [[i, p.student_id, p.name, p.class_name, p.choice_rank,
                                          p.priority_group or "", p.lottery] for i, p in enumerate(a.roster, 1)],
                        notes=[f"{a.activity.name}：录取 {len(a.roster)} 人，上限 {a.activity.capacity} 人"
                               + ("（已取消）" if a.cancelled else "")])
               for t, a in zip(titles, acts)]
    everyone = SheetOut("全部学生", STUDENT_COLUMNS, [_student_row(p, "是") for p in r.students])
    waiting_cols = ["候补序", "学号", "姓名", "班级", "志愿序", "优先群体", "抽签序号", "现录取"]
    waits = [SheetOut(t, waiting_cols,
                      [[i, p.student_id, p.name, p.class_name, p.choices.index(a.activity.name) + 1,
                        p.priority_group or "", p.lottery, p.activity or r.basic_service]
                       for i, p in enumerate(a.waiting, 1)],
                      notes=[f"{a.activity.name}：候补 {len(a.waiting)} 人，有空位时按候补序递补"])
             for t, a in zip(titles, acts) if a.waiting]
    classes: dict[str, list] = {}
    for p in r.students:
        classes.setdefault(p.class_name or "班级不明", []).append(p)
    ctitles = sheet_titles(list(classes), {"说明"})
    per_class = [SheetOut(t, STUDENT_COLUMNS, [_student_row(p, "是") for p in ps],
                          notes=[f"{c}：申请 {len(ps)} 人，全部参加{r.basic_service}"])
                 for t, (c, ps) in zip(ctitles, classes.items())]
    extra = [findings_sheet(r.findings)] if r.findings else []
    return {"活动名单.xlsx": [summary, everyone, *rosters, *extra],
            "候补名单.xlsx": waits or [SheetOut("候补", waiting_cols, [], notes=["所有活动均无候补"])],
            "班级名单.xlsx": per_class or [SheetOut("班级", STUDENT_COLUMNS, [])]}


def notice_context(r: EnrollResult, school: str, mask: bool) -> dict:
    from .sheets import GROUP_NAMES
    return dict(r=r, school=school, mask=mask, ordinal=ordinal, grades_text=grades_text,
                grade_name=grade_name, groups=[GROUP_NAMES[g] for g in r.priority_order],
                open=[a for a in r.activities if not a.cancelled],
                cancelled=[a for a in r.activities if a.cancelled],
                placed=sum(1 for p in r.students if p.activity),
                priority=sum(1 for p in r.students if p.priority_group))


def write_enroll(r: EnrollResult, out_dir: str | Path, school: str = "", mask: bool = True) -> list[Path]:
    out_dir = Path(out_dir)
    books = enroll_books(r)
    ctx = notice_context(r, school, mask)
    written = []
    with Outputs(out_dir, "enroll") as outputs:
        for name, sheets in books.items():
            outputs.write(name, lambda p, s=sheets: write_workbook(p, s))
            written.append(out_dir / name)
        outputs.write_text("录取通知.html", render("enroll_notice.html.j2", **ctx))
        outputs.write_text("录取通知.md", render("enroll_notice.md.j2", **ctx))
    return written + [out_dir / "录取通知.html", out_dir / "录取通知.md"]

"""What a fee run writes: the summary workbook and, per school, the 收费公示 and 收支公示."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..out import Outputs, SheetOut, mask_name, render, write_workbook
from ..out.findings import findings_sheet as shared_findings_sheet
from ..profile import Profile
from ..workdays import publication_period
from .money import cents, fmt_thousands, yuan
from .run import FeesResult
from .summary import SchoolSummary

MONEY_FORMAT = "#,##0.00"
OTHER = "其他（不属于规定用途）"
STUDENT_COLUMNS = ["学校", "学期", "班级", "学号", "姓名", "模式", "课程", "困难学生", "应收服务费", "应收耗材费",
                   "应收合计", "实收", "退费", "净实收", "未缴", "政府保障", "问题"]
STUDENT_FIELDS = ["fee", "materials", "due", "paid", "refunded", "net", "outstanding", "subsidy_due"]


def summary_columns(categories: list[str]) -> list[str]:
    return ["学校", "学期", "普惠托管人数", "个性化课程人数", "个性化课程人次", "困难学生（免费）人数",
            "应收服务费", "应收耗材费", "应收合计", "实收", "退费", "退费人数", "净实收", "未缴",
            "政府保障应到位", "政府保障已到位", "收入合计", *[f"支出：{c}" for c in categories], f"支出：{OTHER}",
            "支出合计", "结余"]


def _summary_row(s: SchoolSummary, term: str) -> list:
    received = None if s.subsidy_received is None else yuan(s.subsidy_received)
    return [s.name, term, s.basic, s.personal, s.enrollments, s.hardship, yuan(s.fee), yuan(s.materials),
            yuan(s.due), yuan(s.paid), yuan(s.refunded), s.refund_students, yuan(s.net), yuan(s.outstanding),
            yuan(s.subsidy_due), received, yuan(s.income), *[yuan(v) for v in s.spending.values()],
            yuan(s.spending_other), yuan(s.spending_total), yuan(s.balance)]


def summary_sheet(result: FeesResult) -> SheetOut:
    columns = summary_columns(result.categories)
    rows = [_summary_row(s, result.term.code) for s in result.schools]
    if len(rows) > 1:
        total = ["合计", result.term.code]
        for j in range(2, len(columns)):
            values = [r[j] for r in rows]
            # A school without a 补助 sheet has no received amount: no total would be honest then.
            total.append(None if None in values else sum(values))
        rows.append(total)
    money = {c: MONEY_FORMAT for c in columns[6:] if c not in ("退费人数",)}
    return SheetOut("汇总", columns, rows, number_formats=money, marks={len(rows) - 1: "good"} if len(rows) > 1 else {},
                    notes=[f"{result.term.title}（{result.term.label}）课后服务收费汇总，单位：元；"
                           "各校金额等于「学生」表该校各行之和"])


def students_sheet(result: FeesResult, mask: bool) -> SheetOut:
    st = result.students
    names = st["name"].map(mask_name) if mask else st["name"]
    money = {f: st[f].map(yuan) for f in STUDENT_FIELDS}
    rows = [list(r) for r in zip(
        st["school"], [result.term.code] * len(st), st["class"], st["student_id"], names, st["modes"],
        st["courses"], st["hardship"].map({True: "是", False: "否"}), *(money[f] for f in STUDENT_FIELDS),
        st["problems"])]
    marks = {i: "error" for i, p in enumerate(st["problems"]) if p}
    return SheetOut("学生", STUDENT_COLUMNS, rows, number_formats={c: MONEY_FORMAT for c in STUDENT_COLUMNS[8:16]},
                    marks=marks)


def findings_sheet(findings) -> SheetOut:
    def money(attr: str):
        def get(f):
            v = getattr(f.value, attr, None)
            return yuan(cents(v)) if v else None
        return get
    return shared_findings_sheet(findings, extra={"金额": money("amount"), "限额": money("limit")}, show_value=False,
                                 number_formats={"金额": MONEY_FORMAT, "限额": MONEY_FORMAT})


def params_sheet(result: FeesResult, profile: Profile) -> SheetOut:
    cfg = profile.section("fees")
    return SheetOut("参数", ["项目", "值"], [
        ["学期", f"{result.term.title}（{result.term.code}，{result.term.label}）"],
        ["文件", "、".join(result.files)], ["配置", profile.name],
        ["个性化课程收费上限（元/学期·生，不含耗材费）", cfg["cap"]],
        ["普惠托管政府保障标准（元/学期·生，不低于）", cfg["subsidy_per_student"]],
        ["允许的支出类别", "、".join(cfg["categories"])],
        ["未提供补助表时按应保障额计入收入", "是" if cfg["subsidy_assume_received"] else "否"]])


def workbook_sheets(result: FeesResult, profile: Profile, mask: bool = True) -> list[SheetOut]:
    sheets = [summary_sheet(result), students_sheet(result, mask), findings_sheet(result.findings)]
    if result.ledger is not None:
        sheets.extend(result.ledger.sheets())  # staff are adults named in their own records: not masked
    sheets.append(params_sheet(result, profile))
    return sheets


def notice_context(result: FeesResult, s: SchoolSummary, profile: Profile, date: dt.date, mask: bool) -> dict:
    cfg = profile.section("fees")
    period = publication_period(date, cfg["publication_working_days"], profile["calendar"])
    first, last = period.first, period.last
    money = fmt_thousands
    courses = [{"course": c.course, "fee": "—" if c.fee is None else money(c.fee),
                "materials_standard": c.materials_standard or ("未写明" if c.materials_charged else "无"),
                "time": c.time, "content": c.content, "provider": c.provider, "students": c.students}
               for c in s.courses if c.mode != "普惠托管"]
    subsidy_note = "已到位" if s.subsidy_received is not None else (
        "按应保障额计（未提供到账记录）" if cfg["subsidy_assume_received"] else "未提供到账记录，按 0 计")
    income = [
        {"label": "家长缴费", "amount": money(s.paid), "note": f"应收 {money(s.due)}，未缴 {money(s.outstanding)}"},
        {"label": "退费", "amount": money(-s.refunded), "note": f"{s.refund_students} 人退课退费"},
        {"label": "政府保障经费（普惠托管）", "amount": money(s.subsidy_income),
         "note": f"应保障 {money(s.subsidy_due)}（{s.basic} 人 × {cfg['subsidy_per_student']} 元），{subsidy_note}"},
    ]
    spending = [{"label": c, "amount": money(v), "other": False} for c, v in s.spending.items()]
    if s.spending_other:
        spending.append({"label": OTHER, "amount": money(s.spending_other), "other": True})
    return {
        "school": s.name, "term": result.term.title, "date": date.isoformat(), "first": first.isoformat(),
        "last": last.isoformat(), "days": cfg["publication_working_days"], "contact": cfg["complaint_contact"],
        "cap": cfg["cap"], "subsidy_per_student": cfg["subsidy_per_student"], "basic": s.basic,
        "hardship": s.hardship, "materials_exempt": cfg["hardship_materials_exempt"], "courses": courses,
        "income": income, "income_total": money(s.income), "spending": spending,
        "spending_total": money(s.spending_total), "balance": money(s.balance), "surplus": s.balance > 0,
        "mask": mask,
    }


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "学校"


def write_outputs(result: FeesResult, profile: Profile, out_dir: str | Path, *, date: dt.date,
                  mask: bool = True) -> list[Path]:
    """The workbook and, per school, both notices as HTML and Markdown: all written, or none."""
    code = result.term.code
    sheets = workbook_sheets(result, profile, mask)
    texts = {}
    for s in result.schools:
        ctx = notice_context(result, s, profile, date, mask)
        for kind, title in (("charges", "收费公示"), ("accounts", "收支公示")):
            for ext in ("html", "md"):
                texts[f"{title}_{safe_name(s.name)}_{code}.{ext}"] = render(f"fees_{kind}.{ext}.j2", **ctx)
    with Outputs(out_dir, "fees") as outputs:
        paths = [outputs.write(f"收费汇总_{code}.xlsx", lambda p: write_workbook(p, sheets))]
        paths += [outputs.write_text(name, text) for name, text in texts.items()]
    return paths

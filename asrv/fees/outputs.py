"""What a fee run writes: the workbook (汇总 item per row for each school, 全区合计, 学生, 问题, the ledger,
参数) and, per school, the 收费公示 and 收支公示 in HTML and Markdown; all written together, or none."""
from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd

from ..notice import notices_rendering, write_notices
from ..out import Outputs, SheetOut, mask_name, title_line, titled, write_workbook
from ..out.findings import findings_sheet as shared_findings_sheet
from ..out.forked import beside, can_fork
from .load import each_distinct
from .money import cents, yuan
from .result import FeesResult
from .summary import SchoolSummary

MONEY_FORMAT = "#,##0.00"
OTHER = "其他（不属于规定用途）"
STUDENT_COLUMNS = ["学校", "学期", "班级", "学号", "姓名", "模式", "课程", "困难学生", "应收服务费", "应收耗材费",
                   "应收合计", "实收", "退费", "净实收", "未缴", "政府保障", "问题"]
STUDENT_FIELDS = ["fee", "materials", "due", "paid", "refunded", "net", "outstanding", "subsidy_due"]
ITEM_COLUMNS = ["项目", "人数", "金额", "说明"]


def items(s: SchoolSummary, categories: list[str], per_student) -> list[list]:
    """One school's (or the district's) totals, one item per row: 项目, 人数, 金额 (元), 说明."""
    received = None if s.subsidy_received is None else yuan(s.subsidy_received)
    missing = "未提供「补助」表" if s.schools == 1 else "有学校未提供「补助」表，不汇总"
    return [
        ["普惠托管参加人数", s.basic, None, ""],
        ["个性化课程参加人数", s.personal, None, f"{s.enrollments} 人次"],
        ["家庭经济困难学生（免费）", s.hardship, None, ""],
        ["应收服务费", None, yuan(s.fee), ""], ["应收耗材费", None, yuan(s.materials), ""],
        ["应收合计", None, yuan(s.due), ""], ["实收", None, yuan(s.paid), ""],
        ["退费", s.refund_students, yuan(s.refunded), "人数为退费学生数"], ["净实收", None, yuan(s.net), "实收 − 退费"],
        ["未缴", None, yuan(s.outstanding), "应收合计 − 净实收"],
        ["政府保障应到位", s.basic, yuan(s.subsidy_due), f"每生每学期 {per_student} 元"],
        ["政府保障已到位", None, received, missing if received is None else ""],
        ["政府保障差额", None, yuan(s.subsidy_short), "应到位而未到位"],
        ["收入合计", None, yuan(s.income), "净实收 + 政府保障" + ("（未提供到账记录的按配置计）" if received is None else "")],
        *[[f"支出：{c}", None, yuan(s.spending.get(c, 0)), ""] for c in categories],
        [f"支出：{OTHER}", None, yuan(s.spending_other), "FEE-USE，须整改" if s.spending_other else ""],
        ["支出合计", None, yuan(s.spending_total), ""], ["结余", None, yuan(s.balance), "收入合计 − 支出合计"],
        ["错误", s.errors, None, "见「问题」表"], ["提示", s.warnings, None, "见「问题」表"],
    ]


def summary_sheets(result: FeesResult) -> list[SheetOut]:
    per_student = result.profile["fees.subsidy_per_student"]
    title = f"{result.term.title}（{result.term.label}）课后服务收费汇总，单位：元"
    rows = [[s.name, *row] for s in result.per_school for row in items(s, result.categories, per_student)]
    money = {"金额": MONEY_FORMAT}
    sheets = [SheetOut("汇总", ["学校", *ITEM_COLUMNS], rows, number_formats=money,
                       notes=[f"{title}；各校金额等于「学生」表该校各行之和"])]
    total = result.district
    if total is not None:
        sheets.append(SheetOut("全区合计", ITEM_COLUMNS, items(total, result.categories, per_student),
                               number_formats=money, notes=[f"{title}；{total.schools} 所学校之和"]))
    return sheets


def students_sheet(result: FeesResult) -> SheetOut:
    st = result.students
    names = each_distinct(st["name"], mask_name) if result.options.mask else st["name"]
    columns = [st["school"], pd.Series(result.term.code, index=st.index), st["class"], st["student_id"], names,
               st["modes"], st["courses"], st["hardship"].map({True: "是", False: "否"}),
               *(each_distinct(st[f], yuan) for f in STUDENT_FIELDS), st["problems"]]
    # One object frame, then lists: no Python step per row and column.
    rows = pd.DataFrame({i: c.astype(object).array for i, c in enumerate(columns)}, dtype=object).values.tolist()
    marks = {i: "error" for i, p in enumerate(st["problems"]) if p}
    return SheetOut("学生", STUDENT_COLUMNS, rows, number_formats={c: MONEY_FORMAT for c in STUDENT_COLUMNS[8:16]},
                    marks=marks)


def findings_sheet(findings) -> SheetOut:
    def money(attr: str):
        def get(f):
            v = getattr(f.value, attr, None)
            return yuan(cents(v)) if v else None
        return get
    return shared_findings_sheet(findings, lead={"学校": lambda f: f.school},
                                 extra={"金额": money("amount"), "限额": money("limit")}, show_value=False,
                                 number_formats={"金额": MONEY_FORMAT, "限额": MONEY_FORMAT})


def params_sheet(result: FeesResult) -> SheetOut:
    cfg = result.profile.section("fees")
    files = "、".join(f"{f.file}（{f.school or '学校未知'}，{f.school_source or '—'}）" if f.used else f"{f.file}（未能使用）"
                     for f in result.files if not f.role)
    return SheetOut("参数", ["项目", "值"], [
        ["学期", f"{result.term.title}（{result.term.code}，{result.term.label}）"],
        ["文件（学校，学校名称的来源）", files], ["配置", result.profile.name],
        ["个性化课程收费上限（元/学期·生，不含耗材费）", cfg["cap"]],
        ["普惠托管政府保障标准（元/学期·生，不低于）", cfg["subsidy_per_student"]],
        ["允许的支出类别", "、".join(cfg["categories"])],
        ["未提供补助表时按应保障额计入收入", "是" if cfg["subsidy_assume_received"] else "否"]])


def workbook_sheets(result: FeesResult) -> list[SheetOut]:
    sheets = [*summary_sheets(result), students_sheet(result), findings_sheet(result.findings)]
    if result.ledger is not None:
        sheets.extend(result.ledger.sheets())  # staff are adults named in their own records: not masked
    sheets.append(params_sheet(result))
    return titled(sheets, title_line(result.schools, "课后服务收费汇总", result.term.title, result.options.day))


# Students from which a forked process writes the workbook: its 学生 sheet, a row a student, takes
# as long as every school's notices (150,000 students: 3 s).
FORK_STUDENTS = 5_000


def write(result: FeesResult, out_dir: str | Path) -> list[Path]:
    """The workbook and, per school, both notices in every notice format: all written, or none. With
    more than one process and many students, a forked one writes the workbook beside the notices."""
    name = f"收费汇总_{result.term.code}.xlsx"
    students = 0 if result.students is None else len(result.students)
    with Outputs(out_dir, "fees", inputs=[f.path for f in result.files]) as outputs:
        processes = 2 if can_fork(result.options.jobs) and students >= FORK_STUDENTS else 1
        with beside(Path(out_dir), processes) as run:
            run(name, partial(_workbook, result, outputs.claim(name)))  # forked before any thread starts
            with notices_rendering(result, busy=processes - 1) as made:
                paths = [outputs.directory / name, *write_notices(outputs, result, made)]
    return paths


def _workbook(result: FeesResult, path: Path) -> None:
    # The sheets are made in the writing process: a district's 150,000 rows are never built here.
    write_workbook(path, workbook_sheets(result))

"""Enrolment outputs per school: 活动名单, 候补名单, 班级名单 (internal: full detail) and the 录取通知
(public, asrv.enroll.notice: masked names, no priority group, no 学号, in every notice format); over several schools one folder per school and
全区汇总.xlsx beside them.

Every text from a workbook goes into cells as data (rows or note lines that start with our own
words), so the writer's text guard keeps an activity named `=HYPERLINK(…)` as text.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ..notice import notices_rendering, write_notices
from ..out import Outputs, SheetOut, title_line, titled, write_workbook
from ..out.findings import findings_sheet
from ..out.xlsx import cells_of
from ..out.forked import first_half, sharing, write_each
from ..out.xlsx_format import sheet_titles
from ..survey.outputs import SCHOOL_COLUMN, folders, school_findings
from ..survey.parse import grades_text
from .lottery import RULE
from .result import EnrollResult, SchoolEnrollment

STUDENT_COLUMNS = ["学号", "姓名", "班级", "基础服务", "录取活动", "志愿序", "优先群体", "抽签序号", "说明"]
ROSTER_COLUMNS = ["序号", "学号", "姓名", "班级", "志愿序", "优先群体", "抽签序号"]
WAITING_COLUMNS = ["候补序", "学号", "姓名", "班级", "志愿序", "优先群体", "抽签序号", "现录取"]


def _student_row(p) -> list:
    return [p.student_id, p.name, p.class_name, "是", p.activity or "", p.choice_rank, p.priority_group or "",
            p.lottery, p.reason]


def books_of(r: SchoolEnrollment, findings: list) -> dict[str, list[SheetOut]]:
    acts = r.activities
    summary = SheetOut("汇总", ["活动", "适用年级", "名额上限", "开班下限", "录取人数", "候补人数", "状态"],
                       [[a.activity.name, grades_text(a.activity.grades), a.activity.capacity, a.activity.minimum,
                         len(a.roster), len(a.waiting), "取消（报名不足下限）" if a.cancelled else "开班"] for a in acts],
                       marks={i: "muted" for i, a in enumerate(acts) if a.cancelled},
                       notes=[f"学校「{r.school}」：抽签种子 {r.seed}；{RULE}"])
    titles = sheet_titles([a.activity.name for a in acts], {"汇总", "全部学生", "问题"})
    rosters = [SheetOut(t, ROSTER_COLUMNS, [[i, p.student_id, p.name, p.class_name, p.choice_rank,
                                             p.priority_group or "", p.lottery] for i, p in enumerate(a.roster, 1)],
                        notes=[f"活动「{a.activity.name}」：录取 {len(a.roster)} 人，上限 {a.activity.capacity} 人"
                               + ("（已取消）" if a.cancelled else "")])
               for t, a in zip(titles, acts)]
    waits = [SheetOut(t, WAITING_COLUMNS,
                      [[i, p.student_id, p.name, p.class_name, p.choices.index(a.activity.name) + 1,
                        p.priority_group or "", p.lottery, p.activity or r.basic_service]
                       for i, p in enumerate(a.waiting, 1)],
                      notes=[f"活动「{a.activity.name}」：候补 {len(a.waiting)} 人，有空位时按候补序递补"])
             for t, a in zip(titles, acts) if a.waiting]
    classes: dict[str, list] = {}
    for p in r.students:  # already class by class in grade-then-number order
        classes.setdefault(p.class_name or "班级不明", []).append(p)
    per_class = [SheetOut(t, STUDENT_COLUMNS, [_student_row(p) for p in ps],
                          notes=[f"班级「{c}」：申请 {len(ps)} 人，全部参加{r.basic_service}"])
                 for t, (c, ps) in zip(sheet_titles(list(classes)), classes.items())]
    everyone = SheetOut("全部学生", STUDENT_COLUMNS, [_student_row(p) for p in r.students])
    extra = [findings_sheet(findings)] if findings else []
    return {"活动名单.xlsx": [summary, everyone, *rosters, *extra],
            "候补名单.xlsx": waits or [SheetOut("候补", WAITING_COLUMNS, [], notes=["所有活动均无候补"])],
            "班级名单.xlsx": per_class or [SheetOut("班级", STUDENT_COLUMNS, [])]}


def district_sheets(result: EnrollResult) -> list[SheetOut]:
    rows = [[s.school, len(s.students), s.declined, s.placed, sum(not a.cancelled for a in s.activities),
             sum(a.cancelled for a in s.activities), sum(len(a.waiting) for a in s.activities)]
            for s in result.per_school]
    return [SheetOut("学校", ["学校", "申请人数", "不参加", "录取活动人数", "开班活动", "取消活动", "候补人次"], rows,
                     notes=[f"全区：抽签种子 {result.seed}；{RULE}"]),
            findings_sheet(result.findings, lead=SCHOOL_COLUMN)]


# Cells in a run's workbooks from which a forked process writes about half of them (one school of
# 1,500 children: 3 workbooks, 63 sheets, 0.4 s); fewer cost less here than a fork.
FORK_CELLS = 20_000


def write(result: EnrollResult, out_dir: str | Path) -> list[Path]:
    """All files together or none. With more than one process and many cells, a forked one writes
    the first workbooks, about half the cells, while this one writes the rest and the notices
    (asrv.out.forked); the Word notices render in processes of their own (notices_rendering)."""
    where = folders(result.schools)
    with Outputs(out_dir, "enroll", inputs=[f.path for f in result.files]) as outputs:
        books = [(where[s.school] + name, titled(sheets, title_line(s.school, f"课后服务{Path(name).stem}",
                                                                    day=result.options.day)))
                 for s in result.per_school for name, sheets in books_of(s, school_findings(result, s.school)).items()]
        if len(result.per_school) > 1:
            books.append(("全区汇总.xlsx", titled(district_sheets(result), title_line(
                result.schools, "课后服务活动录取汇总", day=result.options.day))))
        claimed = [(name, outputs.claim(name), partial(write_workbook, sheets=sheets)) for name, sheets in books]
        cells = [cells_of(sheets) for _, sheets in books]
        first = first_half(cells) if len(books) > 1 and sum(cells) >= FORK_CELLS else 0
        with sharing(Path(out_dir), claimed, result.options.jobs, first) as mine, notices_rendering(result) as made:
            write_each(mine)
            written = [outputs.directory / name for name, _ in books]
            written += write_notices(outputs, result, made)
    return written

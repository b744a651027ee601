"""The outputs of a score run: per school a ranked workbook and a public notice (公示, in every
format of asrv.notice); with more than one school the district's workbook and notice of every
school's recommended classes."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ..notice import notices_rendering, write_notices
from ..out import SCORE, Outputs, SheetOut, title_line, titled, write_workbook
from ..out.findings import findings_sheet
from ..out.forked import FORK_BOOKS, sharing, write_each
from ..out.names import UniqueNames
from . import district
from .items import ITEM_CODES
from .result import SchoolScore, ScoreResult
from .years import label


def school_sheets(result: ScoreResult, s: SchoolScore) -> list[SheetOut]:
    profile = result.profile
    labels = [profile[f"score.items.{i}.label"] for i in ITEM_CODES]
    columns = ["学校", "名次", "班级", "年级", "班主任", "人数", *labels, "基础分", "团体加分", "个人加分", "总分",
               "一票否决", "推荐", "备注"]
    rows, marks = [], {}
    for i, c in enumerate(s.classes):
        rows.append([s.school, c.rank, c.class_name, c.grade, c.head_teacher, c.size,
                     *(c.items[k] for k in ITEM_CODES), c.base, c.team_bonus, c.individual_bonus, c.total,
                     f"是（{c.veto_count}人不及格）" if c.vetoed else "否", "是" if c.recommended else "否",
                     "；".join(c.notes)])
        if c.vetoed:
            marks[i] = "veto"
        elif c.recommended:
            marks[i] = "good"
    number = {h: SCORE for h in [*labels, "基础分", "团体加分", "个人加分", "总分"]}
    ranked = SheetOut("排名", columns, rows, number_formats=number, marks=marks)
    award_cols = ["学校", "行号", "班级", "类型", "学生", "项目", "级别", "等第", "名次", "人数", "日期", "教育部门组织",
                  "分值", "是否计分", "说明"]
    award_rows = [[s.school, a.row, a.class_name, a.kind, a.student, a.event, a.level, a.prize, a.place, a.count,
                   a.date, a.by_education_dept, a.points, "计分" if a.counted else "不计分", a.reason]
                  for a in s.awards]
    awards = SheetOut("获奖记录", award_cols, award_rows, number_formats={"日期": "yyyy-mm-dd", "分值": SCORE},
                      marks={i: "muted" for i, a in enumerate(s.awards) if not a.counted})
    params = SheetOut("参数", ["项目", "值"], [
        ["学校", s.school], ["学校名称来源", s.school_source], ["文件", s.file],
        ["学年", f"{s.year[0]:%Y-%m-%d} 至 {s.year[1]:%Y-%m-%d}"], ["学年依据", s.year_source],
        ["配置", profile.name], ["推荐名额", s.quota], ["参评班级", len(s.classes)],
        ["一票否决班级", sum(c.vetoed for c in s.classes)], ["推荐班级", len(s.recommended)]])
    problems = findings_sheet(result.findings_of(s.school), lead={"学校": lambda f: f.school})
    line = title_line(s.school, "优秀班集体评价结果", f"{label(s.year)}学年", result.date)
    return titled([ranked, awards, problems, params], line)


def write(result: ScoreResult, out_dir: str | Path) -> list[Path]:
    """All files together or none; a run replaces the previous score run's files in `out_dir`.
    With more than one process, a forked one writes the first half of the school workbooks while
    this one writes the rest, the district's and the notices (asrv.out.forked)."""
    names = UniqueNames()
    with Outputs(out_dir, "score", inputs=[f.path for f in result.files]) as outputs:
        books = [(f"{names(s.school, '学校')}_评分结果.xlsx", s) for s in result.per_school]
        claimed = [(name, outputs.claim(name), partial(_school_book, result, s)) for name, s in books]
        half = len(books) // 2 if len(books) >= FORK_BOOKS else 0
        with sharing(Path(out_dir), claimed, result.options.jobs, half) as mine, notices_rendering(result) as made:
            write_each(mine)
            written = [outputs.directory / name for name, _ in books]
            if len(result.per_school) > 1:
                sheets = district.sheets(result)
                written.append(outputs.write(district.WORKBOOK, lambda p: write_workbook(p, sheets)))
            written += write_notices(outputs, result, made)
    return written


def _school_book(result: ScoreResult, s: SchoolScore, path: Path) -> None:
    write_workbook(path, school_sheets(result, s))

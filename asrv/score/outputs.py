"""The ranked workbook and the public notice (公示) of a score run."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..out import Outputs, SheetOut, render, write_workbook
from ..out.findings import findings_sheet
from ..profile import Profile
from ..workdays import publication_period
from .items import ITEM_CODES
from .result import ScoreResult


def workbook_sheets(result: ScoreResult, profile: Profile) -> list[SheetOut]:
    labels = [profile[f"score.items.{i}.label"] for i in ITEM_CODES]
    columns = ["名次", "班级", "年级", "班主任", "人数", *labels, "基础分", "团体加分", "个人加分", "总分",
               "一票否决", "推荐", "备注"]
    rows, marks = [], {}
    for i, c in enumerate(result.classes):
        rows.append([c.rank, c.class_name, c.grade, c.head_teacher, c.size, *(c.items[k] for k in ITEM_CODES),
                     c.base, c.team_bonus, c.individual_bonus, c.total,
                     f"是（{c.veto_count}人不及格）" if c.vetoed else "否", "是" if c.recommended else "否",
                     "；".join(c.notes)])
        if c.vetoed:
            marks[i] = "veto"
        elif c.recommended:
            marks[i] = "good"
    number = {h: "0.##" for h in [*labels, "基础分", "团体加分", "个人加分", "总分"]}
    ranked = SheetOut("排名", columns, rows, number_formats=number, marks=marks)
    award_cols = ["行号", "班级", "类型", "学生", "项目", "级别", "等第", "名次", "人数", "日期", "教育部门组织",
                  "分值", "是否计分", "说明"]
    award_rows = [[a.row, a.class_name, a.kind, a.student, a.event, a.level, a.prize, a.place, a.count, a.date,
                   a.by_education_dept, a.points, "计分" if a.counted else "不计分", a.reason]
                  for a in result.awards]
    awards = SheetOut("获奖记录", award_cols, award_rows, number_formats={"日期": "yyyy-mm-dd", "分值": "0.##"},
                      marks={i: "muted" for i, a in enumerate(result.awards) if not a.counted})
    params = SheetOut("参数", ["项目", "值"], [
        ["文件", result.file], ["学年", f"{result.year[0]:%Y-%m-%d} 至 {result.year[1]:%Y-%m-%d}"],
        ["配置", profile.name], ["推荐名额", result.quota],
        ["参评班级", len(result.classes)], ["一票否决班级", sum(c.vetoed for c in result.classes)],
        ["推荐班级", sum(c.recommended for c in result.classes)]])
    return [ranked, awards, findings_sheet(result.findings), params]


def notice_context(result: ScoreResult, profile: Profile, date: dt.date, mask: bool) -> dict:
    s = profile["score"]
    period = publication_period(date, s["publication_working_days"], profile["calendar"])
    first, last = period.first, period.last
    return {
        "school": s["school"],
        "year": f"{result.year[0].year}-{result.year[1].year}",
        "date": date, "first": first, "last": last, "days": s["publication_working_days"],
        "contact": s["objection_contact"], "quota": result.quota, "classes": result.classes,
        "recommended": [c for c in result.classes if c.recommended],
        "awards": [a for a in result.awards if a.counted and a.kind == "个人" and a.student],
        "ties": [f.message for f in result.findings if f.rule == "SCORE-QUOTA-TIE"],
        "mask": mask,
    }


def write_outputs(result: ScoreResult, profile: Profile, out_dir: str | Path, *, date: dt.date,
                  mask: bool = True) -> list[Path]:
    """Workbook, HTML and Markdown notice, all or nothing. Names derive from the input file."""
    stem = Path(result.file).stem
    context = notice_context(result, profile, date, mask)
    html = render("score_notice.html.j2", **context)
    md = render("score_notice.md.j2", **context)
    sheets = workbook_sheets(result, profile)
    with Outputs(out_dir, "score") as outputs:
        outputs.write(f"{stem}_评分结果.xlsx", lambda p: write_workbook(p, sheets))
        outputs.write_text(f"{stem}_公示.html", html)
        outputs.write_text(f"{stem}_公示.md", md)
    return [Path(out_dir) / f"{stem}_评分结果.xlsx", Path(out_dir) / f"{stem}_公示.html", Path(out_dir) / f"{stem}_公示.md"]

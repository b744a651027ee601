"""The outputs of a check: findings workbook (问题、统计、安排) and an HTML report by school."""
from __future__ import annotations

import re
from pathlib import Path

from ..findings import ERROR
from ..io.clock import weekday_name
from ..out import Outputs, SheetOut, render, write_workbook
from ..out.findings import LEVEL, findings_sheet
from .check import ScheduleResult
from .load import hhmm

WORKBOOK = "安排检查结果.xlsx"
HTML = "安排检查报告.html"
_ROW = re.compile(r"(\d+)$")


def _findings_sheet(result: ScheduleResult) -> SheetOut:
    school = dict((id(f), s) for s, f in result.items)
    return findings_sheet(result.findings, lead={"学校": lambda f: school[id(f)]})


def _counts_sheet(result: ScheduleResult) -> SheetOut:
    per = result.per_school()
    rules = sorted({r for d in per for r in d["rules"]})
    rows = [[d["school"], "、".join(d["files"]), d["rows"], d["errors"], d["warnings"]]
            + [d["rules"].get(r, 0) for r in rules] for d in per]
    marks = {i: "error" if d["errors"] else "warning" if d["warnings"] else "good" for i, d in enumerate(per)}
    return SheetOut("统计", ["学校", "文件", "安排行数", "错误", "提示"] + rules, rows, marks=marks)


def _rows_sheet(result: ScheduleResult) -> SheetOut:
    """The input rows, each with the rules it broke: the clerk filters on 问题."""
    hits: dict[tuple[str, int], dict[str, str]] = {}
    s = result.sessions
    sheets = dict(zip(s["file"], s["sheet"])) if not s.empty else {}
    for _, f in result.items:
        m = _ROW.search(f.cell)
        if m and sheets.get(f.file) == f.sheet:
            d = hits.setdefault((f.file, int(m.group(1))), {})
            d[f.rule] = "error" if f.severity == ERROR or d.get(f.rule) == "error" else "warning"
    rows, marks = [], {}
    if not s.empty:
        days = s.groupby(["file", "row"], sort=False)["day"].agg(
            lambda d: "、".join(weekday_name(x) for x in sorted(set(d))))
        first = s.drop_duplicates(["file", "row"]).set_index(["file", "row"]).assign(days=days).reset_index()
        first = first.sort_values(["school", "file", "row"])
        for i, r in enumerate(first.itertuples(index=False)):
            found = hits.get((r.file, r.row), {})
            rows.append([r.school, r.file, r.row, r.stage, r.group, r.days, hhmm(r.start), hhmm(r.end),
                         r.activity, r.category, r.mode, "、".join(r.staff), r.room, "、".join(found)])
            if found:
                marks[i] = "error" if "error" in found.values() else "warning"
    return SheetOut("安排", ["学校", "文件", "行号", "学段", "服务班", "星期", "开始时间", "结束时间", "内容",
                           "类别", "模式", "教师", "地点", "问题"], rows, marks=marks)


def write_outputs(result: ScheduleResult, directory: str | Path, title: str = "课后服务安排检查") -> list[Path]:
    """Both files appear together or not at all."""
    sheets = [_findings_sheet(result), _counts_sheet(result), _rows_sheet(result)]
    schools = []
    for d in result.per_school():
        d = dict(d, findings=[f for s, f in result.items if s == d["school"]])
        schools.append(d)
    html = render("schedule_report.html.j2", title=title, profile=result.profile.name,
                  summary=result.summary(), schools=schools, levels=LEVEL,
                  unreadable=[f.file for f in result.unreadable])
    with Outputs(directory, "check-schedule") as out:
        out.write(WORKBOOK, lambda p: write_workbook(p, sheets))
        out.write_text(HTML, html)
    return [Path(directory) / WORKBOOK, Path(directory) / HTML]

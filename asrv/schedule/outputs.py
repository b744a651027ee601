"""The outputs of a check: the findings workbook (问题、统计 per school、全区合计、安排) and an HTML
report by school, written together or not at all."""
from __future__ import annotations

from collections import namedtuple
from pathlib import Path

from ..findings import ERROR
from ..out import Outputs, SheetOut, render, title_line, titled, write_workbook
from ..out.findings import LEVEL, findings_sheet
from .days import with_days
from .load import ROW, hhmm
from .result import ScheduleResult

WORKBOOK = "安排检查结果.xlsx"
HTML = "安排检查报告.html"
TITLE = "课后服务安排检查"
_COUNTS = ["安排行数", "错误", "提示"]


def _mark(errors: int, warnings: int) -> str:
    return "error" if errors else "warning" if warnings else "good"


def _rules(result: ScheduleResult) -> list[str]:
    return sorted({f.rule for f in result.findings})


def _schools_sheet(result: ScheduleResult) -> SheetOut:
    rules = _rules(result)
    per = result.by_school
    rows = [[s.school, "、".join(s.files), s.source, s.rows, s.errors, s.warnings]
            + [s.rules.get(r, 0) for r in rules] for s in per]
    marks = {i: _mark(s.errors, s.warnings) for i, s in enumerate(per)}
    return SheetOut("统计", ["学校", "文件", "学校来源", *_COUNTS, *rules], rows, marks=marks)


def _district_sheet(result: ScheduleResult) -> SheetOut:
    """One line for the district: the sum of the 统计 rows, plus what no school owns (skipped files)."""
    s = result.summary()
    rules = _rules(result)
    notes = ["未能使用的文件：" + "、".join(result.labels[f.path] for f in result.unusable)] if result.unusable else []
    # One item per row: a row of 17 and more columns prints as strips across pages.
    items = ["学校数", "文件数", "未能使用的文件数", *_COUNTS, *rules]
    values = [s["schools"], s["files_used"], s["files_unusable"], s["rows"], s["errors"], s["warnings"],
              *(s["rules"].get(r, 0) for r in rules)]
    marks = {items.index("错误"): "error" if s["errors"] else "good", items.index("提示"): "warning" if s["warnings"] else "good"}
    return SheetOut("全区合计", ["项目", "数量"], [list(p) for p in zip(items, values)], notes=notes, marks=marks)


def _rows_sheet(result: ScheduleResult) -> SheetOut:
    """The input rows, each with the rules it broke: the clerk filters on 问题."""
    columns = ["学校", "文件", "行号", "学段", "服务班", "星期", "开始时间", "结束时间", "内容", "类别", "模式",
               "教师", "地点", "问题"]
    s = result.sessions
    if s is None or s.empty:
        return SheetOut("安排", columns, [])
    sheets = dict(zip(s["file"], s["sheet"]))
    hits: dict[tuple[str, int], dict[str, str]] = {}
    for f in result.findings:
        m = ROW.search(f.cell)
        if m and sheets.get(f.file) == f.sheet:
            d = hits.setdefault((f.file, int(m.group(1))), {})
            d[f.rule] = "error" if f.severity == ERROR or d.get(f.rule) == "error" else "warning"
    first = with_days(s, ["file", "row"])
    order = {school.school: i for i, school in enumerate(result.by_school)}
    first = first.assign(_o=first["school"].map(order)).sort_values(["_o", "file", "row"])
    rows, marks = [], {}
    # The columns as plain arrays: pandas hands out the cells of a text column one call each.
    named = ["school", "file", "row", "stage", "group", "days", "start", "end", "activity", "category", "mode",
             "staff", "room"]
    Row = namedtuple("Row", named)
    for i, r in enumerate(map(Row._make, zip(*(first[c].to_numpy(dtype=object) for c in named)))):
        found = hits.get((r.file, r.row), {})
        rows.append([r.school, r.file, r.row, r.stage, r.group, r.days, hhmm(r.start), hhmm(r.end),
                     r.activity, r.category, r.mode, "、".join(r.staff), r.room, "、".join(found)])
        if found:
            marks[i] = "error" if "error" in found.values() else "warning"
    return SheetOut("安排", columns, rows, marks=marks)


def _html(result: ScheduleResult) -> str:
    return render("schedule_report.html.j2", title=TITLE, profile=result.profile.name,
                  summary=result.summary(), schools=result.by_school, levels=LEVEL,
                  batch=[f for f in result.findings if not f.school],
                  unusable=[result.labels[f.path] for f in result.unusable])


def write(result: ScheduleResult, out_dir: str | Path) -> list[Path]:
    """安排检查结果.xlsx and 安排检查报告.html in `out_dir`; both appear together or not at all."""
    sheets = [findings_sheet(result.findings, lead={"学校": lambda f: f.school}), _schools_sheet(result),
              _district_sheet(result), _rows_sheet(result)]
    html = _html(result)
    with Outputs(out_dir, "check-schedule", inputs=[f.path for f in result.files]) as out:
        line = title_line(result.schools, "课后服务安排检查结果", day=result.options.day)
        out.write(WORKBOOK, lambda p: write_workbook(p, titled(sheets, line)))
        out.write_text(HTML, html)
    return [Path(out_dir) / WORKBOOK, Path(out_dir) / HTML]

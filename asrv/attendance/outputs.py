"""The outputs of check-attendance: one district workbook without student names (学校汇总, 考勤汇总 per
group and day, 接送情况 per school and day, 问题), and per school the students' days for billing."""
from __future__ import annotations

import re
from pathlib import Path

from ..out import Outputs, SheetOut, mask_name, title_line, titled, write_workbook
from ..out.findings import findings_sheet
from .result import AttendanceResult
from .summary import STATUS_COLUMNS, WAYS

WORKBOOK = "考勤汇总.xlsx"
STUDENTS = "学生出勤天数.xlsx"
PERCENT = "0.0%"
DATE = "yyyy-mm-dd"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def folder(school: str) -> str:
    return _UNSAFE.sub("_", school).strip(". ") or "未知学校"


def _rate(x):
    return None if x is None or x != x else float(x)


def school_sheet(result: AttendanceResult) -> SheetOut:
    counts: dict[str, list[int]] = {}
    for f in result.findings:
        counts.setdefault(f.school, [0, 0])[0 if f.severity == "error" else 1] += 1
    rows, marks = [], {}
    for i, (school, r) in enumerate(result.rates.items()):
        errors, warnings = counts.get(school, [0, 0])
        rows.append([school, r["records"], r["present"], _rate(r["attendance_rate"]), r["absences"],
                     r["unreported_absences"], r["missing_records"], r["at_school"], r["handed_over"],
                     _rate(r["handover_completeness"]), r["late_pickups"], errors, warnings])
        marks[i] = "error" if errors else "warning" if warnings else "good"
    columns = ["学校", "考勤记录", "实到", "出勤率", "缺勤", "缺勤未告知家长", "未记录", "在校人次", "交接完整",
               "交接完整率", "接送过晚", "错误", "提示"]
    return SheetOut("学校汇总", columns, rows, number_formats={"出勤率": PERCENT, "交接完整率": PERCENT},
                    marks=marks)


def daily_sheet(result: AttendanceResult) -> SheetOut:
    d = result.daily
    rows = [[r.school, r.date.date(), r.group, r.expected, r.records, r.present,
             *(getattr(r, s) for s in STATUS_COLUMNS), r.missing, _rate(r.rate)] for r in d.itertuples(index=False)]
    columns = ["学校", "日期", "服务班", "应到", "考勤记录", "实到", *STATUS_COLUMNS, "未记录", "出勤率"]
    return SheetOut("考勤汇总", columns, rows, number_formats={"日期": DATE, "出勤率": PERCENT},
                    notes=["应到：名单中当天参加的学生；实到：计入出勤率的状态；出勤率 = 实到 ÷ 考勤记录"])


def pickup_sheet(result: AttendanceResult) -> SheetOut:
    p = result.pickups
    rows = [[r.school, r.date.date(), r.present, r.recorded, r.complete, *(getattr(r, w) for w in WAYS), r.late,
             r.complete / r.present if r.present else None] for r in p.itertuples(index=False)]
    columns = ["学校", "日期", "在校人数", "有离校记录", "交接完整", *WAYS, "接送过晚", "交接完整率"]
    return SheetOut("接送情况", columns, rows, number_formats={"日期": DATE, "交接完整率": PERCENT},
                    notes=["交接完整：有离校时间、接送人（自行离校、交门卫除外）和交接教师"])


def students_sheet(result: AttendanceResult, school: str) -> SheetOut:
    s = result.students[result.students["school"] == school]
    mask = result.options.mask
    rows = [[r.group, r.student_id, mask_name(r.name) if mask else r.name, r.expected,
             *(getattr(r, k) for k in STATUS_COLUMNS), r.missing, r.billed] for r in s.itertuples(index=False)]
    columns = ["服务班", "学号", "姓名", "应到天数", *STATUS_COLUMNS, "未记录", "计费天数"]
    billed = "、".join(result.profile["attendance.fees.billed"]) if result.profile is not None else ""
    return SheetOut("学生出勤天数", columns, rows,
                    notes=[f"{school} 学生出勤天数（计费天数：{billed}）" + ("；姓名已遮挡" if mask else "")])


def write(result: AttendanceResult, out_dir: str | Path) -> list[Path]:
    district = [school_sheet(result), daily_sheet(result), pickup_sheet(result),
                findings_sheet(result.findings, lead={"学校": lambda f: f.school})]
    written = []
    with Outputs(out_dir, "check-attendance", inputs=[f.path for f in result.files]) as outputs:
        line = title_line(result.schools, "课后服务考勤汇总", day=result.options.day)
        written.append(outputs.write(WORKBOOK, lambda p: write_workbook(p, titled(district, line))))
        for school in result.rates:
            sheets = titled([students_sheet(result, school)], title_line(school, "学生出勤天数", day=result.options.day))
            written.append(outputs.write(f"{folder(school)}/{STUDENTS}", lambda p, s=sheets: write_workbook(p, s)))
    return written

"""Building attendance workbooks for the tests and the benchmark (no tests here).

`clean()` is one school's fortnight with nothing wrong: every rule test changes one cell of it.
Rows are dicts keyed by the Chinese header; row i of a sheet is Excel row i + 2.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.utils import get_column_letter

SCHOOL = "第一实验小学"
GROUP = "三(2)班托管"
HEAD = {
    "名单": ["学期", "学校", "服务班", "学号", "姓名", "班级", "参加日"],
    "考勤": ["日期", "服务班", "学号", "姓名", "状态", "点名时间", "告知家长时间", "记录人", "录入日期"],
    "离校": ["日期", "学号", "离校时间", "方式", "接送人", "交接教师"],
    "授权接送人": ["学号", "接送人", "关系", "有效期"],
    "教师签到": ["日期", "姓名", "签到时间", "签退时间"],
}
# 2026-09-07 is a Monday.
DAYS = [dt.date(2026, 9, 7) + dt.timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]


def sid(i: int) -> str:
    return f"20263{i:03d}"


def clean(students: int = 4, days=DAYS, group: str = GROUP, school: str = SCHOOL) -> dict[str, list[dict]]:
    roster = [{"学期": "2026秋", "学校": school, "服务班": group, "学号": sid(i), "姓名": f"学生{i}",
               "班级": "三(2)班", "参加日": "周一至周五"} for i in range(students)]
    att, dep = [], []
    for d in days:
        for i in range(students):
            att.append({"日期": d, "服务班": group, "学号": sid(i), "姓名": f"学生{i}", "状态": "到",
                        "点名时间": "16:10", "告知家长时间": None, "记录人": "王芳", "录入日期": d})
            dep.append({"日期": d, "学号": sid(i), "离校时间": "17:40", "方式": "家长接", "接送人": f"家长{i}",
                        "交接教师": "王芳"})
    guardians = [{"学号": sid(i), "接送人": f"家长{i}", "关系": "父亲", "有效期": None} for i in range(students)]
    signin = [{"日期": d, "姓名": "王芳", "签到时间": "16:00", "签退时间": "17:45"} for d in days]
    return {"名单": roster, "考勤": att, "离校": dep, "授权接送人": guardians, "教师签到": signin}


def cell(sheet: str, header: str, i: int, heads: dict | None = None) -> str:
    """The cell of row i's `header` as the reader reports it: `考勤!E3`."""
    cols = (heads or HEAD)[sheet]
    return f"{sheet}!{get_column_letter(cols.index(header) + 1)}{i + 2}"


def write(path: Path, sheets: dict[str, list[dict]], heads: dict | None = None) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        cols = (heads or HEAD).get(title) or list(rows[0])
        ws = wb.create_sheet(title)
        ws.append(cols)
        for r in rows:
            ws.append([r.get(c) for c in cols])
    wb.save(path)
    return path


def at(findings, rule: str) -> set[str]:
    """The places (`考勤!E3`) of a rule's findings."""
    return {f"{f.sheet}!{f.cell}" for f in findings if f.rule == rule}


def rows_of(sheets: dict, sheet: str, **match) -> list[int]:
    return [i for i, r in enumerate(sheets[sheet]) if all(r.get(k) == v for k, v in match.items())]

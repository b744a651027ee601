"""Building schedule workbooks for the tests and the benchmark (no tests here)."""
from __future__ import annotations

from pathlib import Path

SCHED_HEAD = ["学校", "学段", "年级", "服务班", "星期", "开始时间", "结束时间", "内容", "类别", "模式",
              "书面作业", "教师", "地点", "人数"]
STAFF_HEAD = ["姓名", "类型", "所属机构", "机构类型", "资质", "协议", "不良记录", "准入"]
SCHOOL_HEAD = ["学校", "学段", "放学时间", "下班时间"]
_KEYS = ["school", "stage", "grade", "group", "day", "start", "end", "activity", "category", "mode",
         "homework", "staff", "room", "students"]
_DEFAULT = dict(school="一小", stage="小学", grade="三年级", group="三(1)班", day="周一", start="16:30",
                end="17:30", activity="课外阅读", category="阅读", mode="", homework="否", staff="王芳",
                room="301", students=40)


def session(**kw) -> list:
    d = {**_DEFAULT, **kw}
    return [d[k] for k in _KEYS]


def person(name: str, kind: str = "本校教职工", org: str = "", org_kind: str = "", qualified: str = "",
           contract: str = "", bad: str = "否", admitted: str = "") -> list:
    return [name, kind, org, org_kind, qualified, contract, bad, admitted]


def week(**kw) -> list[list]:
    """The same session on Monday to Friday, one row each."""
    return [session(day=d, **kw) for d in ("周一", "周二", "周三", "周四", "周五")]


def write_book(path: Path, sessions: list[list], staff: list[list] | None = None,
               schools: list[list] | None = None, title: str | None = None) -> Path:
    """安排 (with `title` as a clerk's title row above the header), 人员 (everyone named, as 本校教职工,
    unless `staff`), and 学校 when `schools` is given."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "安排"
    if title:
        ws.append([title])
    ws.append(SCHED_HEAD)
    for row in sessions:
        ws.append(row)
    ws2 = wb.create_sheet("人员")
    ws2.append(STAFF_HEAD)
    names = {n for row in sessions for n in str(row[11]).split("、") if n}
    for row in staff if staff is not None else [person(n) for n in sorted(names)]:
        ws2.append(row)
    if schools:
        ws3 = wb.create_sheet("学校")
        ws3.append(SCHOOL_HEAD)
        for row in schools:
            ws3.append(row)
    wb.save(path)
    return path


def drop_columns(path: Path, sheet: str, headers: list[str]) -> Path:
    """Remove the columns with these headers (first row) from one sheet of a saved workbook."""
    from openpyxl import load_workbook
    wb = load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    for i in sorted((head.index(h) + 1 for h in headers), reverse=True):
        ws.delete_cols(i)
    wb.save(path)
    return path

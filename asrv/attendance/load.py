"""Reading one attendance workbook (or a staff sign-in file such as a card-machine export) through the
shared reader: its tables and its school, or InputError with every problem found."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled, read_filled_sheets
from ..io import Table, open_workbook
from ..io.reader import find_sheet, header_fields
from .frames import Loaded, blank_cells, file_school
from .sheets import ATTENDANCE, CARD, DEPARTURES, GUARDIANS, ROSTER, STAFF_SIGNIN

SIGNIN_ROLE = "签到"
DEPARTURE_FIELDS = ("left_at", "method", "picker", "teacher")
# Cells that must hold a value on every row read.
NEEDED = {"roster": ("group", "student_id"), "attendance": ("date", "group", "student_id", "status"),
          "departures": ("date", "student_id"), "guardians": ("student_id", "picker"),
          "staff_signin": ("date", "name", "signed_in"), "card": ("name", "punched")}


def read_file(path: Path, given: str | None = None) -> Loaded:
    """One file's tables; a workbook with no 名单 or 考勤 but staff sign-ins is a sign-in file."""
    book = open_workbook(path)
    problems: list[Finding] = []
    # A card export whose sheet happens to be called 考勤 is still a card export.
    main = [s for s in (find_sheet(book, ROSTER), find_sheet(book, ATTENDANCE))
            if s is not None and "punched" not in header_fields(book, s, CARD)]
    signin = _signin(book, problems)
    if not main and signin:
        tables, role = signin, SIGNIN_ROLE
    else:
        tables, role = read_filled_sheets(book, (ROSTER, ATTENDANCE, DEPARTURES, GUARDIANS), problems), ""
        tables.update(signin)
        att = tables.get("attendance")
        if att is not None and "departures" not in tables and not any(att.has(f) for f in DEPARTURE_FIELDS):
            problems.append(Finding("READ-SHEET", ERROR, "缺少工作表「离校」（或在「考勤」表中填写离校时间、方式、接送人、"
                                    "交接教师列），无法核对离校交接", file=book.file, sheet=DEPARTURES.title))
    for kind, t in tables.items():
        blank_cells(t, NEEDED[kind], problems)
    _card_days(tables.get("card"), problems)
    if problems:
        raise InputError(problems)
    school, source = file_school(path, tables.values(), given, book)
    return Loaded(path, school, source, tables, role)


def signin_only(item: Loaded) -> bool:
    return item.role == SIGNIN_ROLE


def _signin(book, problems: list[Finding]) -> dict[str, Table]:
    """The 教师签到 sheet (either layout), else any sheet laid out as a card-machine export."""
    sheet = find_sheet(book, STAFF_SIGNIN)
    if sheet is not None:
        card = "punched" in header_fields(book, sheet, CARD)
        t = read_filled(book, CARD if card else STAFF_SIGNIN, problems, sheet=sheet)
        return {} if t is None else {"card" if card else "staff_signin": t}
    for name in book.sheet_names:
        if {"name", "punched"} <= header_fields(book, name, CARD):
            t = read_filled(book, CARD, problems, sheet=name)
            return {} if t is None else {"card": t}
    return {}


def _card_days(t: Table | None, problems: list[Finding]) -> None:
    """A swipe without its date cannot be placed on a day."""
    if t is None:
        return
    for line in t.df.index[t.df["punched"].map(lambda v: isinstance(v, dt.time))]:
        problems.append(Finding("CELL-TIME", ERROR, "「考勤时间」只有时间、没有日期，无法确定是哪一天的签到",
                                **t.where("punched", line)))

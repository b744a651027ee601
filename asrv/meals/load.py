"""Reading lunch workbooks through the shared reader, and every file's tables as one set of frames
(dates as datetime64, a blank 餐次 as the profile's default meal), each row leading to its cell."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..attendance.frames import Loaded, Sources, blank_cells, dates, file_school, per_value, stacked, text
from ..findings import Finding, InputError
from ..examples import read_filled_sheets
from ..io import open_workbook
from ..io.keys import school_order
from .sheets import ALL

NEEDED = {"meal_days": ("date", "open"), "meals": ("date", "needed", "served"), "accompany": ("date", "person"),
          "samples": ("date", "dish")}
COLUMNS = {
    "meal_days": ("date", "meal", "open"),
    "meals": ("date", "meal", "grade", "class", "needed", "served"),
    "accompany": ("date", "meal", "person", "title", "quality", "hygiene", "issue", "fix", "fixed_on"),
    "samples": ("date", "meal", "dish", "grams", "kept_at", "destroyed_at"),
}


def read_file(path: Path, given: str | None = None) -> Loaded:
    book = open_workbook(path)
    problems: list[Finding] = []
    tables = read_filled_sheets(book, ALL, problems)
    for kind, t in tables.items():
        blank_cells(t, NEEDED[kind], problems)
    if problems:
        raise InputError(problems)
    school, source = file_school(path, tables.values(), given, book)
    return Loaded(path, school, source, tables)


@dataclass
class Data:
    sources: Sources
    frames: dict[str, pd.DataFrame]
    with_calendar: set[str]     # schools that gave a 开餐日历
    with_samples: set[str]      # schools that gave a 留样 sheet
    schools: list[str]

    def __getitem__(self, kind: str) -> pd.DataFrame:
        return self.frames[kind]


def build(loaded: list[Loaded], given: bool, default_meal: str) -> Data:
    sources = Sources()
    parts: dict[str, list[tuple]] = {k: [] for k in COLUMNS}
    for item in loaded:
        for kind, table in item.tables.items():
            parts[kind].append((table, sources.add(table), item.school))
    frames = {}
    for kind, got in parts.items():
        df = stacked(got, given, COLUMNS[kind])
        df = df.assign(date=dates(df["date"]), meal=per_value(df["meal"], str, default_meal))
        frames[kind] = df.rename(columns={"class": "klass"})
    a = frames["accompany"]
    m = frames["meals"]
    frames["meals"] = m.assign(grade=text(m["grade"]), klass=text(m["klass"]))
    frames["accompany"] = a.assign(**{k: text(a[k]) for k in ("person", "title", "quality", "hygiene", "issue", "fix")},
                                   fixed_on=dates(a["fixed_on"]))
    schools = sorted(set(frames["meals"]["school"]) | set(frames["accompany"]["school"]), key=school_order)
    return Data(sources, frames, set(frames["meal_days"]["school"]), set(frames["samples"]["school"]), schools)


def meal_days(data: Data, meals: list[str]) -> pd.DataFrame:
    """(school, date, meal, tab, line): the 开餐日历's open days, else the days 就餐 shows a need; the
    row is where a finding about that day is put."""
    cal = data["meal_days"]
    cal = cal[(cal["open"] == "是") & cal["meal"].isin(meals)]
    rows = data["meals"]
    rows = rows[~rows["school"].isin(data.with_calendar) & rows["meal"].isin(meals)
                & rows["needed"].map(lambda n: n is not None and n > 0)]
    days = pd.concat([cal, rows], ignore_index=True)
    return days.drop_duplicates(["school", "date", "meal"])[["school", "date", "meal", "tab", "line"]]

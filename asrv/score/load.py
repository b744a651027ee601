"""One classes workbook (classes.xlsx) → one school's checked tables, or every input error at once.

A workbook is one school: named by `--school`, else the 班级 sheet's title row or a 学校 cell above
its header, else the file name (asrv.io.school). Classes are keyed by their class id
(asrv.io.keys), so `三（2）班`, `三年级2班` and `3(2)班` are one class and `五(1)班（英语实验班2）` is
another than `五(1)班`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled
from ..io import Table, open_workbook
from ..io.keys import class_id
from ..io.school import FILENAME, school_of
from ..profile import Profile
from . import rules
from . import sheets as S

PROFILE = "配置"   # the school named by score.school, for a single file that names none


@dataclass
class SchoolBook:
    path: Path
    school: str
    school_source: str
    tables: dict[str, Table]
    order: dict[str, int]        # class id -> position in the 班级 sheet
    names: dict[str, str]        # class id -> the name as written in 班级
    cells: dict[str, dict]       # class id -> where its 班级 cell is, for findings about the class
    warnings: list[Finding] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.path.name

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


def load(path: Path, profile: Profile, school: str | None = None, default: str | None = None) -> SchoolBook:
    """`school`: --school; `default`: the profile's school, for a file that names none."""
    book = open_workbook(path)
    problems: list[Finding] = []
    tables = {}
    for spec in S.ALL:
        t = read_filled(book, spec, problems)
        if t is not None:
            tables[spec.name] = t
    classes = tables.get("classes")
    name, source = school_of(path, titles=classes.titles if classes else (),
                             rows=above_header(book, classes), given=school)
    if source == FILENAME and default:
        name, source = default, PROFILE
    if classes is None or "ratings" not in tables:
        _fail(problems, name)
    # Go on checking what could be read, so the clerk gets every problem in one pass;
    # a cell already reported as unreadable is not reported again as blank.
    bad = {(f.sheet, f.cell) for f in problems}
    rules.check_class_names(classes, profile, problems)
    order, names, cells = _class_list(classes, profile, problems)
    for t in tables.values():
        if t is not classes:
            check_classes(t, names, profile, problems)
    rules.check_ratings(tables["ratings"], profile, problems, bad)
    if "awards" in tables:
        rules.check_awards(tables["awards"], profile, problems, bad)
    if "incidents" in tables:
        rules.check_deductions(tables["incidents"], profile, problems)
    if any(f.severity == ERROR for f in problems):
        _fail(problems, name)
    warnings = [f.at_school(name) for f in problems]
    return SchoolBook(Path(path), name, source, tables, order, names, cells, warnings)


def _fail(problems: list[Finding], school: str):
    raise InputError([f.at_school(school) for f in problems])


def above_header(book, t: Table | None) -> list[list]:
    """The rows above the 班级 header, where a `学校：…` cell may stand."""
    if t is None:
        return []
    return book.grid(t.sheet)[0][:max(t.header_row - 1, 0)]


def _class_list(classes: Table, profile: Profile, problems: list[Finding]) -> tuple[dict, dict, dict]:
    order: dict[str, int] = {}
    names: dict[str, str] = {}
    cells: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    for row, name in classes.df["class"].items():
        if name is None:
            rules.add(problems, profile, "CELL-BLANK", "「班级」不能为空", **classes.where("class", row))
            continue
        key = class_id(name)
        if key in order:
            rules.add(problems, profile, "CLASS-DUPLICATE",
                      f"班级「{name}」重复（第 {first_row[key]} 行已有「{names[key]}」）", value=name,
                      **classes.where("class", row))
            continue
        order[key], names[key], first_row[key] = len(order), name, row
        cells[key] = classes.where("class", row)
    return order, names, cells


def class_ids(column: pd.Series, blank_is_none: bool = False) -> pd.Series:
    """The class id of every cell, worked out once per distinct name (a 体测 sheet repeats each class
    for every student); with `blank_is_none`, None where the cell is None."""
    ids: dict = {(type(None), None): None} if blank_is_none else {}
    out = []
    for name in column.tolist():
        seen = (type(name), name)  # 1 and 1.0 are one dict key but two spellings
        key = ids.get(seen, ids)
        if key is ids:
            key = ids[seen] = class_id(name)
        out.append(key)
    return pd.Series(out, index=column.index, dtype=object)


def check_classes(t: Table, names: dict[str, str], profile: Profile, problems: list[Finding]) -> None:
    """Every class named in another sheet is in 班级."""
    keys = class_ids(t.df["class"], blank_is_none=True)
    for row in keys.index[keys.isna()]:
        rules.add(problems, profile, "CELL-BLANK", "「班级」不能为空", **t.where("class", row))
    for row in keys.index[keys.notna() & ~keys.isin(list(names))]:
        name = t.df.at[row, "class"]
        rules.add(problems, profile, "CLASS-UNKNOWN", f"班级「{name}」不在「班级」表中", value=name,
                  **t.where("class", row))


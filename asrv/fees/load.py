"""One fee workbook → the requested term's rows of every sheet, each row with its school; or
InputError with every problem of that file. `combine` joins the usable files of a batch."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled_sheets
from ..io import Table, open_workbook
from ..io.cells import clean_text, is_blank
from ..io.keys import school_order
from ..io.school import COLUMN, FILENAME, GIVEN, school_of
from ..io.terms import Term, parse_term
from ..profile import Profile
from .money import cents
from .sheets import ALL, BASIC

MONEY = {"enrollment": ("fee", "materials"), "payments": ("amount",), "expenses": ("amount",),
         "subsidy": ("amount",), "courses": ("fee",)}
# Cells that must hold a value on every row that is read: a payment without an amount is not one.
NEEDED = {"enrollment": ("student_id", "mode"), "payments": ("student_id", "amount"),
          "expenses": ("category", "amount"), "subsidy": ("amount",), "courses": ("course",)}
COLUMNS = {
    "enrollment": ("school", "class", "student_id", "name", "mode", "course", "fee", "materials", "hardship",
                   "priority_group"),
    "payments": ("school", "student_id", "name", "date", "amount", "payee"),
    "expenses": ("school", "date", "category", "amount", "note"),
    "subsidy": ("school", "date", "amount", "note"),
    "courses": ("school", "course", "mode", "fee", "materials_standard", "time", "content", "provider"),
}
PROFILE_SCHOOL = "配置 fees.school"


@dataclass
class FeeFile:
    """One usable workbook: its sheets and the term's rows of each, `school` filled in."""
    tables: dict[str, Table]
    frames: dict[str, pd.DataFrame]
    school: str   # the file's school (several joined with 、)
    source: str   # how it was found: 学校列, 标题行, 学校单元格, 文件名, --school


@dataclass
class FeeData:
    """The requested term's rows of every usable file, money in 分; `_tab`/`_row` lead back to the cell."""
    term: Term
    files: list[str]
    tables: list[Table]
    frames: dict[str, pd.DataFrame]
    # Schools whose files have the sheet at all: a missing sheet is not an empty one.
    has_sheet: dict[str, set[str]] = field(default_factory=dict)
    no_payee_column: list[tuple[Table, str]] = field(default_factory=list)

    def __getitem__(self, kind: str) -> pd.DataFrame:
        return self.frames[kind]

    def where(self, tab: int, name: str, row: int) -> dict:
        return self.tables[int(tab)].where(name, int(row))


def read_file(path: Path, term: Term, profile: Profile, given: str | None = None) -> FeeFile:
    """The term's rows of one workbook; InputError when a sheet, column or cell cannot be read, or the
    报名 sheet has no row of the term."""
    book = open_workbook(path)
    problems: list[Finding] = []
    tables = read_filled_sheets(book, ALL, problems)
    seen: set[str] = set()
    kept = {kind: _this_term(t, term, problems, seen) for kind, t in tables.items()}
    school, source, fill = _file_school(book.path, tables.get("enrollment"), kept.get("enrollment"), profile, given)
    frames = {}
    for kind, df in kept.items():
        _needed(tables[kind], df, kind, problems)
        frames[kind] = df.assign(school=_schools(tables[kind], df, kind, fill, problems))
    if "enrollment" in kept and kept["enrollment"].empty:
        found = "、".join(sorted(seen)) or "无"
        problems.append(Finding("FEE-TERM", ERROR, f"报名表中没有 {term.label}（{term.title}）的记录；表中的学期：{found}",
                                file=book.file, sheet=tables["enrollment"].sheet))
    if problems:
        raise InputError([p.at_school(fill["only"] or "") for p in problems])
    return FeeFile(tables, frames, school, source)


def combine(files: list[FeeFile], term: Term) -> FeeData:
    data = FeeData(term, [], [], {k: [] for k in COLUMNS}, {k: set() for k in COLUMNS})
    for f in files:
        schools = set(pd.unique(f.frames["enrollment"]["school"].to_numpy(dtype=object)))
        data.files.append(f.tables["enrollment"].file)
        for kind, t in f.tables.items():
            df = f.frames[kind]
            data.frames[kind].append(df.assign(_tab=len(data.tables), _row=df.index))
            data.tables.append(t)
            data.has_sheet[kind].update(schools | set(pd.unique(df["school"].to_numpy(dtype=object))))
            if kind == "payments" and not t.has("payee") and len(df):
                data.no_payee_column.append((t, f.school))
    data.frames = {kind: _combine(kind, parts) for kind, parts in data.frames.items()}
    return data


def _this_term(t: Table, term: Term, problems: list[Finding], seen: set[str]) -> pd.DataFrame:
    if not t.has("term"):
        return t.df  # no 学期 column: the whole sheet is the requested term
    parsed = {}
    for v in pd.unique(t.df["term"].array):
        if is_blank(v):
            parsed[v] = None
            continue
        try:
            parsed[v] = parse_term(v)
            seen.add(parsed[v].label)
        except ValueError as exc:
            parsed[v] = exc
    # Each distinct value compared once: a Term's == is a Python call, and a sheet has a row per child.
    kept = {v: p == term for v, p in parsed.items()}
    if any(p is None or isinstance(p, ValueError) for p in parsed.values()):
        for row, v in t.df["term"].items():
            p = parsed[v]
            if p is None or isinstance(p, ValueError):
                reason = "「学期」空白" if p is None else f"「学期」{p}，实际为「{clean_text(v)}」"
                problems.append(Finding("CELL-TERM", ERROR, reason, value=None if p is None else clean_text(v),
                                        **t.where("term", row)))
    return t.df[[kept[v] for v in t.df["term"].to_numpy(dtype=object)]]


def _needed(t: Table, df: pd.DataFrame, kind: str, problems: list[Finding]) -> None:
    for name in NEEDED[kind]:
        for row in df.index[each_distinct(df[name], is_blank).to_numpy(dtype=bool)]:
            problems.append(Finding("CELL-BLANK", ERROR, f"「{t.spec.field(name).header}」空白", **t.where(name, row)))


def _file_school(path: Path, table: Table | None, enr: pd.DataFrame | None, profile: Profile,
                 given: str | None) -> tuple[str, str, dict]:
    """The file's school(s), how they were found, and what fills a row that names none:
    `only` (the one school) or, in a file of several schools, the school of a payer's 学号."""
    named = [] if enr is None or "school" not in enr else \
        list(dict.fromkeys(clean_text(s) for s in _in_order(enr["school"]) if not is_blank(s)))
    if given:
        return given, GIVEN, {"given": given, "only": given, "by_student": {}}
    if len(named) > 1:
        pairs = enr[["student_id", "school"]].dropna().drop_duplicates()
        counts = pairs["student_id"].value_counts()
        by_student = {sid: s for sid, s in pairs.itertuples(index=False) if counts[sid] == 1}
        return "、".join(sorted(named, key=school_order)), COLUMN, {"only": None, "by_student": by_student}
    name, source = school_of(path, named, table.titles if table is not None else ())
    if source == FILENAME and profile["fees.school"]:
        name, source = profile["fees.school"], PROFILE_SCHOOL
    return name, source, {"only": name, "by_student": {}}


def _schools(t: Table, df: pd.DataFrame, kind: str, fill: dict, problems: list[Finding]) -> pd.Series:
    if fill.get("given"):
        return pd.Series(fill["given"], index=df.index, dtype=object)
    given = df["school"] if "school" in df else pd.Series(None, index=df.index, dtype=object)
    blank = each_distinct(given, is_blank).to_numpy(dtype=bool)
    out = each_distinct(given, lambda v: None if is_blank(v) else clean_text(v)).to_numpy(dtype=object, copy=True)
    for i in np.flatnonzero(blank):  # only a row that names no school needs a look of its own
        row = given.index[i]
        guess = fill["by_student"].get(df.at[row, "student_id"]) if kind == "payments" else None
        guess = guess or fill["only"]
        if guess is None:
            where = t.where("school", row) if t.has("school") else {"file": t.file, "sheet": t.sheet, "cell": f"A{row}"}
            problems.append(Finding("SCHOOL-UNKNOWN", ERROR, "「学校」空白，本文件含多所学校，无法确定属于哪一所",
                                    **where))
        out[i] = guess
    return pd.Series(out, index=df.index, dtype=object)


def _combine(kind: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    cols = [*COLUMNS[kind], "_tab", "_row"]
    parts = [p.reindex(columns=cols) for p in parts if len(p)]
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    for name in MONEY[kind]:
        df[name] = each_distinct(df[name], lambda v: 0 if is_blank(v) else cents(v)).astype("int64")
    if kind == "enrollment":
        df["hardship"] = each_distinct(df["hardship"], lambda v: v is True or v == "是").astype(bool)
        df["personal"] = df["mode"] != BASIC
    # Text fields come from the reader cleaned (asrv.io.Table): only a blank needs its "". The school
    # may be a file name's, so it is cleaned here.
    df["school"] = each_distinct(df["school"], lambda v: "" if is_blank(v) else clean_text(v))
    for name in ("student_id", "course", "category", "payee", "class", "name"):
        if name in df:
            df[name] = each_distinct(df[name], _cleaned)
    df["_tab"] = df["_tab"].astype("int64")
    df["_row"] = df["_row"].astype("int64")
    return df


def _cleaned(v) -> str:
    return "" if is_blank(v) else v if type(v) is str else clean_text(v)


def each_distinct(col: pd.Series, fn) -> pd.Series:
    """`col.map(fn)`, dtype included, with fn called once per distinct value: a district's 150,000 rows
    hold a few thousand. Values of several types (学号 typed as numbers and as text) are taken one type
    at a time, since 1 == True == 1.0 share a key."""
    cells = col.to_numpy(dtype=object)
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if len(set(map(type, cells[codes != -1]))) > 1:
        return _each_of_each_type(col, cells, fn)
    keys = list(uniques)
    if (codes == -1).any():  # None and NaN both factorize to -1: one key only when both give one result
        nulls = pd.unique(cells[codes == -1])
        if len({repr(fn(v)) for v in nulls}) > 1:
            return col.map(fn)
        keys.append(nulls[0])
        codes = np.where(codes == -1, len(keys) - 1, codes)
    done = pd.Series(keys, dtype=object).map(fn)
    return done.take(codes).set_axis(col.index)


def _each_of_each_type(col: pd.Series, cells: np.ndarray, fn) -> pd.Series:
    """`col.map(fn)` for a column of several types: each type's cells through each_distinct on their
    own, and the results' dtype inferred as map infers it."""
    types = np.fromiter(map(type, cells), dtype=object, count=len(cells))
    out = np.empty(len(cells), dtype=object)
    for t in set(types):
        at = np.flatnonzero(types == t)
        out[at] = each_distinct(col.iloc[at], fn).to_numpy(dtype=object)
    return pd.Series(out, index=col.index, dtype=object).infer_objects()


def _in_order(col: pd.Series) -> list:
    """The distinct values in the order they first come; every value when some could share a key (1, True)."""
    cells = col.to_numpy(dtype=object)
    return list(pd.unique(cells)) if set(map(type, cells)) <= {str, type(None)} else list(cells)

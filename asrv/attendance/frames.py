"""Rows of many files in one frame, each leading back to its cell, and findings emitted from frames.

Shared by check-attendance and check-meals: every table read goes into `Sources`; a frame row keeps
`tab` (which table) and `line` (its Excel row), so a finding names the file, sheet and cell.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from .. import registry
from ..findings import ERROR, Finding
from ..io import Table
from ..io.cells import clean_text, is_blank
from ..io.school import school_of

_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
_SPACE = re.compile(r"\s+")


def person(v: object) -> str:
    """A person's name as written in two places: `张 大勇`, `张大勇（父亲）` and `张大勇` are one."""
    if is_blank(v):
        return ""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", clean_text(v)))
    return _TAIL.sub("", s) or s


def per_value(s: pd.Series, fn: Callable, blank: object = "") -> pd.Series:
    """`fn` applied once per distinct value (30,000 rows hold a few hundred); `blank` for None/NaN."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    done = [fn(v) for v in uniques] + [blank]
    out = pd.Series(done, dtype=object).to_numpy()[codes] if len(s) else []
    return pd.Series(out, index=s.index, dtype=object)


def text(s: pd.Series) -> pd.Series:
    return per_value(s, lambda v: "" if is_blank(v) else clean_text(v))


def minutes(v: object) -> float:
    return float("nan") if not isinstance(v, dt.time) else v.hour * 60 + v.minute


def hhmm(m: float) -> str:
    return "" if m != m else f"{int(m) // 60}:{int(m) % 60:02d}"


def day(ts) -> str:
    return f"{ts:%Y-%m-%d}" if ts == ts and ts is not None else ""


@dataclass
class Loaded:
    """One input file read: its tables by kind, its school and how that was found, its role."""
    path: Path
    school: str
    school_source: str
    tables: dict[str, Table]
    role: str = ""


@dataclass
class Sources:
    tables: list[Table] = field(default_factory=list)

    def add(self, table: Table) -> int:
        self.tables.append(table)
        return len(self.tables) - 1

    def where(self, tab: int, fields: str | tuple[str, ...], line: int) -> dict:
        """The cell of the first of `fields` the table has (the first field's row when none)."""
        t = self.tables[int(tab)]
        names = (fields,) if isinstance(fields, str) else fields
        name = next((n for n in names if t.has(n)), None)
        if name is None:
            return {"file": t.file, "sheet": t.sheet, "cell": f"A{int(line)}"}
        return t.where(name, int(line))


def file_school(path: Path, tables: Iterable[Table], given: str | None, book=None) -> tuple[str, str]:
    """The school of a file and how it was found (学校 column, title row, 学校 cell above a header,
    file name)."""
    tables = list(tables)
    names = [v for t in tables if t.has("school") for v in t.df["school"]]
    titles = [s for t in tables for s in t.titles]
    above = [r for t in tables[:1] for r in book.grid(t.sheet)[0][:max(t.header_row - 1, 0)]] if book else None
    return school_of(path, names, titles, above, given)


def stacked(parts: list[tuple[Table, int, str]], given: bool, columns: Iterable[str]) -> pd.DataFrame:
    """The tables of `parts` (table, tab, school) one under another: their `columns` (NaN where a sheet
    lacks one), each row's school (its 学校 cell, else the file's), `tab` and `line`; no row for no
    table. Built one array a column: a frame per table and their concatenation cost 5 ms a table,
    and a district's lunch workbooks hold hundreds."""
    columns = list(columns)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in (*columns, "school", "tab", "line")})
    sizes = [len(t.df) for t, _, _ in parts]
    out = {}
    for c in columns:
        out[c] = pd.Series(np.concatenate([t.df[c].to_numpy(dtype=object) if c in t.df.columns else
                                    np.full(n, np.nan, dtype=object) for (t, _, _), n in zip(parts, sizes)]),
                           dtype=object)  # as read: no str or datetime64 inferred from the cells
    own = [t.has("school") and not given for t, _, _ in parts]
    raw = np.concatenate([t.df["school"].to_numpy(dtype=object) if mine else np.full(n, "", dtype=object)
                   for (t, _, _), n, mine in zip(parts, sizes, own)])
    named = text(pd.Series(raw, dtype=object)).to_numpy(dtype=object)
    school = np.repeat(np.array([s for _, _, s in parts], dtype=object), sizes)
    out["school"] = pd.Series(np.where(named != "", named, school), dtype=object if any(own) else "str")
    out["tab"] = np.repeat(np.array([tab for _, tab, _ in parts], dtype=np.int64), sizes)
    out["line"] = np.concatenate([t.df.index.to_numpy(dtype=np.int64) for t, _, _ in parts])
    return pd.DataFrame(out)


def dates(s: pd.Series) -> pd.Series:
    """Dates as datetime64 of one resolution, so frames of every file and sheet join."""
    return pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")


def blank_cells(table: Table | None, fields: Iterable[str], problems: list[Finding]) -> None:
    """Cells that must hold a value on every row read: CELL-BLANK at each, never the row dropped."""
    if table is None:
        return
    for name in fields:
        if not table.has(name):
            continue
        header = table.spec.field(name).header
        # The reader leaves blank cells as None, and cells it could not parse (said at the cell already).
        said = {(f.sheet, f.cell) for f in problems if f.file == table.file}
        for line in table.df.index[table.df[name].isna()]:
            where = table.where(name, line)
            if (where["sheet"], where["cell"]) not in said:
                problems.append(Finding("CELL-BLANK", ERROR, f"「{header}」不能为空", **where))


def emit(out: list[Finding], profile, sources: Sources, rule: str, rows: pd.DataFrame,
         fields: str | tuple[str, ...], message: Callable, value: Callable | None = None,
         severity: str | None = None) -> None:
    """One finding of `rule` per row of `rows` (which have school, tab and line), at the row's cell."""
    if rows.empty or registry.level(profile, rule) == "off":
        return
    for r in rows.itertuples(index=False):
        where = sources.where(r.tab, fields, r.line)
        f = registry.finding(profile, rule, message(r), severity=severity, school=r.school,
                             value=None if value is None else value(r), **where)
        if f is not None:
            out.append(f)

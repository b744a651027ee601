"""Reading fee workbooks: every sheet through the shared reader, the requested term's rows only."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..io import Table, open_workbook, read_sheets
from ..io.cells import clean_text, is_blank
from ..profile import Profile
from .money import cents
from .sheets import ALL, BASIC
from ..io.terms import Term, parse_term

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


@dataclass
class FeeData:
    """The requested term's rows of every file, money in 分; `_tab`/`_row` lead back to the cell."""

    term: Term
    files: list[str]
    tables: list[Table]
    frames: dict[str, pd.DataFrame]
    # Schools whose files have the sheet at all: a missing sheet is not an empty one.
    has_sheet: dict[str, set[str]] = field(default_factory=dict)
    no_payee_column: list[Table] = field(default_factory=list)

    def __getitem__(self, kind: str) -> pd.DataFrame:
        return self.frames[kind]

    def where(self, tab: int, name: str, row: int) -> dict:
        return self.tables[tab].where(name, int(row))


def load(files, term: Term, profile: Profile, progress: Progress = no_progress) -> FeeData:
    """Read every file; InputError (nothing written) when a sheet, column or cell cannot be read."""
    problems: list[Finding] = []
    data = FeeData(term, [], [], {k: [] for k in COLUMNS}, {k: set() for k in COLUMNS})
    seen_terms: set[str] = set()
    for path in files:
        progress(f"读取 {Path(path).name}")
        book = open_workbook(path)
        data.files.append(book.file)
        tables = read_sheets(book, ALL, problems)
        kept = {kind: _this_term(t, term, problems, seen_terms) for kind, t in tables.items()}
        enr = kept.get("enrollment")
        schools = _file_schools(enr, profile, book.path)
        for kind, df in kept.items():
            t = tables[kind]
            tab = len(data.tables)
            data.tables.append(t)
            _needed(t, df, kind, problems)
            df = df.assign(school=_schools(t, df, kind, schools, enr, problems), _tab=tab, _row=df.index)
            data.has_sheet[kind].update(schools["all"])
            if kind == "payments" and not t.has("payee") and len(df):
                data.no_payee_column.append(t)
            data.frames[kind].append(df)
    if problems:
        raise InputError(problems)
    data.frames = {kind: _combine(kind, parts) for kind, parts in data.frames.items()}
    if data["enrollment"].empty:
        found = "、".join(sorted(seen_terms)) or "无"
        raise InputError([Finding("FEE-TERM", ERROR,
            f"报名表中没有 {term.label}（{term.title}）的记录；表中的学期：{found}",
            file="、".join(data.files), sheet="报名")])
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
    keep = []
    for row, v in t.df["term"].items():
        p = parsed[v]
        if p is None or isinstance(p, ValueError):
            reason = "「学期」空白" if p is None else f"「学期」{p}，实际为「{clean_text(v)}」"
            problems.append(Finding("CELL-TERM", ERROR, reason, value=None if p is None else clean_text(v),
                                    **t.where("term", row)))
        keep.append(p == term)
    return t.df[keep]


def _needed(t: Table, df: pd.DataFrame, kind: str, problems: list[Finding]) -> None:
    for name in NEEDED[kind]:
        for row in df.index[df[name].map(is_blank)]:
            problems.append(Finding("CELL-BLANK", ERROR, f"「{t.spec.field(name).header}」空白",
                                    **t.where(name, row)))


def _file_schools(enr: pd.DataFrame | None, profile: Profile, path: Path) -> dict:
    """The schools a file's enrollment names; the fallback for rows that name none."""
    named = [] if enr is None or "school" not in enr else [s for s in pd.unique(enr["school"]) if not is_blank(s)]
    fallback = profile["fees.school"] or path.stem
    only = named[0] if len(named) == 1 else (fallback if not named else None)
    by_student = {}
    if enr is not None and named:
        pairs = enr[["student_id", "school"]].dropna().drop_duplicates()
        counts = pairs["student_id"].value_counts()
        by_student = {sid: s for sid, s in pairs.itertuples(index=False) if counts[sid] == 1}
    return {"only": only, "all": set(named) or {fallback}, "by_student": by_student}


def _schools(t: Table, df: pd.DataFrame, kind: str, schools: dict, enr, problems) -> pd.Series:
    given = df["school"] if "school" in df else pd.Series(None, index=df.index, dtype=object)
    out = []
    for row, s in given.items():
        if not is_blank(s):
            out.append(s)
            continue
        guess = schools["by_student"].get(df.at[row, "student_id"]) if kind == "payments" else None
        guess = guess or schools["only"]
        if guess is None:
            problems.append(Finding("CELL-BLANK", ERROR, "「学校」空白，本文件含多所学校，无法确定属于哪一所",
                                    **t.where("school", row) if t.has("school") else
                                    {"file": t.file, "sheet": t.sheet, "cell": f"A{row}"}))
        out.append(guess)
    return pd.Series(out, index=df.index, dtype=object)


def _combine(kind: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    cols = [*COLUMNS[kind], "_tab", "_row"]
    parts = [p.reindex(columns=cols) for p in parts if len(p)]
    df = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    for name in MONEY[kind]:
        df[name] = df[name].map(lambda v: 0 if is_blank(v) else cents(v)).astype("int64")
    if kind == "enrollment":
        df["hardship"] = df["hardship"].map(lambda v: v == "是").astype(bool)
        df["personal"] = df["mode"] != BASIC
    for name in ("school", "student_id", "course", "category", "payee", "class", "name"):
        if name in df:
            df[name] = df[name].map(lambda v: "" if is_blank(v) else clean_text(v))
    df["_tab"] = df["_tab"].astype("int64")
    df["_row"] = df["_row"].astype("int64")
    return df

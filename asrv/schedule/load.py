"""One schedule workbook → flat frames: sessions (one per row and weekday), staff, the 学校 sheet.

Times become minutes after midnight so durations and overlaps are plain integer arithmetic. A
file may hold several schools (its 学校 column); else the school comes from `school_of` (a title
row, a 学校 cell, the file name). Every problem is a finding at its cell, with the school.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled
from ..io import open_workbook
from ..io.cells import clean_text, is_blank
from ..io.grades import grade_number
from ..io.school import COLUMN, school_of
from .sheets import SCHEDULE, SCHOOLS, STAFF
from .times import row_times

NAME_SPLIT = re.compile(r"\s*[、,，;；/]\s*")
ROW = re.compile(r"(\d+)$")   # the row number of a cell address


def minutes(t: object) -> float:
    """Minutes after midnight; NaN for anything that is not a time (a blank, a NaN)."""
    return t.hour * 60 + t.minute if isinstance(t, dt.time) else float("nan")


def hhmm(m: float) -> str:
    m = int(m)
    return f"{m // 60}:{m % 60:02d}"


def grade_float(text: object) -> float:
    """The grade of a 年级 or 服务班 cell as a float, NaN when it names none (pandas-friendly)."""
    g = grade_number(text)
    return float("nan") if g is None else float(g)


@dataclass
class Loaded:
    """One file's data, and the school(s) it holds."""
    sessions: pd.DataFrame
    staff: pd.DataFrame
    schools: pd.DataFrame     # the optional 学校 sheet: 放学时间, 下班时间 per school and 学段
    school: str               # the file's school; several joined with 、 when its 学校 column names several
    source: str               # how the school was found (学校列, 标题行, 学校单元格, 文件名, --school)


def read_file(path: Path, profile) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Sessions, staff and schools of one workbook; InputError with every problem if unusable."""
    got = load(path, profile)
    return got.sessions, got.staff, got.schools


def load(path: Path, profile, school: str | None = None) -> Loaded:
    """Read one workbook; `school` (--school) overrides what the file says."""
    path = Path(path)
    try:
        book = open_workbook(path)
    except InputError as exc:  # nothing inside can be read: the file name is all that names a school
        raise InputError([f.at_school(path.stem) for f in exc.findings]) from None
    problems: list[Finding] = []
    sched = read_filled(book, SCHEDULE, problems)
    staff = read_filled(book, STAFF, problems)
    schools = read_filled(book, SCHOOLS, problems)
    if sched is None:
        raise InputError([f.at_school(school or path.stem) for f in problems])
    above = book.grid(sched.sheet)[0][:max(sched.header_row - 1, 0)]
    default, source = school_of(path, _col(sched.df, "school"), sched.titles, above, given=school)
    row_school = _row_schools(sched, default, school, problems)
    names = sorted(set(row_school))
    if len(names) > 1:
        default, source = "、".join(names), COLUMN
    no_times = not any(sched.has(n) for n in ("start", "end", "time"))
    if no_times:
        problems.append(Finding("READ-COLUMN", ERROR, "缺少「开始时间」「结束时间」列（或合写的「时间」列）",
                                file=book.file, sheet=sched.sheet, cell=f"A{sched.header_row}"))
    if staff is None or no_times:
        raise InputError(_at_schools(problems, sched.sheet, row_school, default))
    for t in (sched, staff, schools):
        _blanks(t, problems)
    bad = {p.cell for p in problems if p.sheet == sched.sheet}  # reported once, not again as missing
    school_frame = _schools(schools)
    sessions = _sessions(sched, row_school, school_frame, profile, problems, bad)
    if problems:
        raise InputError(_at_schools(problems, sched.sheet, row_school, default))
    return Loaded(sessions, _staff(staff, default), school_frame, default, source)


def _row_schools(t, default: str, given: str | None, problems: list[Finding]) -> pd.Series:
    """Each row's school: its 学校 cell, else the file's. A blank cell in a file of several schools
    is a finding: which of them it belongs to is not guessed."""
    cells = _col(t.df, "school").map(lambda v: "" if is_blank(v) else clean_text(v))
    if given:
        return pd.Series(given, index=t.df.index, dtype=object)
    named = sorted(set(cells) - {""})
    if len(named) > 1:
        for r in cells.index[cells == ""]:
            problems.append(Finding("SCHOOL-UNKNOWN", ERROR,
                                    f"未填「学校」，而本文件含多所学校（{'、'.join(named)}）：请写明此行属于哪所学校",
                                    **t.where("school", r)))
    return cells.where(cells != "", default)


def _at_schools(problems: list[Finding], sheet: str, row_school: pd.Series, default: str) -> list[Finding]:
    """Each problem said of its row's school (安排 sheet), else of the file's."""
    def school(f: Finding) -> str:
        m = ROW.search(f.cell)
        if f.sheet == sheet and m and int(m.group(1)) in row_school.index:
            return row_school[int(m.group(1))]
        return default
    return [f.at_school(school(f)) for f in problems]


def _blanks(t, problems: list[Finding]) -> None:
    """A required cell left blank in a row that has other values: 缺少「服务班」 at its cell (a cell
    already reported as unreadable is not reported again)."""
    if t is None:
        return
    said = {p.cell for p in problems if p.sheet == t.sheet}
    for f in t.spec.fields:
        if not f.required or not t.has(f.name):
            continue
        for r in t.df.index[t.df[f.name].map(is_blank)]:
            if t.cell(f.name, r) not in said:
                problems.append(Finding("CELL-BLANK", ERROR, f"缺少「{f.header}」", **t.where(f.name, r)))


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    """A column, or all None when the sheet has none (None, never NaN: NaN is not a time)."""
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def _at(table, name: str, rows: pd.Index) -> pd.Series:
    letter = table.letters.get(name, "")
    return pd.Series([f"{letter}{r}" if letter else "" for r in rows], index=rows, dtype=object)


def once_each(fn):
    """`fn` worked out once per distinct cell value: a schedule repeats its 服务班, 内容 and 教师 on
    every row and weekday. Keyed with the type, since 1, 1.0 and True are one dict key."""
    memo: dict = {}

    def cached(v):
        try:
            key = (type(v), v)
            if key not in memo:
                if len(memo) > 100_000:  # a long process reading many districts
                    memo.clear()
                memo[key] = fn(v)
            return memo[key]
        except TypeError:  # an unhashable cell
            return fn(v)
    return cached


_TEXT = once_each(lambda v: "" if is_blank(v) else clean_text(v))
_GRADE = once_each(lambda v: grade_float(v))
_NAMES = once_each(lambda v: () if is_blank(v) else tuple(n for n in NAME_SPLIT.split(clean_text(v)) if n))


def _text(s: pd.Series) -> pd.Series:
    return s.map(_TEXT)


def _schools(t) -> pd.DataFrame:
    cols = ["file", "school", "stage", "dismissal", "off_work"]
    if t is None or t.df.empty:
        return pd.DataFrame(columns=cols)
    df = t.df
    return pd.DataFrame({
        "file": t.file, "school": _text(df["school"]), "stage": _col(df, "stage"),
        "dismissal": _col(df, "dismissal").map(minutes).astype(float),
        "off_work": _col(df, "off_work").map(minutes).astype(float),
    })[cols]


def _sessions(t, school: pd.Series, schools: pd.DataFrame, profile, problems: list[Finding],
              bad: set[str]) -> pd.DataFrame:
    df = t.df
    idx = df.index
    grade = _col(df, "grade").map(_GRADE)
    grade = grade.where(grade.notna(), _col(df, "group").map(_GRADE))
    stage = _stage(_col(df, "stage"), school, grade, schools, profile)
    for r in idx[stage.isna()]:
        cell = t.cell("stage", r) if t.has("stage") else t.cell("group", r)
        if cell not in bad:
            problems.append(Finding("CELL-STAGE", ERROR, "无法确定学段：请在「学段」列填写 小学 或 初中，或在「年级」列写明年级",
                                    file=t.file, sheet=t.sheet, cell=cell))
    start, end, at_start, at_end = row_times(t, _col(df, "start"), _col(df, "end"), _col(df, "time"),
                                             problems, bad)
    staff = _col(df, "staff").map(_NAMES)
    out = pd.DataFrame({
        "file": t.file, "sheet": t.sheet, "row": idx, "school": school, "stage": stage, "grade": grade,
        "group": _text(_col(df, "group")), "day": _col(df, "weekday"),
        "start": start.map(minutes).astype(float), "end": end.map(minutes).astype(float),
        "activity": _text(_col(df, "activity")), "category": _text(_col(df, "category")),
        "mode": _col(df, "mode").fillna(profile["schedule.default_mode"]),
        "written_homework": _col(df, "written_homework"), "staff": staff,
        "room": _text(_col(df, "room")),
        "at_weekday": _at(t, "weekday", idx), "at_start": at_start, "at_end": at_end,
        "at_group": _at(t, "group", idx), "at_activity": _at(t, "activity", idx),
        "at_category": _at(t, "category", idx), "at_homework": _at(t, "written_homework", idx),
        "at_staff": _at(t, "staff", idx), "at_room": _at(t, "room", idx),
    }, index=idx)
    out = out[np.array([isinstance(v, tuple) for v in out["day"].tolist()], dtype=bool)]
    days = out["day"].tolist()
    if not all(days):  # an empty tuple: explode's NaN day, then its error, as before
        return out.explode("day").astype({"day": int}).reset_index(drop=True)
    # One row per weekday, as explode gives it, without explode's general (and slow) path.
    out = out.take(np.repeat(np.arange(len(out)), [len(d) for d in days]))
    return out.assign(day=np.array([x for d in days for x in d], dtype=int)).reset_index(drop=True)


def _stage(stage: pd.Series, school: pd.Series, grade: pd.Series, schools: pd.DataFrame, profile) -> pd.Series:
    """Row's own 学段, else the school's only 学段 on the 学校 sheet, else from the grade."""
    out = stage.copy()
    if not schools.empty:
        only = schools.dropna(subset=["stage"]).groupby("school")["stage"].agg(
            lambda s: s.iloc[0] if s.nunique() == 1 else None)
        out = out.where(out.notna(), school.map(only))
    primary = set(profile["schedule.primary_grades"])
    by_grade = grade.map(lambda g: None if g != g else ("小学" if g in primary else
                                                         "初中" if 7 <= g <= 9 else None))
    return out.where(out.notna(), by_grade)


def _staff(t, default: str) -> pd.DataFrame:
    df = t.df
    idx = df.index
    return pd.DataFrame({
        "file": t.file, "sheet": t.sheet, "row": idx, "name": _text(df["name"]),
        "school": _text(_col(df, "school")), "file_school": default,
        "kind": df["kind"], "organization": _text(_col(df, "organization")),
        "org_kind": _text(_col(df, "org_kind")),
        "qualified": _col(df, "qualified"), "contract": _col(df, "contract"),
        "bad_record": _col(df, "bad_record"), "admitted": _col(df, "admitted"),
        "at_name": _at(t, "name", idx), "at_org_kind": _at(t, "org_kind", idx),
        "at_qualified": _at(t, "qualified", idx), "at_contract": _at(t, "contract", idx),
        "at_bad_record": _at(t, "bad_record", idx), "at_admitted": _at(t, "admitted", idx),
    }, index=idx).reset_index(drop=True)

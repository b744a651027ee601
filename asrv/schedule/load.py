"""Reading one schedule workbook into flat frames: sessions (one per row and weekday), staff, schools.

Times become minutes after midnight so durations and overlaps are plain integer arithmetic.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..io import open_workbook, read_sheet
from ..io.cells import clean_text, is_blank
from ..io.grades import grade_number
from .sheets import SCHEDULE, SCHOOLS, STAFF

NAME_SPLIT = re.compile(r"\s*[、,，;；/]\s*")


def minutes(t: dt.time | None) -> float:
    return float("nan") if t is None else t.hour * 60 + t.minute


def hhmm(m: float) -> str:
    m = int(m)
    return f"{m // 60}:{m % 60:02d}"


def grade_float(text: object) -> float:
    """The grade of a 年级 or 服务班 cell as a float, NaN when it names none (pandas-friendly)."""
    g = grade_number(text)
    return float("nan") if g is None else float(g)


def read_file(path: Path, profile) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Sessions, staff and schools of one workbook; InputError with every problem if unreadable."""
    book = open_workbook(path)
    problems: list[Finding] = []
    sched = read_sheet(book, SCHEDULE, problems)
    staff = read_sheet(book, STAFF, problems)
    schools = read_sheet(book, SCHOOLS, problems)
    if sched is not None and not any(sched.has(n) for n in ("start", "end", "time")):
        problems.append(Finding("READ-COLUMN", ERROR, "缺少「开始时间」「结束时间」列（或合写的「时间」列）",
                                file=book.file, sheet=sched.sheet, cell=f"A{sched.header_row}"))
    if sched is None or staff is None:
        raise InputError(problems)
    # Cells already reported as unreadable are not reported again as missing.
    bad = {p.cell for p in problems if p.sheet == sched.sheet}
    school_frame = _schools(schools, path)
    sessions = _sessions(sched, path, school_frame, profile, problems, bad)
    staff_frame = _staff(staff)
    if problems:
        raise InputError(problems)
    return sessions, staff_frame, school_frame


def _at(table, name: str, rows: pd.Index) -> pd.Series:
    letter = table.letters.get(name, "")
    return pd.Series([f"{letter}{r}" if letter else "" for r in rows], index=rows, dtype=object)


def _text(s: pd.Series) -> pd.Series:
    return s.map(lambda v: "" if is_blank(v) else clean_text(v))


def _schools(t, path: Path) -> pd.DataFrame:
    cols = ["file", "school", "stage", "dismissal", "off_work"]
    if t is None or t.df.empty:
        return pd.DataFrame(columns=cols)
    df = t.df
    return pd.DataFrame({
        "file": t.file, "school": df["school"].map(clean_text),
        "stage": df.get("stage", pd.Series(None, index=df.index)),
        "dismissal": df.get("dismissal", pd.Series(None, index=df.index)).map(minutes),
        "off_work": df.get("off_work", pd.Series(None, index=df.index)).map(minutes),
    })[cols]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(None, index=df.index, dtype=object)


def _sessions(t, path: Path, schools: pd.DataFrame, profile, problems: list[Finding],
              bad: set[str]) -> pd.DataFrame:
    df = t.df
    idx = df.index
    where = {"file": t.file, "sheet": t.sheet}
    school = _col(df, "school").map(lambda v: path.stem if is_blank(v) else clean_text(v))
    grade = _col(df, "grade").map(grade_float)
    grade = grade.where(grade.notna(), _col(df, "group").map(grade_float))
    stage = _stage(_col(df, "stage"), school, grade, schools, profile)
    for r in idx[stage.isna()]:
        if t.cell("stage", r) in bad:
            continue
        problems.append(Finding("CELL-STAGE", ERROR, "无法确定学段：请在「学段」列填写 小学 或 初中，或在「年级」列写明年级",
                                cell=t.cell("stage", r) if t.has("stage") else t.cell("group", r), **where))
    start, end, at_start, at_end = _times(t, problems, bad)
    for r in idx[_col(df, "weekday").map(is_blank)]:
        if t.cell("weekday", r) in bad:
            continue
        problems.append(Finding("CELL-WEEKDAY", ERROR, "缺少「星期」", cell=t.cell("weekday", r), **where))
    staff = _col(df, "staff").map(lambda v: () if is_blank(v) else tuple(
        n for n in NAME_SPLIT.split(clean_text(v)) if n))
    out = pd.DataFrame({
        "file": t.file, "sheet": t.sheet, "row": idx, "school": school, "stage": stage, "grade": grade,
        "group": _col(df, "group").map(clean_text), "day": _col(df, "weekday"),
        "start": start, "end": end, "activity": _col(df, "activity").map(clean_text),
        "category": _text(_col(df, "category")),
        "mode": _col(df, "mode").fillna(profile["schedule.default_mode"]),
        "written_homework": _col(df, "written_homework"), "staff": staff,
        "room": _text(_col(df, "room")),
        "at_weekday": _at(t, "weekday", idx), "at_start": at_start, "at_end": at_end,
        "at_group": _at(t, "group", idx), "at_activity": _at(t, "activity", idx),
        "at_category": _at(t, "category", idx), "at_homework": _at(t, "written_homework", idx),
        "at_staff": _at(t, "staff", idx), "at_room": _at(t, "room", idx),
    }, index=idx)
    out = out[out["day"].map(lambda v: isinstance(v, tuple))]
    return out.explode("day").astype({"day": int}).reset_index(drop=True)


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


def _times(t, problems: list[Finding], bad: set[str]):
    """Start and end minutes of each row, from 开始时间/结束时间, a range in 开始时间, or 时间."""
    df = t.df
    where = {"file": t.file, "sheet": t.sheet}
    start, end, at_s, at_e = {}, {}, {}, {}
    starts, ends, ranges = _col(df, "start"), _col(df, "end"), _col(df, "time")
    for r in df.index:
        s, e = starts.get(r), ends.get(r)
        cs, ce = t.cell("start", r), t.cell("end", r)
        if {cs, ce, t.cell("time", r)} & bad:
            continue
        if isinstance(s, tuple):
            if e is not None and e != s[1]:
                problems.append(Finding("CELL-TIME", ERROR, f"「开始时间」已写时间段，与「结束时间」{e:%H:%M} 不一致",
                                        cell=ce, value=f"{e:%H:%M}", **where))
            s, e, ce = s[0], s[1], cs
        rng = ranges.get(r)
        if s is None and e is None and isinstance(rng, tuple):
            s, e = rng
            cs = ce = t.cell("time", r)
        if s is None or e is None:
            missing = "开始时间" if s is None else "结束时间"
            cell = t.cell("start" if s is None else "end", r) if t.has("start" if s is None else "end") \
                else t.cell("time", r)
            problems.append(Finding("CELL-TIME", ERROR, f"缺少「{missing}」", cell=cell, **where))
            continue
        if e <= s:
            problems.append(Finding("CELL-TIME", ERROR, f"结束时间 {e:%H:%M} 不晚于开始时间 {s:%H:%M}",
                                    cell=ce, value=f"{e:%H:%M}", **where))
            continue
        start[r], end[r], at_s[r], at_e[r] = minutes(s), minutes(e), cs, ce
    idx = df.index
    return (pd.Series(start, index=idx, dtype=float), pd.Series(end, index=idx, dtype=float),
            pd.Series(at_s, index=idx, dtype=object), pd.Series(at_e, index=idx, dtype=object))


def _staff(t) -> pd.DataFrame:
    df = t.df
    idx = df.index
    return pd.DataFrame({
        "file": t.file, "sheet": t.sheet, "row": idx, "name": df["name"].map(clean_text),
        "school": _text(_col(df, "school")),
        "kind": df["kind"], "organization": _text(_col(df, "organization")),
        "org_kind": _text(_col(df, "org_kind")),
        "qualified": _col(df, "qualified"), "contract": _col(df, "contract"),
        "bad_record": _col(df, "bad_record"), "admitted": _col(df, "admitted"),
        "at_name": _at(t, "name", idx), "at_org_kind": _at(t, "org_kind", idx),
        "at_qualified": _at(t, "qualified", idx), "at_contract": _at(t, "contract", idx),
        "at_bad_record": _at(t, "bad_record", idx), "at_admitted": _at(t, "admitted", idx),
    }, index=idx).reset_index(drop=True)

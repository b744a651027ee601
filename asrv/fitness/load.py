"""One fitness workbook → its students with raw measurements, the sheets they came from and the
school each belongs to; or InputError with every problem of the file.

The cell of a value is found one way: the student's `src` (its sheet's index in `tables`) and
`row`, then `Table.where(field, row)`. Checks and scoring come later (rules.py, scoring.py), over
all files together, so a student given in two files of one school is seen.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled
from ..io import Table, Workbook, open_workbook
from ..io.keys import class_key, school_order
from ..io.reader import header_fields
from ..io.schema import norm
from ..io.school import COLUMN, GIVEN, school_of
from .sheets import EXEMPT, MEASURE_NAMES, SCORED, SEX_CODE, fitness_spec, grade_of_class, table_grade
from .tables import standard

COLUMNS = ["src", "school", "file", "sheet", "row", "class", "grade", "sex", "student_id", "name", "exempt",
           "invalid", "female_sit_ups", *SCORED]


@dataclass
class Loaded:
    path: Path
    school: str            # the file's school ("、"-joined when a 学校 column names several)
    school_source: str     # 学校列, 标题行, 学校单元格, 文件名 or --school
    students: pd.DataFrame  # COLUMNS; `src` indexes `tables`
    tables: list[Table]    # the sheets read, without their data: where each field's column is


def load(source: Path | str | Workbook, profile, school: str | None = None) -> Loaded:
    """Every student row of every fitness sheet of one workbook (a path or an opened Workbook).
    `school` (--school) overrides what the file says."""
    book = source if isinstance(source, Workbook) else open_workbook(Path(source))
    spec = fitness_spec(profile)
    problems: list[Finding] = []
    tables = [t for sheet in fitness_sheets(book, spec, profile, problems)
              if (t := read_filled(book, spec, problems, sheet=sheet)) is not None]
    name, how = _school(book, tables, school)
    if problems:
        raise InputError([f.at_school(name) for f in problems])
    frames = [_normalise(t, i, name, how) for i, t in enumerate(tables)]
    students = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    named = sorted(set(students["school"]), key=school_order) if how == COLUMN and len(students) else [name]
    return Loaded(book.path, "、".join(named), how, students[COLUMNS],
                  [dataclasses.replace(t, df=t.df.iloc[:0]) for t in tables])


def has_raw_measurements(path_or_book, profile) -> bool:
    """Whether a workbook holds raw test results (身高, 50米跑 … columns) rather than ratings:
    `asrv score --fitness FILE` scores the first kind with score_fitness."""
    book = path_or_book if isinstance(path_or_book, Workbook) else open_workbook(path_or_book)
    spec = fitness_spec(profile)
    return any(header_fields(book, s, spec) & set(MEASURE_NAMES) for s in book.sheet_names)


def fitness_sheets(book: Workbook, spec, profile, problems: list[Finding]) -> list[str]:
    skip = [norm(w) for w in profile["fitness.skip_sheets"]]
    found, partial = [], []
    for sheet in book.sheet_names:
        if any(w in norm(sheet) for w in skip):
            continue  # instructions and demo tables (须知, 数据复制方法), not students
        names = header_fields(book, sheet, spec)
        if not names & set(MEASURE_NAMES):
            continue
        (found if {"class", "sex"} <= names else partial).append(sheet)
    if found:
        return found
    if partial:
        return partial  # read_sheet reports the missing 班级 / 性别 columns
    problems.append(Finding("READ-SHEET", ERROR,
        "找不到体测成绩表：应有 班级名称、性别 和至少一个测试项目（身高、体重、肺活量、50米跑……）列",
        file=book.file))
    return []


def _school(book: Workbook, tables: list[Table], given: str | None) -> tuple[str, str]:
    """学校 column, else a title row, else a 学校 cell, else the file name (asrv.io.school)."""
    column = [v for t in tables if "school" in t.df for v in t.df["school"]]
    titles = [text for t in tables for text in t.titles]
    rows = book.grid(tables[0].sheet)[0][:10] if tables else None
    name, how = school_of(book.path, column, titles, rows, given)
    if how not in (COLUMN, GIVEN) and any(v is not None for v in column):
        how = COLUMN  # several schools in one file: each row's own, the file's where blank
    return name, how


def _normalise(t: Table, src: int, school: str, how: str) -> pd.DataFrame:
    df = t.df
    n = len(df)
    none = pd.Series([None] * n, index=df.index, dtype=object)
    given = df["school"] if "school" in df and how != GIVEN else none
    raw_class = df["class"].fillna("") if "class" in df else pd.Series("", index=df.index)
    grade = df.get("grade_code", none).fillna(df.get("grade", none).map(table_grade))
    grade = grade.fillna(raw_class.map({c: grade_of_class(c) for c in pd.unique(raw_class)}))
    out = {"src": src, "file": t.file, "sheet": t.sheet, "row": df.index.to_numpy(),
           "school": given.where(given.notna(), school),
           "student_id": df.get("student_id", none), "name": df.get("name", none),
           "sex": df["sex"].map(SEX_CODE) if "sex" in df else none, "grade": grade,
           "class": _class_names(raw_class, grade)}
    exempt = np.array(df["exempt"].eq("是"), dtype=bool) if "exempt" in df else np.zeros(n, dtype=bool)
    # Column by column in numpy: a district's 100 files of 12 measurements each, pandas' few
    # steps per column cost more than the rest of reading a file.
    measures = {}
    for name in MEASURE_NAMES:
        if name not in df:
            measures[name] = np.full(n, np.nan)
            continue
        cells = df[name].to_numpy(dtype=object)
        said = cells == EXEMPT
        exempt |= said
        measures[name] = _numbers(np.where(said, None, cells))
    girls = measures.pop("sit_ups_female")
    sit_ups = measures["sit_ups_1min"]
    female = np.isnan(sit_ups) & ~np.isnan(girls)
    measures["sit_ups_1min"] = np.where(np.isnan(sit_ups), girls, sit_ups)
    frame = pd.DataFrame({**out, **measures, "female_sit_ups": female, "exempt": exempt}, index=df.index)
    for top, alt in t.alternates.items():
        _split_stacked(frame, top, alt)
    measured = ~np.isnan(frame[list(SCORED)].to_numpy(dtype=float)).all(axis=1)
    frame = frame[measured | frame["name"].notna().to_numpy() | exempt].copy()  # drop rows of an unfilled template
    frame["invalid"] = False
    return frame


_PLAIN = {float, int, type(None), np.float64, np.int64}


def _numbers(cells: np.ndarray) -> np.ndarray:
    """`pd.to_numeric(errors="coerce")` as floats: numbers and blanks (as the reader gives them)
    converted at once, any text cell through pandas."""
    if set(map(type, cells)) <= _PLAIN:
        return np.array(cells, dtype=float)
    return pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce").astype(float).to_numpy()


def _class_names(classes: pd.Series, grades: pd.Series) -> pd.Series:
    """One name per class, however written (asrv.io.keys): `三（2）班` and `三年级2班` are `三(2)班`;
    a bare `2班` under a 年级编号 takes its grade, so classes of different grades stay apart."""
    numbers = {"college_1_2": None, "college_3_4": None}
    names: dict = {}
    shown = []
    for c, g in zip(classes, grades):
        k = (str(c), str(g))  # as the key's text, so 3 and "3" are one class
        name = names.get(k)
        if name is None:
            name = names[k] = class_key(c, numbers.get(g, g) if isinstance(g, str) else None).display if c else ""
        shown.append(name)
    return pd.Series(shown, index=classes.index, dtype="str" if shown else object)


def _split_stacked(out: pd.DataFrame, top: str, alt: str) -> None:
    """A column headed 引体向上 over 仰卧起坐 (or 800米 over 1000米) holds, for each student, the
    item their grade and sex is tested on."""
    if top not in SCORED or alt not in SCORED:
        return
    key = out["grade"].astype(str) + "|" + out["sex"].astype(str)
    w = standard().weights
    takes_top = key.isin({f"{g}|{s}" for (g, s), items in w.items() if top in items})
    takes_alt = key.isin({f"{g}|{s}" for (g, s), items in w.items() if alt in items})
    move = ~takes_top & takes_alt & out[top].notna() & out[alt].isna()
    out.loc[move, alt] = out.loc[move, top]
    out.loc[move, top] = np.nan


def cell(t: Table, field: str, row: int, female_sit_ups: bool = False) -> str:
    """The cell of a measurement: its own column, the column it shares under a stacked header,
    or the girls' 仰卧起坐（女） column its value came from."""
    letter = t.letters.get("sit_ups_female") if field == "sit_ups_1min" and female_sit_ups else None
    letter = letter or t.letters.get(field) or next(
        (t.letters[top] for top, alt in t.alternates.items() if alt == field and top in t.letters), "")
    return f"{letter}{row}"


def student_cell(t: Table, row: int) -> str:
    """Where a student is named: the 姓名 cell, else the 学籍号, else the 班级."""
    field = next((f for f in ("name", "student_id", "class") if f in t.letters), "class")
    return t.cell(field, row)

"""Reading fitness workbooks into one table of students with raw measurements."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..findings import ERROR, Finding, InputError, Progress
from ..io import Workbook, open_workbook, read_sheet
from ..io.reader import header_fields
from ..io.schema import norm
from .sheets import EXEMPT, MEASURE_NAMES, MEASURES, SEX_CODE, fitness_spec, grade_of_class, table_grade
from .tables import standard

HEADERS = {name: header for name, header, *_ in MEASURES}
UNITS = {"height": "厘米", "weight": "千克", "vital_capacity": "毫升", "run_50m": "秒",
         "sit_and_reach": "厘米", "rope_skipping_1min": "次", "sit_ups_1min": "次", "shuttle_run_50m_x8": "秒",
         "standing_long_jump": "厘米", "pull_ups": "次", "run_1000m": "秒", "run_800m": "秒"}
# Measurement columns as scored: a female-only sit-ups column is merged into sit_ups_1min.
SCORED = tuple(n for n in MEASURE_NAMES if n != "sit_ups_female")


def read_students(sources, profile, progress: Progress) -> tuple[pd.DataFrame, dict, list[Finding]]:
    """Every student row of every fitness sheet: (students, letters by (file, sheet), findings).

    Unreadable input (no fitness sheet, missing column, an unparseable cell) raises InputError
    with every problem of every file; implausible values are findings and left unscored.
    """
    spec = fitness_spec(profile)
    problems: list[Finding] = []
    findings: list[Finding] = []
    frames, letters = [], {}
    for src in sources:
        book = src if isinstance(src, Workbook) else open_workbook(Path(src))
        progress(f"读取 {book.file}")
        for sheet in _fitness_sheets(book, spec, profile, problems):
            t = read_sheet(book, spec, problems, sheet=sheet)
            if t is None or problems:
                continue
            letters[(t.file, t.sheet)] = t.letters
            frames.append(_normalise(t, profile, findings))
    if problems:
        raise InputError(problems)
    cols = ["file", "sheet", "row", "class", "grade", "sex", "student_id", "name", "exempt", "invalid", *SCORED]
    students = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return students[cols], letters, findings


def _fitness_sheets(book: Workbook, spec, profile, problems: list[Finding]) -> list[str]:
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


def _normalise(t, profile, findings: list[Finding]) -> pd.DataFrame:
    df = t.df
    n = len(df)
    none = pd.Series([None] * n, index=df.index, dtype=object)
    out = pd.DataFrame({"file": t.file, "sheet": t.sheet, "row": df.index.to_numpy()}, index=df.index)
    out["class"] = df["class"].fillna("") if "class" in df else ""
    out["student_id"] = df.get("student_id", none)
    out["name"] = df.get("name", none)
    out["sex"] = df["sex"].map(SEX_CODE) if "sex" in df else none
    grade = df.get("grade_code", none).fillna(df.get("grade", none).map(table_grade))
    from_class = out["class"].map(_class_grades(out["class"]))
    out["grade"] = grade.fillna(from_class)
    out["class"] = _class_names(out["class"], out["grade"])
    exempt = df["exempt"].eq("是") if "exempt" in df else pd.Series(False, index=df.index)
    for name in MEASURE_NAMES:
        raw = df[name] if name in df else none
        exempt |= raw.eq(EXEMPT)
        out[name] = pd.to_numeric(raw.where(raw.ne(EXEMPT)), errors="coerce").astype(float)
    out["sit_ups_1min"] = out["sit_ups_1min"].fillna(out.pop("sit_ups_female"))
    out["exempt"] = exempt
    for top, alt in t.alternates.items():
        _split_stacked(out, top, alt)
    measured = out[list(SCORED)].notna().any(axis=1)
    named = out["name"].notna()
    out = out[measured | named | exempt].copy()  # drop rows of an unfilled template
    out["invalid"] = False
    _check(out, t, profile, findings)
    return out


def _class_grades(classes: pd.Series) -> dict:
    return {c: grade_of_class(c) for c in pd.unique(classes)}


def _class_names(classes: pd.Series, grades: pd.Series) -> pd.Series:
    """The class as written; a bare `2班` under a 年级编号 becomes `三年级2班` so classes of
    different grades stay apart."""
    labels = standard().grade_labels
    key = classes.astype(str) + "\x1f" + grades.astype(str)
    pairs = pd.DataFrame({"k": key, "c": classes, "g": grades}).drop_duplicates("k")
    names = {k: c if grade_of_class(c) or not isinstance(g, str) else f"{labels.get(g, '')}{c}"
             for k, c, g in pairs.itertuples(index=False)}
    return key.map(names)


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


def _check(out: pd.DataFrame, t, profile, findings: list[Finding]) -> None:
    """Implausible values, and rows that cannot be scored, as findings at their cells."""
    limits = profile["fitness.plausible"]
    for name in SCORED:
        lo, hi = limits[name]
        v = out[name]
        bad = v.notna() & ((v < lo) | (v > hi))
        if not bad.any():
            continue
        letter = t.letters.get(name) or t.letters.get("sit_ups_female", "")
        for row, x in v[bad].items():
            findings.append(Finding("FIT-RANGE", ERROR,
                f"「{HEADERS[name]}」{_num(x)} 超出合理范围 {_num(lo)}–{_num(hi)} {UNITS[name]}，未计分，请核对"
                f"（配置 fitness.plausible）", file=t.file, sheet=t.sheet, cell=f"{letter}{row}", value=x))
        out.loc[bad, name] = np.nan
        out.loc[bad, "invalid"] = True
    measured = out[list(SCORED)].notna().any(axis=1) & ~out["exempt"]
    for row in out.index[measured & out["sex"].isna()]:
        findings.append(Finding("FIT-SEX", ERROR, "性别空白或无法识别，无法评分（应为 男、女 或 1、2）",
                                **t.where("sex", row)))
    for row in out.index[measured & out["grade"].isna()]:
        findings.append(Finding("FIT-GRADE", ERROR,
            "无法确定年级，无法评分：请填写「年级编号」或「年级」列，或在班级名称前写明年级（如 三(2)班）",
            **t.where("class", row)))
    out.loc[out["sex"].isna() | out["grade"].isna(), "invalid"] = True


def _num(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"

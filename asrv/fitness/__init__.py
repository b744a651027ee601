"""《国家学生体质健康标准（2014年修订）》 scored exactly from raw measurements.

    result = score_fitness(["fitness.xlsx"], load_profile("default"))
    result.students    # one row per student: item scores, standard, bonus, total, rating
    result.classes     # per class: tested, exempt, ratings, rates, mean total, veto list
    ratings_by_class(result)  # what `asrv score --fitness` needs for the veto and item 4a
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from ..findings import Finding, Progress, no_progress
from .read import read_students
from .scoring import score_students
from .summary import class_json, summarise
from .tables import ITEMS, SEX_ZH, standard

__all__ = ["FitnessResult", "score_fitness", "ratings_by_class", "has_raw_measurements"]


@dataclass
class FitnessResult:
    students: pd.DataFrame                 # file, sheet, row, class, name, grade, sex, score_<item>, total, rating…
    classes: pd.DataFrame                  # per (grade, class)
    grades: pd.DataFrame                   # per grade
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    letters: dict = field(default_factory=dict)  # (file, sheet) -> {field: column letter}, for findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def to_json(self) -> dict:
        return {"students": students_json(self.students),
                "classes": [class_json(r) for _, r in self.classes.iterrows()],
                "findings": [f.to_json() for f in self.findings]}


def score_fitness(paths_or_books: Iterable, profile, progress: Progress | None = None) -> FitnessResult:
    """Read every fitness sheet of the given workbooks (paths or opened `Workbook`s) and score
    every student in one vectorised pass. Raises InputError when the input cannot be read."""
    progress = progress or no_progress
    sources = list(paths_or_books)
    raw, letters, findings = read_students(sources, profile, progress)
    progress(f"评分：{len(raw)} 名学生")
    students, more = score_students(raw, profile, letters)
    findings = sorted(findings + more, key=Finding.sort_key)
    classes = summarise(students, ["grade", "class"])
    grades = summarise(students, ["grade"])
    files = list(dict.fromkeys(students["file"])) if len(students) else []
    return FitnessResult(students, classes, grades, findings, files, letters)


def ratings_by_class(result: FitnessResult) -> dict[str, dict]:
    """{class: {"tested", "passed", "failed", "failed_names"}}: one 不及格 vetoes the class
    (篇3 二、6); item 4a = 10 × passed ÷ tested. Exempt and untested students are not counted."""
    out = {}
    for _, r in result.classes.iterrows():
        d = out.setdefault(r["class"], {"tested": 0, "passed": 0, "failed": 0, "failed_names": []})
        d["tested"] += int(r["tested"])
        d["passed"] += int(r["passed"])
        d["failed"] += int(r["fail"])
        d["failed_names"] += list(r["failed_names"])
    return out


def has_raw_measurements(path_or_book, profile) -> bool:
    """Whether a workbook holds raw test results (身高, 50米跑 … columns) rather than ratings:
    `asrv score --fitness FILE` scores the first kind with score_fitness."""
    from ..io import Workbook, open_workbook
    from ..io.reader import header_fields
    from .sheets import MEASURE_NAMES, fitness_spec
    book = path_or_book if isinstance(path_or_book, Workbook) else open_workbook(path_or_book)
    spec = fitness_spec(profile)
    return any(header_fields(book, s, spec) & set(MEASURE_NAMES) for s in book.sheet_names)


def students_json(s: pd.DataFrame) -> list[dict]:
    labels = standard().grade_labels
    cols = {item: s[f"score_{item}"].astype(object).where(s[f"score_{item}"].notna(), None) for item in ITEMS}
    out = []
    for i, r in enumerate(s.itertuples(index=False)):
        out.append({
            "file": r.file, "row": int(r.row), "class": s["class"].iat[i], "student_id": _text(r.student_id),
            "name": _text(r.name), "grade": labels.get(r.grade), "sex": SEX_ZH.get(r.sex),
            "items": {item: None if cols[item].iat[i] is None else int(cols[item].iat[i]) for item in ITEMS},
            "standard_score": _num(r.standard), "bonus": None if r.bonus != r.bonus else int(r.bonus),
            "total": _num(r.total), "rating": r.rating,
        })
    return out


def _text(v):
    return None if v is None or v != v else str(v)


def _num(x):
    return None if x is None or x != x else float(x)

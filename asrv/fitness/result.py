"""The result of `asrv fitness`: every student scored, summaries per class, grade and school (and
the district when several schools), the findings, the files used and not used."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..io import Table
from ..io.keys import school_order
from ..result import Options as BaseOptions
from ..result import Result
from .summary import summary_json
from .tables import ITEMS, SEX_ZH, standard


@dataclass
class Options(BaseOptions):
    """`asrv fitness` has no options of its own: school (a single file's), mask (names in the
    per-class reports) and strict (warnings count for the exit code)."""


@dataclass
class FitnessResult(Result):
    students: pd.DataFrame = field(default_factory=pd.DataFrame)  # src, school, file, sheet, row, class, …
    classes: pd.DataFrame = field(default_factory=pd.DataFrame)   # per (school, grade, class)
    grades: pd.DataFrame = field(default_factory=pd.DataFrame)    # per (school, grade)
    by_school: pd.DataFrame = field(default_factory=pd.DataFrame)  # per school
    district: pd.DataFrame = field(default_factory=pd.DataFrame)  # several schools: the total row (全区合计)
    district_grades: pd.DataFrame = field(default_factory=pd.DataFrame)  # several schools: per grade
    tables: list[Table] = field(default_factory=list)            # the sheets read; a student's `src`

    @property
    def schools(self) -> list[str]:
        names = set(self.students["school"]) if len(self.students) else set()
        return sorted(names, key=school_order)

    @property
    def letters(self) -> dict:
        """(file, sheet) -> {field: column letter}, as `asrv score --fitness` finds a class cell."""
        return {(t.file, t.sheet): t.letters for t in self.tables}

    def where(self, field_name: str, student) -> dict:
        """file, sheet, cell and school of one field of a student (a row of `students`)."""
        t = self.tables[int(student["src"])]
        return {**t.where(field_name, int(student["row"])), "school": student["school"]}

    def class_list(self) -> list[dict]:
        return [summary_json(r) for r in self.classes.to_dict("records")]

    def school_list(self) -> list[dict]:
        return [summary_json(r) for r in self.by_school.to_dict("records")]

    def district_summary(self) -> dict | None:
        """All schools together (全区合计), when there are several."""
        rows = self.district.to_dict("records")
        return summary_json(rows[0]) if rows else None

    def payload(self) -> dict:
        return {"schools": self.school_list(), "district": self.district_summary(),
                "classes": self.class_list(), "students": students_json(self.students)}


def students_json(s: pd.DataFrame) -> list[dict]:
    if not len(s):
        return []
    labels = standard().grade_labels
    cols = {item: s[f"score_{item}"].astype(object).where(s[f"score_{item}"].notna(), None) for item in ITEMS}
    out = []
    for i, r in enumerate(s.itertuples(index=False)):
        out.append({
            "school": r.school, "file": r.file, "sheet": r.sheet, "row": int(r.row), "class": s["class"].iat[i],
            "student_id": _text(r.student_id), "name": _text(r.name), "grade": labels.get(r.grade),
            "sex": SEX_ZH.get(r.sex),
            "items": {item: None if cols[item].iat[i] is None else int(cols[item].iat[i]) for item in ITEMS},
            "standard_score": _num(r.standard), "bonus": None if r.bonus != r.bonus else int(r.bonus),
            "total": _num(r.total), "rating": r.rating,
        })
    return out


def _text(v):
    return None if v is None or v != v else str(v)


def _num(x):
    return None if x is None or x != x else float(x)

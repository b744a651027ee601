"""Per class and per grade: who was tested, each rating's count and rate, the veto list,
and which items most students fail (what a PE teacher should train)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..io.keys import class_order, school_order
from .tables import ITEMS, standard

DISTRICT = "全区合计"
RATINGS = ("优秀", "良好", "及格", "不及格")
RATING_KEYS = {"优秀": "excellent", "良好": "good", "及格": "pass", "不及格": "fail"}
FAILING_ITEM_BELOW = 60  # 单项 不及格: below 60 points (ratings.csv single_item)


def _ratio_pct(count: pd.Series, base: pd.Series) -> pd.Series:
    """count/base as a percentage to one decimal, half-up in integers; NaN when base is 0."""
    c, b = count.to_numpy(np.int64), base.to_numpy(np.int64)
    safe = np.maximum(b, 1)
    tenths = (2 * c * 1000 + safe) // (2 * safe)
    return pd.Series(np.where(b > 0, tenths / 10, np.nan), index=count.index)


def summarise(students: pd.DataFrame, by: list[str], total: str | None = None) -> pd.DataFrame:
    """One row per group of `by` (["school", "grade", "class"], ["school", "grade"], ["school"]),
    schools in pinyin order, grades in order, classes by number (asrv.io.keys). With `total`
    (全区合计), every school counts as that one: the district's rows."""
    # Flags from numpy arrays: pandas' own comparisons of text columns cost more than the sums.
    keys = {k: students[k].fillna("") for k in ("school", "grade", "class")}
    status = students["status"].to_numpy(object)
    rating = students["rating"].to_numpy(object)
    tested = status == "tested"
    cols = {"students": pd.notna(status), "tested": tested, "exempt": status == "exempt",
            "untested": status == "untested", "incomplete": status == "incomplete"}
    for zh in RATINGS:
        cols[RATING_KEYS[zh]] = (rating == zh) & tested
    for item in ITEMS:
        cols[f"fail_{item}"] = tested & (students[f"score_{item}"].to_numpy(float) < FAILING_ITEM_BELOW)
    flags = pd.DataFrame(cols, index=students.index).astype(np.int64)
    flags["total10"] = np.where(tested, students["total10"], 0)
    for key in by:
        flags[key] = total if key == "school" and total else keys[key]
    grouped = flags.groupby(by, sort=False)
    out = grouped.sum()
    for zh in RATINGS:
        key = RATING_KEYS[zh]
        out[f"{key}_rate"] = _ratio_pct(out[key], out["tested"])
    out["passed"] = out["excellent"] + out["good"] + out["pass"]
    out["passed_rate"] = _ratio_pct(out["passed"], out["tested"])
    n = np.maximum(out["tested"].to_numpy(np.int64), 1)
    mean10 = (2 * out["total10"].to_numpy(np.int64) + n) // (2 * n)
    out["mean_total"] = np.where(out["tested"] > 0, mean10 / 10, np.nan)
    out["failed_names"] = _failed_names(students["name"].to_numpy(object), tested & (rating == "不及格"),
                                        grouped.ngroup().to_numpy(), len(out))
    if "class" in by:
        out["classes"] = 1
    else:  # classes of the real schools, also in the district's rows
        distinct = pd.DataFrame({**{k: flags[k] for k in by}, "_s": keys["school"], "_g": keys["grade"].astype(str),
                                 "_c": keys["class"].astype(str)}).drop_duplicates()
        classes = distinct.groupby(by, sort=False).size()
        out["classes"] = classes.reindex(out.index).fillna(0).astype(np.int64)
    out = out.drop(columns="total10").reset_index()
    keys = [_order(row, by) for row in out[by].to_dict("records")]
    return out.iloc[sorted(range(len(out)), key=keys.__getitem__)].reset_index(drop=True)


def _failed_names(names: np.ndarray, failed: np.ndarray, group: np.ndarray, groups: int) -> list[list[str]]:
    """Per group (numbered as grouped, in order of first row), the names of its 不及格 students in
    the order of the rows."""
    if not groups:
        return []
    rows = np.flatnonzero(failed)
    rows = rows[np.array([v is not None for v in names[rows]], dtype=bool)]
    ids = group[rows]
    order = np.argsort(ids, kind="stable")
    shown = np.empty(len(rows), dtype=object)
    shown[:] = [str(v) for v in names[rows[order]]]
    cuts = np.cumsum(np.bincount(ids, minlength=groups))[:-1]
    return [part.tolist() for part in np.split(shown, cuts)]


def _order(row: dict, by: list[str]) -> tuple:
    grades = _grade_rank()
    return tuple(school_order(row[k]) if k == "school" else (grades.get(row[k], 99),) if k == "grade"
                 else class_order(row[k]) for k in by)


@lru_cache(maxsize=1)
def _grade_rank() -> dict[str, int]:
    return {g: n for n, g in enumerate(standard().grade_labels)}


def summary_json(row: dict) -> dict:
    """A class, grade or school summary for JSON: the keys it is grouped by, then the counts."""
    labels = standard().grade_labels
    keys = {"school": row["school"]} if "school" in row else {}
    if "class" in row:
        keys["class"] = row["class"]
    if "grade" in row:
        keys["grade"] = labels.get(row["grade"], row["grade"] or None)
    return {
        **keys, **({} if "class" in row else {"classes": int(row["classes"])}),
        "students": int(row["students"]), "tested": int(row["tested"]), "exempt": int(row["exempt"]),
        "untested": int(row["untested"]), "incomplete": int(row["incomplete"]),
        "ratings": {zh: int(row[RATING_KEYS[zh]]) for zh in RATINGS},
        "rates": {zh: _nan_none(row[f"{RATING_KEYS[zh]}_rate"]) for zh in RATINGS},
        "passed": int(row["passed"]), "pass_rate": _nan_none(row["passed_rate"]),
        "mean_total": _nan_none(row["mean_total"]), "failed_names": list(row["failed_names"]),
        "item_failures": {item: int(row[f"fail_{item}"]) for item in ITEMS},
    }


def _nan_none(x):
    return None if x is None or x != x else float(x)

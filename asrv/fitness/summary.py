"""Per class and per grade: who was tested, each rating's count and rate, the veto list,
and which items most students fail (what a PE teacher should train)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .tables import ITEMS, standard

RATINGS = ("优秀", "良好", "及格", "不及格")
RATING_KEYS = {"优秀": "excellent", "良好": "good", "及格": "pass", "不及格": "fail"}
FAILING_ITEM_BELOW = 60  # 单项 不及格: below 60 points (ratings.csv single_item)


def _ratio_pct(count: pd.Series, base: pd.Series) -> pd.Series:
    """count/base as a percentage to one decimal, half-up in integers; NaN when base is 0."""
    c, b = count.to_numpy(np.int64), base.to_numpy(np.int64)
    safe = np.maximum(b, 1)
    tenths = (2 * c * 1000 + safe) // (2 * safe)
    return pd.Series(np.where(b > 0, tenths / 10, np.nan), index=count.index)


def summarise(students: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """One row per group of `by` (["grade", "class"] or ["grade"])."""
    s = students.assign(grade=students["grade"].fillna(""), **{"class": students["class"].fillna("")})
    tested = s["status"].eq("tested")
    cols = {
        "students": s["status"].notna(),
        "tested": tested,
        "exempt": s["status"].eq("exempt"),
        "untested": s["status"].eq("untested"),
        "incomplete": s["status"].eq("incomplete"),
    }
    for zh in RATINGS:
        cols[RATING_KEYS[zh]] = s["rating"].eq(zh) & tested
    for item in ITEMS:
        cols[f"fail_{item}"] = tested & (s[f"score_{item}"] < FAILING_ITEM_BELOW)
    flags = pd.DataFrame(cols).astype(np.int64)
    flags["total10"] = np.where(tested, s["total10"], 0)
    for key in by:
        flags[key] = s[key]
    g = flags.groupby(by, sort=False)
    out = g.sum()
    for zh in RATINGS:
        key = RATING_KEYS[zh]
        out[f"{key}_rate"] = _ratio_pct(out[key], out["tested"])
    out["passed"] = out["excellent"] + out["good"] + out["pass"]
    out["passed_rate"] = _ratio_pct(out["passed"], out["tested"])
    n = np.maximum(out["tested"].to_numpy(np.int64), 1)
    mean10 = (2 * out["total10"].to_numpy(np.int64) + n) // (2 * n)
    out["mean_total"] = np.where(out["tested"] > 0, mean10 / 10, np.nan)
    failing = s[tested & s["rating"].eq("不及格")]
    names = failing.groupby(by, sort=False)["name"].agg(lambda x: [str(v) for v in x if v is not None])
    out["failed_names"] = names.reindex(out.index)
    out["failed_names"] = out["failed_names"].apply(lambda v: v if isinstance(v, list) else [])
    out = out.drop(columns="total10").reset_index()
    order = {g: i for i, g in enumerate(standard().grade_labels)}
    out["_order"] = out["grade"].map(order).fillna(99)
    sort = ["_order", "class"] if "class" in by else ["_order"]
    return out.sort_values(sort, kind="stable").drop(columns="_order").reset_index(drop=True)


def class_json(row: pd.Series) -> dict:
    labels = standard().grade_labels
    return {
        "class": row["class"], "grade": labels.get(row["grade"], row["grade"] or None),
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

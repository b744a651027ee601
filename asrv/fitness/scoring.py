"""Scoring every student at once: item scores, standard score, bonus, total, rating.

Vectorised by (grade, sex) group and item: a district of 150,000 students is some two hundred
np.searchsorted calls. Sums are kept as integers (hundredths of a point) so rounding is exact
decimal half-up, as the reference README's conventions (rules.csv total_rounding) require.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .sheets import SCORED
from .tables import ITEM_ZH, ITEMS, standard

STATUS_ZH = {"tested": "已测", "exempt": "免测", "untested": "未测", "incomplete": "缺项"}


def bmi_tenths(height_cm: np.ndarray, weight_kg: np.ndarray) -> np.ndarray:
    """BMI × 10, rounded half-up exactly (rules.csv bmi_rounding); NaN where not measured.

    Readings are taken to 0.001 cm and 0.0001 kg, then BMI×10 = W·10^7 / H² in integers.
    """
    ok = ~(np.isnan(height_cm) | np.isnan(weight_kg)) & (np.nan_to_num(height_cm) > 0)
    h = np.round(np.where(ok, height_cm, 1) * 1000).astype(np.int64)
    w = np.round(np.where(ok, weight_kg, 0) * 10000).astype(np.int64)
    num, den = w * 10**7, h * h
    return np.where(ok, (2 * num + den) // (2 * den), np.nan)


def half_up_tenths(hundredths: np.ndarray) -> np.ndarray:
    """Hundredths of a point -> tenths, half-up (89.95 -> 90.0)."""
    return (hundredths + 5) // 10


def score_students(df: pd.DataFrame, profile) -> pd.DataFrame:
    """Adds score_<item>, bmi_value, standard, bonus, total, rating, status and lacking (the
    required items without a result, in words) columns."""
    std = standard()
    n = len(df)
    scores = {item: np.full(n, np.nan) for item in ITEMS}
    needed = np.zeros(n, dtype=np.int64)      # items the student's grade and sex is tested on
    weighted = np.zeros(n, dtype=np.int64)    # Σ score × weight%, in hundredths of a point
    bonus = np.zeros(n, dtype=np.int64)
    missing = {item: np.zeros(n, dtype=bool) for item in ITEMS}
    bmi10 = bmi_tenths(df["height"].to_numpy(float), df["weight"].to_numpy(float))
    grades, sexes = df["grade"].to_numpy(object), df["sex"].to_numpy(object)
    zero_missing = profile["fitness.missing_items"] == "zero"
    for (grade, sex), idx in pd.DataFrame({"g": grades, "s": sexes}).groupby(["g", "s"]).indices.items():
        weights = std.weights.get((grade, sex))
        if not weights:
            continue
        for item, weight in weights.items():
            if item == "bmi":
                raw = bmi10[idx]
                mins, pts = std.bmi[(grade, sex)]
                have = ~np.isnan(raw)
                got = np.full(len(idx), np.nan)
                band = np.searchsorted(mins, raw[have].astype(np.int64), side="right") - 1
                got[have] = pts[band]
            else:
                raw = df[item].to_numpy(float)[idx]
                have = ~np.isnan(raw)
                got = np.full(len(idx), np.nan)
                got[have] = std.items[(item, grade, sex)].score(raw[have])
                table = std.bonus.get((item, grade, sex))
                if table is not None:
                    bonus[idx[have]] += table.score(raw[have])
            scores[item][idx] = got
            missing[item][idx] = ~have
            needed[idx] += 1
            weighted[idx] += np.nan_to_num(got).astype(np.int64) * weight
    lacking = np.zeros(n, dtype=np.int64)
    for item in ITEMS:
        lacking += missing[item]
    measured = df[list(SCORED)].notna().any(axis=1).to_numpy()
    exempt = df["exempt"].to_numpy(bool)
    invalid = df["invalid"].to_numpy(bool)
    complete = (needed > 0) & ((lacking == 0) & ~invalid if not zero_missing else np.ones(n, dtype=bool))
    status = np.select([exempt, ~measured, complete], ["exempt", "untested", "tested"], "incomplete")
    bonus = np.minimum(bonus, int(profile["fitness.bonus_max"]))
    standard10 = half_up_tenths(weighted)
    total10 = standard10 + bonus * 10
    tested = status == "tested"
    out = df.copy()
    for item in ITEMS:
        out[f"score_{item}"] = scores[item]
    out["bmi_value"] = bmi10 / 10
    out["standard"] = np.where(tested, standard10 / 10, np.nan)
    out["bonus"] = np.where(tested, bonus, np.nan)
    out["total"] = np.where(tested, total10 / 10, np.nan)
    out["total10"] = np.where(tested, total10, -1)
    out["rating"] = np.where(tested, rate(total10), np.where(status == "exempt", "免测", None))
    out["status"] = status
    out["lacking"] = _lacking(missing, n)
    return out


def _lacking(missing: dict[str, np.ndarray], n: int) -> list[str]:
    """The items each student lacks, in words: one text per combination (a few dozen in a district)."""
    code = np.zeros(n, dtype=np.int64)
    for bit, item in enumerate(ITEMS):
        code |= missing[item].astype(np.int64) << bit
    combos, which = np.unique(code, return_inverse=True)
    texts = np.empty(len(combos), dtype=object)
    texts[:] = ["、".join(ITEM_ZH[item] for bit, item in enumerate(ITEMS) if c >> bit & 1) for c in combos.tolist()]
    return texts[which.ravel()].tolist()


def rate(total10: np.ndarray) -> np.ndarray:
    """The rating of each academic-year total (in tenths): ratings.csv academic_year_total."""
    bands = standard().ratings  # best first: (lowest total ×10, rating)
    return np.select([total10 >= lo for lo, _ in bands], [zh for _, zh in bands], bands[-1][1])

"""The official tables of 《国家学生体质健康标准（2014年修订）》, read once from the package data.

The CSVs in asrv/data/fitness/ are shipped unchanged with their README (units, conventions,
sources). Here they become arrays for np.searchsorted: one sorted threshold array per
(item, grade, sex), so a whole district is scored group by group, never student by student.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

ITEMS = ("bmi", "vital_capacity", "run_50m", "sit_and_reach", "rope_skipping_1min", "sit_ups_1min",
         "shuttle_run_50m_x8", "standing_long_jump", "pull_ups", "run_1000m", "run_800m")
ITEM_ZH = {"bmi": "体重指数（BMI）", "vital_capacity": "肺活量", "run_50m": "50米跑",
           "sit_and_reach": "坐位体前屈", "rope_skipping_1min": "一分钟跳绳",
           "sit_ups_1min": "一分钟仰卧起坐", "shuttle_run_50m_x8": "50米×8往返跑",
           "standing_long_jump": "立定跳远", "pull_ups": "引体向上", "run_1000m": "1000米跑",
           "run_800m": "800米跑"}
SEXES = ("male", "female")
SEX_ZH = {"male": "男", "female": "女"}


@dataclass(frozen=True)
class Lookup:
    """Sorted thresholds and the score each earns, for one (item, grade, sex)."""

    thresholds: np.ndarray  # ascending
    scores: np.ndarray      # score of each threshold
    lower_better: bool

    def score(self, values: np.ndarray) -> np.ndarray:
        """Scores of `values` (no NaN): the best level met; 0 below the lowest (README convention)."""
        n = len(self.thresholds)
        if self.lower_better:  # result <= threshold: the smallest threshold not below the result
            idx = np.searchsorted(self.thresholds, values, side="left")
            return np.where(idx < n, self.scores[np.minimum(idx, n - 1)], 0)
        idx = np.searchsorted(self.thresholds, values, side="right") - 1  # result >= threshold
        return np.where(idx >= 0, self.scores[np.maximum(idx, 0)], 0)


@dataclass(frozen=True)
class Standard:
    items: dict[tuple[str, str, str], Lookup]          # (item, grade, sex) -> item table
    bonus: dict[tuple[str, str, str], Lookup]          # (item, grade, sex) -> bonus table
    bmi: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]  # (grade, sex) -> (min x10, score)
    weights: dict[tuple[str, str], dict[str, int]]     # (grade, sex) -> item -> percent
    grade_labels: dict[str, str]                       # "7" -> 初一
    ratings: tuple[tuple[int, str], ...]               # (lowest total x10, rating), best first


def read_csv(name: str) -> pd.DataFrame:
    text = resources.files("asrv").joinpath("data", "fitness", name).read_text("utf-8")
    from io import StringIO
    return pd.read_csv(StringIO(text), dtype={"grade": str})


@lru_cache(maxsize=1)
def standard() -> Standard:
    items = {}
    for (item, grade, sex), g in read_csv("item_scores.csv").groupby(["item", "grade", "sex"]):
        g = g.sort_values("threshold")
        items[(item, grade, sex)] = Lookup(g["threshold"].to_numpy(float), g["score"].to_numpy(int),
                                           g["direction"].iat[0] == "lower_better")
    bonus = {}
    bonus_df = read_csv("bonus.csv")
    for (item, grade, sex), g in bonus_df.groupby(["item", "grade", "sex"]):
        g = g.sort_values("threshold_abs")
        bonus[(item, grade, sex)] = Lookup(g["threshold_abs"].to_numpy(float), g["bonus"].to_numpy(int),
                                           g["comparison"].iat[0] == "<=")
    bmi = {}
    for (grade, sex), g in read_csv("bmi.csv").groupby(["grade", "sex"]):
        g = g.assign(lo=g["bmi_min"].fillna(-1e9)).sort_values("lo")
        # Bands are contiguous at 0.1 resolution: the band is the last whose minimum is met.
        bmi[(grade, sex)] = (np.round(g["lo"].to_numpy(float) * 10).astype(np.int64), g["score"].to_numpy(int))
    w = read_csv("weights.csv")
    weights = {(grade, sex): dict(zip(g["item"], g["weight_percent"].astype(int)))
               for (grade, sex), g in w.groupby(["grade", "sex"])}
    r = read_csv("ratings.csv")
    r = r[r["scope"] == "academic_year_total"].copy()
    r["lo"] = (r["min_inclusive"].fillna(0) * 10).round().astype(int)
    ratings = tuple((int(lo), zh) for lo, zh in sorted(zip(r["lo"], r["rating_zh"]), reverse=True))
    return Standard(items, bonus, bmi, weights,
                    dict(zip(w["grade"], w["grade_label"])), ratings)

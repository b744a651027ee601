"""What `check-meals` returns: the base Result with the tallies per school and day and per school and
month, and the per-school rates for `asrv district`."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..result import Options, Result

__all__ = ["MealsResult", "Options"]


@dataclass
class MealsResult(Result):
    daily: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[
        "school", "date", "meal", "needed", "served", "capped", "people", "titles", "accompanied", "led",
        "meal_day", "dishes", "rate"]))
    months: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[
        "school", "month", "meal_days", "needed", "served", "capped", "accompanied", "led", "rate", "coverage",
        "leader_coverage"]))
    rates: dict[str, dict] = field(default_factory=dict)

    def school_rates(self) -> dict[str, dict]:
        """Per school, for `asrv district`: `provision_rate` (供餐, counted at most up to 需要, ÷ 需要,
        over the meal days), `accompany_coverage` (meal days with a 陪餐 record ÷ meal days),
        `leader_coverage` (… with a school leader among the 陪餐人), and the counts behind them
        (meal_days, needed, served, accompanied_days, leader_days, open_issues). None when there is
        nothing to divide."""
        return {school: dict(v) for school, v in self.rates.items()}

    def payload(self) -> dict:
        months = [{"school": r.school, "month": r.month, "meal_days": int(r.meal_days), "needed": int(r.needed),
                   "served": int(r.served), "provision_rate": _r(r.rate), "accompany_coverage": _r(r.coverage),
                   "leader_coverage": _r(r.leader_coverage)} for r in self.months.itertuples(index=False)]
        return {"schools": [{"school": s, **v} for s, v in self.rates.items()], "months": months}


def _r(x):
    return None if x is None or x != x else round(float(x), 4)

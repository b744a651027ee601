"""What `check-attendance` returns: the base Result (findings, files) with the tallies per group and
day, per student and per school and day, and the per-school rates for `asrv district`."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..result import Options as BaseOptions
from ..result import Result
from .summary import STATUS_COLUMNS, WAYS


@dataclass
class Options(BaseOptions):
    schedule: list[str] = field(default_factory=list)   # --schedule: files, folders or globs
    fees: list[str] = field(default_factory=list)       # --fees: files, folders or globs


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))


@dataclass
class AttendanceResult(Result):
    daily: pd.DataFrame = field(default_factory=lambda: _empty(
        ["school", "gkey", "group", "date", "expected", "records", "present", *STATUS_COLUMNS, "missing", "rate"]))
    students: pd.DataFrame = field(default_factory=lambda: _empty(
        ["school", "student_id", "group", "name", "expected", *STATUS_COLUMNS, "billed", "missing"]))
    pickups: pd.DataFrame = field(default_factory=lambda: _empty(
        ["school", "date", "present", "recorded", "complete", *WAYS, "late"]))
    rates: dict[str, dict] = field(default_factory=dict)

    def school_rates(self) -> dict[str, dict]:
        """Per school, for `asrv district`: `attendance_rate` ((到 + 迟到) ÷ records, or as the profile
        counts), `handover_completeness` (students at school with a departure, a picker and a
        hand-over teacher ÷ students at school), `unreported_absences` (缺勤 with no parent told that
        day), and the counts behind them (records, present, at_school, handed_over, absences,
        expected, missing_records, late_pickups). A rate is None when there is nothing to divide."""
        return {school: dict(v) for school, v in self.rates.items()}

    def payload(self) -> dict:
        groups = [{"school": r.school, "group": r.group, "date": f"{r.date:%Y-%m-%d}", "expected": int(r.expected),
                   "records": int(r.records), "present": int(r.present), "leave": int(getattr(r, "请假")),
                   "absent": int(getattr(r, "缺勤")), "missing": int(r.missing),
                   "rate": None if r.rate != r.rate else round(float(r.rate), 4)}
                  for r in self.daily.itertuples(index=False)]
        return {"schools": [{"school": s, **v} for s, v in self.rates.items()], "groups": groups}

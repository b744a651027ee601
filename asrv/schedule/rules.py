"""The schedule rules: one small function each, declared in the one registry (asrv.registry).

A rule is on when the profile's level for it (`[rules]`, default from its declaration) is
"error" or "warning"; every message ends with the clause the profile cites for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from .. import registry
from ..findings import OFF, Finding

FAMILY = "schedule"


def rule(rule_id: str, title: str, **kwargs):
    """Declare a schedule rule and attach its check."""
    return registry.rule(rule_id, title, FAMILY, **kwargs)


@dataclass
class Context:
    """What every rule sees: all files' sessions (one per row and weekday), staff, schools."""

    sessions: pd.DataFrame
    staff: pd.DataFrame
    schools: pd.DataFrame
    profile: object
    findings: list[Finding] = field(default_factory=list)

    def cfg(self, key: str):
        return self.profile[f"schedule.{key}"]

    def severity(self, rule_id: str) -> str:
        return registry.level(self.profile, rule_id)

    @property
    def rows(self) -> pd.DataFrame:
        """One session per workbook row, for rules that do not depend on the weekday."""
        if not hasattr(self, "_rows"):
            self._rows = self.sessions.drop_duplicates(["file", "row"])
        return self._rows

    @property
    def school_day_sessions(self) -> pd.DataFrame:
        """Sessions on school days: a Saturday session is SCH-DAY's, not also too short or late."""
        if not hasattr(self, "_school_days"):
            self._school_days = self.sessions[self.sessions["day"].isin(self.cfg("school_days"))]
        return self._school_days

    def cached(self, name: str, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A frame several rules derive alike (people per session, staff by school), built once."""
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = make()
        return cache[name]

    def emit(self, rule_id: str, school: str, file: str, sheet: str, cell: str, value, message: str,
             severity: str | None = None) -> None:
        source = self.profile.cite(registry.get(rule_id).cited(self.profile))
        text = f"{message}（{source}）" if source else message
        self.findings.append(Finding(rule_id, severity or self.severity(rule_id), text, school=school,
                                     file=file, sheet=sheet, cell=cell, value=value))

    def emit_rows(self, rule_id: str, frame: pd.DataFrame, at: str, value, message) -> None:
        """One finding per row of `frame`; `value` and `message` are functions of the row."""
        if frame.empty:
            return
        for r in frame.itertuples(index=False):
            self.emit(rule_id, r.school, r.file, r.sheet, getattr(r, at), value(r), message(r))


def run_rules(ctx: Context) -> list[Finding]:
    for r in registry.rules_of(FAMILY):
        if r.check is not None and ctx.severity(r.id) != OFF:
            r.check(ctx)
    return ctx.findings


# Time rules first: `asrv rules` lists them in the order of the spec's table.
from . import rules_time  # noqa: E402,F401
from . import rules_staff  # noqa: E402,F401

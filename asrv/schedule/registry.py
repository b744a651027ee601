"""The rule registry: one small function per rule, its numbers in the profile.

A rule is on when the profile's `schedule.rules` gives it a severity ("error" or "warning");
every message ends with the clause the profile names for it in `schedule.sources`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..findings import ERROR, WARNING, Finding, InputError

OFF = "off"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str          # one Chinese line for `asrv rules`
    check: Callable[["Context"], None]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str):
    def register(fn: Callable[["Context"], None]):
        RULES[rule_id] = Rule(rule_id, title, fn)
        return fn
    return register


@dataclass
class Context:
    """What every rule sees: all files' sessions (one per row and weekday), staff, schools."""

    sessions: pd.DataFrame
    staff: pd.DataFrame
    schools: pd.DataFrame
    profile: object
    items: list[tuple[str, Finding]] = field(default_factory=list)

    def cfg(self, key: str):
        return self.profile[f"schedule.{key}"]

    def severity(self, rule_id: str) -> str:
        return self.profile.get(f"schedule.rules.{rule_id}", OFF)

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
        source = self.profile.get(f"schedule.sources.{rule_id}", "")
        text = f"{message}（{source}）" if source else message
        self.items.append((school, Finding(rule_id, severity or self.severity(rule_id), text,
                                           file=file, sheet=sheet, cell=cell, value=value)))

    def emit_rows(self, rule_id: str, frame: pd.DataFrame, at: str, value, message) -> None:
        """One finding per row of `frame`; `value` and `message` are functions of the row."""
        if frame.empty:
            return
        for r in frame.itertuples(index=False):
            self.emit(rule_id, r.school, r.file, r.sheet, getattr(r, at), value(r), message(r))


def _register() -> None:
    # Time rules first: `asrv rules` lists them in the order of the spec's table.
    from . import rules_time  # noqa: F401
    from . import rules_staff  # noqa: F401


def run_rules(ctx: Context) -> list[tuple[str, Finding]]:
    _register()
    wrong = [Finding("PROFILE", ERROR, f"设置项「schedule.rules.{k}」应为 error、warning 或 off，实际为 {v!r}",
                     file=ctx.profile.name) for k, v in ctx.cfg("rules").items() if v not in (ERROR, WARNING, OFF)]
    if wrong:
        raise InputError(wrong)
    for r in RULES.values():
        if ctx.severity(r.id) != OFF:
            r.check(ctx)
    return ctx.items


def rule_table(extra=None) -> list[dict]:
    """Every rule with its default source and severity and the built-in profiles it is on in
    (and in `extra`, a district's Profile, when given)."""
    from ..profile import BUILTIN, load_profile
    _register()
    profiles = {name: load_profile(name) for name in BUILTIN}
    if extra is not None:
        profiles.setdefault(extra.name, extra)
    out = []
    for r in RULES.values():
        levels = {n: p.get(f"schedule.rules.{r.id}", OFF) for n, p in profiles.items()}
        out.append({"id": r.id, "title": r.title,
                    "source": profiles["default"].get(f"schedule.sources.{r.id}", ""),
                    "default": levels["default"], "levels": levels,
                    "profiles": [n for n, lv in levels.items() if lv != OFF]})
    return out

"""What `score` returns: ranked classes, every award with its points or reason, every finding."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..findings import Finding
from .bonus import AwardLine


@dataclass
class ClassScore:
    class_name: str
    grade: str
    head_teacher: str
    size: int | None
    items: dict[str, float]
    base: float
    team_bonus: float
    individual_bonus: float
    total: float
    order: int
    rank: int = 0
    vetoed: bool = False
    veto_count: int = 0
    veto_students: list[str] = field(default_factory=list)
    recommended: bool = False
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"class": self.class_name, "rank": self.rank, "total": self.total, "base": self.base,
                "team_bonus": self.team_bonus, "individual_bonus": self.individual_bonus,
                "items": dict(self.items), "vetoed": self.vetoed, "recommended": self.recommended}


@dataclass
class ScoreResult:
    file: str
    year: tuple[dt.date, dt.date]
    quota: int
    classes: list[ClassScore]
    awards: list[AwardLine]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def to_json(self) -> dict:
        return {"classes": [c.to_json() for c in self.classes],
                "findings": [f.to_json() for f in self.findings]}

"""What `score.run` returns: per school the ranked classes and every award with its points or
reason; the findings and files of the whole run come from asrv.result.Result."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..result import Options as BaseOptions, Result
from .bonus import AwardLine
from .years import Span, label


@dataclass
class Options(BaseOptions):
    quota: int | None = None       # classes recommended per school; the profile's score.quota when None
    year: str | None = None        # 2025-2026; else the year most award dates fall in
    fitness: list[str] = field(default_factory=list)  # --fitness files, folders or globs


@dataclass
class ClassScore:
    school: str
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
                "items": dict(self.items), "vetoed": self.vetoed,
                "recommended": self.recommended}


@dataclass
class SchoolScore:
    school: str
    school_source: str
    file: str
    year: Span
    year_source: str               # --year, 获奖日期 or --date (asrv.score.years)
    quota: int
    classes: list[ClassScore]
    awards: list[AwardLine]

    @property
    def recommended(self) -> list[ClassScore]:
        return [c for c in self.classes if c.recommended]

    def to_json(self) -> dict:
        return {"school": self.school, "school_source": self.school_source, "file": self.file,
                "year": label(self.year), "year_source": self.year_source, "quota": self.quota,
                "classes": [c.to_json() for c in self.classes]}


@dataclass
class ScoreResult(Result):
    per_school: list[SchoolScore] = field(default_factory=list)   # in pinyin order of the schools

    @property
    def date(self) -> dt.date:
        return self.options.day

    def school(self, name: str) -> SchoolScore:
        return next(s for s in self.per_school if s.school == name)

    def findings_of(self, school: str) -> list:
        return [f for f in self.findings if f.school == school]

    def payload(self) -> dict:
        return {"schools": [s.to_json() for s in self.per_school]}

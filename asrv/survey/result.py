"""What `asrv survey` returns: each school's survey, district totals, every finding and file."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..result import Options as BaseOptions, Result
from .summary import SchoolSurvey


@dataclass(kw_only=True)
class Options(BaseOptions):
    catalog: list[str] = field(default_factory=list)   # catalogue files, folders or globs (optional)


@dataclass
class SurveyResult(Result):
    per_school: list[SchoolSurvey] = field(default_factory=list)   # in pinyin order

    @property
    def schools(self) -> list[str]:
        return [s.school for s in self.per_school]

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.per_school)

    @property
    def wants(self) -> int:
        return sum(s.wants for s in self.per_school)

    @property
    def rate(self) -> float:
        return self.wants / self.answered if self.answered else 0.0

    def groups(self) -> dict[str, int]:
        """District totals of the priority groups among those who want the service."""
        out: dict[str, int] = {}
        for s in self.per_school:
            for g, _, w in s.groups:
                out[g] = out.get(g, 0) + w
        return out

    def payload(self) -> dict:
        return {"schools": [s.to_json() for s in self.per_school],
                "district": {"schools": len(self.per_school), "answered": self.answered, "wants": self.wants,
                             "rate": round(self.rate, 4), "priority_groups": self.groups(),
                             "duplicates": sum(len(s.duplicates) for s in self.per_school)}}

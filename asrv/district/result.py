"""What `asrv district` returns: every school on the rubric (items with their evidence, score, band,
rank, national rates, funding), the district's rates, the comparison with a previous term, and
every finding of every school's workbooks."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..fees.money import fmt
from ..io.terms import Term
from ..result import Options as BaseOptions
from ..result import Result
from .assess import NATIONAL, SchoolResult
from .evidence import Evidence, Rate


@dataclass(kw_only=True)
class Options(BaseOptions):
    """`term` is required (2026秋); `rubric` the district workbook when it is not 考核.xlsx at the top
    of the folder; `compare` a previous term (2025秋) or its 考核结果.xlsx; `pool` the subsidy pool in
    元 (else the 经费 sheet's); `out` where this run's outputs go (a previous term is looked for beside it)."""
    term: str | Term
    rubric: str | None = None
    compare: str | None = None
    pool: str | Decimal | None = None
    out: str | Path | None = None


@dataclass
class Change:
    """One school against the previous term: the score, band and rank then, and the changes since."""
    score: float | None              # the previous total
    change: float | None             # this total − the previous
    band: str                        # the previous band
    rank: int | None                 # the previous rank
    rates: dict[str, float]          # rate key -> change in percentage points

    def to_json(self) -> dict:
        return {"previous_score": self.score, "score_change": self.change, "previous_band": self.band,
                "previous_rank": self.rank, "rates": self.rates}


@dataclass
class DistrictResult(Result):
    term: Term | None = None
    root: Path | None = None
    book: str = ""                                   # the district workbook's name ("" when none was used)
    rubric: dict[str, dict] = field(default_factory=dict)
    rubric_source: str = ""
    per_school: list[SchoolResult] = field(default_factory=list)    # in ranking order
    evidence: dict[str, Evidence] = field(default_factory=dict)
    register_size: int = 0
    district: dict[str, Rate] = field(default_factory=dict)
    pool_fen: int | None = None
    previous: str = ""                               # the file compared with ("" when none)
    changes: dict[str, Change] = field(default_factory=dict)
    unassessed: list[str] = field(default_factory=list)   # folders not in the register

    @property
    def schools(self) -> list[str]:
        return [s.school for s in self.per_school]

    @property
    def writable(self) -> bool:
        """Something was read: the district workbook or any school's workbook."""
        return self.usable

    def school(self, name: str) -> SchoolResult:
        return next(s for s in self.per_school if s.school == name)

    def findings_of(self, school: str) -> list:
        return [f for f in self.findings if f.school == school]

    def payload(self) -> dict:
        t = self.term
        return {"term": None if t is None else {"code": t.code, "label": t.label, "title": t.title},
                "rubric": {"source": self.rubric_source, "items": {c: {k: i[k] for k in ("group", "label", "points",
                                                                                          "method")}
                                                                  for c, i in self.rubric.items()}},
                "schools": [self.school_json(s) for s in self.per_school],
                "district": {"schools": len(self.per_school), "register": self.register_size,
                             "rates": rates_json(self.district), "pool": fen_text(self.pool_fen),
                             "unassessed": self.unassessed},
                **({"previous": self.previous} if self.previous else {})}

    def school_json(self, s: SchoolResult) -> dict:
        change = self.changes.get(s.school)
        return {"school": s.school, "score": s.score, "band": s.band, "rank": s.rank, "vetoed": s.vetoed,
                "items": {c: {"score": i.score, "points": i.points, "method": i.method, "evidence": i.evidence,
                              **({"missing": i.missing} if i.missing else {})} for c, i in s.items.items()},
                "rates": rates_json(s.rates), "funding": fen_text(s.funding), "due": fen_text(s.due),
                "missing": s.missing, **({"change": change.to_json()} if change else {})}


def rates_json(rates: dict[str, Rate]) -> dict:
    return {k: {"name": NATIONAL[k], "numerator": r.numerator, "denominator": r.denominator,
                "value": None if r.value is None else round(r.value, 4)} for k, r in rates.items()}


def fen_text(fen: int | None) -> str | None:
    """分 as 元 with two decimals (`1234.50`), exact, as JSON money is written everywhere."""
    return None if fen is None else fmt(fen)

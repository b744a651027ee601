"""What a district run knows of one school, gathered from the school's own workbooks through the
commands' `run()`; every number keeps where it came from, so each score can be traced to cells."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding


@dataclass
class Rate:
    """A rate with its numerator and denominator and where each came from."""
    numerator: int | float
    denominator: int | float
    source: str = ""

    @property
    def value(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator

    def text(self) -> str:
        v = self.value
        shown = "—" if v is None else f"{v:.2%}"
        return f"{_n(self.numerator)} ÷ {_n(self.denominator)} = {shown}" + (f"（{self.source}）" if self.source else "")


def _n(x) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


@dataclass
class Rating:
    """A reviewer's score of one item (评分 sheet), with its cells."""
    self_score: float | None = None
    review: float | None = None
    rater: str = ""
    reason: str = ""
    evidence: str = ""
    where: dict = field(default_factory=dict)   # {"file", "sheet", "cell"} of the row


@dataclass
class Evidence:
    school: str
    students: int | None = None             # 在校生数 of the register
    staff: int | None = None                # 教职工数 of the register
    register_where: dict = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)   # workbook kind -> files sent
    findings: list[Finding] = field(default_factory=list)       # every finding of the commands run
    participants: int | None = None         # distinct (school, 学号) enrolled in the term
    participants_source: str = ""           # 收费报名 or 意向调查
    five_day: int | None = None             # participants enrolled on all five weekdays
    school_staff_serving: int | None = None  # distinct own staff in the schedule
    offers_service: bool = False            # the school has a schedule with sessions
    handover: Rate | None = None            # attendance: present with a departure and hand-over
    unreported: int | None = None           # attendance: absences with no leave and no parent told
    attendance: Rate | None = None
    satisfaction: dict | None = None        # sent, valid, satisfied, fairly, dissatisfied, unknown (+ where)
    ratings: dict[str, Rating] = field(default_factory=dict)   # item code -> rating
    vetoes: list[dict] = field(default_factory=list)           # confirmed 否决 rows

    def sent(self, kind: str) -> bool:
        return bool(self.kinds.get(kind))

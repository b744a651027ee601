"""What a fee run gives: per-school totals, the per-student frame, the ledger, and the findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..io.terms import Term
from ..result import Options as BaseOptions
from ..result import Result
from .money import Amount, fmt
from .summary import SchoolSummary, district


@dataclass(kw_only=True)
class Options(BaseOptions):
    """`term` is required: `2026秋`, `2026-2027-1` or `2026-2027学年第一学期` (or a Term)."""
    term: str | Term
    schedule: list[str] = field(default_factory=list)  # schedule workbooks (files, folders, globs): the ledger
    calendar: str | None = None                        # the term's school days, for the ledger


@dataclass
class FeesResult(Result):
    term: Term | None = None
    per_school: list[SchoolSummary] = field(default_factory=list)
    students: Any = None        # pandas frame, one row per (school, 学号): summary.STUDENT_MONEY in 分, `problems`
    categories: list[str] = field(default_factory=list)
    ledger: Any = None          # ledger.Ledger with --schedule
    notes: list[str] = field(default_factory=list)

    @property
    def schools(self) -> list[str]:
        return [s.name for s in self.per_school]

    def school(self, name: str) -> SchoolSummary:
        return next(s for s in self.per_school if s.name == name)

    @property
    def district(self) -> SchoolSummary | None:
        """The 全区合计 of a run over several schools."""
        return district(self.per_school) if len(self.per_school) > 1 else None

    def payload(self) -> dict:
        total = self.district
        return {"term": None if self.term is None else
                {"code": self.term.code, "label": self.term.label, "title": self.term.title},
                "schools": [school_json(s) for s in self.per_school],
                **({"district": school_json(total)} if total is not None else {}),
                **({"ledger": self.ledger.to_json()} if self.ledger is not None else {}),
                "notes": self.notes}

    def to_json(self) -> dict:
        data = super().to_json()
        data["findings"] = [finding_json(f) for f in self.findings]
        return data


def finding_json(f) -> dict:
    d = f.to_json()
    if isinstance(f.value, Amount):
        d["amount"], d["limit"] = f.value.amount, f.value.limit or None
    return d


def school_json(s: SchoolSummary) -> dict:
    m = fmt
    return {
        "school": s.name, "files": [x for x in s.files.split("、") if x],
        "participants": {"普惠托管": s.basic, "个性化课程": s.personal},
        "course_enrollments": s.enrollments, "hardship_exempt": s.hardship,
        "fees_due": m(s.fee), "materials_due": m(s.materials), "due": m(s.due),
        "collected": m(s.paid), "refunds": m(s.refunded), "refund_students": s.refund_students,
        "net_collected": m(s.net), "outstanding": m(s.outstanding),
        "subsidy_due": m(s.subsidy_due),
        "subsidy_received": None if s.subsidy_received is None else m(s.subsidy_received),
        "subsidy_short": m(s.subsidy_short), "income": m(s.income),
        "spending": {**{k: m(v) for k, v in s.spending.items()}, "其他（不合规）": m(s.spending_other)},
        "spending_total": m(s.spending_total), "balance": m(s.balance),
        "errors": s.errors, "warnings": s.warnings,
    }

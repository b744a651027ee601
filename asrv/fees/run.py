"""`run_fees(files, term, profile) -> FeesResult`: read, check every rule, total per student and school."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import ERROR, Finding, InputError, Progress, Report, no_progress
from ..profile import Profile
from . import rules, summary
from .load import load
from .money import Amount, cents, fmt
from .summary import SchoolSummary
from ..io.terms import Term, parse_term


@dataclass
class FeesResult:
    term: Term
    files: list[str]
    schools: list[SchoolSummary]
    students: pd.DataFrame  # one row per student: summary.STUDENT_MONEY in 分, plus `problems`
    findings: list[Finding]
    categories: list[str]
    ledger: object | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"term": {"code": self.term.code, "label": self.term.label, "title": self.term.title},
                "schools": [school_json(s) for s in self.schools],
                "findings": [finding_json(f) for f in self.findings],
                **({"ledger": self.ledger.to_json()} if self.ledger is not None else {}),
                "notes": self.notes}


def term_option(value: str | Term) -> Term:
    if isinstance(value, Term):
        return value
    try:
        return parse_term(value)
    except ValueError as exc:
        raise InputError([Finding("OPTION-TERM", ERROR, f"--term「{value}」{exc}")]) from None


def run_fees(files, term: str | Term, profile: Profile, *, schedule=(), calendar=None,
             progress: Progress = no_progress) -> FeesResult:
    """Check one term's fees in one or many schools' workbooks. InputError when it cannot run.

    With `schedule` (schedule workbooks), also the teacher subsidy ledger of the term.
    """
    term = term_option(term)
    files = [Path(f) for f in files]
    if not files:
        raise InputError([Finding("OPTION-FILES", ERROR, "没有给出工作簿")])
    data = load(files, term, profile, progress)
    cfg = profile.section("fees")
    per_student = cents(cfg["subsidy_per_student"])
    summary.prepare(data, cfg, rules.category_of)
    report = Report()
    r = rules.Rules(data, profile, report)
    progress("核对收费规则")
    for check in (rules.check_cap, rules.check_basic, rules.check_once, rules.check_account,
                  rules.check_use, rules.check_materials):
        check(r)
    progress("按学生汇总")
    st = summary.students(data, per_student)
    rules.check_hardship(r, st)
    rules.check_paid(r, st)
    progress("按学校汇总")
    schools = summary.schools(data, st, cfg, per_student)
    for s in schools:
        rules.check_subsidy(r, s)
        rules.check_balance(r, s)
    st["problems"] = st["key"].map(lambda k: "、".join(r.flags.get(k, ())))
    notes = []
    if cfg["subsidy_assume_received"] and any(s.subsidy_received is None for s in schools):
        notes.append("未提供「补助」表的学校，政府保障经费按应保障额计入收入与结余。")
    ledger = None
    if schedule:
        from .ledger import build_ledger
        progress("计算补助台账")
        ledger = build_ledger(schedule, profile, calendar, progress)
        report.extend(ledger.findings)
    return FeesResult(term, data.files, schools, st, report.sorted(), list(cfg["categories"]), ledger, notes)


def finding_json(f: Finding) -> dict:
    d = f.to_json()
    if isinstance(f.value, Amount):
        d["amount"], d["limit"] = f.value.amount, f.value.limit or None
    return d


def school_json(s: SchoolSummary) -> dict:
    m = fmt
    return {
        "school": s.name, "files": s.files,
        "participants": {"普惠托管": s.basic, "个性化课程": s.personal},
        "course_enrollments": s.enrollments, "hardship_exempt": s.hardship,
        "fees_due": m(s.fee), "materials_due": m(s.materials), "due": m(s.due),
        "collected": m(s.paid), "refunds": m(s.refunded), "refund_students": s.refund_students,
        "net_collected": m(s.net), "outstanding": m(s.outstanding),
        "subsidy_due": m(s.subsidy_due),
        "subsidy_received": None if s.subsidy_received is None else m(s.subsidy_received),
        "income": m(s.income),
        "spending": {**{k: m(v) for k, v in s.spending.items()}, "其他（不合规）": m(s.spending_other)},
        "spending_total": m(s.spending_total), "balance": m(s.balance),
    }


__all__ = ["FeesResult", "run_fees", "term_option", "finding_json", "school_json"]

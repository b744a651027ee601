"""The `[fees]` section: caps, subsidies, accounts, spending categories and the teacher ledger."""
from __future__ import annotations

from pydantic import Field

from ..profile.model import Money, Section, Severity, Words


class Ledger(Section):
    rate_own: Money
    rate_outside: Money
    rate_volunteer: Money
    volunteer_kinds: Words
    weeks: int = Field(ge=1, le=30)


class Settings(Section):
    school: str
    cap: Money
    subsidy_per_student: Money
    subsidy_assume_received: bool
    hardship_materials_exempt: bool
    payee_forbidden: Words
    payee_account: Words
    payee_blank_severity: Severity
    categories: Words = Field(min_length=1)
    surplus_allowed: Money
    surplus_use: str = Field(min_length=1)
    publication_working_days: int = Field(ge=1, le=30)
    complaint_contact: str
    aliases: dict[str, Words]
    ledger: Ledger

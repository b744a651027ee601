"""The `[schedule]` section: service days, end times, lengths, content and staff rules (篇1, 篇2, N2, N4)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..profile.model import Count, Section, Time, Words

Stage = Literal["小学", "初中"]
Weekday = Literal[1, 2, 3, 4, 5, 6, 7]


class End(Section):
    latest: dict[Stage, Time]


class Length(Section):
    max_minutes: Count   # 0: no upper limit
    min_minutes: Count   # 0: no lower limit


class Study(Section):
    keywords: Words
    max_minutes: dict[Stage, int] = Field(min_length=1)


class Homework(Section):
    grades: list[int]


class Teaching(Section):
    categories: Words
    keywords: Words


class Scope(Section):
    keywords: Words


class Staff(Section):
    own_kinds: Words
    training_org_kinds: Words
    vendor_kinds: Words
    admitted_vendors_allowed: bool


class Settings(Section):
    school_days: list[Weekday] = Field(min_length=1)
    primary_grades: list[int]
    default_mode: str
    shared_rooms: Words
    end: End
    length: Length
    study: Study
    homework: Homework
    teaching: Teaching
    scope: Scope
    staff: Staff

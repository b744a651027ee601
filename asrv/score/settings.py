"""The `[score]` section of a profile: the numbers and readings of the excellent-class scheme (篇3)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..profile.model import Count, MonthDay, Section, Share, Words


class Item(Section):
    label: str
    max: int | float = Field(gt=0)
    # mean: the raters' mean (篇3 二、5); count: one point per pass, capped at max.
    aggregate: Literal["mean", "count"]


class Fitness(Section):
    veto_ratings: Words
    pass_ratings: Words
    pe_score_first: bool


class Bonus(Section):
    levels: Words
    place_levels: Words
    higher_factor: int | float = Field(gt=0)
    blank_organizer_counts: bool
    blank_date_counts: bool
    excluded_events: Words
    team: dict[str, list[int | float]]
    individual: dict[str, list[int | float]]
    place_to_prize: dict[str, list[int]]

    @model_validator(mode="after")
    def _known_levels(self):
        for table in ("team", "individual"):
            unknown = [lv for lv in getattr(self, table) if lv not in self.levels]
            if unknown:
                raise ValueError(f"score.bonus.{table} 中的级别 {'、'.join(unknown)} 不在 levels 中")
        for prize, span in self.place_to_prize.items():
            if len(span) != 2 or span[0] > span[1] or span[0] < 1:
                raise ValueError(f"score.bonus.place_to_prize「{prize}」应为 [起始名次, 结束名次]，如 [1, 2]")
        return self


class Incidents(Section):
    zero_kinds: Words
    default_deduction: Share
    deductions: dict[str, Share]


class Settings(Section):
    quota: Count
    academic_year_start: MonthDay
    tie_order: Literal["input", "class"]
    publication_working_days: int = Field(ge=1, le=30)
    objection_contact: str
    district_objection_contact: str
    school: str
    items: dict[Literal["class_building", "study", "teaching", "fitness", "hygiene", "conduct", "web_page",
                        "feature"], Item]
    fitness: Fitness
    bonus: Bonus
    incidents: Incidents

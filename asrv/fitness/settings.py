"""The `[fitness]` section: how raw fitness sheets are read and judged (the scoring tables ship as data)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..profile.model import Section, Words

ITEMS = ("height", "weight", "vital_capacity", "run_50m", "sit_and_reach", "rope_skipping_1min", "sit_ups_1min",
         "shuttle_run_50m_x8", "standing_long_jump", "pull_ups", "run_1000m", "run_800m")


class Settings(Section):
    not_tested: Words
    exempt: Words
    skip_sheets: Words
    # [reading] incomplete: a student missing a required item gets no rating; zero: the item scores 0.
    missing_items: Literal["incomplete", "zero"]
    bonus_max: int = Field(ge=0, le=20)
    plausible: dict[Literal[ITEMS], list[int | float]]

    @model_validator(mode="after")
    def _ranges(self):
        for item, span in self.plausible.items():
            if len(span) != 2 or span[0] >= span[1]:
                raise ValueError(f"fitness.plausible.{item} 应为 [最小, 最大]，且最小小于最大")
        return self

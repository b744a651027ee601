"""The `[enroll]` section of a profile."""
from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from ..profile.model import Section

GROUPS = ("残疾", "留守", "随迁", "困难")


class Settings(Section):
    # The priority groups of 篇1 三(一), in the order they are served.
    priority_order: list[Literal[GROUPS]]
    priority_ordered: bool
    basic_service: str

    @field_validator("priority_order")
    @classmethod
    def _once_each(cls, v):
        if len(set(v)) != len(v):
            raise ValueError("enroll.priority_order 中的群体不应重复")
        return v

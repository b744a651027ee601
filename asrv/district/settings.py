"""The `[district]` section: the default rubric (D1–D8, 100 points), bands, funding coefficients."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..profile.model import Money, Section, Share, Words

# How an item is scored: rated by reviewers; points less a deduction per error finding of the
# rules it counts; from attendance hand-over; participation rate; satisfaction rate; a veto item.
Method = Literal["rated", "deduct", "attendance", "participation", "satisfaction", "veto"]


class Item(Section):
    label: str                      # 二级指标 as a clerk reads it
    group: str = ""                 # 一级指标
    source: str = ""                # the clause, as in [documents]
    points: int | float = Field(gt=0)
    method: Method
    rules: Words = []               # deduct: rule ids counted; `STAFF-*` counts every STAFF rule
    per_finding: int | float = Field(default=0, ge=0)
    per_unreported: int | float = Field(default=0, ge=0)   # attendance: per unreported absence
    full_at: Share = 0.0            # participation, satisfaction: the rate that earns full points
    zero_at: Share = 0.0            # participation: the rate at or below which it earns none
    per_point: int | float = Field(default=0, ge=0)       # satisfaction: lost per whole point below
    # [reading] what an automatic item scores when the school sent no workbook for it.
    when_missing: Literal["zero", "rated"] = "zero"


class Settings(Section):
    items: dict[str, Item]
    # Bands from the top: a score at or above the threshold earns the band; below the last, 不合格.
    bands: dict[str, int | float]
    fail_band: str
    funding: dict[str, int | float]            # band -> coefficient of its participants
    floor_per_student: Money                   # 篇2 三(二): 150 元/生/学期, the amount due without a pool
    self_review_gap: int | float = Field(ge=0)  # 自评 − 复评 beyond this is a finding
    # [reading] a survey's 满意度 answers as parents write them -> satisfied, fairly, dissatisfied, unknown
    satisfaction_answers: dict[str, Literal["satisfied", "fairly", "dissatisfied", "unknown"]]
    issuer: str = ""                # 考核结果公示 发布单位; empty: [notice] issuer
    objection_office: str = ""      # who takes objections to the 公示; empty: [notice] office

    @model_validator(mode="after")
    def _bands_descend(self):
        limits = list(self.bands.values())
        if limits != sorted(limits, reverse=True):
            raise ValueError("district.bands 应从高到低排列，如 { \"优秀\" = 90, \"良好\" = 80, \"合格\" = 60 }")
        unknown = [b for b in [*self.bands, self.fail_band] if b not in self.funding]
        if unknown:
            raise ValueError(f"district.funding 缺少等次 {'、'.join(unknown)} 的系数")
        for code, item in self.items.items():
            if item.method == "participation" and not item.zero_at < item.full_at:
                raise ValueError(f"district.items.{code}：zero_at 应小于 full_at")
        return self

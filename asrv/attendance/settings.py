"""The `[attendance]` section: the numbers of attendance and hand-over (篇1 四(三)), checked when a
profile is loaded."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..profile.model import Count, Money, Section, Share, Time, Words

Status = Literal["到", "迟到", "请假", "缺勤", "早退"]
Weekday = Literal[1, 2, 3, 4, 5, 6, 7]


class Rate(Section):
    minimum: Share                                    # a group's (到 + 迟到) ÷ records below this is low
    counted: list[Status] = Field(min_length=1)      # the statuses in the numerator


class Pickup(Section):
    session_end: Time                    # when the schedule (--schedule) does not give the group's end
    grace_minutes: Count                 # later than end + grace, not 交门卫: a late pickup
    self_leave_relations: Words          # a 授权接送人 row with this 关系 allows 自行离校


class Staff(Section):
    grace_minutes: Count                 # sign-in later than the first session's start + grace: late


class Fees(Section):
    pro_rating: Literal["days", "full"]  # days: fee × billed days ÷ service days; full: any attended day
    billed: list[Status] = Field(min_length=1)   # statuses that are billed days
    modes: Words                         # 报名 模式 rows that are billed by attendance; [] for all
    tolerance: Money                     # 元 billed above the due amount before it is a finding


class Settings(Section):
    service_days: list[Weekday] = Field(min_length=1)
    present: list[Status] = Field(min_length=1)   # statuses of a child at school: needs a hand-over
    backfill_days: Count
    rate: Rate
    pickup: Pickup
    staff: Staff
    fees: Fees

    @model_validator(mode="after")
    def _present_has_counted(self):
        if not set(self.rate.counted) <= set(self.present):
            raise ValueError("rate.counted 中的状态应都在 present 中（计入出勤率的学生都在校）")
        return self

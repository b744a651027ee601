"""The `[meals]` section: lunch provision, the leader's accompanying meal and food samples (篇2 三(一)),
checked when a profile is loaded."""
from __future__ import annotations

from pydantic import Field

from ..profile.model import Section, Share, Words


class Sample(Section):
    min_grams: float = Field(gt=0)     # each dish kept at least this many grams
    min_hours: float = Field(gt=0)     # and kept at least this many hours


class Settings(Section):
    meals: Words = Field(min_length=1)         # 餐次 checked for provision, 陪餐 and 留样
    default_meal: str                          # a blank 餐次 is this one
    provision_minimum: Share                   # 供餐 ÷ 需要 on a meal day, at least this
    leader_titles: Words = Field(min_length=1)  # 职务 that are 学校负责人
    no_issue: Words                            # 问题 written like this is no problem
    poor_ratings: Words                        # 饭菜质量 or 卫生 rated like this is a problem to fix
    sample: Sample

"""Competition ranking (1, 2, 2, 4) and the quota with ties at the cut-off (篇3 二、9)."""
from __future__ import annotations

from ..findings import Finding
from ..profile import Profile
from .result import ClassScore
from .rules import add


def rank(classes: list[ClassScore], tie_order: str) -> list[ClassScore]:
    """High to low; equal totals share a rank and keep the [reading] list order among them."""
    second = (lambda c: c.order) if tie_order == "input" else (lambda c: c.class_name)
    ranked = sorted(classes, key=lambda c: (-c.total, second(c)))
    for i, c in enumerate(ranked):
        c.rank = ranked[i - 1].rank if i and c.total == ranked[i - 1].total else i + 1
    return ranked


def recommend(ranked: list[ClassScore], quota: int, profile: Profile, findings: list[Finding], file: str) -> None:
    """The top `quota` eligible classes; a tie across the cut-off recommends all tied classes."""
    eligible = [c for c in ranked if not c.vetoed]
    if quota <= 0 or not eligible:
        return
    cut = eligible[min(quota, len(eligible)) - 1].total
    chosen = [c for c in eligible if c.total >= cut]
    for c in chosen:
        c.recommended = True
    if len(chosen) > quota:
        tied = [c.class_name for c in chosen if c.total == cut]
        add(findings, profile, "SCORE-QUOTA-TIE",
            f"推荐名额 {quota} 个，第 {quota} 名处 {'、'.join(tied)} 同分 {cut:g}，均予推荐，共推荐 {len(chosen)} 个班级",
            file=file)

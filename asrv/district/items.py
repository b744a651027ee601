"""Scoring one school on one rubric item, with the evidence a clerk can check cell by cell."""
from __future__ import annotations

import fnmatch
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..findings import ERROR, Finding
from .evidence import Evidence, Rate
from .kinds import KIND_OF_PREFIX, ZH as KIND_ZH
from .rules import say


@dataclass
class ItemScore:
    code: str
    group: str
    label: str
    points: float
    method: str
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)
    missing: str = ""                                  # the workbook the school did not send
    rated_instead: bool = False                        # … and the item was rated by hand instead (not 需补交)
    findings: list[Finding] = field(default_factory=list)
    deducted: list[Finding] = field(default_factory=list)   # the school's findings this item lost points for


def cents(x: float) -> float:
    """Half-up to 0.01, as a score is published."""
    return float(Decimal(str(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def score_item(code: str, item: dict, ev: Evidence, profile) -> ItemScore:
    out = ItemScore(code, item["group"], item["label"], float(item["points"]), item["method"])
    method = item["method"]
    if method == "rated":
        _rated(out, ev, profile)
    elif method == "deduct":
        _deduct(out, item, ev, profile)
    elif method == "attendance":
        _attendance(out, item, ev, profile)
    elif method == "participation":
        _participation(out, item, ev, profile)
    elif method == "satisfaction":
        _satisfaction(out, item, ev, profile)
    out.score = cents(max(0.0, min(out.score, out.points)))
    return out


def _say(out: ItemScore, profile, rule: str, message: str, ev: Evidence, **where) -> None:
    say(out.findings, profile, rule, f"{out.code} {out.label}：{message}", school=ev.school, **where)


def _rated(out: ItemScore, ev: Evidence, profile) -> None:
    r = ev.ratings.get(out.code)
    if r is None or (r.review is None and r.self_score is None):
        _say(out, profile, "DIST-RATING-MISSING", "评分表中没有此项的评分，本项记 0 分", ev)
        return
    gap = profile["district.self_review_gap"]
    for label, value in (("复评分", r.review), ("自评分", r.self_score)):
        if value is not None and not 0 <= value <= out.points:
            _say(out, profile, "DIST-SCORE-RANGE", f"{label} {value:g} 不在 0 到 {out.points:g} 分之间，不予采用", ev,
                 **r.where)
    review = r.review if r.review is not None and 0 <= r.review <= out.points else None
    own = r.self_score if r.self_score is not None and 0 <= r.self_score <= out.points else None
    if review is not None:
        out.score = review
        out.evidence.append(f"复评分 {review:g}（{r.rater or '评分人未填'}）" + (f"：{r.reason}" if r.reason else ""))
        if own is not None and own - review > gap:
            _say(out, profile, "DIST-SELF-REVIEW-GAP", f"自评 {own:g} 分，复评 {review:g} 分，相差超过 {gap:g} 分", ev, **r.where)
    elif own is not None:
        out.score = own
        out.evidence.append(f"自评分 {own:g}（尚无复评）")
        _say(out, profile, "DIST-SELF-ONLY", f"只有自评分 {own:g}，尚无复评分", ev, **r.where)
    if not r.evidence:
        _say(out, profile, "DIST-EVIDENCE-MISSING", "评分没有写明佐证材料", ev, **r.where)


def _counted(rule: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(rule, p) for p in patterns)


def _kinds(patterns: list[str]) -> set[str]:
    return {KIND_OF_PREFIX.get(p.split("-")[0].rstrip("*"), "") for p in patterns} - {""}


def _missing(out: ItemScore, item: dict, ev: Evidence, profile, kinds) -> bool:
    """A school that sent none of the workbooks an item needs: 0 (or the reviewers' score), said."""
    lacking = [k for k in sorted(kinds) if not ev.sent(k)]
    if not lacking or len(lacking) < len(kinds):
        return False
    out.missing = "、".join(KIND_ZH.get(k, k) for k in lacking)
    if item["when_missing"] == "rated":
        out.rated_instead = True
        out.evidence.append(f"未报送{out.missing}，按评分表评分")
        _rated(out, ev, profile)
    else:
        _say(out, profile, "DIST-MISSING-WORKBOOK", f"未报送{out.missing}，本项记 0 分（请补交）", ev)
    return True


def _deduct(out: ItemScore, item: dict, ev: Evidence, profile) -> None:
    if _missing(out, item, ev, profile, _kinds(item["rules"])):
        return
    hits = [f for f in ev.findings if f.severity == ERROR and _counted(f.rule, item["rules"])]
    out.deducted = hits
    out.score = out.points - item["per_finding"] * len(hits)
    out.evidence.append(f"扣分问题 {len(hits)} 条 × {item['per_finding']:g} 分" if hits else "未发现扣分问题")
    out.evidence += [evidence_line(f) for f in hits]


def evidence_line(f: Finding) -> str:
    """A deducting finding as its evidence line: rule, file, sheet!cell and what is wrong."""
    return f"{f.rule} {f.file} {f.where}：{f.message}"


def _attendance(out: ItemScore, item: dict, ev: Evidence, profile) -> None:
    if _missing(out, item, ev, profile, {"attendance"}):
        return
    rate = ev.handover or Rate(0, 0)
    value = rate.value if rate.value is not None else 0.0
    unreported = ev.unreported or 0
    out.score = out.points * value - item["per_unreported"] * unreported
    out.evidence.append(f"交接完整率 {rate.text()}；未告知家长的缺勤 {unreported} 人次 × {item['per_unreported']:g} 分")


def _participation(out: ItemScore, item: dict, ev: Evidence, profile) -> None:
    if ev.participants is None:
        out.missing = "收费工作簿或意向调查表"
        _say(out, profile, "DIST-MISSING-WORKBOOK", "未报送收费工作簿或意向调查表，无法计算参与率，本项记 0 分（请补交）", ev)
        return
    if not ev.students:
        _say(out, profile, "DIST-RATE-IMPOSSIBLE", "学校名册中没有在校生数，无法计算参与率", ev, **ev.register_where)
        return
    if ev.participants > ev.students:
        _say(out, profile, "DIST-RATE-IMPOSSIBLE", f"参与学生 {ev.participants} 人多于在校生 {ev.students} 人", ev,
             **ev.register_where)
    rate = Rate(ev.participants, ev.students, f"参与学生取自{ev.participants_source}，在校生数取自学校名册")
    full, zero = item["full_at"], item["zero_at"]
    value = rate.value
    out.score = out.points if value >= full else 0.0 if value <= zero else out.points * (value - zero) / (full - zero)
    out.evidence.append(f"参与率 {rate.text()}：≥ {full:.0%} 满分，≤ {zero:.0%} 为 0，其间按比例")


def _satisfaction(out: ItemScore, item: dict, ev: Evidence, profile) -> None:
    s = ev.satisfaction
    if not s:
        out.missing = "满意度调查"
        _say(out, profile, "DIST-MISSING-WORKBOOK", "没有满意度调查数据（考核工作簿的「满意度」表或学校的调查表），本项记 0 分", ev)
        return
    where = s.get("where", {})
    counted = s["satisfied"] + s["fairly"] + s["dissatisfied"] + s["unknown"]
    if s["valid"] > s["sent"] or counted > s["valid"]:
        _say(out, profile, "DIST-RATE-IMPOSSIBLE", f"有效 {s['valid']} 份、发放 {s['sent']} 份、各项合计 {counted} 份，数字不相容", ev,
             **where)
    rate = Rate(s["satisfied"] + s["fairly"], s["valid"] - s["unknown"], "（满意 + 基本满意）÷（有效 − 不了解）")
    if rate.value is None:
        _say(out, profile, "DIST-RATE-IMPOSSIBLE", "有效问卷减去「不了解」为 0，无法计算满意度", ev, **where)
        return
    # [reading] "每低 1 个百分点扣 1 分": only whole points below count (94.5 % is half a point: none).
    below = max(0, math.floor(round((item["full_at"] - rate.value) * 100, 6)))
    out.score = out.points - item["per_point"] * below
    out.evidence.append(f"满意度 {rate.text()}：≥ {item['full_at']:.0%} 满分，每低 1 个百分点扣 {item['per_point']:g} 分")

"""Every school on the rubric: item scores, total, band, rank, the national rates and the funding."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding
from .evidence import Evidence, Rate
from .funding import allot
from .items import ItemScore, cents, score_item
from .rules import say


@dataclass
class SchoolResult:
    school: str
    items: dict[str, ItemScore]
    score: float
    band: str
    vetoed: bool
    rates: dict[str, Rate]
    order: int                                   # position in the register: the order among ties
    rank: int = 0
    funding: int | None = None                   # 分, with a pool
    due: int = 0                                 # 分: the 150 元/生/学期 floor × participants
    findings: list[Finding] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """需补交: the workbooks the school did not send for an automatic item (not those rated instead)."""
        named = list(dict.fromkeys(i.missing for i in self.items.values() if i.missing and not i.rated_instead))
        # "收费工作簿或意向调查表" says no more once "收费工作簿" is asked for on its own.
        return [m for m in named if not any(o != m and o in m.split("或") for o in named)]


NATIONAL = {"coverage": "学校覆盖率", "participation": "学生参与率", "five_day": "每周5天参与率",
            "teachers": "教师参与率"}


def school_rates(ev: Evidence) -> dict[str, Rate]:
    rates = {"coverage": Rate(1 if ev.offers_service else 0, 1, "有课后服务安排")}
    if ev.participants is not None and ev.students:
        rates["participation"] = Rate(ev.participants, ev.students, f"参与学生（{ev.participants_source}）÷ 在校生")
    if ev.five_day is not None and ev.participants:
        rates["five_day"] = Rate(ev.five_day, ev.participants, "每周 5 天都参加的学生 ÷ 参与学生")
    if ev.school_staff_serving is not None and ev.staff:
        rates["teachers"] = Rate(ev.school_staff_serving, ev.staff, "安排表中的本校教职工 ÷ 教职工数")
    return rates


def district_rates(results: list[SchoolResult], register_size: int) -> dict[str, Rate]:
    def total(key: str) -> Rate:
        got = [r.rates[key] for r in results if key in r.rates]
        return Rate(sum(x.numerator for x in got), sum(x.denominator for x in got), f"{len(got)} 所学校合计")
    offering = sum(1 for r in results if r.rates["coverage"].numerator)
    return {"coverage": Rate(offering, register_size, "开展课后服务的学校 ÷ 名册中的学校"),
            **{k: total(k) for k in ("participation", "five_day", "teachers")}}


def assess(evidence: list[Evidence], rubric: dict[str, dict], profile, pool_fen: int | None) -> list[SchoolResult]:
    cfg = profile["district"]
    results = []
    for order, ev in enumerate(evidence):
        items = {code: score_item(code, item, ev, profile) for code, item in rubric.items() if item["method"] != "veto"}
        total = cents(sum(i.score for i in items.values()))
        vetoed = bool(ev.vetoes)
        band = cfg["fail_band"] if vetoed else next((b for b, at in cfg["bands"].items() if total >= at), cfg["fail_band"])
        found = [f for i in items.values() for f in i.findings]
        for v in ev.vetoes:
            say(found, profile, "DIST-VETO", f"查实否决事项「{v.get('kind', '')}」：{v.get('note', '')}，考核为"
                f"{cfg['fail_band']}（得分照常列出）", school=ev.school, **v.get("where", {}))
        results.append(SchoolResult(ev.school, items, total, band, vetoed, school_rates(ev), order, findings=found))
    rank(results)
    _fund(results, evidence, profile, pool_fen)
    return results


def rank(results: list[SchoolResult]) -> None:
    """High to low; equal scores share a rank (1, 2, 2, 4); the register's order among them."""
    ordered = sorted(results, key=lambda r: (-r.score, r.order))
    for i, r in enumerate(ordered):
        r.rank = ordered[i - 1].rank if i and r.score == ordered[i - 1].score else i + 1
    results.sort(key=lambda r: (r.rank, r.order))


def _fund(results: list[SchoolResult], evidence: list[Evidence], profile, pool_fen: int | None) -> None:
    cfg = profile["district"]
    participants = {ev.school: ev.participants or 0 for ev in evidence}
    floor = int(Decimal(str(cfg["floor_per_student"])) * 100)
    for r in results:
        r.due = floor * participants[r.school]
    if pool_fen is None:
        return
    weights = [Decimal(participants[r.school]) * Decimal(str(cfg["funding"][r.band])) for r in results]
    shares = allot(pool_fen, weights)
    if pool_fen > 0 and results and not any(weights):
        say(results[0].findings, profile, "DIST-FUNDING", "没有学校有可分配的权重（参与学生 × 等次系数均为 0），资金未分配")
    for r, share in zip(results, shares):
        r.funding = share

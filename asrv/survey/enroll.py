"""`asrv enroll`: basic service for all who ask, activity places by DA over one lottery order."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..profile import Profile
from .load import Activity, Response, digest, load, match_choices, priority_order
from .match import with_minimums
from .parse import grade_name, grades_text
from .sheets import GROUP_NAMES

_ORD = "一二三四五六七八九十"


def ordinal(k: int) -> str:
    return f"第{_ORD[k - 1] if k <= 10 else k}志愿"


@dataclass
class Placement:
    id: str
    student_id: str
    name: str
    class_name: str
    grade: int | None
    choices: list[str]
    priority_group: str | None     # the group that decided the tier (first in the profile order)
    groups: list[str]
    lottery: int                   # 抽签序号: the draw, 1 = first drawn
    position: int                  # place in the single order (tier, then draw)
    activity: str | None = None
    choice_rank: int | None = None
    waiting: dict[str, int] = field(default_factory=dict)   # activity -> waiting-list position
    reason: str = ""
    basic: bool = True

    def to_json(self) -> dict:
        return {"id": self.id, "class": self.class_name, "basic": self.basic, "activity": self.activity,
                "choice_rank": self.choice_rank, "priority_group": self.priority_group,
                "lottery": self.lottery, "reason": self.reason}


@dataclass
class ActivityResult:
    activity: Activity
    roster: list[Placement]
    waiting: list[Placement]
    cancelled: bool

    def to_json(self) -> dict:
        return {"name": self.activity.name, "capacity": self.activity.capacity,
                "minimum": self.activity.minimum, "enrolled": len(self.roster),
                "waiting": len(self.waiting), "cancelled": self.cancelled}


@dataclass
class EnrollResult:
    students: list[Placement]
    activities: list[ActivityResult]
    seed: int
    digest: str
    file_digests: list[tuple[str, str]]
    priority_order: list[str]
    priority_ordered: bool
    basic_service: str
    rounds: int
    duplicates: list
    declined: int                  # answered 否: not applicants
    findings: list[Finding]

    def to_json(self) -> dict:
        return {"students": [s.to_json() for s in self.students],
                "activities": [a.to_json() for a in self.activities],
                "seed": self.seed, "sha256": self.digest,
                "findings": [f.to_json() for f in self.findings]}


def enroll(surveys: list[Path], catalog: Path, seed: int, profile: Profile,
           progress: Progress = no_progress) -> EnrollResult:
    import numpy as np

    if seed < 0:
        raise InputError([Finding("ENROLL-SEED", ERROR, f"抽签种子应为非负整数，实际为 {seed}")])
    progress("读取调查表和目录……")
    priority_order(profile)
    survey, activities = load(surveys, catalog)
    missing = [a for a in activities if a.capacity is None]
    if missing:
        raise InputError([Finding("CATALOG-CAPACITY", ERROR, f"活动「{a.name}」未填写人数上限，无法分配名额",
                                  file=Path(catalog).name, value=a.name) for a in missing])
    findings = survey.findings + match_choices(survey, activities)
    order = priority_order(profile)
    ordered = bool(profile["enroll.priority_ordered"])
    applicants = [r for r in survey.responses if r.wants]
    # The draw is over applicants sorted by their key, so it does not depend on row order.
    applicants.sort(key=lambda r: r.key)
    progress(f"抽签（种子 {seed}）：{len(applicants)} 名申请学生……")
    draw = np.random.Generator(np.random.PCG64(seed)).permutation(len(applicants))
    people = [_placement(r, int(draw[i]) + 1, order) for i, r in enumerate(applicants)]
    tier = {g: (i if ordered else 0) for i, g in enumerate(order)}
    none_tier = len(order) if ordered else 1
    ranked = sorted(range(len(people)), key=lambda i: (
        tier[people[i].priority_group] if people[i].priority_group else none_tier, people[i].lottery))
    rank = [0] * len(people)
    for pos, i in enumerate(ranked):
        rank[i] = pos
        people[i].position = pos + 1
    index = {a.name: k for k, a in enumerate(activities)}
    eligible = [[index[c] for c in p.choices if _fits(activities[index[c]], p.grade)] for p in people]
    progress(f"按延迟接受算法分配 {len(activities)} 个活动的名额……")
    outcome = with_minimums(eligible, rank, [a.capacity for a in activities],
                            [a.minimum for a in activities])
    cancelled = set(outcome.cancelled)
    results = [ActivityResult(a, [], [], k in cancelled) for k, a in enumerate(activities)]
    for i, p in enumerate(people):
        a = outcome.assign[i]
        if a >= 0:
            p.activity = activities[a].name
            p.choice_rank = p.choices.index(p.activity) + 1
            results[a].roster.append(p)
    for i in ranked:  # waiting lists in the single order
        p = people[i]
        above = p.choices[:p.choice_rank - 1] if p.activity else p.choices
        for c in above:
            k = index[c]
            if k not in cancelled and _fits(activities[k], p.grade):
                results[k].waiting.append(p)
                p.waiting[c] = len(results[k].waiting)
    for r in results:
        r.roster.sort(key=lambda p: p.position)
    for p in people:
        p.reason = _reason(p, activities, index, cancelled, ordered, profile["enroll.basic_service"])
    people.sort(key=lambda p: (p.class_name, p.student_id, p.name, p.id))
    file_hash, each = digest([Path(catalog), *map(Path, surveys)])
    declined = sum(1 for r in survey.responses if not r.wants)
    return EnrollResult(people, results, seed, file_hash, each, order, ordered,
                        profile["enroll.basic_service"], outcome.rounds, survey.duplicates, declined, findings)


def _placement(r: Response, lottery: int, order: list[str]) -> Placement:
    first = next((g for g in order if g in r.groups), None)
    return Placement(id=r.key, student_id=r.student_id, name=r.name, class_name=r.class_name,
                     grade=r.grade, choices=list(r.choices), priority_group=first,
                     groups=[g for g in order if g in r.groups], lottery=lottery, position=0)


def _fits(a: Activity, grade: int | None) -> bool:
    return a.grades is None or (grade is not None and grade in a.grades)


def _reason(p: Placement, activities: list[Activity], index: dict, cancelled: set, ordered: bool,
            basic: str) -> str:
    if not p.choices:
        return f"未填报活动意向，参加{basic}"
    parts = []
    upto = p.choice_rank - 1 if p.activity else len(p.choices)
    for k, c in enumerate(p.choices[:upto], start=1):
        a = activities[index[c]]
        if not _fits(a, p.grade):
            parts.append(f"{ordinal(k)}「{c}」只招{grades_text(a.grades)}（本生{grade_name(p.grade)}）")
        elif index[c] in cancelled:
            parts.append(f"{ordinal(k)}「{c}」报名不足{a.minimum}人已取消")
        else:
            parts.append(f"{ordinal(k)}「{c}」已满（候补第{p.waiting[c]}位）")
    head = "，".join(parts)
    who = ""
    if p.priority_group:
        who = f"属优先保障的{GROUP_NAMES[p.priority_group]}（篇1 三(一)），"
    if p.activity:
        tail = f"{who}按抽签序号第{p.lottery}位录取{ordinal(p.choice_rank)}「{p.activity}」"
    elif p.waiting:
        tail = f"{who}抽签序号第{p.lottery}位，暂未录取活动，已列入候补；参加{basic}"
    else:
        tail = f"暂无可录取的活动，参加{basic}"
    return f"{head}，{tail}" if head else tail

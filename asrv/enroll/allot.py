"""One school's places: basic service for all who ask; activity places by one order (priority groups,
then the published draw) with deferred acceptance, cancelling activities below their minimum."""
from __future__ import annotations

from ..io.keys import class_order, natural_key
from ..survey.batch import SchoolInput
from ..survey.catalog import Activity
from ..survey.load import Response
from ..survey.parse import grade_name, grades_text
from ..survey.sheets import GROUP_NAMES
from .lottery import draw
from .match import with_minimums
from .result import ActivityResult, Placement, SchoolEnrollment, sources_of

_ORD = "一二三四五六七八九十"


def ordinal(k: int) -> str:
    return f"第{_ORD[k - 1] if k <= 10 else k}志愿"


def fits(a: Activity, grade: int | None) -> bool:
    return a.grades is None or (grade is not None and grade in a.grades)


def allot(inp: SchoolInput, seed: int, profile) -> SchoolEnrollment:
    order, ordered = list(profile["enroll.priority_order"]), bool(profile["enroll.priority_ordered"])
    basic = profile["enroll.basic_service"]
    activities = inp.activities or []
    applicants = [r for r in inp.responses if r.wants]
    lottery = draw(seed, inp.school, [r.key for r in applicants])
    people = [_placement(r, lottery[r.key], order) for r in applicants]
    tier = {g: (i if ordered else 0) for i, g in enumerate(order)}
    none_tier = len(order) if ordered else 1
    ranked = sorted(range(len(people)), key=lambda i: (
        tier[people[i].priority_group] if people[i].priority_group else none_tier, people[i].lottery))
    rank = [0] * len(people)
    for pos, i in enumerate(ranked):
        rank[i] = pos
        people[i].position = pos + 1
    index = {a.name: k for k, a in enumerate(activities)}
    eligible = [[index[c] for c in p.choices if fits(activities[index[c]], p.grade)] for p in people]
    outcome = with_minimums(eligible, rank, [a.capacity or 0 for a in activities], [a.minimum for a in activities])
    cancelled = set(outcome.cancelled)
    results = [ActivityResult(a, [], [], k in cancelled) for k, a in enumerate(activities)]
    for i, p in enumerate(people):
        k = outcome.assign[i]
        if k >= 0:
            p.activity = activities[k].name
            p.choice_rank = p.choices.index(p.activity) + 1
            results[k].roster.append(p)
    for i in ranked:  # waiting lists in the single order
        p = people[i]
        for c in (p.choices[:p.choice_rank - 1] if p.activity else p.choices):
            k = index[c]
            if k not in cancelled and fits(activities[k], p.grade):
                results[k].waiting.append(p)
                p.waiting[c] = len(results[k].waiting)
    for r in results:
        r.roster.sort(key=lambda p: p.position)
    for p in people:
        p.reason = _reason(p, activities, index, cancelled, basic)
    people.sort(key=lambda p: (class_order(p.class_name), natural_key(p.student_id), p.name, p.id))
    return SchoolEnrollment(inp.school, seed, people, results, order, ordered, basic, outcome.rounds,
                            inp.duplicates, sum(1 for r in inp.responses if not r.wants), sources_of(inp.sources))


def _placement(r: Response, lottery: int, order: list[str]) -> Placement:
    first = next((g for g in order if g in r.groups), None)
    return Placement(school=r.school, id=r.key, student_id=r.student_id, name=r.name, class_name=r.class_name,
                     grade=r.grade, choices=list(r.choices), priority_group=first,
                     groups=[g for g in order if g in r.groups], lottery=lottery)


def _reason(p: Placement, activities: list[Activity], index: dict, cancelled: set, basic: str) -> str:
    """Why the student got what they got, for the school's own lists (it names the priority group)."""
    if not p.choices:
        return f"未填报活动意向，参加{basic}"
    parts = []
    for k, c in enumerate(p.choices[:p.choice_rank - 1 if p.activity else len(p.choices)], start=1):
        a = activities[index[c]]
        if not fits(a, p.grade):
            parts.append(f"{ordinal(k)}「{c}」只招{grades_text(a.grades)}（本生{grade_name(p.grade)}）")
        elif index[c] in cancelled:
            parts.append(f"{ordinal(k)}「{c}」报名不足{a.minimum}人已取消")
        else:
            parts.append(f"{ordinal(k)}「{c}」已满（候补第{p.waiting[c]}位）")
    who = f"属优先保障的{GROUP_NAMES[p.priority_group]}（篇1 三(一)），" if p.priority_group else ""
    if p.activity:
        tail = f"{who}按抽签序号第{p.lottery}位录取{ordinal(p.choice_rank)}「{p.activity}」"
    elif p.waiting:
        tail = f"{who}抽签序号第{p.lottery}位，暂未录取活动，已列入候补；参加{basic}"
    else:
        tail = f"暂无可录取的活动，参加{basic}"
    head = "，".join(parts)
    return f"{head}，{tail}" if head else tail

"""One school's survey in numbers: participation by grade and class, demand against places,
priority groups, days, pick-up times and parents' comments."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..io.cells import clean_text
from ..io.keys import class_order
from .batch import SchoolInput
from .catalog import Activity
from .load import Duplicate, Response
from .parse import grade_name, grades_text, split_answers
from .sheets import GROUP_NAMES

_WEEKDAY_WORD = re.compile(r"周|星期|礼拜|mon|tue|wed|thu|fri|sat|sun", re.IGNORECASE)


@dataclass
class Row:
    label: str
    answered: int
    wants: int

    @property
    def rate(self) -> float:
        return self.wants / self.answered if self.answered else 0.0


@dataclass
class Demand:
    name: str
    first: int
    any: int
    capacity: int | None
    minimum: int
    grades: str

    @property
    def ratio(self) -> float | None:
        return self.first / self.capacity if self.capacity else None


@dataclass
class SchoolSurvey:
    """One school's survey: who asked for the service, for what, on which days, what parents said."""
    school: str
    files: list[str]
    answered: int
    wants: int
    by_grade: list[Row]
    by_class: list[Row]
    demand: list[Demand]
    catalog: bool
    groups: list[tuple[str, int, int]]        # (name, answered, wants)
    days: list[tuple[str, int]]
    pickup: list[tuple[str, int]]
    comments: dict[str, list[str]]
    duplicates: list[Duplicate]
    five_day: list[str] = field(default_factory=list)   # keys (学号) of those who want all five weekdays
    satisfaction: dict[str, int] = field(default_factory=dict)  # the 满意度 answers as written -> count

    @property
    def rate(self) -> float:
        return self.wants / self.answered if self.answered else 0.0

    def to_json(self) -> dict:
        return {
            "school": self.school, "files": self.files, "answered": self.answered, "wants": self.wants,
            "rate": round(self.rate, 4),
            "by_grade": [{"grade": r.label, "answered": r.answered, "wants": r.wants} for r in self.by_grade],
            "by_class": [{"class": r.label, "answered": r.answered, "wants": r.wants} for r in self.by_class],
            "activities": [{"name": d.name, "first_choice": d.first, "any_choice": d.any,
                            "capacity": d.capacity, "minimum": d.minimum} for d in self.demand],
            "priority_groups": {g: w for g, _, w in self.groups},
            "days": dict(self.days), "pickup": dict(self.pickup), "comments": self.comments,
            "duplicates": [{"id": d.key, "class": d.class_name, "kept": d.kept, "dropped": d.dropped}
                           for d in self.duplicates],
        }


def summarize(inp: SchoolInput, profile) -> SchoolSurvey:
    resp = inp.responses
    wanting = [r for r in resp if r.wants]
    # A school writes a few dozen class names for thousands of answers: each is ordered once.
    order = {c: class_order(c) for c in {r.class_name for r in resp}}
    tally = Counter((r.grade, r.class_name, r.wants) for r in resp)
    by_grade = _rows(tally, lambda g, c: (g or 99, grade_name(g)))
    by_class = _rows(tally, lambda g, c: (g or 99, order[c], c))
    no_comment = set(profile["survey.no_comment"])
    comments: dict[str, list[str]] = {}
    # Sorting only the answers that say something keeps their order (the sort is stable).
    said = [r for r in resp if r.comment.strip() and r.comment.strip() not in no_comment]
    for r in sorted(said, key=lambda r: (r.grade or 99, order[r.class_name])):
        comments.setdefault(r.class_name or "班级不明", []).append(r.comment.strip())
    in_group = Counter(g for r in resp for g in r.groups)
    wanting_group = Counter(g for r in wanting for g in r.groups)
    return SchoolSurvey(
        school=inp.school, files=[p.name for p in inp.sources], answered=len(resp), wants=len(wanting),
        by_grade=by_grade, by_class=by_class, demand=_demand(wanting, inp.activities),
        catalog=inp.activities is not None,
        groups=[(GROUP_NAMES[g], in_group[g], wanting_group[g]) for g in profile["enroll.priority_order"]],
        days=_days(wanting), pickup=_pickup(wanting), comments=comments, duplicates=inp.duplicates,
        five_day=[r.key for r in wanting if _all_week(r.days)],
        satisfaction=dict(Counter(r.satisfaction for r in resp if r.satisfaction)))


def _rows(tally: Counter, key) -> list[Row]:
    """`tally`: (grade, class, wants) -> answers; rows by `key(grade, class)`, in its order."""
    rows: dict[tuple, list[int]] = {}
    for (grade, klass, wants), n in tally.items():
        row = rows.setdefault(key(grade, klass), [0, 0])
        row[0] += n
        row[1] += n if wants else 0
    return [Row(k[-1], answered, wants) for k, (answered, wants) in sorted(rows.items())]


def _demand(wanting: list[Response], activities: list[Activity] | None) -> list[Demand]:
    first = Counter(r.choices[0] for r in wanting if r.choices)
    anyc = Counter(c for r in wanting for c in r.choices)
    if activities is None:
        names = sorted(anyc, key=lambda n: (-first[n], -anyc[n], n))
        return [Demand(n, first[n], anyc[n], None, 0, "") for n in names]
    return [Demand(a.name, first[a.name], anyc[a.name], a.capacity, a.minimum, grades_text(a.grades))
            for a in activities]


def _days(wanting: list[Response]) -> list[tuple[str, int]]:
    """Either weekdays chosen (周一┋周三) or a number of days per week; both are counted."""
    from ..io.clock import weekday_name
    counts: Counter = Counter()
    # Parents pick from a handful of options: each distinct answer is read once.
    for days, n in Counter(r.days for r in wanting if r.days).items():
        for key in _day_keys(days):
            counts[key] += n
    out = []
    for (kind, v), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        out.append((weekday_name(v) if kind == 0 else f"每周{v}天" if kind == 1 else v, n))
    return out


def _day_keys(days: str) -> list[tuple]:
    """What one answer counts for: (0, weekday) per day chosen, (1, n) for n days a week, (2, text) else."""
    from ..io.clock import parse_weekday
    if not _WEEKDAY_WORD.search(days):
        m = re.fullmatch(r"(\d)\s*天?", days)
        return [(1, int(m.group(1))) if m else (2, days)]
    keys = []
    for token in split_answers(days):
        try:
            keys.append((0, parse_weekday(token)))
        except ValueError:
            keys.append((2, token))
    return keys


@lru_cache(maxsize=4096)  # a handful of distinct answers for thousands of parents
def _all_week(days: str) -> bool:
    """`5`, `5天`, `每周5天`, `周一至周五` or all five weekdays chosen (`周一┋周二┋…┋周五`)."""
    from ..io.clock import parse_weekdays
    if not days:
        return False
    if re.fullmatch(r"(?:每周)?\s*\d\s*天?", days):
        return bool(re.fullmatch(r"(?:每周)?\s*5\s*天?", days))
    try:
        chosen = {d for token in split_answers(days) for d in parse_weekdays(token)}
    except ValueError:
        return False
    return {1, 2, 3, 4, 5} <= chosen


def _pickup(wanting: list[Response]) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for pickup, n in Counter(r.pickup for r in wanting if r.pickup).items():
        counts[_pickup_label(pickup)] += n
    return sorted(counts.items())


def _pickup_label(pickup: str) -> str:
    from ..io.clock import parse_time_or_range
    try:
        t = parse_time_or_range(pickup)
        return f"{t[0]:%H:%M}-{t[1]:%H:%M}" if isinstance(t, tuple) else f"{t:%H:%M}"
    except ValueError:
        return clean_text(pickup)

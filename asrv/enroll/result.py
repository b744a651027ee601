"""What `asrv enroll` returns: per school every applicant's placement and every activity's roster."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..result import Options as BaseOptions, Result
from ..survey.catalog import Activity
from ..survey.load import Duplicate


@dataclass(kw_only=True)
class Options(BaseOptions):
    catalog: list[str]     # catalogue files, folders or globs
    seed: int              # the published seed of the draw, a non-negative integer


@dataclass
class Placement:
    school: str
    id: str                        # 学号, else 班级/姓名: what the draw hashes
    student_id: str
    name: str
    class_name: str
    grade: int | None
    choices: list[str]
    priority_group: str | None     # the group that decided the tier (first in the profile order)
    groups: list[str]
    lottery: int                   # 抽签序号: place in the draw, 1 = first drawn
    position: int = 0              # place in the single order (tier, then draw)
    activity: str | None = None
    choice_rank: int | None = None
    waiting: dict[str, int] = field(default_factory=dict)   # activity -> waiting-list position
    reason: str = ""
    basic: bool = True

    def to_json(self) -> dict:
        return {"school": self.school, "id": self.id, "class": self.class_name, "basic": self.basic,
                "activity": self.activity, "choice_rank": self.choice_rank, "priority_group": self.priority_group,
                "lottery": self.lottery, "waiting": self.waiting, "reason": self.reason}


@dataclass
class ActivityResult:
    activity: Activity
    roster: list[Placement]        # in the single order
    waiting: list[Placement]       # in the single order
    cancelled: bool

    def to_json(self) -> dict:
        return {"name": self.activity.name, "capacity": self.activity.capacity,
                "minimum": self.activity.minimum, "enrolled": len(self.roster),
                "waiting": len(self.waiting), "cancelled": self.cancelled}


@dataclass
class SchoolEnrollment:
    school: str
    seed: int
    students: list[Placement]      # class by class (grade, then number), then 学号
    activities: list[ActivityResult]
    priority_order: list[str]
    priority_ordered: bool
    basic_service: str
    rounds: int
    duplicates: list[Duplicate]
    declined: int                  # answered 否: not applicants
    sources: list[tuple[str, str]]  # (file name, SHA-256) of the files its answers and activities came from

    @property
    def placed(self) -> int:
        return sum(1 for p in self.students if p.activity)

    def to_json(self) -> dict:
        return {"school": self.school, "applicants": len(self.students), "placed": self.placed,
                "declined": self.declined, "rounds": self.rounds,
                "inputs": [{"file": n, "sha256": h} for n, h in self.sources],
                "students": [s.to_json() for s in self.students],
                "activities": [a.to_json() for a in self.activities]}


@dataclass
class EnrollResult(Result):
    seed: int = 0
    per_school: list[SchoolEnrollment] = field(default_factory=list)   # in pinyin order

    @property
    def schools(self) -> list[str]:
        return [s.school for s in self.per_school]

    def payload(self) -> dict:
        return {"seed": self.seed, "draw": "sha256(f'{seed}|{学校}|{学号}') 从小到大",
                "schools": [s.to_json() for s in self.per_school]}


def sources_of(paths: list[Path]) -> list[tuple[str, str]]:
    from ..io.inputs import digest
    return [(p.name, digest(p)) for p in paths]

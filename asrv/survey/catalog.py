"""The catalogue of activities (项目, 适用年级, 上限, 下限 …), read once for survey and enroll.

A row with a 学校 names that school's activity; a catalogue without one (or a blank cell) is every
school's, each school having the full capacity. A catalogue file named after a surveyed school
(`第1小学目录.xlsx`) is that school's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..findings import ERROR, Finding, InputError
from ..io.cells import is_blank
from ..io.school import FILENAME, school_from_title
from ..io.schema import norm
from .load import Response, read_table, row_school, text
from .parse import parse_grades
from .rules import say
from .sheets import CATALOG


@dataclass
class Activity:
    name: str
    category: str
    grades: frozenset[int] | None
    capacity: int | None
    minimum: int
    days: str
    time: str
    mode: str
    fee: str
    row: int
    school: str = ""                                  # "" = every school's
    cells: dict = field(default_factory=dict)         # field -> {"file", "sheet", "cell"}


@dataclass
class Catalogue:
    path: Path
    school: str          # the school the file names, "" for every school's
    source: str
    activities: list[Activity]
    findings: list[Finding]


def load_catalog(path: Path, profile, check: Callable | None = None) -> Catalogue:
    """One catalogue file; InputError with every problem when it cannot be used. `check(profile,
    activities) -> findings` adds a command's own demands (enroll: every activity has its places)."""
    table, school, source, problems = read_table(Path(path), CATALOG)
    if source == FILENAME:  # a file name is a school's only when it names one (matched to the surveys later)
        school = school_from_title(Path(path).stem) or ""
    out: list[Activity] = []
    seen: dict[tuple[str, str], int] = {}
    for r, rec in zip(table.df.index, table.df.to_dict("records")):
        r = int(r)
        # A column the sheet lacks is pointed at by the activity's own cell.
        at = {k: table.where(k if table.has(k) else "activity", r)
              for k in ("activity", "grades", "capacity", "minimum")}
        own = row_school(table, rec, school, None)
        name = text(rec.get("activity"))
        if not name:
            say(problems, profile, "CATALOG-NAME", "活动名称为空", school=own, **at["activity"])
            continue
        if (own, name) in seen:
            say(problems, profile, "CATALOG-DUP", f"活动「{name}」与第 {seen[own, name]} 行重名：家长按名称填报志愿，"
                "同一活动开多个班请写成不同名称（如加上星期）", value=name, school=own, **at["activity"])
            continue
        seen[own, name] = r
        try:
            grades = parse_grades(rec.get("grades")) if table.has("grades") else None
        except ValueError as exc:
            shown = text(rec.get("grades"))
            say(problems, profile, "CATALOG-GRADES", f"「适用年级」{exc}，实际为「{shown}」", value=shown, school=own,
                **at["grades"])
            grades = None
        cap, low = (None if is_blank(rec.get(k)) else int(rec[k]) for k in ("capacity", "minimum"))
        if cap is not None and low is not None and low > cap:
            say(problems, profile, "CATALOG-MIN", f"下限 {low} 人大于上限 {cap} 人", value=low, school=own,
                **at["minimum"])
        out.append(Activity(name=name, category=text(rec.get("category")), grades=grades, capacity=cap,
                            minimum=low or 0, days=text(rec.get("days")), time=text(rec.get("time")),
                            mode=text(rec.get("mode")), fee=text(rec.get("fee")), row=r, school=own, cells=at))
    if check is not None:
        problems += check(profile, out)
    if not out and not problems:
        say(problems, profile, "CATALOG-EMPTY", "目录中没有任何活动", school=school, file=table.file, sheet=table.sheet)
    if any(f.severity == ERROR for f in problems):
        raise InputError(problems)
    return Catalogue(Path(path), school, source, out, problems)


def for_school(catalogues: list[Catalogue], school: str) -> list[Activity] | None:
    """The school's own activities, then every school's ones it has no activity of that name for;
    None when no catalogue was given at all."""
    if not catalogues:
        return None
    every = [a for c in catalogues for a in c.activities]
    own = [a for a in every if a.school == school]
    names = {a.name for a in own}
    return own + [a for a in every if a.school == "" and a.name not in names]


def share_unclaimed(catalogues: list[Catalogue], schools: set[str]) -> None:
    """A catalogue file taken to be a school's by its name only, when no survey has that school,
    is every school's (`春季目录.xlsx` is not a school)."""
    for c in catalogues:
        if c.source == FILENAME and c.school and c.school not in schools:
            c.school = ""
            for a in c.activities:
                a.school = ""


def drop_repeated(catalogues: list[Catalogue], profile) -> list[Finding]:
    """An activity named again for the same school in another catalogue file: the first one counts."""
    seen: dict[tuple[str, str], Path] = {}
    findings: list[Finding] = []
    for c in catalogues:
        kept = []
        for a in c.activities:
            first = seen.setdefault((a.school, a.name), c.path)
            if first is c.path:
                kept.append(a)
                continue
            say(findings, profile, "CATALOG-DUP", f"活动「{a.name}」已在目录「{first.name}」中，此行不计",
                value=a.name, school=a.school, **a.cells["activity"])
        c.activities = kept
    return findings


def match(responses: list[Response], activities: list[Activity]) -> list[tuple[Response, str]]:
    """Map each answer to a catalogue name (in place); the answers no activity matches."""
    exact = {norm(a.name): a.name for a in activities}
    hits: dict[str, str | None] = {}    # a school's parents write the same few dozen names
    unmatched = []
    for r in responses:
        mapped: list[str] = []
        for c in r.choices:
            if c not in hits:
                hits[c] = exact.get(norm(c)) or exact.get(norm(c).split("(")[0])
            hit = hits[c]
            if hit is None:
                unmatched.append((r, c))
            elif hit not in mapped:
                mapped.append(hit)
        r.choices = mapped
    return unmatched

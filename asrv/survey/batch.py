"""The survey files and catalogues of one run, read and grouped by school: what survey and enroll share.

Every file is read on its own (`asrv.result.read_each`): one that cannot be used becomes findings
and the others go on. Answers are merged per (school, 学号), never across schools.
"""
from __future__ import annotations

from functools import partial

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..findings import WARNING, Finding, Progress, no_progress
from ..io.keys import school_order
from ..result import FileUse, Options, gather, read_each
from . import rules
from .catalog import Activity, Catalogue, drop_repeated, for_school, load_catalog, match, share_unclaimed
from .load import Duplicate, Response, SurveyFile, load, merge


@dataclass
class SchoolInput:
    school: str
    responses: list[Response]            # one per student, in input order
    duplicates: list[Duplicate]
    activities: list[Activity] | None    # None when no catalogue was given
    sources: list[Path] = field(default_factory=list)   # the files its answers and activities came from


@dataclass
class Batch:
    files: list[FileUse]
    findings: list[Finding]
    schools: list[SchoolInput]           # in pinyin order


def _read(gathered, reader: Callable, progress: Progress, role: str = "", jobs: int = 1) -> tuple[list, list[FileUse],
                                                                                          list[Finding]]:
    paths, missing, skipped = gathered
    done, unusable, problems = read_each(paths, reader, progress, role=role, jobs=jobs)
    return [data for _, data in done], [*missing, *unusable], [*skipped, *problems]


def read_inputs(inputs, catalog, profile, options: Options, progress: Progress = no_progress,
                catalog_loader: Callable = load_catalog) -> Batch:
    files: list[FileUse] = []
    findings: list[Finding] = []
    catalogues: list[Catalogue] = []
    if catalog:
        catalogues, bad, problems = _read(gather(catalog, progress, role="目录"), lambda p: catalog_loader(p, profile),
                                          progress, "目录")
        files += bad
        findings += problems
    known = {a.name for c in catalogues for a in c.activities}
    gathered = gather(inputs, progress)
    count = len(gathered[0])
    given = options.school if count == 1 else None
    if options.school and count > 1:
        findings.append(Finding("OPTION", WARNING, f"--school 只用于单个文件；{count} 个文件时学校取自各文件"))
    surveys, bad, problems = _read(gathered, partial(load, profile=profile, known=known, given=given), progress,
                                   jobs=options.jobs)
    files[:0] = [FileUse(s.path, True, s.school, s.source) for s in surveys] + bad
    findings += problems + [f for s in surveys for f in s.findings]
    schools = _schools(surveys, catalogues, profile, findings)
    files += [FileUse(c.path, True, c.school, c.source if c.school else "", role="目录") for c in catalogues]
    return Batch(files, sorted(findings, key=Finding.sort_key), schools)


def _schools(surveys: list[SurveyFile], catalogues: list[Catalogue], profile, findings: list[Finding]):
    sources: dict[str, set[Path]] = {s.school: {s.path} for s in surveys if s.school}
    for s in surveys:
        for school in set(s.columns["school"]):
            sources.setdefault(school, set()).add(s.path)
    share_unclaimed(catalogues, set(sources))
    findings += drop_repeated(catalogues, profile)
    for school in sorted({a.school for c in catalogues for a in c.activities} - set(sources) - {""}):
        rules.say(findings, profile, "CATALOG-SCHOOL", f"目录中有「{school}」的活动，但没有收到该校的调查表",
                  school=school, file=next(c.path.name for c in catalogues for a in c.activities if a.school == school))
    merged = merge([r for s in surveys for r in s.responses])
    out = []
    # One school needs no order, nor the pinyin dictionary (a second of start-up) to find it.
    for school in (sorted(sources, key=school_order) if len(sources) > 1 else list(sources)):
        kept, duplicates = merged.get(school, ([], []))
        activities = for_school(catalogues, school)
        if activities is not None:
            findings += rules.unknown_choices(profile, match(kept, activities))
            used = {id(a) for a in activities}
            sources[school] |= {c.path for c in catalogues if any(id(a) in used for a in c.activities)}
        findings += (rules.repeated(profile, duplicates) + rules.unknown_groups(profile, kept)
                     + rules.unknown_grade(profile, kept))
        out.append(SchoolInput(school, kept, duplicates, activities, sorted(sources[school])))
    return out

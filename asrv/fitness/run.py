"""`run(inputs, profile)`: a district's fitness workbooks (files, folders, globs) scored in one pass,
each school kept apart; a file that cannot be used becomes findings and the others go on.

`score_fitness` and `ratings_by_class` are what `asrv score --fitness` calls: the same scoring
over given workbooks, raising InputError when one cannot be read."""
from __future__ import annotations

from functools import partial

from pathlib import Path
from typing import Iterable

import pandas as pd

from ..findings import WARNING, Finding, InputError, Progress, no_progress
from ..jobs import forked_map
from ..result import FileUse, gather, read_each
from . import rules
from .load import COLUMNS, Loaded, load
from .result import FitnessResult, Options
from .scoring import score_students
from .summary import DISTRICT, summarise


def run(inputs: Iterable, profile, *, options: Options | None = None, progress: Progress = no_progress) -> FitnessResult:
    options = options or Options()
    paths, files, findings = gather(inputs, progress)
    school = options.school if len(paths) == 1 else None
    if options.school and len(paths) > 1:
        findings.append(Finding("OPTION", WARNING, f"--school「{options.school}」只用于单个文件；"
                                f"这 {len(paths)} 个文件的学校各自从工作簿中确定"))
    done, unusable, problems = read_each(paths, partial(load, profile=profile, school=school), progress,
                                               jobs=options.jobs)
    loaded = [got for _, got in done]
    files += [FileUse(x.path, True, x.school, x.school_source) for x in loaded] + unusable
    order = {p: i for i, p in enumerate(paths)}
    files.sort(key=lambda f: order.get(f.path, -1))
    return assemble(loaded, profile, options, files, findings + problems, progress)


def assemble(loaded: list[Loaded], profile, options: Options, files: list[FileUse], findings: list[Finding],
             progress: Progress = no_progress) -> FitnessResult:
    """The students of every file checked and scored together, then summarised per school."""
    tables, frames = [], []
    for x in loaded:
        frames.append(x.students.assign(src=x.students["src"] + len(tables)))
        tables.extend(x.tables)
    frames = [f for f in frames if len(f)]
    raw = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    raw["exempt"] = raw["exempt"].astype(bool)
    raw["invalid"] = raw["invalid"].astype(bool)
    found = list(findings)
    for check in rules.BEFORE_SCORING:
        found += check(raw, tables, profile)
    raw, more = rules.one_record(raw, tables, profile)
    found += more
    progress(f"评分：{len(raw)} 名学生")
    students = score_students(raw, profile)
    for check in rules.AFTER_SCORING:
        found += check(students, tables, profile)
    result = FitnessResult(findings=sorted(found, key=Finding.sort_key), files=files, profile=profile,
                           options=options, students=students, tables=tables)
    wanted = SUMMARIES if len(result.schools) > 1 else SUMMARIES[:3]
    jobs = options.jobs if len(students) >= SUMMARY_FORK_STUDENTS else 1
    # strict: the generator is used up here, so the processes' pool is shut down before the loop ends.
    for (name, _, _), table in zip(wanted, forked_map(partial(_summary, students), wanted, jobs), strict=True):
        setattr(result, name, table)
    return result


# The summaries of a result, the largest first: each is its own groupby over every student.
SUMMARIES = (("classes", ["school", "grade", "class"], None), ("grades", ["school", "grade"], None),
             ("by_school", ["school"], None), ("district_grades", ["school", "grade"], DISTRICT),
             ("district", ["school"], DISTRICT))
# Students from which the summaries are made in forked processes: a district's 150,000 take 1.2 s
# here, while the other processor waits; one school's take a few milliseconds.
SUMMARY_FORK_STUDENTS = 20_000


def _summary(students: pd.DataFrame, wanted: tuple) -> pd.DataFrame:
    _, by, total = wanted
    return summarise(students, by, total=total)


def score_fitness(paths_or_books: Iterable, profile, progress: Progress | None = None) -> FitnessResult:
    """Score the given workbooks (paths or opened `Workbook`s). Raises InputError with every
    problem of every file when one cannot be read."""
    progress = progress or no_progress
    loaded, problems = [], []
    for source in paths_or_books:
        try:
            loaded.append(load(source, profile))
        except InputError as exc:
            problems += exc.findings
    if problems:
        raise InputError(problems)
    files = [FileUse(Path(x.path), True, x.school, x.school_source) for x in loaded]
    return assemble(loaded, profile, Options(), files, [], progress)


def ratings_by_class(result: FitnessResult, school: str | None = None) -> dict[str, dict]:
    """{class: {"tested", "passed", "failed", "failed_names"}}: one 不及格 vetoes the class
    (篇3 二、6); item 4a = 10 × passed ÷ tested. Exempt and untested students are not counted.
    With `school`, only that school's classes (classes of one name in several schools add up)."""
    out = {}
    for r in result.classes.to_dict("records"):
        if school is not None and r["school"] != school:
            continue
        d = out.setdefault(r["class"], {"tested": 0, "passed": 0, "failed": 0, "failed_names": []})
        d["tested"] += int(r["tested"])
        d["passed"] += int(r["passed"])
        d["failed"] += int(r["fail"])
        d["failed_names"] += list(r["failed_names"])
    return out

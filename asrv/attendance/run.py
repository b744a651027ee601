"""`run(inputs, profile, *, options, progress) -> AttendanceResult`: every workbook read (a bad one
becomes findings, the rest go on), every rule run over all schools at once, the tallies made."""
from __future__ import annotations

from functools import partial

import pandas as pd

from ..findings import ERROR, Finding, Progress, no_progress
from ..io.school import FILENAME, FOLDER
from ..result import FileUse, gather, read_each
from . import rules, rules_extra, summary
from .data import build, expected
from .frames import Loaded
from .load import read_file, signin_only
from .result import AttendanceResult, Options


def run(inputs, profile, *, options: Options | None = None, progress: Progress = no_progress) -> AttendanceResult:
    options = options or Options()
    result = AttendanceResult(profile=profile, options=options)
    paths, missing, skipped = gather(inputs, progress)
    result.findings += skipped
    done, bad, problems = read_each(paths, partial(read_file, given=options.school), progress, jobs=options.jobs)
    result.findings += problems
    loaded = [x for _, x in done]
    _place_signins(loaded)
    uses = {f.path: f for f in bad}
    uses.update({x.path: FileUse(x.path, True, x.school, x.school_source, x.role) for x in loaded})
    result.files = missing + [uses[p] for p in paths]
    if not any(not signin_only(x) for x in loaded):
        for x in loaded:
            uses[x.path].used = False
            result.findings.append(Finding("READ-SHEET", ERROR, "只有教师签到记录，没有考勤工作簿（名单、考勤），无法核对",
                                           file=x.path.name, school=x.school))
        result.findings.sort(key=Finding.sort_key)
        return result
    progress("核对考勤与交接")
    data = build(loaded, given=bool(options.school))
    sessions = _extra(result, options.schedule, "安排", lambda p: rules_extra.schedule_sessions(p, profile),
                      progress, data.schools)
    c = rules.Check(data, profile, expected(data, profile["attendance.service_days"]),
                    rules_extra.ends(sessions) if sessions is not None else None)
    rules.duplicates(c)
    rules.roster_duplicates(c)
    rules.not_on_roster(c)
    rules.no_record(c)
    unreported = rules.unreported_absence(c)
    handed = rules.handovers(c)
    rules.no_departure(c, handed)
    rules.pickups(c)
    late = rules.late_pickup(c)
    rules.entry_dates(c)
    rules.rate_low(c)
    if sessions is not None:
        rules_extra.staff_signin(c, sessions)
    if options.fees:
        fee_files = _extra(result, options.fees, "收费", lambda p: rules_extra.read_fees(p, options.school),
                           progress, data.schools, frames=False)
        if fee_files:
            rules_extra.fee_days(c, *rules_extra.fee_frames(c, fee_files, bool(options.school)))
    progress("汇总")
    result.daily = summary.daily(c)
    result.students = summary.students(c)
    result.pickups = summary.pickups(c, handed, late)
    result.rates = summary.rates(c, result.daily, result.pickups, unreported)
    result.findings = sorted(result.findings + c.findings, key=Finding.sort_key)
    return result


def _extra(result: AttendanceResult, inputs, role: str, read, progress: Progress, schools: list[str],
           frames: bool = True):
    """Read the workbooks of another kind (--schedule, --fees); each used file is listed in the result."""
    if not inputs:
        return None
    paths, missing, skipped = gather(inputs, progress, role=role)
    done, bad, problems = read_each(paths, read, progress, role=role)
    result.findings += skipped + problems
    uses = {f.path: f for f in bad}
    got = []
    for path, value in done:
        if frames:
            value = value.assign(school=rules_extra.align(value["school"], schools))
            names = sorted(set(value["school"]))
            school, source = (names[0], "学校列") if len(names) == 1 else ("", "")
        else:
            school = rules_extra.align(pd.Series([value.school]), schools).iloc[0]
            source = value.school_source if school == value.school else "本次唯一的学校"
            value.school = school
        uses[path] = FileUse(path, True, school, source, role)
        got.append(value)
    result.files += missing + [uses[p] for p in paths]
    if not frames:
        return got
    return pd.concat(got, ignore_index=True) if got else None


def _place_signins(loaded: list[Loaded]) -> None:
    """A card-machine export names no school: it belongs to the attendance workbook beside it in the
    same folder, else to the run's only school."""
    main = [x for x in loaded if not signin_only(x)]
    every = {x.school for x in main}
    for x in loaded:
        if not signin_only(x) or x.school_source not in (FILENAME, FOLDER):
            continue
        if x.school_source == FILENAME and x.school in every:
            continue
        beside = {m.school for m in main if m.path.parent == x.path.parent}
        if len(beside) == 1:
            x.school, x.school_source = beside.pop(), "同一文件夹的考勤工作簿"
        elif len(every) == 1:
            x.school, x.school_source = next(iter(every)), "本次唯一的学校"


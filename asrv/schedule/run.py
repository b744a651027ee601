"""`run`: every workbook read (a file that cannot be used becomes findings about it, the others go
on), then every rule over all rows at once."""
from __future__ import annotations

from functools import partial

from typing import Iterable

from ..findings import WARNING, Finding, Progress, no_progress
from ..result import FileUse, gather, read_each
from .load import load
from .result import Options, ScheduleResult, finding_order


def run(inputs: Iterable, profile, *, options: Options | None = None,
        progress: Progress = no_progress) -> ScheduleResult:
    """Check the schedules in `inputs` (files, folders, globs). Never raises for bad input."""
    import pandas as pd

    from .rules import Context, run_rules
    options = options or Options()
    inputs = [str(a) for a in inputs]
    paths, missing, findings = gather(inputs, progress)
    given = options.school if len(paths) == 1 else None
    if options.school and len(paths) > 1:
        findings.append(Finding("OPTION", WARNING, f"--school「{options.school}」只用于单个文件；"
                                "多个文件时各按其学校列、标题或文件名确定学校"))
    done, unusable, problems = read_each(paths, partial(load, profile=profile, school=given), progress,
                                               jobs=options.jobs)
    used = {p: FileUse(p, True, got.school, got.source) for p, got in done}
    used.update((u.path, u) for u in unusable)
    files = [used[p] for p in paths] + missing
    findings += problems
    sessions = staff = None
    if done:
        progress(f"检查 {len(done)} 个工作簿")
        ctx = Context(*(pd.concat([getattr(got, part) for _, got in done], ignore_index=True)
                        for part in ("sessions", "staff", "schools")), profile)
        findings += run_rules(ctx)
        sessions, staff = ctx.sessions, ctx.staff
    return ScheduleResult(findings=sorted(findings, key=finding_order), files=files, profile=profile,
                          options=options, sessions=sessions, staff=staff)

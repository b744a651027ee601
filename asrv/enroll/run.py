"""`run(inputs, profile, *, options, progress) -> EnrollResult`: each school's places among its own students."""
from __future__ import annotations

from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..survey.rules import say
from . import notice
from .allot import allot
from .load import load
from .result import EnrollResult, Options


def check_options(options: Options | None) -> Options:
    """The catalogue and the seed are what make a draw: without them the run cannot start."""
    problems = []
    if options is None or not options.catalog:
        problems.append(Finding("OPTION", ERROR, "请用 --catalog 给出课后服务目录（项目、适用年级、上限、下限……）"))
    seed = getattr(options, "seed", None)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        problems.append(Finding("ENROLL-SEED", ERROR, f"抽签种子应为非负整数，实际为 {seed}"))
    if problems:
        raise InputError(problems)
    return options


def run(inputs, profile, *, options: Options | None = None, progress: Progress = no_progress) -> EnrollResult:
    options = check_options(options)
    batch = load(inputs, profile, options, progress)
    findings, per_school = batch.findings, []
    for k, school in enumerate(batch.schools, 1):
        if school.activities is None:
            continue  # no usable catalogue at all: its files are reported already
        if not school.activities:
            say(findings, profile, "ENROLL-CATALOG", "目录中没有本校可用的活动（本校的行或不填学校的行），未分配名额",
                school=school.school, file="、".join(p.name for p in school.sources))
            continue
        progress(f"分配名额 {k}/{len(batch.schools)}：{school.school}")
        per_school.append(allot(school, options.seed, profile))
    result = EnrollResult(findings=findings, files=batch.files, profile=profile, options=options,
                          seed=options.seed, per_school=per_school)
    notice.build(result)
    return result

"""`run(inputs, profile, *, options, progress) -> MealsResult`: every lunch workbook read (a bad one
becomes findings, the rest go on), the rules run over all schools at once, the tallies made."""
from __future__ import annotations

from functools import partial

from ..findings import Finding, Progress, no_progress
from ..result import FileUse, gather, read_each
from . import rules, summary
from .load import build, meal_days, read_file
from .result import MealsResult, Options


def run(inputs, profile, *, options: Options | None = None, progress: Progress = no_progress) -> MealsResult:
    options = options or Options()
    result = MealsResult(profile=profile, options=options)
    paths, missing, skipped = gather(inputs, progress)
    done, bad, problems = read_each(paths, partial(read_file, given=options.school), progress, jobs=options.jobs)
    result.findings += skipped + problems
    uses = {f.path: f for f in bad}
    uses.update({x.path: FileUse(x.path, True, x.school, x.school_source) for _, x in done})
    result.files = missing + [uses[p] for p in paths]
    if not done:
        result.findings.sort(key=Finding.sort_key)
        return result
    progress("核对供餐、陪餐与留样")
    data = build([x for _, x in done], bool(options.school), profile["meals.default_meal"])
    c = rules.Check(data, profile, meal_days(data, profile["meals.meals"]))
    for check in (rules.provision, rules.no_data, rules.accompany, rules.issues, rules.samples):
        check(c)
    result.daily = summary.daily(c)
    result.months = summary.monthly(result.daily)
    result.rates = summary.rates(c, result.months)
    result.findings = sorted(result.findings + c.findings, key=Finding.sort_key)
    return result

"""`run(inputs, profile, *, options) -> FeesResult`: read every school's workbook (a bad one is reported
and the rest go on), check every rule, total per student and per school."""
from __future__ import annotations

from functools import partial

from ..findings import ERROR, WARNING, Finding, InputError, Progress, no_progress
from ..io.terms import Term, parse_term
from ..profile import Profile
from ..result import FileUse, gather, read_each
from ..out.names import UniqueNames
from . import publish, rules, summary
from .load import combine, read_file
from .money import cents
from .result import FeesResult, Options


def term_option(value: str | Term | None) -> Term:
    if isinstance(value, Term):
        return value
    if value is None or not str(value).strip():
        raise InputError([Finding("OPTION-TERM", ERROR, "没有给出学期：请用 --term 指定，如 2026秋")])
    try:
        return parse_term(value)
    except ValueError as exc:
        raise InputError([Finding("OPTION-TERM", ERROR, f"--term「{value}」{exc}")]) from None


def run(inputs, profile: Profile, *, options: Options | None = None, progress: Progress = no_progress) -> FeesResult:
    """Check one term's fees in one or many schools' workbooks (files, folders, globs).

    InputError only when the run cannot start (no term, a bad term, no input named); a workbook that
    cannot be used becomes findings about it. With `options.schedule`, also the teacher subsidy ledger.
    """
    term = term_option(getattr(options, "term", None))
    inputs = list(inputs)
    if not inputs:
        raise InputError([Finding("OPTION-FILES", ERROR, "没有给出工作簿")])
    paths, missing, findings = gather(inputs, progress)
    given = options.school if len(paths) == 1 else None
    if options.school and len(paths) > 1:
        findings.append(Finding("OPTION", WARNING, f"--school「{options.school}」只用于单个文件；"
                                f"本次有 {len(paths)} 个文件，各校名称取自各自的工作簿"))
    done, bad, problems = read_each(paths, partial(read_file, term=term, profile=profile, given=given), progress,
                                        jobs=options.jobs)
    used = {p: FileUse(p, school=f.school, school_source=f.source) for p, f in done}
    unusable = {f.path: f for f in bad}
    result = FeesResult(findings=findings + problems, profile=profile, options=options, term=term,
                        files=[*missing, *(used.get(p) or unusable[p] for p in paths)],
                        categories=list(profile["fees.categories"]))
    if done:
        _check(result, combine([f for _, f in done], term), profile, progress)
    if options.schedule:
        from .ledger import ledger
        progress("计算补助台账")
        result.ledger, files, found = ledger(options.schedule, options.calendar, profile, progress)
        result.files += files
        result.findings += found
    result.findings.sort(key=Finding.sort_key)
    for s in result.per_school:
        mine = [f for f in result.findings if f.school == s.name]
        s.errors, s.warnings = sum(f.severity == ERROR for f in mine), sum(f.severity == WARNING for f in mine)
    names = UniqueNames()
    publish.build(result, lambda school: names(school, "学校"))
    return result


def _check(result: FeesResult, data, profile: Profile, progress: Progress) -> None:
    cfg = profile.section("fees")
    per_student = cents(cfg["subsidy_per_student"])
    summary.prepare(data, cfg, rules.category_of)
    r = rules.Rules(data, profile)
    progress("核对收费规则")
    for check in rules.ROWS:
        check(r)
    progress("按学生汇总")
    st = summary.students(data, per_student)
    for check in rules.STUDENTS:
        check(r, st)
    progress("按学校汇总")
    schools = summary.schools(data, st, cfg, per_student)
    for s in schools:
        for check in rules.SCHOOLS:
            check(r, s)
    st["problems"] = st["key"].map(lambda k: "、".join(r.flags.get(k, ())))
    result.per_school, result.students = schools, st
    result.findings += r.findings
    if cfg["subsidy_assume_received"] and any(s.subsidy_received is None for s in schools):
        result.notes.append("未提供「补助」表的学校，政府保障经费按应保障额计入收入与结余。")


__all__ = ["run", "term_option", "Options", "FeesResult"]

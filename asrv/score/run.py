"""`run(inputs, profile, *, options, progress) -> ScoreResult`: every school's classes workbook
scored and ranked on its own. A file that cannot be used becomes findings about it and the
others are scored (asrv.result.read_each)."""
from __future__ import annotations

from functools import partial

from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..io.keys import school_order
from ..jobs import forked_map
from ..profile import Profile
from ..registry import finding
from ..result import FileUse, gather, read_each
from ..out.names import UniqueNames
from . import district, notices
from .fitness_data import assign, class_counts, fold, read_fitness
from .load import SchoolBook, load
from .result import Options, ScoreResult
from .scoring import award_dates, score_school
from .years import choose_year, parse_year


FORK_SCHOOLS = 8  # fewer are scored here: starting processes would cost more than they save


def run(inputs, profile: Profile, *, options: Options | None = None, progress: Progress = no_progress) -> ScoreResult:
    options = options or Options()
    given = parse_year(options.year, profile) if options.year else None
    quota = profile["score.quota"] if options.quota is None else options.quota
    paths, missing, findings = gather(inputs, progress)
    if options.school and len(paths) > 1:
        raise InputError([Finding("OPTION", ERROR, f"--school 只能用于单个文件；本次有 {len(paths)} 个工作簿，"
                                  "各校名称取自工作簿的标题行、学校单元格或文件名")])
    default = profile["score.school"] if len(paths) == 1 else None
    done, bad, problems = read_each(paths, partial(load, profile=profile, school=options.school, default=default),
                                        progress, jobs=options.jobs)
    findings += problems
    books = _one_per_school(done, bad, findings, profile)
    fit_paths, fit_missing, fit_skipped = gather(options.fitness, progress, role="体测")
    fit_done, fit_bad, fit_problems = read_each(fit_paths, partial(read_fitness, profile=profile), progress, role="体测",
                                                        jobs=options.jobs)
    assigned, unmatched = assign([d for _, d in fit_done], books, profile)
    findings += fit_skipped + fit_problems + unmatched
    per_school = []
    ordered = sorted(books, key=lambda b: school_order(b.school))
    scoring = partial(_score, assigned=assigned, fitness_given=bool(fit_paths), given=given, day=options.day,
                      profile=profile, quota=quota)
    # Some 20 ms of pandas a school: from FORK_SCHOOLS schools on, scored in forked processes.
    jobs = options.jobs if len(ordered) >= FORK_SCHOOLS else 1
    for i, (book, (score, about)) in enumerate(zip(ordered, forked_map(scoring, ordered, jobs)), 1):
        progress(f"评分 {i}/{len(books)}：{book.school}")
        per_school.append(score)
        findings += [f.at_school(book.school) for f in about]
    owner = {id(d): s for s, ds in assigned.items() for d in ds}
    order = {p: i for i, p in enumerate(paths)}
    files = sorted([FileUse(b.path, True, b.school, b.school_source) for b in books] + bad,
                   key=lambda f: order.get(f.path, len(order)))
    files += missing + fit_missing + fit_bad
    files += [FileUse(p, True, owner.get(id(d), d.claimed or ""), d.school_source, role="体测") for p, d in fit_done]
    result = ScoreResult(findings=sorted(findings, key=Finding.sort_key), files=files, profile=profile,
                         options=options, per_school=per_school)
    names = UniqueNames()
    notices.build(result, district.NOTICE, lambda school: names(school, "学校"))
    return result


def _one_per_school(done, bad: list[FileUse], findings: list[Finding], profile: Profile) -> list[SchoolBook]:
    """Two workbooks naming one school cannot both be its list: the later one is not used."""
    kept: dict[str, SchoolBook] = {}
    for path, book in done:
        first = kept.get(fold(book.school))
        if first is None:
            kept[fold(book.school)] = book
            continue
        bad.append(FileUse(path, False, book.school, book.school_source))
        findings.append(finding(profile, "SCORE-SCHOOL-DUPLICATE",
            f"与「{first.file}」同为「{book.school}」（{book.school_source}）的评价工作簿，未使用此文件；"
            "如是两所学校，请在各自「班级」表的标题行写明校名", severity=ERROR, file=path.name, school=book.school))
    return list(kept.values())


def _score(book: SchoolBook, *, assigned, fitness_given: bool, given, day, profile: Profile, quota: int):
    """One school scored: (SchoolScore, its findings), the book's own warnings first."""
    own = list(book.warnings)
    counts, about_fitness = class_counts(book, assigned[book.school], profile, given=fitness_given)
    span, source = choose_year(given, award_dates(book), day, profile)
    score = score_school(book, counts, profile, span, source, quota, own)
    return score, own + about_fitness

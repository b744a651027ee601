"""`run([DIR], profile, *, options, progress) -> DistrictResult`: the district workbook read, every
school folder's workbooks checked by their own commands, every school scored, ranked and funded."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..examples import collecting
from ..fees.run import term_option
from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..io.keys import school_order
from ..result import FileUse
from ..schedule.result import finding_order
from .assess import assess, district_rates
from .book import Book, read_book, unusable
from . import notice
from .compare import compare
from .load import SchoolFolder, find_book, load_folder, school_folders, stray_files
from .measure import evidence
from .result import DistrictResult, Options
from .rules import say


def run(inputs, profile, *, options: Options | None = None, progress: Progress = no_progress) -> DistrictResult:
    """Assess the district folder `inputs[0]`. InputError only when the run cannot start (no term,
    not one folder); a workbook that cannot be used becomes findings and the rest go on."""
    term = term_option(getattr(options, "term", None))
    root = _root(list(inputs))
    pool = _pool_option(options.pool)
    result = DistrictResult(profile=profile, options=options, term=term, root=root)
    book = _book(result, root, options, profile)
    result.rubric, result.rubric_source = (book.rubric, book.rubric_source) if book else (
        dict(profile["district.items"]), f"配置 {profile.name}")
    register = list(book.register) if book else []
    result.findings += stray_files(root, Path(options.rubric) if options.rubric else find_book(root, None), profile)
    folders: dict[str, SchoolFolder] = {}
    paths = school_folders(root, Path(options.out) if options.out else None)
    for folder, s in zip(paths, _loaded(paths, root, profile, options, set(register), progress), strict=True):
        if not s.files and not s.kinds and any(folder.rglob(".asrv-*.json")):
            continue   # holds only an earlier run's outputs
        result.files += s.files
        result.findings += s.findings
        if s.school in folders:
            _say(result, "DIST-FOLDER-SCHOOLS", f"文件夹「{folder.name}」与「{folders[s.school].folder.name}」都是"
                 f"「{s.school}」，只按后者考核", school=s.school, file=folder.name)
        else:
            folders[s.school] = s
    if not result.files:
        raise InputError([*result.findings, Finding("OPTION-FILES", ERROR, f"区文件夹「{root}」中没有可读取的工作簿"
                                                    "（考核.xlsx 和各校文件夹都没有）")])
    schools = _schools(result, book, folders, register)
    progress(f"评分 {len(schools)} 所学校")
    evs = [evidence(name, folders.get(name), book, profile) for name in schools]
    result.evidence = {e.school: e for e in evs}
    for e in evs:
        if e.staff is not None and (e.school_staff_serving or 0) > e.staff:
            _say(result, "DIST-RATE-IMPOSSIBLE", f"安排表中的本校教职工 {e.school_staff_serving} 人多于名册的教职工数 "
                 f"{e.staff} 人", school=e.school, **book.register[e.school].staff_at)
    result.pool_fen = pool if pool is not None else book.pool_fen if book else None
    result.per_school = assess(evs, result.rubric, profile, result.pool_fen)
    result.findings += [f for s in result.per_school for f in s.findings]
    result.register_size = len(register) or len(schools)
    result.district = district_rates(result.per_school, result.register_size)
    if options.compare:
        compare(result, options.compare, Path(options.out or "asrv-out"))
    result.notices = [(notice.STEM, notice.build(result))]
    result.findings.sort(key=finding_order)
    return result


def _loaded(paths: list[Path], root: Path, profile, options: Options, register: set[str], progress: Progress):
    """Each school folder checked, in order; with `options.jobs` > 1 in that many processes, since two
    schools' files never meet. A folder's own progress is said only when it runs here."""
    if options.jobs <= 1 or len(paths) <= 1:
        for i, folder in enumerate(paths, 1):
            progress(f"学校 {i}/{len(paths)}：{folder.name}")
            yield load_folder(folder, root, profile, options, register, progress)
        return
    from functools import partial

    from ..io.keys import load_pinyin
    from ..jobs import outcomes
    read = partial(load_folder, root=root, profile=profile, options=options, register=register)
    got = outcomes(read, paths, options.jobs, True, meanwhile=load_pinyin)
    for i, (folder, (kind, value)) in enumerate(zip(paths, got, strict=True), 1):
        progress(f"学校 {i}/{len(paths)}：{folder.name}")
        if kind == "input":
            raise InputError(value)
        if kind == "fault":  # never, as a worker raises what it does not expect, as a serial run would
            raise value
        yield value


def _root(inputs: list) -> Path:
    if len(inputs) != 1 or not Path(str(inputs[0])).is_dir():
        given = "、".join(map(str, inputs)) or "未给出"
        raise InputError([Finding("OPTION-FILES", ERROR, f"应给出一个区文件夹（每校一个子文件夹，考核.xlsx 在最上层），"
                                  f"实际为：{given}")])
    return Path(str(inputs[0]))


def _book(result: DistrictResult, root: Path, options: Options, profile) -> Book | None:
    path = find_book(root, options.rubric)
    if path is None:
        _say(result, "DIST-REGISTER", "没有找到考核工作簿（区文件夹最上层的 考核.xlsx，或用 --rubric 指定）："
             "没有学校名册，参与率无法计算，名册核对未做")
        return None
    with collecting() as examples:  # the school-by-school reads say theirs through read_each
        try:
            book = read_book(path, profile)
        except InputError as exc:
            book = None
            result.files.append(FileUse(path, used=False, role="考核"))
            result.findings += unusable(path, exc, profile)
    result.findings += examples
    if book is None:
        return None
    result.files.append(FileUse(path, role="考核"))
    result.book = book.file
    result.findings += book.findings
    return book


def _schools(result: DistrictResult, book: Book | None, folders: dict[str, SchoolFolder],
             register: list[str]) -> list[str]:
    """The register's schools, in its order (each missing one said); without a register, every folder.
    A folder or a row of the district workbook naming a school not in the register is said, not scored."""
    if not book:
        return sorted(folders, key=school_order)
    for name in register:
        if name not in folders:
            _say(result, "DIST-MISSING-SCHOOL", f"名册中的「{name}」没有报送材料（区文件夹中没有该校的文件夹），"
                 "各自动评分项目记 0 分", school=name, **book.register[name].named_at)
    for name, s in folders.items():
        if name not in book.register:
            result.unassessed.append(name)
            _say(result, "DIST-UNKNOWN-SCHOOL", f"文件夹「{s.folder.name}」的学校「{name}」不在学校名册中，未计入考核；"
                 "请核对名册或文件夹名称", school=name, file=s.folder.name)
    rows = [(school, r.where) for school, codes in book.ratings.items() for r in codes.values()]
    rows += [(school, v["where"]) for school, vs in book.vetoes.items() for v in vs]
    rows += [(school, v["where"]) for school, v in book.satisfaction.items()]
    for school, where in rows:
        if school not in book.register:
            _say(result, "DIST-UNKNOWN-SCHOOL", f"「{school}」不在学校名册中，此行未计入", school=school, **where)
    return register


def _pool_option(value) -> int | None:
    """`--pool` in 元 → 分; None when not given."""
    if value is None or not str(value).strip():
        return None
    try:
        return int((Decimal(str(value).replace(",", "")) * 100).to_integral_value())
    except InvalidOperation:
        raise InputError([Finding("OPTION", ERROR, f"--pool「{value}」应为金额（元），如 1000000")]) from None


def _say(result: DistrictResult, rule: str, message: str, **where) -> None:
    say(result.findings, result.profile, rule, message, **where)

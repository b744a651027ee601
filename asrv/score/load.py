"""Reading classes.xlsx (and a separate fitness file) into checked tables, or every input error at once."""
from __future__ import annotations

import dataclasses
from functools import lru_cache
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..findings import ERROR, Finding, InputError
from ..io import Table, Workbook, open_workbook, read_sheet
from ..io.grades import grade_number, grade_word
from ..profile import Profile
from . import sheets as S


# A grade in digits needs a mark before the class number (3(2)班, 3年级2班): 12班 is class 12.
_DIGIT_CLASS = re.compile(r"(\d+)(?:年级\(?|\()(\d+)\)?班?")
_CLASS = re.compile(r"(.*?[^\d(])(?:年级)?\(?(\d+)\)?班?")


@lru_cache(maxsize=8192)  # called once per row of every sheet, on a few dozen distinct names
def class_key(name: object) -> str:
    """`三（2）班`, `三(2)班 `, `三(2)`, `3(2)班` and `三年级2班` (the fitness template's way) are one class."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name)))
    m = _CLASS.fullmatch(s) or _DIGIT_CLASS.fullmatch(s)
    if m:
        grade = grade_number(m.group(1))  # 三, 3, 三年级 and 3年级 name one grade
        return f"{grade_word(grade) if grade else m.group(1)}({int(m.group(2))})"
    return s[:-1] if s.endswith("班") and len(s) > 1 else s


@dataclass
class ScoreInput:
    file: str
    tables: dict[str, Table]
    fitness: Table | None
    order: dict[str, int]        # class key -> position in the 班级 sheet
    names: dict[str, str]        # class key -> the name as written in 班级
    # Raw measurements (--fitness FILE in the national template) scored by asrv.fitness:
    # per class key {"tested", "passed", "failed", "failed_names"}, and that scoring's findings.
    fitness_counts: dict[str, dict] | None = None
    fitness_findings: list[Finding] = dataclasses.field(default_factory=list)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


def load(book: Workbook | str | Path, profile: Profile, fitness: Workbook | str | Path | None = None) -> ScoreInput:
    book = book if isinstance(book, Workbook) else open_workbook(book)
    if fitness is not None and not isinstance(fitness, Workbook):
        fitness = open_workbook(fitness)  # once: both the raw-measurement test and the reading use it
    problems: list[Finding] = []
    tables = {}
    for spec in (S.CLASSES, S.RATINGS_SHEET, S.CHECKS, S.TEACHING, S.AWARDS, S.INCIDENTS):
        t = read_sheet(book, spec, problems)
        if t is not None:
            tables[spec.name] = t
    raw = _raw_fitness(fitness, profile)
    fit_table = _fitness(book, fitness, problems) if raw is None else None
    if "classes" not in tables or "ratings" not in tables:
        raise InputError(problems)
    # Go on checking what could be read, so the clerk gets every problem in one pass;
    # a cell already reported as unreadable is not reported again as blank.
    bad = {(f.sheet, f.cell) for f in problems}
    classes = tables["classes"]
    order, names = _class_list(classes, problems)
    for t in [*tables.values(), fit_table]:
        if t is not None and t is not classes:
            _check_classes(t, names, problems)
    if raw is not None:
        _check_raw_classes(raw, names, problems)
    _check_ratings(tables["ratings"], profile, problems, bad)
    if "awards" in tables:
        _check_awards(tables["awards"], profile["score.bonus.excluded_events"], problems, bad)
    if problems:
        raise InputError(problems)
    inp = ScoreInput(book.file, tables, fit_table, order, names)
    if raw is not None:
        from ..fitness import ratings_by_class
        inp.fitness_counts = {class_key(k): v for k, v in ratings_by_class(raw).items()}
        inp.fitness_findings = list(raw.findings)
    return inp


def _raw_fitness(fitness, profile: Profile):
    """A separate fitness file with raw measurements is scored by the national standard first."""
    if fitness is None:
        return None
    from ..fitness import has_raw_measurements, score_fitness
    if not has_raw_measurements(fitness, profile):
        return None
    return score_fitness([fitness], profile)


def _check_raw_classes(raw, names: dict[str, str], problems: list[Finding]) -> None:
    students = raw.students
    for cls, row, file, sheet in zip(students["class"], students["row"], students["file"], students["sheet"]):
        if cls is not None and class_key(cls) not in names:
            letter = raw.letters.get((file, sheet), {}).get("class", "")
            problems.append(Finding("CLASS-UNKNOWN", ERROR, f"班级「{cls}」不在「班级」表中",
                                    file=file, sheet=sheet, cell=f"{letter}{row}", value=cls))


def _fitness(book: Workbook, fitness, problems: list[Finding]) -> Table | None:
    if fitness is None:
        return read_sheet(book, S.FITNESS, problems)
    fbook = fitness
    # A separate fitness workbook may call its one sheet anything (Sheet1, 三年级体测…).
    spec = dataclasses.replace(S.FITNESS, required=True, aliases=S.FITNESS.aliases + tuple(fbook.sheet_names[:1]))
    return read_sheet(fbook, spec, problems)


def _class_list(classes: Table, problems: list[Finding]) -> tuple[dict[str, int], dict[str, str]]:
    order: dict[str, int] = {}
    names: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for row, name in classes.df["class"].items():
        if name is None:
            problems.append(Finding("CELL-BLANK", ERROR, "「班级」不能为空", value=None, **classes.where("class", row)))
            continue
        key = class_key(name)
        if key in order:
            problems.append(Finding("CLASS-DUPLICATE", ERROR,
                f"班级「{name}」重复（第 {first_row[key]} 行已有）", value=name, **classes.where("class", row)))
            continue
        order[key], names[key], first_row[key] = len(order), name, row
    return order, names


def _check_classes(t: Table, names: dict[str, str], problems: list[Finding]) -> None:
    keys = t.df["class"].map(lambda n: None if n is None else class_key(n))
    for row in keys.index[keys.isna()]:
        problems.append(Finding("CELL-BLANK", ERROR, "「班级」不能为空", **t.where("class", row)))
    for row in keys.index[keys.notna() & ~keys.isin(list(names))]:
        name = t.df.at[row, "class"]
        problems.append(Finding("CLASS-UNKNOWN", ERROR,
            f"班级「{name}」不在「班级」表中", value=name, **t.where("class", row)))


def _check_ratings(t: Table, profile: Profile, problems: list[Finding], bad: set) -> None:
    items = profile["score.items"]
    for row, rec in zip(t.df.index, t.df.to_dict("records")):
        if (t.sheet, t.cell("item", row)) in bad or (t.sheet, t.cell("score", row)) in bad:
            continue
        if rec["item"] is None:
            problems.append(Finding("CELL-BLANK", ERROR, "「项目」不能为空", **t.where("item", row)))
        elif rec["score"] is None:
            problems.append(Finding("CELL-BLANK", ERROR, "「分数」不能为空", **t.where("score", row)))
        elif rec["score"] > items[rec["item"]]["max"]:
            item = items[rec["item"]]
            problems.append(Finding("CELL-RANGE", ERROR,
                f"「{item['label']}」满分 {item['max']} 分，分数 {rec['score']:g} 超出（篇3 三）",
                value=rec["score"], **t.where("score", row)))


def _check_awards(t: Table, excluded: list[str], problems: list[Finding], bad: set) -> None:
    has_prize, has_place = t.has("prize"), t.has("place")
    for row, rec in zip(t.df.index, t.df.to_dict("records")):
        if any((t.sheet, t.cell(f, row)) in bad for f in ("prize", "place", "event")):
            continue
        prize = rec["prize"] if has_prize else None
        place = rec["place"] if has_place else None
        honour = rec["event"] is not None and any(w in rec["event"] for w in excluded)
        if prize is None and place is None and not honour:  # an honour (优秀班集体) has no prize
            problems.append(Finding("AWARD-PRIZE", ERROR, "「等第」和「名次」至少填一项（篇3 二、2—4）",
                                    **t.where("prize" if has_prize else "level", row)))
        if rec["event"] is None:
            problems.append(Finding("CELL-BLANK", ERROR, "「项目」不能为空（同一项目只计最高一次）",
                                    **t.where("event", row)))

"""One survey file → its answers, each with its school; answers merged per (school, student).

学号 are school-internal: two schools' 301 are two students. A file's school comes from its 学校
column (one school, or one per row), else a title row or 学校 cell, else the file name
(`asrv.io.school.school_of`); `--school` sets it for a single file.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled
from ..io import Table, open_workbook
from ..io.cells import clean_text, is_blank
from ..io.grades import grade_number
from ..io.reader import find_sheet
from ..io.schema import norm
from ..io.school import COLUMN, school_of
from ..registry import finding
from .parse import class_label, split_answers
from .sheets import CHOICE_FIELDS, GROUP_FIELDS, GROUPS, NO_GROUP, SURVEY


@dataclass(slots=True)
class Response:
    """One student's answer: the latest submission when a student answered more than once."""
    school: str
    key: str                 # 学号, else 班级/姓名, else the row itself (an anonymous answer)
    student_id: str
    name: str
    grade: int | None
    class_name: str
    wants: bool
    days: str
    pickup: str
    choices: list[str]
    groups: list[str]
    comment: str
    file: str
    sheet: str
    row: int
    submitted: dt.date | None = None
    serial: int | None = None
    unknown_groups: list[str] = field(default_factory=list)
    satisfaction: str = ""
    # field name -> column letter, one dict shared by the file's answers (not a cell reference per answer)
    letters: dict = field(default_factory=dict)

    def where(self, name: str) -> dict:
        cell = f"{self.letters[name]}{self.row}" if name in self.letters else ""
        return {"school": self.school, "file": self.file, "sheet": self.sheet, "cell": cell}

    @property
    def sort_key(self) -> tuple:
        # Later submission wins: by date, then the tool's serial number, then input order.
        return (self.submitted or dt.date.min, self.serial or 0)


@dataclass
class Duplicate:
    key: str
    last: Response
    earlier: list[Response]

    @property
    def class_name(self) -> str:
        return self.last.class_name

    @property
    def name(self) -> str:
        return self.last.name

    @property
    def kept(self) -> str:
        return f"{self.last.file} 第{self.last.row}行"

    @property
    def dropped(self) -> list[str]:
        return [f"{x.file} 第{x.row}行" for x in self.earlier]


@dataclass
class SurveyFile:
    path: Path
    school: str          # the school the file names; "" when its 学校 column names several
    source: str          # how the school was found (学校列, 标题行, 学校单元格, 文件名, --school)
    # Response field -> one value per answer in input order: a reading process sends these lists
    # back, which unpickle in a fraction of the time 150,000 objects take; the objects are made here.
    columns: dict[str, list]
    findings: list[Finding]

    @cached_property
    def responses(self) -> list[Response]:
        return [Response(*values) for values in zip(*(self.columns[n] for n in _RESPONSE_FIELDS))]

    def __reduce__(self):
        return SurveyFile, (self.path, self.school, self.source, self.columns, self.findings)


_RESPONSE_FIELDS = tuple(f.name for f in dataclasses.fields(Response))


def spec_for(book, spec):
    """A survey export names its sheet after the tool (Sheet1, 问卷数据): a one-sheet book is it."""
    if find_sheet(book, spec) is None and book.sheet_names:
        return dataclasses.replace(spec, aliases=spec.aliases + (book.sheet_names[0],))
    return spec


def read_table(path: Path, spec, given: str | None = None) -> tuple[Table, str, str, list[Finding]]:
    """The sheet of `spec` and the file's school; InputError (all problems, with the school) when
    the sheet cannot be used."""
    book = open_workbook(path)
    problems: list[Finding] = []
    table = read_filled(book, spec_for(book, spec), problems)
    school, source = "", ""
    if table is not None:
        column = table.df["school"] if table.has("school") else ()
        rows = book.grid(table.sheet)[0][:max(table.header_row - 1, 0)]
        if not given and len(_named(column)) > 1:  # a district's export: each row names its school
            school, source = "", COLUMN
        else:
            school, source = school_of(path, column, table.titles, rows, given)
    problems = [f.at_school(school) for f in problems]
    if table is None or any(f.severity == ERROR for f in problems):
        raise InputError(problems)
    return table, school, source, problems


def _named(column) -> set[str]:
    return {clean_text(v) for v in column if not is_blank(v)}


def row_school(table: Table, rec: dict, school: str, given: str | None) -> str:
    """The row's own 学校 cell, else the file's school."""
    if given or not table.has("school") or is_blank(rec.get("school")):
        return school
    return clean_text(rec["school"])


def load(path: Path, profile, known: set[str] = frozenset(), given: str | None = None) -> SurveyFile:
    table, school, source, findings = read_table(Path(path), SURVEY, given)
    rows = [int(r) for r in table.df.index]
    col = _columns(table, len(rows))
    if given or not table.has("school"):
        owns = [school] * len(rows)
    else:
        owns = _each(col("school"), lambda v: school if is_blank(v) else clean_text(v))
    # Each column is read once per distinct value (a school's answers repeat a few dozen options),
    # then each field of the answers is one list made from those readings (asrv.survey.load.SurveyFile).
    classes = _each(list(zip(col("grade"), col("class"))), lambda gc: _grade_class(*gc))
    sids, names = _each(col("student_id"), text), _each(col("name"), text)
    chosen = [col(f) for f in ("choices", *CHOICE_FIELDS) if table.has(f)]
    choices = _each(list(zip(*chosen)), lambda vs: _choices(vs, known)) if chosen else [()] * len(rows)
    groups = _each(list(zip(col("groups"), *map(col, GROUP_FIELDS))), _groups)
    days, pickup, comment = _each(col("days"), text), _each(col("pickup"), text), _each(col("comment"), text)
    satisfaction, wants = _each(col("satisfaction"), text), col("wants")
    submitted, serial = _each(col("submitted"), _value), _each(col("serial"), _value)
    for i, own in enumerate(owns):
        if not own:
            f = finding(profile, "SCHOOL-UNKNOWN", "此行未填写学校，而本表含多所学校，无法确定属于哪所学校；此行未计入",
                        **table.where("school", rows[i]))
            findings += [f] if f else []
    kept = [i for i, own in enumerate(owns) if own]

    def each(values: list) -> list:
        return [values[i] for i in kept]
    grades, klasses = [classes[i][0] for i in kept], [classes[i][1] for i in kept]
    sids, names, rows, picked = each(sids), each(names), each(rows), each(choices)
    unknown = [list(groups[i][1]) for i in kept]
    n = len(kept)
    columns = {
        "school": each(owns), "student_id": sids, "name": names, "grade": grades, "class_name": klasses,
        "key": [sid or (f"{k}/{name}" if name else f"{table.file}#{table.sheet}#{row}")
                for sid, k, name, row in zip(sids, klasses, names, rows)],
        # A blank 是否参加 with activities chosen is read as a request: nobody who asks is refused.
        "wants": [a == "是" or (a is None and bool(c)) for a, c in zip(map(_value, each(wants)), picked)],
        "days": each(days), "pickup": each(pickup), "choices": [list(c) for c in picked],
        "groups": [list(groups[i][0]) for i in kept], "comment": each(comment), "file": [table.file] * n,
        "sheet": [table.sheet] * n, "row": rows, "submitted": each(submitted),
        "serial": [int(v) if v is not None else None for v in each(serial)], "unknown_groups": unknown,
        "satisfaction": each(satisfaction), "letters": [table.letters] * n}
    return SurveyFile(Path(path), school, source, columns, findings)


def text(v) -> str:
    """A cell as text, "" when blank."""
    return "" if is_blank(v) else clean_text(v)


def _value(v):
    return None if is_blank(v) else v


def _columns(table: Table, n: int):
    """name -> the column's values in row order; a column the sheet lacks is all blank."""
    def col(name: str) -> list:
        return table.df[name].tolist() if table.has(name) and name in table.df.columns else [None] * n
    return col


def _each(values: list, read) -> list:
    """`read` of each value, computed once per distinct value. The reader parsed each column to its
    field's kind, so a column holds one type of value (and blanks): equal values read alike."""
    seen: dict = {}
    return [seen[v] if v in seen else seen.setdefault(v, read(v)) for v in values]


def _grade_class(grade, klass) -> tuple[int | None, str]:
    grade, klass = _value(grade), _value(klass)
    g, label = class_label(grade, klass)
    return (grade_number(grade) if g is None else g), label


def _choices(values: tuple, known: set[str]) -> tuple[str, ...]:
    choices: list[str] = []
    for v in values:
        for c in split_answers(_value(v), known):
            if c not in choices:
                choices.append(c)
    return tuple(choices)


def _groups(values: tuple) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the priority groups named, sorted; the group answers not recognised) from 特殊群体 and the 是/否 columns."""
    groups, unknown = set(), []
    for g in split_answers(_value(values[0])):
        canon = GROUPS.get(norm(g).removeprefix("是"))
        if canon:
            groups.add(canon)
        elif g not in NO_GROUP:
            unknown.append(g)
    groups.update(canon for v, canon in zip(values[1:], GROUP_FIELDS.values()) if _value(v) == "是")
    return tuple(sorted(groups)), tuple(unknown)


def merge(responses: list[Response]) -> dict[str, tuple[list[Response], list[Duplicate]]]:
    """Per school: one answer per student (the latest; input order among equals), and the repeats."""
    first: dict[tuple[str, str], Response] = {}
    again: dict[tuple[str, str], list[Response]] = {}   # only the students who answered more than once
    for r in responses:
        k = (r.school, r.key)
        if k in first:
            again.setdefault(k, [first[k]]).append(r)
        else:
            first[k] = r
    out: dict[str, tuple[list[Response], list[Duplicate]]] = {}
    for (school, key), r in first.items():
        kept, duplicates = out.setdefault(school, ([], []))
        group = again.get((school, key))
        if group is None:
            kept.append(r)
            continue
        ordered = sorted(group, key=lambda x: x.sort_key)  # stable: the last row wins among equals
        kept.append(ordered[-1])
        duplicates.append(Duplicate(key, ordered[-1], ordered[:-1]))
    return out

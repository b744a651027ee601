"""One survey file → its answers, each with its school; answers merged per (school, student).

学号 are school-internal: two schools' 301 are two students. A file's school comes from its 学校
column (one school, or one per row), else a title row or 学校 cell, else the file name
(`asrv.io.school.school_of`); `--school` sets it for a single file.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
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


@dataclass
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
    cells: dict = field(default_factory=dict)   # field name -> cell reference, for findings

    def where(self, name: str) -> dict:
        return {"school": self.school, "file": self.file, "sheet": self.sheet, "cell": self.cells.get(name, "")}

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
    responses: list[Response]
    findings: list[Finding]


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
    responses = []
    for row, rec in zip(table.df.index, table.df.to_dict("records")):
        own = row_school(table, rec, school, given)
        if not own:
            f = finding(profile, "SCHOOL-UNKNOWN", "此行未填写学校，而本表含多所学校，无法确定属于哪所学校；此行未计入",
                        **table.where("school", int(row)))
            findings += [f] if f else []
            continue
        responses.append(_response(table, int(row), rec, own, known))
    return SurveyFile(Path(path), school, source, responses, findings)


def text(v) -> str:
    """A cell as text, "" when blank."""
    return "" if is_blank(v) else clean_text(v)



def _response(table: Table, row: int, rec: dict, school: str, known: set[str]) -> Response:
    def get(name):
        v = rec.get(name) if table.has(name) else None
        return None if is_blank(v) else v
    grade, klass = class_label(get("grade"), get("class"))
    if grade is None:
        grade = grade_number(get("grade"))
    sid, name = text(get("student_id")), text(get("name"))
    key = sid or (f"{klass}/{name}" if name else f"{table.file}#{table.sheet}#{row}")
    choices: list[str] = []
    for f in ("choices", *CHOICE_FIELDS):
        for c in split_answers(get(f), known):
            if c not in choices:
                choices.append(c)
    groups, unknown = set(), []
    for g in split_answers(get("groups")):
        canon = GROUPS.get(norm(g).removeprefix("是"))
        if canon:
            groups.add(canon)
        elif g not in NO_GROUP:
            unknown.append(g)
    groups.update(canon for fname, canon in GROUP_FIELDS.items() if get(fname) == "是")
    serial = get("serial")
    return Response(
        school=school, key=key, student_id=sid, name=name, grade=grade, class_name=klass,
        # A blank 是否参加 with activities chosen is read as a request: nobody who asks is refused.
        wants=get("wants") == "是" or (get("wants") is None and bool(choices)),
        days=text(get("days")), pickup=text(get("pickup")), choices=choices, groups=sorted(groups),
        comment=text(get("comment")), file=table.file, sheet=table.sheet, row=row, submitted=get("submitted"),
        serial=int(serial) if serial is not None else None, unknown_groups=unknown,
        satisfaction=text(get("satisfaction")),
        cells={n: table.cell(n, row) for n in table.letters})


def merge(responses: list[Response]) -> dict[str, tuple[list[Response], list[Duplicate]]]:
    """Per school: one answer per student (the latest; input order among equals), and the repeats."""
    by_key: dict[tuple[str, str], list[Response]] = {}
    for r in responses:
        by_key.setdefault((r.school, r.key), []).append(r)
    out: dict[str, tuple[list[Response], list[Duplicate]]] = {}
    for (school, key), group in by_key.items():
        kept, duplicates = out.setdefault(school, ([], []))
        ordered = sorted(group, key=lambda x: x.sort_key)  # stable: the last row wins among equals
        kept.append(ordered[-1])
        if len(group) > 1:
            duplicates.append(Duplicate(key, ordered[-1], ordered[:-1]))
    return out

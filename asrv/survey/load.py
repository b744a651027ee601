"""Survey answers and the catalogue, read through the shared reader into plain records."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import ERROR, WARNING, Finding, InputError
from ..io import open_workbook, read_sheet
from ..io.cells import clean_text, is_blank
from ..io.reader import find_sheet
from ..io.schema import norm
from ..io.grades import grade_number
from .parse import class_label, parse_grades, split_answers
from .sheets import CATALOG, CHOICE_FIELDS, GROUP_FIELDS, GROUPS, NO_GROUP, SURVEY

CLAUSE_PRIORITY = "篇1 三(一)"


@dataclass
class Response:
    """One student's answer: the latest submission when a student answered more than once."""

    key: str
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
    order: int = 0
    unknown_groups: list[str] = field(default_factory=list)
    cells: dict = field(default_factory=dict)   # field name -> cell reference, for findings

    @property
    def sort_key(self) -> tuple:
        # Later submission wins: by date, then the tool's serial number, then input order.
        return (self.submitted or dt.date.min, self.serial or 0)


@dataclass
class Duplicate:
    key: str
    class_name: str
    name: str
    kept: str        # `file 第15行`
    dropped: list[str]


@dataclass
class Activity:
    name: str
    category: str
    grades: frozenset[int] | None
    capacity: int | None
    minimum: int
    days: str
    time: str
    mode: str
    fee: str
    row: int


@dataclass
class Survey:
    responses: list[Response]          # one per student, in input order
    duplicates: list[Duplicate]
    files: list[str]
    findings: list[Finding]


def priority_order(profile) -> list[str]:
    """The profile's priority groups, checked: a typo must not silently drop a group's priority."""
    from .sheets import GROUP_NAMES
    order = list(profile["enroll.priority_order"])
    bad = [g for g in order if g not in GROUP_NAMES]
    if bad or len(set(order)) != len(order):
        raise InputError([Finding("PROFILE", ERROR,
            f"enroll.priority_order 应为 {'、'.join(GROUP_NAMES)} 的排列（{CLAUSE_PRIORITY}），实际为 {order}")])
    return order


def digest(paths: list[Path]) -> tuple[str, list[tuple[str, str]]]:
    """SHA-256 over the files' bytes in the order given, and each file's own SHA-256."""
    total = hashlib.sha256()
    each = []
    for p in paths:
        data = Path(p).read_bytes()
        total.update(data)
        each.append((Path(p).name, hashlib.sha256(data).hexdigest()))
    return total.hexdigest(), each


def _spec_for(book, spec):
    """A survey export names its sheet after the tool (Sheet1, 问卷数据): a one-sheet book is it."""
    if find_sheet(book, spec) is None and book.sheet_names:
        return dataclasses.replace(spec, aliases=spec.aliases + (book.sheet_names[0],))
    return spec


def read_survey(paths: list[Path], problems: list[Finding], known: set[str] = frozenset()) -> Survey:
    rows: list[Response] = []
    order = 0
    for path in paths:
        book = open_workbook(path)
        table = read_sheet(book, _spec_for(book, SURVEY), problems)
        if table is None:
            continue
        for r, rec in table.df.iterrows():
            rows.append(_response(table, int(r), rec, known, order))
            order += 1
    findings: list[Finding] = []
    by_key: dict[str, list[Response]] = {}
    for resp in rows:
        by_key.setdefault(resp.key, []).append(resp)
    kept, duplicates = [], []
    for key, group in by_key.items():
        # A stable sort keeps input order among equal dates and serials: the last row wins.
        ordered = sorted(group, key=lambda x: x.sort_key)
        last = ordered[-1]
        kept.append(last)
        if len(group) > 1:
            dropped = [f"{x.file} 第{x.row}行" for x in ordered[:-1]]
            duplicates.append(Duplicate(key, last.class_name, last.name, f"{last.file} 第{last.row}行", dropped))
            earlier = "、".join(f"第{x.row}行" if x.file == last.file else f"{x.file} 第{x.row}行"
                               for x in ordered[:-1])
            findings.append(Finding("SURVEY-DUP", WARNING,
                f"同一学生提交了 {len(group)} 次，以最后提交的第 {last.row} 行为准，{earlier}不计",
                file=last.file, sheet=last.sheet,
                cell=last.cells.get("class", ""), value=key))
    kept.sort(key=lambda x: x.order)
    for resp in kept:
        for g in resp.unknown_groups:
            findings.append(Finding("SURVEY-GROUP", WARNING,
                f"特殊群体「{g}」无法识别，未按优先保障群体处理（应为残疾儿童、留守儿童、随迁子女、家庭经济困难，"
                f"{CLAUSE_PRIORITY}）", file=resp.file, sheet=resp.sheet, cell=resp.cells.get("groups", ""), value=g))
        if resp.wants and resp.grade is None:
            findings.append(Finding("SURVEY-GRADE", WARNING,
                f"无法确定「{resp.class_name}」的年级，限定年级的活动不予录取",
                file=resp.file, sheet=resp.sheet, cell=resp.cells.get("class", ""), value=resp.class_name))
    return Survey(kept, duplicates, [Path(p).name for p in paths], findings)


def _text(v) -> str:
    return "" if is_blank(v) else clean_text(v)


def _response(table, row: int, rec, known: set[str], order: int) -> Response:
    def get(name):
        v = rec.get(name) if table.has(name) else None
        return None if is_blank(v) else v
    grade, klass = class_label(get("grade"), get("class"))
    if grade is None:
        grade = grade_number(get("grade"))
    sid, name = _text(get("student_id")), _text(get("name"))
    if sid:
        key = sid
    elif name:
        key = f"{klass}/{name}"
    else:  # an anonymous answer counts once, as itself
        key = f"{table.file}#{table.sheet}#{row}"
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
    for fname, canon in GROUP_FIELDS.items():
        if get(fname) == "是":
            groups.add(canon)
    comment = _text(get("comment"))
    serial = get("serial")
    return Response(
        key=key, student_id=sid, name=name, grade=grade, class_name=klass,
        # A blank 是否参加 with activities chosen is read as a request: nobody who asks is refused.
        wants=get("wants") == "是" or (get("wants") is None and bool(choices)),
        days=_text(get("days")), pickup=_text(get("pickup")),
        choices=choices, groups=sorted(groups), comment=comment,
        file=table.file, sheet=table.sheet, row=row, submitted=get("submitted"),
        serial=int(serial) if serial is not None else None, order=order, unknown_groups=unknown,
        cells={name: table.cell(name, row) for name in table.letters})


def read_catalog(path: Path, problems: list[Finding]) -> list[Activity]:
    book = open_workbook(path)
    table = read_sheet(book, _spec_for(book, CATALOG), problems)
    if table is None:
        return []
    out: list[Activity] = []
    seen: dict[str, int] = {}
    for r, rec in table.df.iterrows():
        r = int(r)
        name = _text(rec.get("activity"))
        if not name:
            problems.append(Finding("CATALOG-NAME", ERROR, "活动名称为空", **table.where("activity", r)))
            continue
        if name in seen:
            problems.append(Finding("CATALOG-DUP", ERROR, f"活动「{name}」与第 {seen[name]} 行重名：家长按名称填报志愿，同一活动开多个班请写成不同名称（如加上星期）",
                                    value=name, **table.where("activity", r)))
            continue
        seen[name] = r
        try:
            grades = parse_grades(rec.get("grades")) if table.has("grades") else None
        except ValueError as exc:
            problems.append(Finding("CATALOG-GRADES", ERROR, f"「适用年级」{exc}，实际为「{_text(rec.get('grades'))}」",
                                    value=_text(rec.get("grades")), **table.where("grades", r)))
            grades = None
        cap = rec.get("capacity") if table.has("capacity") else None
        low = rec.get("minimum") if table.has("minimum") else None
        if cap is not None and low is not None and low > cap:
            problems.append(Finding("CATALOG-MIN", ERROR, f"下限 {int(low)} 人大于上限 {int(cap)} 人",
                                    value=low, **table.where("minimum", r)))
        out.append(Activity(
            name=name, category=_text(rec.get("category")), grades=grades,
            capacity=None if cap is None else int(cap), minimum=0 if low is None else int(low),
            days=_text(rec.get("days")), time=_text(rec.get("time")), mode=_text(rec.get("mode")),
            fee=_text(rec.get("fee")), row=r))
    if not out and not problems:
        problems.append(Finding("CATALOG-EMPTY", ERROR, "目录中没有任何活动", file=book.file, sheet=table.sheet))
    return out


def load(surveys: list[Path], catalog: Path | None) -> tuple[Survey, list[Activity] | None]:
    """Read everything; every unreadable cell of every file is reported together."""
    problems: list[Finding] = []
    activities = read_catalog(Path(catalog), problems) if catalog else None
    known = {a.name for a in activities or []}
    survey = read_survey([Path(p) for p in surveys], problems, known)
    if problems:
        raise InputError(problems)
    return survey, activities


def match_choices(survey: Survey, activities: list[Activity]) -> list[Finding]:
    """Map each answer to a catalogue name; unknown ones are dropped with a warning."""
    exact = {norm(a.name): a.name for a in activities}
    findings = []
    for resp in survey.responses:
        mapped = []
        for c in resp.choices:
            hit = exact.get(norm(c)) or exact.get(norm(c).split("(")[0])
            if hit is None:
                findings.append(Finding("SURVEY-CHOICE", WARNING, f"意向「{c}」不在课后服务目录中，未计入",
                                        file=resp.file, sheet=resp.sheet,
                                        cell=resp.cells.get("choices") or resp.cells.get("choice1", ""),
                                        value=c))
            elif hit not in mapped:
                mapped.append(hit)
        resp.choices = mapped
    return findings

"""The district's workbook (考核.xlsx) → the register, the rubric, ratings, vetoes, satisfaction, pool.

A bad cell is a finding at its cell and the rest is used; only a workbook that cannot be opened,
or has no usable 学校 sheet, is an InputError (the run goes on without a register)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding, InputError
from ..examples import read_filled
from ..io import open_workbook
from ..io.cells import clean_text, is_blank
from .evidence import Rating
from .rules import say
from .sheets import FUNDING, RATINGS, RUBRIC, SATISFACTION, SCHOOLS, VETOES

COUNTS = ("sent", "valid", "satisfied", "fairly", "dissatisfied", "unknown")
PROFILE_METHOD = {"rated": "评分", "veto": "否决"}


@dataclass
class Registered:
    school: str
    students: int | None
    staff: int | None
    stage: str = ""
    area: str = ""
    where: dict = field(default_factory=dict)   # the 在校生数 cell
    named_at: dict = field(default_factory=dict)  # the 学校 cell
    staff_at: dict = field(default_factory=dict)  # the 教职工数 cell


@dataclass
class Book:
    file: str
    register: dict[str, Registered]
    rubric: dict[str, dict]
    rubric_source: str
    ratings: dict[str, dict[str, Rating]] = field(default_factory=dict)   # school -> code -> rating
    vetoes: dict[str, list[dict]] = field(default_factory=dict)           # school -> confirmed rows
    satisfaction: dict[str, dict] = field(default_factory=dict)           # school -> counts (+ where)
    pool_fen: int | None = None
    findings: list[Finding] = field(default_factory=list)


def _text(v) -> str:
    return "" if is_blank(v) else clean_text(v)


def _int(v) -> int | None:
    return None if v is None else int(v)


def read_book(path: Path, profile) -> Book:
    book = open_workbook(path)
    problems: list[Finding] = []
    schools = read_filled(book, SCHOOLS, problems)
    if schools is None:
        raise InputError(problems)
    tables = {spec.name: read_filled(book, spec, problems) for spec in (RUBRIC, RATINGS, VETOES, SATISFACTION, FUNDING)}
    found = list(problems)
    out = Book(book.file, _register(schools, profile, found), *_rubric(tables["rubric"], profile, found))
    out.findings = found
    _ratings(out, tables["ratings"], profile)
    _vetoes(out, tables["vetoes"])
    _satisfaction(out, tables["satisfaction"], profile)
    funding = tables["funding"]
    if funding is not None:
        amounts = [v for v in funding.df["pool"] if v is not None]
        if amounts:
            out.pool_fen = int(sum(amounts).scaleb(2).to_integral_value())
    return out


def _register(t, profile, found: list[Finding]) -> dict[str, Registered]:
    out: dict[str, Registered] = {}
    for row, r in t.df.iterrows():
        name = _text(r["school"])
        if not name:
            continue
        if name in out:
            say(found, profile, "DIST-REGISTER", f"名册中「{name}」出现两次，以第一行为准", school=name,
                 **t.where("school", row))
            continue
        out[name] = Registered(name, _int(r["students"]), _int(r.get("staff")), _text(r.get("stage")),
                               _text(r.get("area")), t.where("students", row), t.where("school", row),
                               t.where("staff", row))
    return out


def _rubric(t, profile, found: list[Finding]) -> tuple[dict[str, dict], str]:
    """The profile's rubric, or the 指标 sheet's: a 自动 row must name an automatic item of the profile."""
    base = profile["district.items"]
    if t is None or t.df.empty:
        return dict(base), f"配置 {profile.name}"
    rubric: dict[str, dict] = {}
    for row, r in t.df.iterrows():
        code = _text(r["code"])
        if not code or r["points"] is None or r["method"] is None:
            continue
        known = base.get(code)
        method = r["method"]
        if method == "auto" and (known is None or known["method"] in PROFILE_METHOD):
            say(found, profile, "DIST-RUBRIC", f"指标 {code} 写作「自动」，但配置中没有此代码的自动评分办法，按评分处理",
                 **t.where("method", row))
            method = "rated"
        item = dict(known) if method == "auto" else {"rules": [], "when_missing": "zero", "method": method}
        item.update(group=_text(r.get("group")) or item.get("group", ""), label=_text(r["label"]),
                    source=_text(r.get("basis")) or item.get("source", ""), points=float(r["points"]))
        if code in rubric:
            say(found, profile, "DIST-RUBRIC", f"指标代码 {code} 重复，以最后一行为准", **t.where("code", row))
        rubric[code] = item
    total = sum(i["points"] for i in rubric.values() if i["method"] != "veto")
    if abs(total - 100) > 1e-9:
        say(found, profile, "DIST-RUBRIC", f"指标分值合计 {total:g} 分，不是 100 分", file=t.file, sheet=t.sheet)
    return rubric, f"{t.file} {t.sheet}"


def _ratings(out: Book, t, profile) -> None:
    if t is None:
        return
    for row, r in t.df.iterrows():
        school, code = _text(r["school"]), _text(r["code"])
        if not school or not code:
            continue
        if code not in out.rubric:
            say(out.findings, profile, "DIST-RUBRIC", f"评分表中的指标代码 {code} 不在考核指标中", school=school,
                 **t.where("code", row))
            continue
        mine = out.ratings.setdefault(school, {})
        if code in mine:
            say(out.findings, profile, "DIST-RUBRIC", f"{school} 的 {code} 评分有两行，以最后一行为准", school=school,
                 **t.where("code", row))
        cell = "review" if r.get("review") is not None or not t.has("self") else "self"
        mine[code] = Rating(r.get("self"), r.get("review"), _text(r.get("rater")), _text(r.get("reason")),
                            _text(r.get("evidence")), t.where(cell, row))


def _vetoes(out: Book, t) -> None:
    if t is None:
        return
    for row, r in t.df.iterrows():
        school = _text(r["school"])
        if school and r["confirmed"] == "是":
            out.vetoes.setdefault(school, []).append(
                {"kind": _text(r["kind"]), "note": _text(r.get("note")), "date": r.get("date"),
                 "where": t.where("confirmed", row)})


def _satisfaction(out: Book, t, profile) -> None:
    if t is None:
        return
    for row, r in t.df.iterrows():
        school = _text(r["school"])
        if not school or any(r.get(k) is None for k in COUNTS if k != "unknown"):
            continue
        if school in out.satisfaction:
            say(out.findings, profile, "DIST-RUBRIC", f"{school} 的满意度有两行，以最后一行为准", school=school,
                 **t.where("school", row))
        out.satisfaction[school] = {**{k: _int(r.get(k)) or 0 for k in COUNTS}, "source": f"{t.file} {t.sheet}",
                                    "where": t.where("valid", row)}


def unusable(path: Path, exc: InputError, profile) -> list[Finding]:
    """Why the district workbook could not be used, said once more in the district's words."""
    found = list(exc.findings)
    say(found, profile, "DIST-REGISTER", f"考核工作簿「{path.name}」无法使用：没有学校名册，参与率无法计算，"
         "名册核对未做", file=path.name)
    return found

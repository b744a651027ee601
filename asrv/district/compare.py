"""`--compare 2025秋` (or a previous 考核结果.xlsx): each school's change in score, band, rank and rates.

A term is looked for as `<out 的上一级>/<学期>/考核结果.xlsx` and `<out>/<学期>/考核结果.xlsx`; the file is
read back through the one reader (its 排名 and 上报汇总 sheets), so a clerk's own edits count."""
from __future__ import annotations

from pathlib import Path

from ..findings import Finding, InputError
from ..io import open_workbook, read_sheet
from ..io.cells import clean_text, is_blank
from ..io.schema import Field, SheetSpec
from ..io.terms import parse_term
from .result import Change, DistrictResult
from .rules import say

WORKBOOK = "考核结果.xlsx"
# The headers 考核结果.xlsx is written with (outputs.py) and read back with here.
SCHOOL, SCORE, BAND, RANK = "学校", "总分", "等次", "排名"
RATE_HEADERS = {"participation": "学生参与率", "five_day": "每周5天参与率", "teachers": "教师参与率"}
RANKED = SheetSpec("ranked", "排名", (Field("school", SCHOOL), Field("score", SCORE, kind="number"),
                                    Field("band", BAND), Field("rank", RANK, kind="int", required=False)))
RATES = SheetSpec("rates", "上报汇总", (Field("school", SCHOOL),
                                     *(Field(k, h, kind="number", required=False) for k, h in RATE_HEADERS.items())))


def candidates(spec: str, out: Path, root: Path | None) -> list[Path]:
    """Where `--compare` may point: a file, a folder holding 考核结果.xlsx, or a term beside `out`."""
    p = Path(spec)
    if p.suffix.lower() in (".xlsx", ".xls") or p.is_file():
        return [p]
    if p.is_dir():
        return [p / WORKBOOK]
    names = [spec]
    try:
        names.append(parse_term(spec).label)
    except ValueError:
        pass
    bases = [out.parent, out] + ([root] if root else [])
    return list(dict.fromkeys(b / n / WORKBOOK for n in dict.fromkeys(names) for b in bases))


def compare(result: DistrictResult, spec: str, out: Path) -> None:
    """Fill `result.changes` (and `previous`), or say why no comparison was made."""
    places = candidates(spec, out, result.root)
    path = next((p for p in places if p.is_file()), None)
    if path is None:
        _say(result, f"没有找到用于对比的考核结果（找过：{'、'.join(str(p) for p in places)}），本次不作对比")
        return
    try:
        before = read_previous(path)
    except InputError as exc:
        result.findings += exc.findings
        _say(result, f"「{path}」无法读取，本次不作对比", file=path.name)
        return
    result.previous = str(path)
    for s in result.per_school:
        old = before.get(s.school)
        if old is None:
            continue
        rates = {k: round((r.value - old[k]) * 100, 2) for k, r in s.rates.items()
                 if k in RATE_HEADERS and r.value is not None and old.get(k) is not None}
        was = old["score"]
        result.changes[s.school] = Change(was, None if was is None else round(s.score - was, 2), old["band"],
                                          old["rank"], rates)
    missing = [s.school for s in result.per_school if s.school not in before]
    if missing:
        _say(result, f"上次的考核结果中没有{'、'.join(missing)}，这些学校不作对比", file=path.name)


def read_previous(path: Path) -> dict[str, dict]:
    """School -> score, band, rank and rates of a previous 考核结果.xlsx."""
    book = open_workbook(path)
    problems: list[Finding] = []
    ranked = read_sheet(book, RANKED, problems)
    rates = read_sheet(book, RATES, problems)
    if ranked is None:
        raise InputError(problems)
    out: dict[str, dict] = {}
    for r in ranked.df.to_dict("records"):
        if not is_blank(r["school"]):
            out[clean_text(r["school"])] = {"score": r["score"], "band": clean_text(r["band"] or ""),
                                            "rank": r.get("rank")}
    if rates is not None:
        for r in rates.df.to_dict("records"):
            name = "" if is_blank(r["school"]) else clean_text(r["school"])
            if name in out:
                out[name].update({k: r.get(k) for k in RATE_HEADERS})
    return out


def _say(result: DistrictResult, message: str, **where) -> None:
    say(result.findings, result.profile, "DIST-COMPARE", message, **where)

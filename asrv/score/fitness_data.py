"""Fitness results for the veto and item 4a (篇3 二、6), per class, from `--fitness` files (a ratings
sheet, or raw measurements scored by asrv.fitness) and the workbook's own 体测 sheet.

A fitness file belongs to the school it names (a title row or 学校 cell, else a school in its file
name); one that names another school is an error, never matched on class names alone, since every
school has a 三(2)班. A class no source covers is a warning at its 班级 cell: its veto cannot be
confirmed, so it is never silently cleared.
"""
from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import ERROR, Finding, InputError
from ..examples import read_filled
from ..io import Table, open_workbook
from ..io.reader import find_sheet
from ..io.cells import clean_text, is_blank
from ..io.keys import class_id
from ..io.school import FILENAME, school_from_title, school_of
from ..profile import Profile
from . import rules
from . import sheets as S
from .load import above_header


@dataclass
class FitnessData:
    file: str
    school: str
    school_source: str
    claimed: str | None          # the school the file itself names (None: it names none)
    counts: dict[str, dict] = field(default_factory=dict)  # class id -> tested, passed, failed, failed_names
    names: dict[str, str] = field(default_factory=dict)    # class id -> the name as written
    cells: dict[str, dict] = field(default_factory=dict)   # class id -> its first cell
    findings: list[Finding] = field(default_factory=list)  # of scoring raw measurements


def _tally() -> dict:
    return {"tested": 0, "passed": 0, "failed": 0, "failed_names": []}


def read_fitness(path: Path, profile: Profile) -> FitnessData:
    """One `--fitness` file; InputError when it cannot be read."""
    from ..fitness import has_raw_measurements
    book = open_workbook(path)
    if has_raw_measurements(book, profile):
        return _from_raw(path, book, profile)
    problems: list[Finding] = []
    # A separate ratings workbook may call its one sheet anything (Sheet1, 三年级体测…): its 体测
    # sheet if it has one, else its first sheet.
    spec = dataclasses.replace(S.FITNESS, required=True)
    t = read_filled(book, spec, problems, sheet=find_sheet(book, spec) or book.sheet_names[0])
    if t is None or any(f.severity == ERROR for f in problems):
        raise InputError(problems)
    return sheet_counts(t, profile, _data(path, above_header(book, t), t.titles))


def _from_raw(path: Path, book, profile: Profile) -> FitnessData:
    """Raw measurements, rated by the national standard (asrv.fitness) first."""
    from ..fitness import ratings_by_class, score_fitness
    raw = score_fitness([book], profile)
    rows = book.grid(next(iter(raw.letters), (book.file, book.sheet_names[0]))[1])[0]
    data = _data(path, rows[:_header_index(rows)], [])
    data.findings = list(raw.findings)
    for name, counts in ratings_by_class(raw).items():
        if not is_blank(name):
            key = class_id(name)
            data.names.setdefault(key, name)
            _merge(data.counts.setdefault(key, _tally()), counts)
    first = raw.students.drop_duplicates("class")
    for file, sheet, row, name in zip(first["file"], first["sheet"], first["row"], first["class"]):
        if not is_blank(name):
            letter = raw.letters.get((file, sheet), {}).get("class", "")
            data.cells.setdefault(class_id(name), {"file": file, "sheet": sheet, "cell": f"{letter}{row}"})
    return data


def _data(path: Path, above: list[list], titles: list[str]) -> FitnessData:
    titles = titles or [clean_text(v) for r in above for v in r if not is_blank(v)]
    school, source = school_of(path, titles=titles, rows=above)
    return FitnessData(Path(path).name, school, source, claimed(school, source, Path(path)))


def _header_index(rows: list[list]) -> int:
    """Raw templates have no known header row here: title rows are the short ones before it."""
    for i, r in enumerate(rows[:20]):
        if sum(not is_blank(v) for v in r) >= 3:
            return i
    return 0


def sheet_counts(t: Table, profile: Profile, data: FitnessData) -> FitnessData:
    """Tally a 班级/姓名/等级 sheet. A blank rating is not tested (免测): neither a pass nor a fail."""
    veto, passing = profile["score.fitness.veto_ratings"], profile["score.fitness.pass_ratings"]
    df = t.df[t.df["class"].notna()]
    ids = {n: class_id(n) for n in pd.unique(df["class"])}  # one key per distinct name, not per student
    key = df["class"].map(ids)
    first = key.drop_duplicates()
    for row, k, name in zip(first.index, first.tolist(), df["class"].loc[first.index].tolist()):
        data.names.setdefault(k, name)
        data.cells.setdefault(k, t.where("class", row))
    tallies = pd.DataFrame({"tested": df["rating"].notna(), "passed": df["rating"].isin(passing)}).groupby(key).sum()
    for k, tested, passed in zip(tallies.index, tallies["tested"].tolist(), tallies["passed"].tolist()):
        c = data.counts.setdefault(k, _tally())
        c["tested"] += int(tested)
        c["passed"] += int(passed)
    failed = df["rating"].isin(veto).to_numpy()
    names = df["name"][failed].tolist() if t.has("name") else [None] * int(failed.sum())
    for row, k, name in zip(df.index[failed], key[failed].tolist(), names):
        c = data.counts[k]
        c["failed"] += 1
        c["failed_names"].append(name or f"第{row}行")
    return data


def _merge(into: dict, c: dict) -> None:
    for k in ("tested", "passed", "failed"):
        into[k] += int(c[k])
    into["failed_names"] += list(c["failed_names"])


def fold(name: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def claimed(school: str, source: str, path: Path) -> str | None:
    """The school a file names: from its content, or a school name in its file name (第2小学_体测)."""
    return school if source != FILENAME else school_from_title(path.stem)


def assign(files: list[FitnessData], schools: list, profile: Profile) -> tuple[dict[str, list[FitnessData]], list[Finding]]:
    """Each fitness file to the school it belongs to; the others are SCORE-FITNESS-SCHOOL errors."""
    out: dict[str, list[FitnessData]] = {s.school: [] for s in schools}
    findings: list[Finding] = []
    for f in files:
        target = _school_for(f, schools)
        if target is not None:
            out[target.school].append(f)
            continue
        if f.claimed:
            names = "、".join(s.school for s in schools[:5]) + ("等" if len(schools) > 5 else "")
            msg = f"体测文件属于「{f.claimed}」（{f.school_source}），与评价工作簿的学校（{names}）不符，未使用"
        else:
            msg = "无法确定体测文件属于哪所学校，未使用；请在文件名或标题行中写明学校名称"
        rules.add(findings, profile, "SCORE-FITNESS-SCHOOL", msg, file=f.file, school=f.claimed or "")
    return out, findings


def _school_for(f: FitnessData, schools: list):
    if f.claimed:
        same = [s for s in schools if fold(f.claimed) in (fold(s.school), fold(claimed(s.school, s.school_source, s.path)))]
        if same:
            return same[0]
        # A classes workbook that names no school (classes.xlsx) cannot contradict the fitness file.
        if len(schools) == 1 and claimed(schools[0].school, schools[0].school_source, schools[0].path) is None:
            return schools[0]
        return None
    stem = fold(Path(f.file).stem)
    named = [s for s in schools if fold(s.school) and fold(s.school) in stem]
    if named:
        return max(named, key=lambda s: len(s.school))
    return schools[0] if len(schools) == 1 else None


def class_counts(book, external: list[FitnessData], profile: Profile,
                 given: bool = False) -> tuple[dict[str, dict], list[Finding]]:
    """Per class of `book`: the `--fitness` files first, the workbook's own 体测 rows for the classes
    they do not cover. Classes of no source are SCORE-FITNESS-MISSING at their 班级 cell; `given`:
    fitness files were named for the run (none of them this school's, when `external` is empty)."""
    findings: list[Finding] = []
    counts: dict[str, dict] = {}
    for data in external:
        findings += data.findings
        for key, c in data.counts.items():
            if key not in book.names:
                rules.add(findings, profile, "CLASS-UNKNOWN", f"体测文件中的班级「{data.names[key]}」不在「班级」表中",
                          value=data.names[key], **data.cells.get(key, {"file": data.file}))
                continue
            _merge(counts.setdefault(key, _tally()), c)
    own = book.table("fitness")
    if own is not None:
        for key, c in sheet_counts(own, profile, FitnessData(book.file, book.school, "", None)).counts.items():
            if key not in counts:
                counts[key] = c
    sources = [f"体测文件「{d.file}」" for d in external] + (["本工作簿「体测」表"] if own is not None else [])
    if not sources and not given:
        rules.add(findings, profile, "SCORE-FITNESS-MISSING",
                  "没有体测数据（工作簿中没有「体测」表，也没有用 --fitness 给出体测文件），无法确认各班是否一票否决",
                  file=book.file)
        return counts, findings
    where = f"在{'、'.join(sources)}中都" if sources else "（给出的体测文件都不属于本校）"
    for key in book.order:
        if not counts.get(key, {}).get("tested"):
            rules.add(findings, profile, "SCORE-FITNESS-MISSING",
                      f"班级「{book.names[key]}」{where}没有体测记录，无法确认是否一票否决",
                      value=book.names[key], **book.cells[key])
    return counts, findings

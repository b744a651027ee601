"""The district folder: one sub-folder per school, the district workbook at the top.

Each school folder's workbooks are recognised by their sheets (`kinds.kinds_of`) and checked by
their own commands (`kinds.run_kind`), one run per kind and school, so two schools' files never
meet. The folder is the school unless its workbooks name it; every finding is then said of that
school, and names its file by the path under the district folder (`第1小学/安排.xlsx`).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .. import result as base
from ..findings import ERROR, Finding, InputError, Progress, no_progress
from ..io import open_workbook
from ..io.workbook import opened_once
from ..io.inputs import collect, label_of
from ..io.school import CELL, COLUMN, TITLE
from ..result import FileUse
from .kinds import ORDER, ROLE, ZH, kinds_of, run_kind
from .rules import say

BOOK_NAMES = ("考核.xlsx", "考核.xls")
# About a command's own notices (their period, issuer, phone), which a district run does not publish.
NOT_OURS = {"CALENDAR-YEAR", "NOTICE-INFO"}
FOLDER = "文件夹名"


@dataclass
class SchoolFolder:
    folder: Path
    school: str                       # the school it is taken to be
    source: str = FOLDER              # how: the folder's name, or the workbooks' 学校列 / 标题行 / 学校单元格
    kinds: dict[str, list[Path]] = field(default_factory=dict)
    results: dict = field(default_factory=dict)          # kind -> the command's Result
    files: list[FileUse] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def find_book(root: Path, given: str | None) -> Path | None:
    """`--rubric`, else 考核.xlsx at the top of the district folder."""
    if given:
        return Path(given)
    return next((root / n for n in BOOK_NAMES if (root / n).is_file()), None)


def school_folders(root: Path, out: Path | None = None) -> list[Path]:
    """The sub-folders, leaving out hidden ones and asrv's outputs (`--out` inside the district folder)."""
    out = out.resolve() if out else None

    def ours(p: Path) -> bool:
        return p.name == "asrv-out" or any(p.glob(".asrv-*.json")) or bool(out and (out == p.resolve() or
                                                                                   p.resolve() in out.parents))
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "~")) and not ours(p))


def stray_files(root: Path, book: Path | None, profile) -> list[Finding]:
    """Workbooks at the top that are not the district's: not read, and said."""
    got = collect([str(p) for p in sorted(root.iterdir()) if p.is_file() and not p.name.startswith((".", "~$"))])
    out = []
    for p in got.paths:
        if book is None or p.resolve() != book.resolve():
            say(out, profile, "DIST-UNKNOWN-KIND", "工作簿在区文件夹的最上层，不属于任何学校，未读取；请放入学校的文件夹",
                file=p.name)
    return out


def load_folder(folder: Path, root: Path, profile, options, register: set[str],
                progress: Progress = no_progress) -> SchoolFolder:
    with opened_once():  # each workbook is opened to see its kind, then by its command: read once
        return _load_folder(folder, root, profile, options, register, progress)


def _load_folder(folder: Path, root: Path, profile, options, register: set[str], progress: Progress) -> SchoolFolder:
    s = SchoolFolder(folder, folder.name)
    got = collect([str(folder)])
    s.findings += got.findings
    for path in got.paths:
        try:
            kinds = kinds_of(open_workbook(path, profile), profile)
        except InputError as exc:
            s.files.append(FileUse(path, used=False))
            s.findings += exc.findings
            continue
        if not kinds:
            say(s.findings, profile, "DIST-UNKNOWN-KIND", "无法识别这是哪一种工作簿（没有「安排」「报名」「考勤」"
                "「意向调查」等工作表），未读取", file=path.name)
        for k in kinds:
            s.kinds.setdefault(k, []).append(path)
    labels: dict[str, Path] = {label_of(p): p for p in got.paths}
    for kind in ORDER:
        if kind in s.kinds and kind != "catalog":  # a catalogue is read by the survey's run
            progress(f"{folder.name}：{ZH[kind]} {len(s.kinds[kind])} 个")
            _run(s, kind, profile, options, labels)
    if "catalog" in s.kinds and "survey" not in s.kinds:
        s.files += [FileUse(p, role=ROLE["catalog"]) for p in s.kinds["catalog"]]
    _name(s, register, profile)
    s.findings = [_said(f, s.school, labels, root, folder) for f in s.findings]
    for u in s.files:
        u.school, u.school_source = s.school, s.source
    return s


def _run(s: SchoolFolder, kind: str, profile, options, labels: dict[str, Path]) -> None:
    own_kinds = (kind, "catalog") if kind == "survey" else (kind,)
    own = {p.resolve(): (p, k) for k in own_kinds for p in s.kinds.get(k, [])}
    try:
        r = run_kind(kind, s.kinds[kind], s.kinds, profile, options)
    except InputError as exc:
        r, found = None, exc.findings
    except Exception as exc:  # a fault in one school's files must not stop the district
        if base.RAISE_UNEXPECTED:
            raise
        r, found = None, [Finding("READ-FILE", ERROR, f"{ZH[kind]}处理时出现内部错误（{type(exc).__name__}），已跳过；"
                                  "请把此文件发给维护人员", file=p.name) for p in s.kinds[kind]]
    if r is None:
        s.files += [FileUse(p, used=False, role=ROLE[k]) for p, k in own.values()]
        s.findings += found
        return
    s.results[kind] = r
    for u in sorted(r.files, key=lambda u: bool(u.role)):   # a file's own use before its use as another's input
        labels.setdefault(u.file, u.path)
        mine = own.pop(Path(u.path).resolve(), None)
        if mine is not None:
            s.files.append(dataclasses.replace(u, role=ROLE[mine[1]]))
    s.findings += [f for f in r.findings if f.rule not in NOT_OURS]


def _name(s: SchoolFolder, register: set[str], profile) -> None:
    """The folder's school: what its workbooks name (a name in the register first), else the folder's name."""
    named: dict[str, str] = {}
    for u in s.files:
        if u.used and u.school_source in (COLUMN, TITLE, CELL):
            for name in u.school.split("、"):
                named.setdefault(name, u.school_source)
    candidates = [*named, s.folder.name]
    chosen = next((n for n in candidates if n in register), None) or (next(iter(named)) if len(named) == 1 else
                                                                     s.folder.name)
    s.school, s.source = chosen, named.get(chosen, FOLDER)
    others = [n for n in named if n != chosen]
    if others:
        say(s.findings, profile, "DIST-FOLDER-SCHOOLS", f"文件夹「{s.folder.name}」中的工作簿写的学校是"
            f"{'、'.join(others)}，与「{chosen}」不同；全部按「{chosen}」计", school=chosen, file=s.folder.name)


def _said(f: Finding, school: str, labels: dict[str, Path], root: Path, folder: Path) -> Finding:
    """A command's finding said of the folder's school, its file named under the district folder."""
    path = labels.get(f.file) or (folder / f.file if f.file and (folder / f.file).exists() else None)
    file = f.file
    if path is not None:
        try:
            file = Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return dataclasses.replace(f, school=school, file=file)

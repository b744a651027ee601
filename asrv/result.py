"""The command contract: every command's `run(inputs, profile, *, options, progress)` returns a
Result (findings, the files used and not used, `to_json()`, `exit_code()`), and its
`write(result, out_dir)` writes the outputs.

The batch contract: a file that cannot be used becomes findings about that file (every bad file,
never only the first) and the other files are processed. Exit 2 if any input could not be used,
else 1 if any error finding (or, with `--strict`, any warning), else 0.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from .findings import ERROR, Counted, Finding, Progress, no_progress

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
T = TypeVar("T")
# The CLI sets this with --debug: an unexpected failure in one file then raises instead of
# becoming a finding, so its traceback is shown.
RAISE_UNEXPECTED = False


@dataclass
class FileUse:
    """One input file: whether it could be used, and which school it was taken to be."""
    path: Path
    used: bool = True
    school: str = ""
    school_source: str = ""   # 学校列, 标题行, 学校单元格, 文件名 or --school: how the school was found
    role: str = ""            # for commands with several kinds of input: "体测", "目录", "安排"…

    @property
    def file(self) -> str:
        from .io.inputs import label_of
        return label_of(self.path)

    def to_json(self) -> dict:
        return {"path": str(self.path), "school": self.school, "school_source": self.school_source,
                "used": self.used, **({"role": self.role} if self.role else {})}


@dataclass
class Options:
    """What every command may be told besides its inputs; commands extend it."""
    school: str | None = None      # the school of a single file, overriding what the file says
    date: dt.date | None = None    # the publication date of notices; today when not given
    mask: bool = True              # students' names masked in notices (张*明)
    strict: bool = False           # warnings count as errors for the exit code
    jobs: int = 1                  # processes reading a batch's files (the CLI's --jobs)

    @property
    def day(self) -> dt.date:
        return self.date or dt.date.today()


@dataclass
class Result(Counted):
    """The base of every command's result. `payload()` adds the command's own JSON."""
    findings: list[Finding] = field(default_factory=list)
    files: list[FileUse] = field(default_factory=list)
    profile: Any = None
    options: Options = field(default_factory=Options)
    # The public notices the run built, as (file stem, asrv.notice.Notice): written by the command's
    # write() as they are, as drafts, or not at all (asrv.notice.publish).
    notices: list = field(default_factory=list)

    @property
    def unusable(self) -> list[FileUse]:
        return [f for f in self.files if not f.used]

    @property
    def usable(self) -> bool:
        """Whether anything can be written: some input was used."""
        return any(f.used for f in self.files)

    @property
    def writable(self) -> bool:
        """Outputs are written when something was used; a run over one file that cannot be used
        writes nothing, a batch writes what its usable files give."""
        if not self.usable:
            return False
        primary = [f for f in self.files if not f.role]
        return not self.unusable or (len(primary) > 1 and any(f.used for f in primary))

    @property
    def schools(self) -> list[str]:
        from .io.keys import school_order
        return sorted({f.school for f in self.files if f.used and f.school}, key=school_order)

    def exit_code(self) -> int:
        if self.unusable:
            return EXIT_INPUT
        if self.errors or (self.options.strict and self.warnings):
            return EXIT_FINDINGS
        return EXIT_OK

    def payload(self) -> dict:
        return {}

    def to_json(self) -> dict:
        return {"ok": self.exit_code() == EXIT_OK, "exit_code": self.exit_code(),
                "files": [f.to_json() for f in self.files], **self.payload(), **self._notices_json(),
                "findings": [f.to_json() for f in self.findings]}

    def _notices_json(self) -> dict:
        if not self.notices:
            return {}
        from .notice import publish
        return {"notices": {"state": publish.state(self), "note": publish.note(self)}}


def gather(inputs: Iterable, progress: Progress = no_progress, role: str = "") -> tuple[list[Path], list[FileUse],
                                                                                     list[Finding]]:
    """Files, folders and globs → the workbooks to read, the arguments that named nothing (unusable)
    and what was skipped."""
    from .io.inputs import collect
    inputs = [str(a) for a in inputs]
    got = collect(inputs)
    missing = [FileUse(Path(a), used=False, role=role) for a in got.missing]
    if inputs and not got.paths and not missing:  # all that was named was skipped (lock files only)
        missing = [FileUse(Path(a), used=False, role=role) for a in inputs]
        got.findings.append(Finding("OPTION-FILES", ERROR, f"没有可读取的工作簿：{'、'.join(inputs) or '未给出文件'}"))
    if got.paths:
        progress(f"找到 {len(got.paths)} 个工作簿")
    return got.paths, missing, got.findings


def read_each(paths: list[Path], read: Callable[[Path], T], progress: Progress = no_progress,
              role: str = "", jobs: int = 1) -> tuple[list[tuple[Path, T]], list[FileUse], list[Finding]]:
    """Read every file; one that cannot be used is reported (all its problems) and the rest go on.
    With `jobs` > 1 and a picklable `read`, files are read in that many processes (asrv.jobs),
    with the same results in the same order. Example rows a school left in from the template are
    skipped, each said (asrv.examples)."""
    from functools import partial

    from .io.keys import load_pinyin
    from .jobs import outcomes
    done: list[tuple[Path, T]] = []
    unusable: list[FileUse] = []
    findings: list[Finding] = []
    # A batch of several files orders its schools by pinyin once they are read.
    got = outcomes(partial(_collected, read), paths, jobs, RAISE_UNEXPECTED,
                   meanwhile=load_pinyin if len(paths) > 1 else None)
    for i, (path, (kind, value)) in enumerate(zip(paths, got, strict=True), 1):
        progress(f"读取 {i}/{len(paths)}：{path.name}")
        school = ""
        if kind == "ok":
            value, examples = value
            done.append((path, value))
            school = getattr(value, "school", "")
            school = school if isinstance(school, str) else ""
            findings.extend(f.at_school(school) for f in examples)
        elif kind == "input":
            unusable.append(FileUse(path, used=False, school=_school_of(value), role=role))
            findings.extend(value or [Finding("READ-FILE", ERROR, "无法使用此文件", file=path.name)])
        else:
            unusable.append(FileUse(path, used=False, role=role))
            findings.append(Finding("READ-FILE", ERROR,
                f"处理此文件时出现内部错误（{type(value).__name__}），已跳过；请把此文件发给维护人员",
                file=path.name))
    return done, unusable, findings


def _collected(read: Callable, path: Path) -> tuple:
    """What `read` gives and the example rows it skipped, which a worker process hands back too."""
    from .examples import collecting
    with collecting() as examples:
        value = read(path)
    return value, list(examples)


def _school_of(findings: list[Finding]) -> str:
    schools = {f.school for f in findings if f.school}
    return schools.pop() if len(schools) == 1 else ""

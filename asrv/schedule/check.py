"""`check_schedule`: every workbook read, every rule run over all of them at once."""
from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..findings import ERROR, WARNING, Finding, InputError, Progress, no_progress
from .load import read_file
from .rules import Context, run_rules

SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class FileResult:
    path: Path
    readable: bool
    schools: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def file(self) -> str:
        return self.path.name


@dataclass
class ScheduleResult:
    profile: object
    files: list[FileResult]
    items: list[tuple[str, Finding]]          # (school, finding), sorted
    sessions: pd.DataFrame                    # one line per workbook row and weekday

    @property
    def findings(self) -> list[Finding]:
        return [f for _, f in self.items]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def unreadable(self) -> list[FileResult]:
        return [f for f in self.files if not f.readable]

    def summary(self) -> dict:
        return {"files": len(self.files), "errors": len(self.errors), "warnings": len(self.warnings)}

    def per_school(self) -> list[dict]:
        """Per school: files, rows, errors, warnings and counts by rule."""
        out: dict[str, dict] = {}
        for fr in self.files:
            for school in fr.schools or [fr.path.stem]:
                d = out.setdefault(school, {"school": school, "files": [], "rows": 0, "errors": 0,
                                            "warnings": 0, "rules": {}})
                d["files"].append(fr.file)
        if not self.sessions.empty:
            rows = self.sessions.drop_duplicates(["file", "row"]).groupby("school").size()
            for school, n in rows.items():
                out[school]["rows"] = int(n)
        for school, f in self.items:
            d = out.setdefault(school, {"school": school, "files": [f.file], "rows": 0, "errors": 0,
                                        "warnings": 0, "rules": {}})
            d["errors" if f.severity == ERROR else "warnings"] += 1
            d["rules"][f.rule] = d["rules"].get(f.rule, 0) + 1
        return sorted(out.values(), key=lambda d: d["school"])


def collect_paths(args: list[str | Path]) -> list[Path]:
    """Files, folders (their workbooks, not recursing) and glob patterns, in a stable order."""
    paths: list[Path] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            paths.extend(sorted(x for x in p.iterdir() if x.suffix.lower() in SUFFIXES
                                and not x.name.startswith(("~$", "."))))
        elif not p.exists() and any(c in str(arg) for c in "*?["):
            paths.extend(sorted(Path(x) for x in glob.glob(str(arg))))
        else:
            paths.append(p)
    return list(dict.fromkeys(paths))


def _sort_key(item: tuple[str, Finding]) -> tuple:
    school, f = item
    return (school,) + f.sort_key()[1:] + (f.file,)


def check_schedule(paths: list[str | Path], profile, progress: Progress = no_progress) -> ScheduleResult:
    """Check all workbooks; unreadable ones are reported, the rest still checked.

    Raises InputError only when no workbook at all could be read.
    """
    files = collect_paths(paths)
    if not files:
        raise InputError([Finding("READ-FILE", ERROR, f"没有找到工作簿：{' '.join(map(str, paths))}")])
    sessions, staff, schools, results = [], [], [], []
    read_problems: list[tuple[str, Finding]] = []
    for i, path in enumerate(files, 1):
        progress(f"读取 {i}/{len(files)}：{path.name}")
        try:
            s, st, sc = read_file(path, profile)
        except InputError as exc:
            results.append(FileResult(path, False))
            read_problems.extend((path.stem, f) for f in exc.findings)
            continue
        results.append(FileResult(path, True, sorted(s["school"].unique()) or [path.stem],
                                  int(s.drop_duplicates("row").shape[0])))
        sessions.append(s)
        staff.append(st)
        schools.append(sc)
    if not sessions:
        raise InputError([f for _, f in read_problems])
    progress(f"检查 {len(results)} 个工作簿")
    ctx = Context(pd.concat(sessions, ignore_index=True), pd.concat(staff, ignore_index=True),
                  pd.concat(schools, ignore_index=True), profile)
    items = sorted(read_problems + run_rules(ctx), key=_sort_key)
    return ScheduleResult(profile, results, items, ctx.sessions)

"""What a clerk names on the command line: files, folders (recursive) and globs, made into a list of
workbooks. Lock files (`~$x.xlsx`), hidden files, special files and earlier outputs of asrv are
skipped, and a file given twice (the same bytes) is used once; each skip is said, never silent."""
from __future__ import annotations

import glob
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import ERROR, WARNING, Finding

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
MANIFEST_GLOB = ".asrv-*.json"   # written by asrv.out beside its outputs


@dataclass
class Collected:
    paths: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)   # what was skipped, and names that found nothing
    missing: list[str] = field(default_factory=list)        # arguments that named no file at all


_LABELS: dict[Path, str] = {}


def file_labels(paths) -> dict[Path, str]:
    """How findings name each file: its name, or, where two files of a run share a name (each
    school's folder holding 安排.xlsx), the path from the folder where they part."""
    by_name: dict[str, list[Path]] = {}
    for p in map(Path, paths):
        by_name.setdefault(p.name, []).append(p)
    labels = {}
    for name, same in by_name.items():
        base = Path(os.path.commonpath([str(p.resolve().parent) for p in same])) if len(same) > 1 else None
        for p in same:
            labels[p] = name if base is None else p.resolve().relative_to(base).as_posix()
    return labels


def label_of(path: Path) -> str:
    """The name a file goes by in findings and outputs (see `file_labels`)."""
    return _LABELS.get(Path(path).resolve(), Path(path).name)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def collect(args, suffixes: tuple[str, ...] = SUFFIXES) -> Collected:
    """Expand files, folders and glob patterns, in a stable order (each folder's files sorted)."""
    out = Collected()
    seen: dict[str, Path] = {}
    for arg in args:
        arg = str(arg)
        p = Path(arg)
        if p.is_dir():
            candidates = sorted(x for x in p.rglob("*") if not x.is_dir())
            named = False
        elif not p.exists() and any(c in arg for c in "*?["):
            candidates = sorted(Path(x) for x in glob.glob(arg, recursive=True) if not Path(x).is_dir())
            named = False
        elif not p.exists():
            out.missing.append(arg)
            out.findings.append(Finding("READ-FILE", ERROR, f"找不到文件或文件夹「{arg}」", file=p.name))
            continue
        else:
            candidates, named = [p], True
        outputs = _earlier_outputs(candidates)
        kept, said = 0, len(out.findings)
        for c in candidates:
            reason = _skip(c, suffixes, named, outputs)
            if reason:
                if reason != "quiet":
                    out.findings.append(Finding("READ-SKIPPED", WARNING, reason, file=c.name, value=str(c)))
                continue
            try:
                key = digest(c)
            except OSError as exc:
                out.findings.append(Finding("READ-FILE", ERROR, f"无法读取文件：{exc.strerror or exc}", file=c.name))
                continue
            if key in seen:
                same = seen[key]
                if same.resolve() != c.resolve():
                    out.findings.append(Finding("READ-SKIPPED", WARNING,
                        f"与「{same}」内容完全相同，只读取一次", file=c.name, value=str(c)))
                continue
            seen[key] = c
            out.paths.append(c)
            kept += 1
        if not kept and not named and len(out.findings) == said:
            out.missing.append(arg)
            out.findings.append(Finding("READ-FILE", ERROR, f"「{arg}」中没有找到工作簿（{'、'.join(suffixes)}）",
                                        file=p.name))
    # Files of one run that share a name are told apart by their folders, for the whole run.
    _LABELS.update({p.resolve(): label for p, label in file_labels(out.paths).items()})
    return out


def _skip(path: Path, suffixes, named: bool, outputs: set[Path]) -> str:
    """Why a file is not read ("" to read it; "quiet" for files nobody means to give)."""
    name = path.name
    if name.startswith("~$"):
        return "Excel 的临时锁定文件（有人正打开原文件），已跳过"
    if name.startswith(".") and not named:
        return "quiet"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"无法读取文件：{exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return "不是普通文件（管道、设备等），已跳过"
    if path.suffix.lower() not in suffixes:
        return "" if named else "quiet"
    if path.resolve() in outputs:
        return "这是 asrv 上次写出的结果文件，不作为输入读取"
    return ""


def _earlier_outputs(candidates: list[Path]) -> set[Path]:
    """Files listed in the manifests asrv leaves in its output folders."""
    folders = {d for c in candidates for d in (c.parent, *list(c.parent.parents)[:3])}
    found: set[Path] = set()
    for folder in folders:
        for manifest in folder.glob(MANIFEST_GLOB):
            try:
                names = json.loads(manifest.read_text("utf-8")).get("files", [])
            except (OSError, ValueError, AttributeError):
                continue
            found.update((folder / n).resolve() for n in names if isinstance(n, str))
    return found

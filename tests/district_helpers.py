"""A district folder as a clerk receives it: many schools' workbooks, and the usual accidents.

Every command's batch test builds its folder with these, so all test the same contract:
the same class names and overlapping 学号 in every school, one corrupt file, one Excel lock file,
one file given twice (a copy under another name)."""
from __future__ import annotations

import shutil
from pathlib import Path

SCHOOLS = [f"第{n}小学" for n in range(1, 31)]


def corrupt(path: Path) -> Path:
    """A file that calls itself .xlsx but is not a workbook (a half-downloaded attachment)."""
    path.write_bytes(b"PK\x03\x04 not really a zip archive, cut off in the middle")
    return path


def lock_file(folder: Path, name: str = "~$第1小学.xlsx") -> Path:
    """What Excel leaves beside a workbook someone has open."""
    p = folder / name
    p.write_bytes(b"\x00" * 165)
    return p


def duplicate(path: Path, name: str) -> Path:
    """The same file sent twice, under another name."""
    return Path(shutil.copyfile(path, path.with_name(name)))


def accidents(folder: Path, original: Path) -> dict[str, Path]:
    """Add a corrupt file, a lock file and a copy of `original` to a district folder."""
    return {"corrupt": corrupt(folder / "损坏的学校.xlsx"), "lock": lock_file(folder),
            "copy": duplicate(original, f"{original.stem}（重发）{original.suffix}")}

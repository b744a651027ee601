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


def assessment_district(root: Path, schools: dict[str, str], *, register: list[str] | None = None,
                        ratings: list[list] | None = None, vetoes: list[list] | None = None,
                        satisfaction: list[list] | None = None, pool: float = 100_000, seed: int = 7,
                        staff: int = 24) -> Path:
    """A small district for `asrv district`: {school: "schedule fees survey"} (what each sends, one
    class per grade of 20), 考核.xlsx with the register (`register`, default the same schools) and
    the given sheets; built from sample_data/make_district.py's pieces."""
    import random
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sample_data"))
    import make_district as m
    from asrv.out import write_workbook
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for no, (school, sends) in enumerate(schools.items(), 1):
        folder = root / school
        folder.mkdir(exist_ok=True)
        kids = m.roster(rng, no, "小学", 1, 20)
        sizes[school] = len(kids)
        if "schedule" in sends:
            write_workbook(folder / "课后服务安排.xlsx", m.schedule_sheets(rng, school, "小学", kids))
        if "fees" in sends:
            write_workbook(folder / "收费.xlsx", m.fee_sheets(rng, school, kids, 0.9))
        if "survey" in sends:
            write_workbook(folder / "问卷数据.xlsx", m.survey_sheet(rng, kids, 0.97))
    names = register if register is not None else list(schools)
    rows = [[s, "小学", sizes.get(s, 100) + 2, staff, "城区"] for s in names]
    ratings = ratings if ratings is not None else [[s, c, 9, 9, "督导组", "", "台账"] for s in names for c in ("D1", "D6")]
    write_workbook(root / "考核.xlsx", m.district_sheets(rows, ratings, vetoes or [], satisfaction or [], pool))
    return root

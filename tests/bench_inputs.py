"""The district of `tests/bench_commands.py`, generated once (deterministic, from the sample
generators and the older bench scripts) into a cache folder and reused while its version holds.

`build(root, schools)` gives, for each command, its arguments, the input files (for the floor
and the pandas read) and a short description of the workload.
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "sample_data")]

# Bump when a generator changes: a cached district of another version is built again.
VERSION = "1"
STUDENTS = 1500


@dataclass
class Case:
    command: str
    args: list[str]
    files: list[Path]
    workload: str
    extra: list[str] = field(default_factory=list)


def build(root: Path, schools: int) -> dict[str, Case]:
    root = root / f"v{VERSION}-{schools}"
    done = root / ".done"
    if not done.exists():
        _generate(root, schools)
        done.write_text("ok")
    return cases(root, schools)


def cases(root: Path, schools: int) -> dict[str, Case]:
    district = root / "district"
    fees = sorted(district.glob("*/收费.xlsx"))
    timetables = sorted(district.glob("*/课后服务安排.xlsx"))
    catalog = str(ROOT / "sample_data" / "catalog.xlsx")
    listed = [
        Case("fitness", [str(root / "fitness")], _xlsx(root / "fitness"), f"{schools} 个文件 × {STUDENTS} 名学生"),
        Case("fees", [*map(str, fees), "--term", "2026秋", "--date", "2026-12-28"], fees,
             f"{schools} 个文件 × 约 {STUDENTS} 人报名、缴费"),
        Case("survey", [str(root / "survey")], _xlsx(root / "survey"), f"{schools} 个文件，约 {schools * STUDENTS:,} 份答卷"),
        Case("check-schedule", list(map(str, timetables)), timetables, f"{schools} 所学校的安排"),
        Case("score", [str(root / "score"), "--date", "2026-06-22", "--year", "2025-2026"], _xlsx(root / "score"),
             f"{schools} 所学校 × 30 个班"),
        Case("enroll", [str(root / "enroll" / "示例市实验小学.xlsx"), "--catalog", catalog, "--seed", "20260901",
                        "--school", "示例市实验小学"], [root / "enroll" / "示例市实验小学.xlsx"], f"1 所学校 {STUDENTS} 人"),
        Case("check-attendance", [str(root / "attendance" / "考勤.xlsx")], [root / "attendance" / "考勤.xlsx"],
             f"1 所学校 {STUDENTS} 人一个月"),
        Case("check-meals", [str(root / "meals")], _xlsx(root / "meals"), f"{schools} 所学校一个月"),
        Case("district", [str(district), "--term", "2026秋", "--date", "2027-01-11"], [*fees, *timetables,
             district / "考核.xlsx"], f"{schools} 所学校（安排、收费）"),
    ]
    return {c.command: c for c in listed}


def _xlsx(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def _generate(root: Path, schools: int) -> None:
    import bench_attendance
    import bench_fitness
    import bench_score
    import make_district
    import make_meals
    from test_attendance_support import write as write_attendance

    from asrv.out import SheetOut, write_workbook

    for sub in ("fitness", "survey", "score", "enroll", "attendance", "meals"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    make_district.bench(root / "district", schools, STUDENTS)
    rng = random.Random(20261202)
    for no in range(1, schools + 1):
        school = f"第{no}小学"
        df = bench_fitness.frame(STUDENTS, seed=7 + no)
        write_workbook(root / "fitness" / f"{school}.xlsx",
                       [SheetOut("Sheet1", list(df.columns), df.astype(object).values.tolist())])
        kids = make_district.roster(rng, no, "小学", 6, 42)
        write_workbook(root / "survey" / f"{school}.xlsx", make_district.survey_sheet(rng, kids, 0.95))
        bench_score.big_book(root / "score" / f"{school}.xlsx", 30, seed=no)
        write_workbook(root / "meals" / f"{school}.xlsx", _meals(make_meals, school))
    kids = make_district.roster(rng, 1, "小学", 6, 42)
    write_workbook(root / "enroll" / "示例市实验小学.xlsx", make_district.survey_sheet(rng, kids, 0.95))
    write_attendance(root / "attendance" / "考勤.xlsx", bench_attendance.school(STUDENTS, random.Random(20260901)))


def _meals(make_meals, school: str):
    from asrv.meals import sheets as S
    from asrv.out import SheetOut

    data = make_meals.build()
    formats = {"留样时间": "yyyy-mm-dd hh:mm", "销毁时间": "yyyy-mm-dd hh:mm"}
    out = []
    for spec in S.ALL:
        headers = [f.header for f in spec.fields]
        rows = [[school if f.name == "school" else r.get(f.name, "") for f in spec.fields] for r in data[spec.name]]
        out.append(SheetOut(spec.title, headers, rows,
                            number_formats={h: v for h, v in formats.items() if h in headers}))
    return out

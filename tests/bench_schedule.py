"""Benchmark: fifty schools' schedules (~2,000 rows) checked in one run, outputs written.

Run: python tests/bench_schedule.py [SCHOOLS]   (not part of the pytest suite)
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_schedule_support import person, session, write_book  # noqa: E402

from asrv import schedule  # noqa: E402
from asrv.profile import load_profile  # noqa: E402

DAYS = ["周一", "周二", "周三", "周四", "周五"]


def school_rows(i: int, rng: random.Random) -> tuple[list[list], list[list]]:
    """Eight classes × five days = 40 rows; about one row in twenty has a planted problem."""
    name = f"第{i + 1}小学"
    rows, staff = [], []
    for g in range(8):
        grade = g % 6 + 1
        group = f"{'一二三四五六'[grade - 1]}({g // 6 + 1})班"
        teacher = f"教师{i}-{g}"
        staff.append(person(teacher))
        for day in DAYS:
            end = "17:30"
            kw = {}
            roll = rng.random()
            if roll < 0.02:
                end = "18:10"                      # SCH-END, SCH-LEN
            elif roll < 0.04:
                kw = {"category": "学科教学"}      # SCH-TEACHING
            elif roll < 0.05:
                kw = {"staff": f"教师{i}-{(g + 1) % 8}"}  # CONFLICT-STAFF
            rows.append(session(school=name, grade=f"{grade}年级", group=group, day=day, start="16:10",
                                end=end, staff=kw.pop("staff", teacher), room=f"{g + 1}01", **kw))
    return rows, staff


def main(n: int = 50) -> None:
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        rows = 0
        for i in range(n):
            sessions, staff = school_rows(i, rng)
            rows += len(sessions)
            write_book(folder / f"school_{i:02d}.xlsx", sessions, staff)
        profile = load_profile("default")
        t0 = time.perf_counter()
        result = schedule.run([folder], profile)
        t1 = time.perf_counter()
        schedule.write(result, Path(d) / "out")
        t2 = time.perf_counter()
    s = result.summary()
    print(f"{s['schools']} 所学校、{s['rows']} 行（生成 {rows} 行）：检查 {t1 - t0:.2f} 秒，写出工作簿与报告 {t2 - t1:.2f} 秒；"
          f"错误 {s['errors']} 条，提示 {s['warnings']} 条")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)

"""Benchmark: one month of a 1,500-student school (about 30,000 attendance rows, 30,000 departures)
checked in one run, outputs written. Prints the wall time of reading + checking and of writing.

Run: python tests/bench_attendance.py [STUDENTS]   (not part of the pytest suite)
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_attendance_support import SCHOOL, sid, write  # noqa: E402

from asrv.attendance import Options, run, write as write_outputs  # noqa: E402
from asrv.profile import load_profile  # noqa: E402


def month() -> list[dt.date]:
    first = dt.date(2026, 9, 1)
    return [first + dt.timedelta(days=d) for d in range(30) if (first + dt.timedelta(days=d)).weekday() < 5]


def school(students: int, rng: random.Random) -> dict[str, list[dict]]:
    """40 students a group; about one row in fifty has a planted problem."""
    groups = [f"{'一二三四五六'[g % 6]}({g // 6 + 1})班托管" for g in range(students // 40 + 1)]
    roster, att, dep, guardians = [], [], [], []
    for i in range(students):
        g = groups[i // 40]
        roster.append({"学期": "2026秋", "学校": SCHOOL, "服务班": g, "学号": sid(i), "姓名": f"学生{i}",
                       "班级": g[:5], "参加日": "周一至周五"})
        guardians.append({"学号": sid(i), "接送人": f"家长{i}", "关系": "母亲", "有效期": None})
    for d in month():
        for i in range(students):
            roll = rng.random()
            status = "缺勤" if roll < 0.01 else "请假" if roll < 0.03 else "迟到" if roll < 0.05 else "到"
            att.append({"日期": d, "服务班": groups[i // 40], "学号": sid(i), "状态": status, "点名时间": "16:10",
                        "告知家长时间": "16:30" if roll < 0.005 else None, "记录人": "教师", "录入日期": d})
            if status in ("到", "迟到"):
                late = rng.random() < 0.01
                dep.append({"日期": d, "学号": sid(i), "离校时间": "18:10" if late else "17:35", "方式": "家长接",
                            "接送人": f"家长{i}" if rng.random() > 0.005 else "陌生人", "交接教师": "教师"})
    return {"名单": roster, "考勤": att, "离校": dep, "授权接送人": guardians}


def main(students: int = 1500) -> None:
    rng = random.Random(20260901)
    with tempfile.TemporaryDirectory() as tmp:
        book = write(Path(tmp) / "考勤.xlsx", school(students, rng))
        profile = load_profile("default")
        t0, c0 = time.perf_counter(), time.process_time()
        result = run([str(book)], profile, options=Options())
        t1, c1 = time.perf_counter(), time.process_time()
        written = write_outputs(result, Path(tmp) / "out")
        t2 = time.perf_counter()
    rows = int(result.daily["records"].sum())
    print(f"{students} 名学生、{rows} 条考勤记录：读取与核对 {t1 - t0:.2f} 秒（CPU {c1 - c0:.2f} 秒），写出 {len(written)} 个文件 "
          f"{t2 - t1:.2f} 秒；问题 {len(result.findings)} 条，出勤率 "
          f"{result.school_rates()[SCHOOL]['attendance_rate']:.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1500)

"""Benchmark: a generated district of 50 schools × 1,000 students through `asrv fees`.

Run: `python tests/bench_fees.py [SCHOOLS STUDENTS]`. Prints the time of each step and checks that
the per-student sheet adds up to the summary, to the cent, for every school and the district total.
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from asrv import fees  # noqa: E402
from asrv.profile import load_profile  # noqa: E402
from test_fees_support import district, reconcile  # noqa: E402


def main(schools: int = 50, students: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        files = district(tmp / "in", schools, students)
        t1 = time.perf_counter()
        print(f"生成 {schools} 所学校 × {students} 名学生：{t1 - t0:.1f} s")
        profile = load_profile()
        result = fees.run([str(tmp / "in")], profile, options=fees.Options(term="2026秋", date=dt.date(2026, 12, 28)))
        t2 = time.perf_counter()
        rows = len(result.students)
        assert all(f.used for f in result.files) and len(result.per_school) == schools
        print(f"读取与核对（fees.run，整个文件夹）：{t2 - t1:.1f} s，学生 {rows} 行，问题 {len(result.findings)} 条")
        paths = fees.write(result, tmp / "out")
        t3 = time.perf_counter()
        print(f"写出工作簿与 {len(paths) - 1} 份公示：{t3 - t2:.1f} s")
        sums = reconcile(paths[0])
        t4 = time.perf_counter()
        assert len(sums) == schools, len(sums)
        total = sum(d["应收合计"] for d in sums.values())
        print(f"对账（读回工作簿，逐校与全区合计到分）：{t4 - t3:.1f} s，应收合计 {total / 100:,.2f} 元，全部一致")
        print(f"合计（不含生成）：{t4 - t1:.1f} s")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

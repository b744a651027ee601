"""Benchmark: a generated district of 100 schools × about 1,500 students (schedule and fees workbooks)
through one `asrv district` command. Prints the generation time, the command's wall time and its
peak memory (RSS). `QUICK=1` runs 10 schools.

Run: `python tests/bench_district.py [SCHOOLS STUDENTS]` (also by `make bench`). Not a test.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "sample_data"))
import make_district  # noqa: E402


def main(schools: int = 100, students: int = 1500) -> None:
    if os.environ.get("QUICK"):
        schools = min(schools, 10)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        make_district.bench(tmp / "区", schools, students)
        t1 = time.perf_counter()
        print(f"生成 {schools} 所学校 × 约 {students} 名学生（安排、收费）：{t1 - t0:.1f} s")
        asrv = Path(sys.executable).with_name("asrv")
        cmd = [str(asrv), "district", str(tmp / "区"), "--term", "2026秋", "--date", "2026-12-28",
               "--out", str(tmp / "out"), "--format", "plain"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        assert done.returncode in (0, 1), done.stderr[-2000:]
        written = sorted(p.name for p in (tmp / "out").iterdir() if not p.name.startswith("."))
        feedback = sum(n.startswith("反馈单_") for n in written)
        assert feedback == schools and "考核结果.xlsx" in written, written[:5]
        print(f"asrv district（一条命令，{schools} 所学校，写出 {len(written)} 个文件）：{t2 - t1:.1f} s，"
              f"峰值内存 {peak:.0f} MB，退出码 {done.returncode}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

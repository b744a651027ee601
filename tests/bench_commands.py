"""Benchmark: every command at a district's size against the speed of merely reading its inputs.

For each command, in interleaved rounds (asrv, floor, pandas, next command …), the median wall time of
- asrv: the installed `asrv` run as a child process, outputs written;
- floor: python-calamine reading every cell of the same files, nothing else;
- pandas: `pandas.read_excel(engine="openpyxl")` of every sheet of the same files (reading only);
and the peak RSS of the asrv child. Then the doubling line: 2× the schools for fitness and fees.

Run: `python tests/bench_commands.py [--quick] [--schools N] [--rounds R] [--only fitness,fees]
[--no-double] [--no-pandas]` (`make bench`, `make bench QUICK=1` = 10 schools). The district is
generated once into $ASRV_BENCH_CACHE (default: the temp folder)/asrv-bench. Not a test: it prints
figures and asserts only that every run could run (exit 0 or 1).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_inputs  # noqa: E402

FLOOR = """
import sys
from python_calamine import CalamineWorkbook
for path in sys.argv[1:]:
    book = CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
"""
PANDAS = """
import sys
import pandas as pd
for path in sys.argv[1:]:
    pd.read_excel(path, sheet_name=None, engine="openpyxl")
"""


def child(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one child process (its own rusage, not the sum).
    Its output goes to files: a pipe read only at the end would block a child that says much."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd[:3])} … exit {proc.returncode}:\n{err.read().decode(errors='replace')[-3000:]}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def asrv_cmd(case: bench_inputs.Case, out: Path, jobs: str | None) -> list[str]:
    asrv = str(Path(sys.executable).with_name("asrv"))
    return [asrv, case.command, *case.args, "--out", str(out), "--format", "plain", *(["--jobs", jobs] if jobs else [])]


def measure(cases: list[bench_inputs.Case], rounds: int, pandas: bool, jobs: str | None, out: Path) -> list[dict]:
    """Per case (in order): median asrv, floor and pandas seconds, the largest asrv peak RSS.
    Each run writes a new folder under `out`, which main() removes only at the very end: see there."""
    py = sys.executable
    times = [{"asrv": [], "floor": [], "pandas": [], "rss": []} for _ in cases]
    for r in range(rounds):
        for i, c in enumerate(cases):
            t = times[i]
            wall, rss, _ = child(asrv_cmd(c, Path(tempfile.mkdtemp(dir=out)) / "out", jobs))
            t["asrv"].append(wall)
            t["rss"].append(rss)
            t["floor"].append(child([py, "-c", FLOOR, *map(str, c.files)])[0])
            if pandas:
                t["pandas"].append(child([py, "-c", PANDAS, *map(str, c.files)])[0])
            print(f"  第 {r + 1} 轮 {c.command}: asrv {wall:.2f} s", file=sys.stderr, flush=True)
    return [{m: (statistics.median(v) if m != "rss" else max(v)) if v else None for m, v in t.items()}
            for t in times]


def table(cases: list[bench_inputs.Case], figures: list[dict]) -> None:
    print(f"| {'command':<16} | {'workload':<28} | asrv s | floor s | ratio | pandas s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for c, f in zip(cases, figures):
        pandas = f"{f['pandas']:.2f}" if f["pandas"] is not None else "-"
        print(f"| {c.command:<16} | {c.workload:<28} | {f['asrv']:.2f} | {f['floor']:.2f} | "
              f"{f['asrv'] / f['floor']:.1f}× | {pandas} | {f['rss']:.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", default=bool(os.environ.get("QUICK")))
    ap.add_argument("--schools", type=int)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", help="commands, comma-separated")
    ap.add_argument("--jobs", help="passed to the commands that read files in parallel")
    ap.add_argument("--no-double", action="store_true")
    ap.add_argument("--no-pandas", action="store_true")
    a = ap.parse_args()
    schools = a.schools or (10 if a.quick else 100)
    cache = Path(os.environ.get("ASRV_BENCH_CACHE", tempfile.gettempdir())) / "asrv-bench"
    t0 = time.perf_counter()
    by_name = bench_inputs.build(cache, schools)
    print(f"区：{schools} 所学校，{cache}（生成或复用 {time.perf_counter() - t0:.1f} s），{a.rounds} 轮取中位数")
    cases = [by_name[n] for n in (a.only.split(",") if a.only else by_name)]
    compiled()
    # Outputs are removed only once every run is done: an ext4 without a journal (as on some
    # virtual machines) skips every inode freed in the last 5 minutes when it creates a file, so
    # a run right after the removal of thousands of files spends up to 1 ms per file it creates.
    with tempfile.TemporaryDirectory(prefix="asrv-bench-out-") as out:
        print(f"此处新建一个文件：{creation_ms(Path(out)):.2f} ms CPU（0.1 以上说明刚删过大量文件，数字偏大）")
        table(cases, measure(cases, a.rounds, not a.no_pandas, a.jobs, Path(out)))
        if not a.no_double:
            doubling(cache, schools, by_name, a, Path(out))


def compiled() -> None:
    """asrv's modules compiled to bytecode, as `pip install` leaves them: where PYTHONDONTWRITEBYTECODE
    is set (this sandbox) an editable install would compile about 150 modules in every run, 0.2-0.3 s
    that no installed asrv spends."""
    import importlib.util
    package = importlib.util.find_spec("asrv").submodule_search_locations[0]
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True, stdout=subprocess.DEVNULL)
    print(f"asrv 已编译为字节码（{package}），与 pip 安装后相同")


def creation_ms(out: Path, n: int = 2000) -> float:
    """CPU per file created (and kept, for the reason in main) in a new folder of `out`."""
    folder = Path(tempfile.mkdtemp(dir=out))
    c = time.process_time()
    for k in range(n):
        (folder / f"{k}.html").write_bytes(b"x" * 20000)
    return (time.process_time() - c) / n * 1e3


def doubling(cache: Path, schools: int, by_name: dict, a, out: Path) -> None:
    doubled = bench_inputs.build(cache, 2 * schools)
    for name in ("fitness", "fees"):
        if a.only and name not in a.only.split(","):
            continue
        one, two = measure([by_name[name], doubled[name]], a.rounds, False, a.jobs, out)
        print(f"加倍 {name}：{schools} 所 {one['asrv']:.2f} s → {2 * schools} 所 {two['asrv']:.2f} s，"
              f"{two['asrv'] / one['asrv']:.2f} 倍（峰值内存 {one['rss']:.0f} → {two['rss']:.0f} MB）")


if __name__ == "__main__":
    main()

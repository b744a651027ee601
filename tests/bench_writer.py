"""Benchmark: one 150,000-row × 20-column sheet (marks, formats, dates, formula-like text) written by
the XlsxWriter writer, by the openpyxl writer it replaced (read from git history, when there), and
by plain openpyxl write-only (no formatting: a floor for openpyxl). Each in its own process, so the
peak RSS is its own; the rows are made in that process too, and their RSS is shown apart. CPU
seconds beside wall time, since the machine may be shared.

    make bench                      # every tests/bench_*.py
    .venv/bin/python tests/bench_writer.py [--rows N]     (QUICK=1: 15,000 rows)
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
COLUMNS = ["学号", "姓名", "班级", "性别", "出生日期", "备注"] + [f"项目{i}" for i in range(1, 13)] + ["总分", "合格"]


def make_rows(n: int) -> list[list]:
    rnd = random.Random(20260901)
    names = "张王李赵刘陈杨黄周吴"
    rows = []
    for i in range(n):
        scores = [round(rnd.uniform(40, 100), 1) for _ in range(12)]
        rows.append([f"2026{i:08d}", names[i % 10] + "小" + names[(i // 10) % 10], f"{i % 6 + 1}({i % 8 + 1})班",
                     "男" if i % 2 else "女", dt.date(2015, 1, 1) + dt.timedelta(days=i % 2000),
                     "=需复核" if i % 97 == 0 else ("" if i % 3 else "免测一项"), *scores,
                     None if i % 211 == 0 else sum(scores) / 12, i % 17 != 0])
    return rows


def old_writer():
    """The openpyxl write_workbook as it was before XlsxWriter, from git history; None without it."""
    try:
        revs = subprocess.run(["git", "log", "--format=%H", "--", "asrv/out/xlsx.py"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.split()
        for rev in revs:
            src = subprocess.run(["git", "show", f"{rev}:asrv/out/xlsx.py"], cwd=ROOT, capture_output=True,
                                 text=True).stdout
            if "from openpyxl import Workbook" in src:
                module = types.ModuleType("asrv_openpyxl_writer")
                sys.modules[module.__name__] = module
                exec(compile(src, f"{rev[:7]}:asrv/out/xlsx.py", "exec"), module.__dict__)
                return module.write_workbook, rev[:7]
    except (OSError, subprocess.CalledProcessError):
        pass
    return None


def openpyxl_write_only(path, sheets):
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    for s in sheets:
        ws = wb.create_sheet(s.title)
        ws.append(s.columns)
        for r in s.rows:
            ws.append(r)
    wb.save(path)


def one(variant: str, rows: int, path: Path) -> dict:
    """Runs in the child: make the rows, write them, report."""
    from asrv.out import SCORE, SCORE1, SheetOut, write_workbook
    data = make_rows(rows)
    made = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sheet = SheetOut("学生成绩", COLUMNS, data, number_formats={**{f"项目{i}": SCORE1 for i in range(1, 13)},
                                                               "总分": SCORE},
                     marks={i: "veto" for i in range(0, rows, 23)}, notes=["基准：每行 20 列"],
                     validations={"性别": ["男", "女"]})
    writer, label = {"new": (write_workbook, "XlsxWriter"), "openpyxl-write-only": (openpyxl_write_only, "")}.get(
        variant) or old_writer() or (None, "")
    if writer is None:
        return {"variant": variant, "skipped": "no openpyxl writer in git history"}
    cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])  # noqa: E731  user + system
    start, start_cpu = time.perf_counter(), cpu()
    writer(path, [sheet])
    wall, used = time.perf_counter() - start, cpu() - start_cpu
    return {"variant": variant, "label": label, "wall": wall, "cpu": used, "rss_rows": made,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "size": path.stat().st_size,
            "sha": hashlib.sha256(path.read_bytes()).hexdigest()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=15_000 if os.environ.get("QUICK") else 150_000)
    ap.add_argument("--child", nargs=2, metavar=("VARIANT", "PATH"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one(args.child[0], args.rows, Path(args.child[1]))))
        return
    print(f"写一个 {args.rows:,} 行 × {len(COLUMNS)} 列的工作表（每个写法单独一个进程）")
    print(f"{'写法':<24}{'耗时 s':>9}{'CPU s':>8}{'峰值 RSS MB':>13}{'其中数据 MB':>13}{'文件 MB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for variant in ("new", "new", "old", "openpyxl-write-only"):
            out = Path(tmp) / f"{variant}-{len(results)}.xlsx"
            child = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--child", variant, str(out)],
                                   check=True, capture_output=True, text=True)
            r = json.loads(child.stdout.splitlines()[-1])
            results.append(r)
            if "skipped" in r:
                print(f"{variant:<24}（跳过：{r['skipped']}）")
                continue
            name = f"{variant} {r['label']}".strip()
            print(f"{name:<24}{r['wall']:>9.1f}{r['cpu']:>8.1f}{r['rss']:>13.0f}{r['rss_rows']:>13.0f}"
                  f"{r['size'] / 2**20:>9.1f}")
        new = [r for r in results if r["variant"] == "new"]
        print("两次写出字节相同（byte-identical re-run）:", new[0]["sha"] == new[1]["sha"])
        if new[0]["sha"] != new[1]["sha"]:
            sys.exit(1)


if __name__ == "__main__":
    main()

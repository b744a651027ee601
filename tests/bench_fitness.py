"""Benchmark: a district's 150,000 students scored in one vectorised pass.

Run: `python tests/bench_fitness.py [N] [SCHOOLS]`. Generates CSVs in the national upload template
(grades 一年级 … 高三, both sexes, times written as 3'40" and as seconds, a few placeholders), one
per school with the same class names and overlapping 学籍号, then times the whole run
(`fitness.run` over the folder), loading alone, scoring alone, and writing the outputs.
Not part of the pytest suite.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from asrv import fitness
from asrv.fitness.load import load
from asrv.fitness.scoring import score_students
from asrv.profile import load_profile

CODES = [11, 12, 13, 14, 15, 16, 21, 22, 23, 31, 32, 33]


def make(n: int, path: Path, seed: int = 7) -> None:
    frame(n, seed).to_csv(path, index=False, encoding="utf-8")


def frame(n: int, seed: int = 7) -> pd.DataFrame:
    """One school's n students; 学籍号 G000… in every school, as school-internal numbers overlap."""
    rng = np.random.default_rng(seed)
    code = rng.choice(CODES, n)
    g = np.searchsorted(CODES, code) + 1           # 1..12
    sex = rng.integers(1, 3, n)
    height = np.round(110 + 5 * g + rng.normal(0, 6, n), 1)
    weight = np.round((15 + 3 * rng.random(n) + g * 0.4) * (height / 100) ** 2, 1)
    secondary = g >= 7
    run = np.round(rng.normal(230, 25, n)).astype(int)
    run_text = np.where(rng.random(n) < 0.5, [f"{s // 60}'{s % 60:02d}\"" for s in run], run.astype(str))
    df = pd.DataFrame({
        "年级编号": code, "班级编号": rng.integers(1, 9, n),
        "班级名称": [f"{c}班" for c in rng.integers(1, 9, n)], "学籍号": [f"G{i:018d}" for i in range(n)],
        "民族代码": "01", "姓名": [f"学生{i}" for i in range(n)], "性别": sex, "出生日期": "2012-01-01",
        "家庭住址": "", "身高": height, "体重": weight,
        "肺活量": np.round(700 + 250 * g + rng.normal(0, 300, n)).astype(int).astype(object),
        "50米跑": np.round(13.5 - 0.4 * g + rng.normal(0, 0.8, n), 1),
        "立定跳远": np.where(secondary, np.round(170 + rng.normal(0, 20, n)).astype(int).astype(str), "\\"),
        "坐位体前屈": np.round(rng.normal(8, 6, n), 1),
        "50米×8往返跑": np.where((g == 5) | (g == 6), np.round(rng.normal(115, 10, n)).astype(int).astype(str), ""),
        "一分钟跳绳": np.where(g <= 6, rng.integers(20, 190, n).astype(str), ""),
        "800米跑(女)": np.where(secondary & (sex == 2), run_text, ""),
        "1000米跑(男)": np.where(secondary & (sex == 1), run_text, ""),
        "一分钟仰卧起坐": np.where(((g >= 3) & (g <= 6)) | (secondary & (sex == 2)),
                              rng.integers(5, 60, n).astype(str), ""),
        "引体向上(男)": np.where(secondary & (sex == 1), rng.integers(0, 20, n).astype(str), ""),
    })
    df.loc[rng.random(n) < 0.002, "肺活量"] = "免测"
    return df


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 150_000
    schools = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    profile = load_profile("default")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "体测"
        folder.mkdir()
        t0 = time.perf_counter()
        for k in range(schools):
            make(n // schools, folder / f"第{k + 1}小学.csv", seed=7 + k)
        t1 = time.perf_counter()
        result = fitness.run([folder], profile)
        t2 = time.perf_counter()
        loaded = [load(p, profile) for p in sorted(folder.iterdir())]
        t3 = time.perf_counter()
        raw = pd.concat([x.students for x in loaded], ignore_index=True)
        score_students(raw.assign(exempt=raw["exempt"].astype(bool), invalid=raw["invalid"].astype(bool)), profile)
        t4 = time.perf_counter()
        written = fitness.write(result, Path(tmp) / "out")
        t5 = time.perf_counter()
    counts = result.students["rating"].value_counts().to_dict()
    print(f"{len(result.students)} students in {schools} schools: generate {t1 - t0:.1f} s; run {t2 - t1:.1f} s; "
          f"load only {t3 - t2:.1f} s; score only {t4 - t3:.2f} s; write {len(written)} files {t5 - t4:.1f} s")
    print(f"{len(result.classes)} classes; ratings {counts}; findings {len(result.findings)}")


if __name__ == "__main__":
    main()

"""Benchmark: `asrv score` on the sample and on a generated 1,000-class workbook.

Run with `make bench` (or `python tests/bench_score.py`). Prints seconds; asserts nothing about speed.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from asrv import score  # noqa: E402
from asrv.profile import load_profile  # noqa: E402
from district_helpers import SCHOOLS  # noqa: E402
from score_helpers import write_book  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def big_book(path: Path, n: int, seed: int = 7) -> Path:
    rnd = random.Random(seed)
    grades = "一二三四五六"
    names = [f"{grades[i % 6]}({i // 6 + 1})班" for i in range(n)]
    ratings, checks, awards, fitness = [], [], [], []
    for name in names:
        for rater in ("班主任", "大队部", "教导处"):
            ratings.append([name, "班级建设", rater, rnd.randint(12, 20)])
        for subject in ("语文", "数学", "英语", "音乐", "体育", "美术", "科学", "思品"):
            ratings.append([name, "学风", subject, rnd.randint(15, 25)])
        for item, top in (("教育教学", 15), ("班级网页", 10), ("班级特色", 10)):
            ratings.append([name, item, "教导处", rnd.randint(top // 2, top)])
        checks.append([name, rnd.randint(5, 12), rnd.randint(10, 22)])
        for k in range(3):
            awards.append([name, rnd.choice(["团体", "个人"]), f"学生{k}", rnd.choice(["合唱", "书法", "田径"]),
                           rnd.choice(["校级", "区级", "市级"]), rnd.choice(["一等奖", "二等奖", "三等奖"]), None, None,
                           "2026-03-01", "是"])
        for s in range(40):
            fitness.append([name, f"学生{s}", rnd.choice(["优秀", "良好", "及格", "及格", "及格"] * 20 + ["不及格"])])
    return write_book(path, {"班级": [[n, n[0] + "年级", "老师", 40] for n in names], "评分": ratings,
                             "达标次数": checks, "获奖": awards, "体测": fitness})


def timed(label: str, books: list[Path], **kw) -> None:
    import datetime as dt
    profile = load_profile()
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        result = score.run(books, profile, options=score.Options(date=dt.date(2026, 6, 19), **kw))
        t1 = time.perf_counter()
        score.write(result, out)
        t2 = time.perf_counter()
    n = sum(len(s.classes) for s in result.per_school)
    print(f"{label}: {len(result.per_school)} schools, {n} classes, score {t1 - t0:.2f} s, outputs {t2 - t1:.2f} s")


if __name__ == "__main__":
    sample = ROOT / "sample_data" / "classes.xlsx"
    if sample.exists():
        timed("sample_data/classes.xlsx", [sample], year="2025-2026")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        book = big_book(Path(tmp) / "big.xlsx", 1000)
        print(f"generated 1,000 classes (40,000 fitness rows) in {time.perf_counter() - t0:.1f} s")
        timed("1,000 classes", [book], year="2025-2026")
        district = Path(tmp) / "district"
        district.mkdir()
        # A district of 150 schools of 24 classes each, every file one school (named by its file).
        for i in range(150):
            big_book(district / f"{SCHOOLS[i % 30]}{i // 30 + 1}分校.xlsx", 24, seed=i)
        timed("150 schools", [district], year="2025-2026")

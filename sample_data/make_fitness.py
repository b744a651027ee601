"""Write sample_data/fitness.xlsx: the sample school's fitness test in the national upload template.

Deterministic (fixed seed, no clock). A title row names the school (示例市实验小学, as in
classes.xlsx), so a district run over many such files keeps each school apart. 24 classes 一(1)班 … 六(4)班 (班级名称 as in classes.xlsx),
10 students each, in the 21 columns of the 2014 upload template (年级编号 11–16, 性别 1/2).
Measurements are taken from the official tables at a chosen score level per student, so the
scores are realistic. All names and numbers are synthetic. Run:
`python sample_data/make_fitness.py [OUT.xlsx]`.

Planted for `asrv fitness sample_data/fitness.xlsx`:
- 二(2)班 one student and 六(3)班 two students are far below standard: 不及格, the class is vetoed
  (the same classes as the 体测 sheet of classes.xlsx).
- 四(1)班 one student is exempt (免测 in every item): counted apart.
- 五年级 50米×8往返跑 written as 1'45"; 六年级 as seconds (105).
- A few 跳绳 results beyond the 100-point value earn bonus points (表2-1/2-2).
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from asrv.fitness.tables import read_csv

SEED = 20260915
SCHOOL = "示例市实验小学"
TITLE = f"{SCHOOL} 2025—2026学年 学生体质健康测试成绩"
GRADES = "一二三四五六"
HEADER = ["年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址",
          "身高", "体重", "肺活量", "50米跑", "立定跳远", "坐位体前屈", "50米×8往返跑", "一分钟跳绳",
          "800米跑(女)", "1000米跑(男)", "一分钟仰卧起坐", "引体向上(男)"]
COLUMN = {"vital_capacity": "肺活量", "run_50m": "50米跑", "sit_and_reach": "坐位体前屈",
          "rope_skipping_1min": "一分钟跳绳", "sit_ups_1min": "一分钟仰卧起坐",
          "shuttle_run_50m_x8": "50米×8往返跑"}
FAILING = {"二(2)班": 1, "六(3)班": 2}
EXEMPT = "四(1)班"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵浩宇欣怡梓轩雨桐思远一诺佳琪俊杰语嫣博文诗涵泽宇可馨明轩若曦"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _threshold(items, item: str, grade: int, sex: str, score: int) -> float:
    rows = items[(items["item"] == item) & (items["grade"] == str(grade)) & (items["sex"] == sex)]
    levels = rows.set_index("score")["threshold"]
    below = [s for s in levels.index if s <= score]
    return float(levels[max(below)] if below else levels.min())


def _bmi_normal(bmi, grade: int, sex: str) -> tuple[float, float]:
    r = bmi[(bmi["grade"] == str(grade)) & (bmi["sex"] == sex) & (bmi["category"] == "normal")].iloc[0]
    return float(r["bmi_min"]), float(r["bmi_max"])


def rows(seed: int = SEED) -> list[list]:
    rng = random.Random(seed)
    items, bmi = read_csv("item_scores.csv"), read_csv("bmi.csv")
    weights = read_csv("weights.csv")
    out = []
    seq = 0
    for g, zh in enumerate(GRADES, start=1):
        for c in range(1, 5):
            klass = f"{zh}({c})班"
            for k in range(10):
                seq += 1
                sex = "male" if k % 2 == 0 else "female"
                failing = k < FAILING.get(klass, 0)
                level = rng.choice((30, 40, 50)) if failing else rng.choice((100, 95, 90, 85, 80, 78, 76, 72, 70))
                born = dt.date(2026 - 6 - g, 1 + rng.randrange(12), 1 + rng.randrange(28))
                row = {"年级编号": 10 + g, "班级编号": c, "班级名称": klass,
                       "学籍号": f"G340104{born:%Y%m%d}{seq:04d}", "民族代码": "01",
                       "姓名": _name(rng), "性别": 1 if sex == "male" else 2, "出生日期": born, "家庭住址": None}
                height = round(112 + 6 * g + rng.uniform(-5, 5), 1)
                lo, hi = _bmi_normal(bmi, g, sex)
                target = hi + 4 if failing else rng.uniform(lo + 0.3, hi - 0.3)
                row["身高"], row["体重"] = height, round(target * (height / 100) ** 2, 1)
                applicable = set(weights[(weights["grade"] == str(g)) & (weights["sex"] == sex)]["item"])
                for item, col in COLUMN.items():
                    if item not in applicable:
                        continue
                    score = max(10, min(100, level + rng.choice((-6, -2, 0, 2, 4)))) if not failing else level
                    v = _threshold(items, item, g, sex, score)
                    if item == "shuttle_run_50m_x8":
                        v = int(v)
                        v = f"{v // 60}'{v % 60:02d}\"" if g == 5 else v
                    elif item == "rope_skipping_1min":
                        v = int(v) + (rng.choice((3, 8, 15)) if score == 100 else 0)  # beyond 100: bonus
                    elif item in ("vital_capacity", "sit_ups_1min"):
                        v = int(v)
                    row[col] = v
                if klass == EXEMPT and k == 9:
                    for col in ("身高", "体重", *COLUMN.values()):
                        row[col] = "免测" if col in row else None
                out.append([row.get(h) for h in HEADER])
    return out


def write(path: Path) -> None:
    # Through asrv's writer: fixed document and zip times, so the file is byte-stable.
    from asrv.out import SheetOut, write_workbook
    write_workbook(path, [SheetOut("Sheet1", HEADER, rows(), number_formats={"出生日期": "yyyy-mm-dd"},
                                   notes=[TITLE], merge_notes=True)])


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fitness.xlsx")
    write(target)
    print(f"wrote {target}")

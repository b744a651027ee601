"""Write sample_data/survey.xlsx and sample_data/catalog.xlsx for `asrv survey` and `asrv enroll`.

A made-up primary school of 24 classes (一(1)班 … 六(4)班), about 600 students. The survey is laid
out as an online survey tool exports it: leading metadata columns (序号, 提交答卷时间, 所用时间,
来源, 来源详情, 来自IP), numbered questions (`3、年级`), 是/否 coded 1/2, multi-choice answers in one
cell joined by ┋, grade and class in separate columns, `(跳过)` for skipped questions, and a few
students who answered twice (the later answer changes their mind). Deterministic (fixed seed, no
clock); all names synthetic. Run: `python sample_data/make_survey.py [OUT_DIR]`.

The catalogue writes 适用年级 in every accepted way (1-3, 三年级, 1,2,3, G1-G3, 一至三年级, blank)
and has activities in heavy demand (机器人, 编程), one niche activity below its minimum (陶艺,
cancelled by enroll), and one offered to 三年级 only.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from asrv.out import SheetOut, write_workbook
from asrv.survey import sheets as S
from asrv.survey.parse import parse_grades

SEED = 20260825
GRADES = ["一", "二", "三", "四", "五", "六"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子梓浩宇轩然欣怡雨涵思诗佳琪一诺晨博文俊杰睿泽明远嘉欣可馨语彤心悦若曦皓天昊天宸逸瑶萱婷雅静安乐"
# name, category, grades, capacity, minimum, day, popularity
CATALOG = [
    ("机器人", "科普", "3-6", 30, 10, "周三", 9), ("编程", "科普", "G5-G6", 20, 8, "周四", 7),
    ("书法", "艺术", "1-6", 40, 10, "周二", 5), ("篮球", "体育", "G3-G6", 30, 10, "周一", 6),
    ("足球", "体育", "1,2,3", 30, 10, "周五", 6), ("合唱", "艺术", "", 50, 15, "周三", 3),
    ("绘画", "艺术", "一至三年级", 35, 10, "周四", 6), ("围棋", "益智", "三年级", 20, 6, "周二", 2),
    ("科学实验", "科普", "4-6", 30, 10, "周五", 5), ("舞蹈", "艺术", "1-4", 30, 10, "周一", 4),
    ("阅读", "阅读", "全校", 60, 10, "周二", 3), ("手工", "实践", "1-2", 30, 8, "周三", 4),
    ("乒乓球", "体育", "3-6", 24, 8, "周四", 5), ("陶艺", "实践", "4-6", 20, 15, "周五", 0.4),
]
COMMENTS = ["希望作业能在学校完成", "接孩子时间能否延长到18:00", "希望多一些体育活动", "建议增加编程课",
            "孩子喜欢画画", "希望老师多关注孩子的阅读", "费用请提前公示", "希望周五也有服务"]
PICKUP = ["17:00", "17:30", "17:30", "18:00", "下午5点半", "17:45"]
GROUP_RATES = [("残疾儿童", 0.01), ("留守儿童", 0.06), ("进城务工人员随迁子女", 0.10), ("家庭经济困难", 0.04)]
HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、学生姓名", "2、学生学号",
          "3、年级", "4、班级", "5、是否参加课后服务", "6、每周参加哪几天（多选）", "7、希望的接孩子时间",
          "8、意向活动（按意愿排序，最多选3项）", "9、是否属于以下群体（多选）", "10、您对课后服务的意见建议"]


def answers(rng: random.Random, grade: int) -> list:
    wants = rng.random() < 0.86
    if not wants:
        return [2, "(跳过)", "(跳过)", "(跳过)", "以上都不是", rng.choice(["(跳过)", "无"])]
    days = [d for d in ("周一", "周二", "周三", "周四", "周五") if rng.random() < 0.85] or ["周一"]
    pool = [c for c in CATALOG if (parse_grades(c[2]) is None or grade in parse_grades(c[2]))
            or rng.random() < 0.05]
    picks: list[str] = []
    for _ in range(rng.choice((1, 2, 3, 3, 3))):
        left = [c for c in pool if c[0] not in picks]
        picks.append(rng.choices(left, weights=[c[6] for c in left])[0][0])
    groups = [g for g, rate in GROUP_RATES if rng.random() < rate] or ["以上都不是"]
    comment = rng.choice(COMMENTS) if rng.random() < 0.15 else "(跳过)"
    return [1, "┋".join(days), rng.choice(PICKUP), "┋".join(picks), "┋".join(groups), comment]


def survey_rows(rng: random.Random) -> list[list]:
    students = []
    used: set[str] = set()
    for g, word in enumerate(GRADES, start=1):
        for c in range(1, 5):
            for k in range(rng.randint(23, 27)):
                while True:
                    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
                    if name not in used:
                        used.add(name)
                        break
                students.append((name, f"2026{g:02d}{c:02d}{k + 1:02d}", f"{word}年级", f"{c}班", g))
    rng.shuffle(students)
    twice = rng.sample(range(len(students)), 8)
    order = list(range(len(students))) + twice  # the second answers come at the end
    rows, when = [], dt.datetime(2026, 8, 25, 8, 0)
    for serial, i in enumerate(order, start=1):
        name, sid, grade, klass, g = students[i]
        when += dt.timedelta(minutes=rng.randint(1, 25))
        rows.append([serial, when.strftime("%Y/%m/%d %H:%M:%S"), f"{rng.randint(40, 400)}秒",
                     rng.choice(["微信", "手机提交", "链接"]), "N/A", f"117.{rng.randint(1, 254)}.{rng.randint(1, 254)}."
                     f"{rng.randint(1, 254)}(河南-鹤壁)", name, sid, grade, klass, *answers(rng, g)])
    return rows


def main(out_dir: Path) -> None:
    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_workbook(out_dir / "survey.xlsx", [SheetOut("Sheet1", HEADER, survey_rows(rng))])
    headers = [f.header for f in S.CATALOG.fields if f.name != "school"]  # one school: no 学校 column
    rows = [[n, cat, grades, cap, low, day, "16:30-17:30", "校内", "0"] for n, cat, grades, cap, low, day, _ in CATALOG]
    write_workbook(out_dir / "catalog.xlsx", [SheetOut(S.CATALOG.title, headers, rows)])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)

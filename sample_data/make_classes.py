"""Write sample_data/classes.xlsx: a made-up primary school of 24 classes for `asrv score`.

Deterministic (fixed seed, no clock), so the committed workbook is byte-stable across runs.
Sheet titles and headers come from asrv.score.sheets, so the sample and the reader never drift.
All names are synthetic. Run: `python sample_data/make_classes.py [OUT.xlsx]`.

What the data is meant to show (the scoring decides the numbers, not this script):
- 五(1)班 and 三(4)班 have identical inputs in every sheet, so they tie on the total. Tuned by hand
  (with the scoring of asrv score) so that they share the 5th place: `--quota 5` meets a tie.
- 二(2)班 (one student) and 六(3)班 (two students) have 不及格 in 体测: vetoed.
- 四(3)班 had a 重大事件 (班级建设 becomes 0); 一(2)班, 五(2)班, 六(1)班 lesser incidents.
- 达标次数 above the caps (10 and 20); 教学质量 rates written as 85%, 0.85 and 85.
- 获奖: every level, places 5–8 and beyond 8, one event at two levels, a school team of 4,
  a non-education organizer, a record of the previous academic year, last year's 优秀班集体.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from asrv.out import SheetOut, write_workbook
from asrv.score import sheets as S

SEED = 20260622
SCHOOL = "示例市实验小学"
GRADES = ["一", "二", "三", "四", "五", "六"]
SUBJECTS = ["语文", "数学", "英语", "音乐", "体育", "美术", "科学", "思品"]
TIE = ("五(1)班", "三(4)班")          # the second copies every input of the first
VETO = {"二(2)班": 1, "六(3)班": 2}     # class -> students rated 不及格

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子梓浩宇轩然欣怡雨涵思诗佳琪一诺晨博文俊杰睿泽明远嘉欣可馨语彤心悦若曦皓天昊天宸逸瑶萱婷雅静安安乐乐"


def person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in used:
            used.add(name)
            return name


def half(x: float, top: float) -> float:
    """A rater's score: to the half point, inside 0..top."""
    return min(top, max(0.0, round(x * 2) / 2))


def build(rng: random.Random) -> dict[str, list[dict]]:
    names: set[str] = set()
    classes = [f"{g}({k})班" for g in GRADES for k in range(1, 5)]
    quality = {c: rng.uniform(0.72, 0.95) for c in classes}
    sizes = {c: rng.randint(40, 48) for c in classes}
    sizes[TIE[1]] = sizes[TIE[0]]
    rosters = {c: [person(rng, names) for _ in range(sizes[c])] for c in classes}
    pe_rated = set(rng.sample(classes, 12))
    pe_rated.add(TIE[0])
    out: dict[str, list[dict]] = {k: [] for k in
                                  ("classes", "ratings", "checks", "teaching", "awards", "incidents", "fitness")}
    for c in classes:
        g = c[0]
        out["classes"].append({"class": c, "grade": f"{g}年级", "head_teacher": person(rng, names),
                               "size": sizes[c]})
        q = quality[c]
        for rater in ("班主任", "大队部", "教导处"):
            out["ratings"].append(_rate(c, "班级建设", rater, half(20 * q + rng.gauss(0, 0.8), 20)))
        for subject in SUBJECTS:
            out["ratings"].append(_rate(c, "学风", subject, half(25 * q + rng.gauss(0, 1.0), 25)))
        out["ratings"].append(_rate(c, "教育教学", rng.choice(("教导处", "校长室")),
                                    half(15 * q + rng.gauss(0, 0.6), 15)))
        if c in pe_rated:
            out["ratings"].append(_rate(c, "体育达标", "体育", half(10 * q + rng.gauss(0, 0.4), 10)))
        for item in ("班级网页", "班级特色"):
            out["ratings"].append(_rate(c, item, rng.choice(("教导处", "校长室")),
                                        half(10 * q + rng.gauss(0, 0.7), 10)))
        # Some classes pass more often than the cap: the score stops at 10 and 20.
        out["checks"].append({"class": c, "hygiene_passes": rng.randint(6, 12),
                              "five_star_passes": rng.randint(13, 23)})
        for subject in ("语文", "数学", "英语"):
            out["teaching"].append({"class": c, "subject": subject,
                                    "excellent_rate": _rate_text(rng, rng.randint(55, 92)),
                                    "pass_rate": _rate_text(rng, rng.randint(94, 100))})
        failing = VETO.get(c, 0)
        for i, student in enumerate(rosters[c]):
            rating = "不及格" if i >= len(rosters[c]) - failing else rng.choices(
                ("优秀", "良好", "及格"), weights=(2 + 3 * q, 4, 3 - 2 * q))[0]
            out["fitness"].append({"class": c, "name": student, "rating": rating})
    out["awards"] = awards(rng, classes, rosters)
    out["incidents"] = [
        {"class": "四(3)班", "date": dt.date(2026, 4, 14), "kind": "重大事件", "deduction": None,
         "note": "课间在楼梯追逐，一名学生骨折，已上报区教育局"},
        {"class": "一(2)班", "date": dt.date(2025, 11, 6), "kind": "事故", "deduction": "5%",
         "note": "体育课前未整队，学生擦伤"},
        {"class": "五(2)班", "date": dt.date(2026, 3, 20), "kind": "进网吧", "deduction": None,
         "note": "两名学生放学后进入网吧"},
        {"class": "六(1)班", "date": "2026/5/8", "kind": "事故", "deduction": None,
         "note": "教室窗户玻璃损坏"},
    ]
    _copy_class(out, TIE[0], TIE[1], rosters)
    return out


def _rate(c: str, item: str, rater: str, score: float) -> dict:
    return {"class": c, "item": item, "rater": rater, "score": score}


def _rate_text(rng: random.Random, pct: int):
    """The three ways schools write one rate: 85%, 0.85, 85."""
    return rng.choice((f"{pct}%", round(pct / 100, 2), pct))


def awards(rng: random.Random, classes: list[str], rosters: dict[str, list[str]]) -> list[dict]:
    def team(c, event, level, prize=None, place=None, date=None, edu="是"):
        return {"class": c, "kind": "团体", "student": None, "event": event, "level": level, "prize": prize,
                "place": place, "count": None, "date": date, "by_education_dept": edu}

    def solo(c, event, level, prize=None, place=None, date=None, edu="是", student=None, count=None):
        if student is None and count is None:
            student = rng.choice(rosters[c])
        return {"class": c, "kind": "个人", "student": student, "event": event, "level": level, "prize": prize,
                "place": place, "count": count, "date": date, "by_education_dept": edu}

    d = dt.date
    rows = []
    # 段级 team contests ranked by place, first to fourth, in every grade.
    # The tied classes won their grades (their record is written below, once for both).
    for g in GRADES:
        others = [c for c in classes if c[0] == g and c not in TIE]
        first = 2 if len(others) == 3 else 1
        for place, c in enumerate(rng.sample(others, len(others)), start=first):
            rows.append(team(c, "年级拔河比赛", "段级", place=place, date=d(2025, 10, 28)))
    rows += [
        team("一(1)班", "广播操比赛", "校级", "一等奖", date=d(2025, 11, 12)),
        team("四(2)班", "广播操比赛", "校级", "二等奖", date=d(2025, 11, 12)),
        team("二(4)班", "广播操比赛", "校级", "三等奖", date=d(2025, 11, 12)),
        team("三(2)班", "区中小学生艺术节（集体舞）", "区级", "三等奖", date=d(2026, 4, 28)),
        # One event at two levels: only the better record counts.
        team("六(2)班", "班级合唱比赛", "校级", "一等奖", date=d(2025, 12, 9)),
        team("六(2)班", "班级合唱比赛", "区级", "二等奖", date=d(2026, 3, 26)),
        team("四(4)班", "课本剧展演", "区级", "一等奖", date="2026年4月18日"),
        team("三(1)班", "市中小学生科普剧大赛", "市级", "三等奖", date=d(2026, 5, 15)),
        team("六(4)班", "省中小学生艺术展演（器乐合奏）", "省级", "三等奖", date=d(2026, 5, 29), edu=None),
        team("五(4)班", "全国中小学班级合唱展演", "国家级", "三等奖", date="2026/6/6"),
        team("二(1)班", "区中小学生运动会（迎面接力）", "区级", place=6, date=d(2025, 10, 17)),
        # Last year's honour, announced this year: not counted.
        team("三(3)班", "2024—2025学年区级优秀班集体", "区级", date=d(2025, 9, 10)),
        solo("一(3)班", "讲故事比赛", "校级", "一等奖", date=d(2025, 12, 2)),
        solo("一(3)班", "讲故事比赛", "校级", "三等奖", date=d(2025, 12, 2)),
        solo("二(3)班", "硬笔书法比赛", "校级", "二等奖", date=d(2026, 1, 8)),
        solo("三(2)班", "区中小学生运动会（60米）", "区级", place=2, date=d(2025, 10, 17)),
        solo("四(1)班", "区中小学生运动会（跳绳）", "区级", place=7, date=d(2025, 10, 17)),
        solo("六(1)班", "区中小学生运动会（跳远）", "区级", place=11, date=d(2025, 10, 17)),
        solo("五(3)班", "市青少年科技创新大赛", "市级", "二等奖", date=d(2026, 4, 2)),
        solo("六(2)班", "省中小学生书信写作比赛", "省级", "三等奖", date=d(2026, 3, 3)),
        solo("六(4)班", "全国青少年信息素养大赛", "国家级", "三等奖", date=d(2026, 7, 10)),
        # A school team drawn from several classes: each class counts its players.
        solo("四(2)班", "区校园足球联赛（校队）", "区级", place=3, date=d(2026, 5, 20), count=4),
        solo("五(4)班", "区校园足球联赛（校队）", "区级", place=3, date=d(2026, 5, 20), count=2),
        # Organized by a newspaper, not an education department: not counted.
        solo("三(1)班", "少年报社作文大赛", "市级", "一等奖", date=d(2026, 1, 15), edu="否"),
        # Dated in the previous academic year: not counted.
        solo("二(4)班", "区中小学生书法比赛", "区级", "二等奖", date=d(2025, 6, 12)),
    ]
    tie = TIE[0]
    rows += [
        team(tie, "年级拔河比赛", "段级", place=1, date=d(2025, 10, 28)),
        team(tie, "经典诵读比赛", "校级", "一等奖", date=d(2026, 4, 23)),
        solo(tie, "区中小学生演讲比赛", "区级", "二等奖", date=d(2026, 5, 12)),
        solo(tie, "校园小歌手比赛", "校级", "一等奖", date=d(2025, 12, 18)),
    ]
    return rows


def _copy_class(out: dict[str, list[dict]], src: str, dst: str, rosters: dict[str, list[str]]) -> None:
    """Give `dst` the inputs of `src`, sheet by sheet, keeping its own students and teacher."""
    own = iter(rosters[dst])
    renamed: dict[str, str] = {}
    for sheet, rows in out.items():
        if sheet == "classes":
            mine = next(r for r in rows if r["class"] == dst)
            mine["size"] = next(r for r in rows if r["class"] == src)["size"]
            continue
        kept = [r for r in rows if r["class"] != dst]
        copies = []
        for r in rows:
            if r["class"] == src:
                r2 = dict(r, **{"class": dst})
                for key in ("name", "student"):
                    if r2.get(key):
                        r2[key] = renamed.setdefault(r[key], next(own, r[key] + "乙"))
                copies.append(r2)
        # Keep the sheet ordered by class as a school would, the copy in the place of `dst`.
        at = next((i for i, r in enumerate(kept) if _order(r["class"]) > _order(dst)), len(kept))
        out[sheet] = kept[:at] + copies + kept[at:]


def _order(c: str) -> tuple[int, str]:
    return GRADES.index(c[0]), c


def sheets(data: dict[str, list[dict]]) -> list[SheetOut]:
    title = {
        "classes": [f"{SCHOOL} 2025—2026学年 班级名册"],
        "ratings": [f"{SCHOOL} 2025—2026学年优秀班集体评价评分汇总表"],
    }
    out = []
    for spec in S.ALL:
        rows = [[r.get(f.name) for f in spec.fields] for r in data[spec.name]]
        out.append(SheetOut(title=spec.title, columns=[f.header for f in spec.fields], rows=rows,
                            notes=title.get(spec.name, []), merge_notes=True,
                            number_formats={"日期": "yyyy-mm-dd"}))
    return out


def main(argv: list[str]) -> Path:
    target = Path(argv[0]) if argv else Path(__file__).with_name("classes.xlsx")
    write_workbook(target, sheets(build(random.Random(SEED))))
    return target


if __name__ == "__main__":
    print(f"已写出 {main(sys.argv[1:])}")

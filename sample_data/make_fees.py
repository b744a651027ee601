"""Write sample_data/fees.xlsx: one term's fees of the sample school (24 classes) for `asrv fees`.

Deterministic (fixed seed, no clock). Sheet titles and headers come from asrv.fees.sheets.
All names are synthetic. Run: `python sample_data/make_fees.py [OUT.xlsx]`.

Planted for `asrv fees sample_data/fees.xlsx --term 2026秋`:
- 三(2)班 one student takes 机器人 and 编程, 350 元 each: 700 元 is over the 600 cap (FEE-CAP).
- 四(1)班 a hardship student is charged 0.01 元 (FEE-HARDSHIP).
- 五(3)班 a student dropped a course: paid 600, refunded -300 (netted, no finding).
- 二(4)班 a student pays 150 twice (FEE-ONCE); 三(2)班 three payments go to the class parent
  committee and one to a teacher (FEE-ACCOUNT).
- 一(3)班 a 普惠托管 row charged 50 元 (FEE-BASIC, warning); 机器人 charges materials with no
  stated standard (FEE-MATERIALS, warning).
- 支出: a 教师聚餐 of 1,200 元 (FEE-USE); the government's support arrives short (FEE-SUBSIDY);
  income exceeds spending (FEE-BALANCE, warning).
- Terms written three ways (2026秋, 2026-2027-1, 2026-2027学年第一学期) and a few rows of the
  previous term (2025-2026-2), which the run leaves out; money as 300, ¥300, 300元, 1,200.00.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from asrv.fees import sheets as S
from asrv.out import SheetOut, write_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_classes import person  # noqa: E402  (the same synthetic names as the sample school)

SEED = 20260901
SCHOOL = "示例市实验小学"
GRADES = ["一", "二", "三", "四", "五", "六"]
CLASSES = [f"{g}({n})班" for g in GRADES for n in range(1, 5)]
PER_CLASS = 12
TERMS = ["2026秋", "2026-2027-1", "2026-2027学年第一学期"]
ACCOUNT = "学校课后服务财务专户"
# course -> (fee, materials, materials standard, time, content, provider)
COURSES = {
    "合唱": (300, 0, "", "周二、周四 16:30-17:30", "声乐基础与合唱排练", "本校"),
    "围棋": (280, 0, "", "周一、周三 16:30-17:30", "围棋入门与对弈", "本校"),
    "篮球": (300, 0, "", "周一、周四 16:30-17:30", "运球、传球与小篮球比赛", "本校"),
    "书法": (260, 60, "毛笔、墨汁、毛边纸一套 60 元", "周三 16:30-17:30", "软笔书法基础", "本校"),
    "绘画": (250, 80, "水彩颜料、画纸一套 80 元", "周五 16:30-17:30", "儿童水彩与创意绘画", "本校"),
    "机器人": (350, 120, "", "周二、周五 16:30-17:30", "积木机器人搭建", "合肥某科技教育服务有限公司"),
    "编程": (350, 0, "", "周一、周三 16:30-17:30", "图形化编程", "合肥某科技教育服务有限公司"),
    "科学实验": (200, 0, "", "周四 16:30-17:30", "动手做小实验", "本校"),
}
def money(rng: random.Random, x: float):
    """Money as clerks type it: mostly numbers, some ¥300 and 300元."""
    pick = rng.random()
    return f"¥{x:,.0f}" if pick < 0.1 else (f"{x:g}元" if pick < 0.2 else x)


def build(rng: random.Random) -> dict[str, list[dict]]:
    used: set[str] = set()
    enr, pay = [], []
    personal = [c for c in COURSES if c not in ("机器人", "编程")]
    for ci, cls in enumerate(CLASSES):
        for k in range(1, PER_CLASS + 1):
            sid = f"2026{ci + 1:02d}{k:02d}"
            name = person(rng, used)
            hardship = rng.random() < 0.04 or (cls, k) == ("四(1)班", 3)
            term = rng.choice(TERMS)
            base = {"term": term, "school": SCHOOL, "class": cls, "student_id": sid, "name": name,
                    "hardship": "是" if hardship else "否", "priority_group": "家庭经济困难" if hardship else ""}
            if rng.random() < 0.85:
                enr.append({**base, "mode": "普惠托管", "course": "", "fee": 0, "materials": 0})
            n = rng.choices((0, 1, 2), (0.5, 0.4, 0.1))[0]
            chosen = rng.sample(personal, n)
            if (cls, k) == ("三(2)班", 5):
                chosen = ["机器人", "编程"]
            elif (cls, k) == ("五(3)班", 2):
                chosen = ["合唱"]
            elif cls == "三(2)班" and k <= 4:
                chosen = ["合唱"]
            elif n and rng.random() < 0.3:
                chosen = ["机器人"]
            due = 0
            for c in chosen:
                fee, mat = (0, 0) if hardship else COURSES[c][:2]
                enr.append({**base, "mode": "个性化课程", "course": c, "fee": money(rng, fee), "materials": mat})
                due += fee + mat
            if (cls, k) == ("四(1)班", 3):
                enr.append({**base, "mode": "个性化课程", "course": "科学实验", "fee": 0.01, "materials": 0})
            if (cls, k) == ("一(3)班", 4):
                enr.append({**base, "mode": "普惠托管", "course": "", "fee": 50, "materials": 0})
                due += 50
            if not due or rng.random() < 0.05:
                continue  # nothing due, or not paid yet: outstanding
            payee = "三(2)班家委会" if cls == "三(2)班" and k in (1, 2, 3) else (
                "王老师" if (cls, k) == ("三(2)班", 4) else ACCOUNT)
            day = f"2026-09-{rng.randint(7, 25):02d}"
            row = {"term": term, "school": SCHOOL, "student_id": sid, "name": name, "date": day, "payee": payee}
            if (cls, k) == ("二(4)班", 6):
                pay += [{**row, "amount": due / 2}, {**row, "date": "2026-10-12", "amount": due / 2}]
            elif (cls, k) == ("五(3)班", 2):
                pay += [{**row, "amount": 600}, {**row, "date": "2026-09-30", "amount": -300}]
            else:
                pay.append({**row, "amount": money(rng, due)})
    # last term, which a run for 2026秋 leaves out
    enr.append({"term": "2025-2026-2", "school": SCHOOL, "class": "六(4)班", "student_id": "20252401",
                "name": "林可馨", "mode": "个性化课程", "course": "合唱", "fee": 300, "materials": 0,
                "hardship": "否", "priority_group": ""})
    pay.append({"term": "2025-2026-2", "school": SCHOOL, "student_id": "20252401", "name": "林可馨",
                "date": "2026-03-05", "amount": 300, "payee": ACCOUNT})
    return {"enrollment": enr, "payments": pay}


def spending(income: float) -> list[dict]:
    """Most of the income spent, as a non-profit service should; a little surplus is left."""
    rows = [("2026-10-31", "人员劳务报酬", round(income * 0.45, 2), "教师与外聘人员劳务报酬（9-10月）"),
            ("2026-12-31", "人员劳务报酬", round(income * 0.42, 2), "教师与外聘人员劳务报酬（11-12月）"),
            ("2026-11-15", "水电费", 1860.4, "课后服务时段水电费分摊"),
            ("2026-10-08", "消耗品购置", "1,520.00", "体育器材耗材"),
            ("2026-11-20", "场地器材维护", 980, "功能室桌椅维修"),
            ("2026-12-20", "教师聚餐", 1200, "学期末聚餐"),
            ("2026-06-30", "人员劳务报酬", 5000, "上学期劳务费")]
    return [{"term": "2025-2026-2" if d.startswith("2026-06") else "2026秋", "school": SCHOOL, "date": d,
             "category": c, "amount": a, "note": n} for d, c, a, n in rows]


def main(out: Path) -> None:
    rng = random.Random(SEED)
    data = build(rng)
    basic = len({e["student_id"] for e in data["enrollment"] if e["mode"] == "普惠托管"
                 and e["term"] != "2025-2026-2"})
    fees = sum(float(str(p["amount"]).strip("¥元").replace(",", "")) for p in data["payments"]
               if p["term"] != "2025-2026-2")
    data["expenses"] = spending(fees + basic * 120)
    data["subsidy"] = [{"term": "2026秋", "school": SCHOOL, "date": "2026-10-15", "amount": basic * 120,
                        "note": "区财政课后服务保障经费（首批）"}]
    data["courses"] = [{"term": "2026秋", "school": SCHOOL, "course": c, "mode": "个性化课程", "fee": f,
                        "materials_standard": std, "time": t, "content": what, "provider": who}
                       for c, (f, _m, std, t, what, who) in COURSES.items()]
    sheets = []
    for spec in S.ALL:
        rows = [[r.get(f.name, "") for f in spec.fields] for r in data[spec.name]]
        sheets.append(SheetOut(spec.title, [f.header for f in spec.fields], rows))
    write_workbook(out, sheets)
    print(f"已写出 {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("fees.xlsx"))

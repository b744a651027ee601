"""Write sample_data/meals.xlsx: four weeks of school lunches of 第一实验小学 (six grades, 21 Sep to 16 Oct
2026, the National Day holiday closed) for `asrv check-meals`.

Deterministic (no clock, no randomness). Headers come from asrv.meals.sheets. Names are synthetic.
Run: `python sample_data/make_meals.py [OUT.xlsx]`, then `asrv check-meals sample_data/meals.xlsx`.

Planted, one each (default profile):
- MEAL-RATE 09-24 三年级: 120 need lunch, 118 served.
- MEAL-ACCOMPANY 10-09: no 陪餐 record.
- MEAL-ACCOMPANY-ROLE 09-29: the 陪餐人 is the 教导主任, not a school leader (other days 校长, 副校长,
  or 副校长兼教导主任, which counts).
- MEAL-ISSUE-OPEN 10-12: 汤偏咸 with no 整改; 09-25's 米饭偏硬 was put right (整改措施 and 整改日期).
- MEAL-SAMPLE 10-13 青菜 kept 100 g; 10-14 samples destroyed after 30 hours; 10-15 no samples at all.
- MEAL-NO-DATA 10-16: the calendar says lunch was served, 就餐 has no figures (warning).
The summary shows September and October apart: provision rate and 陪餐 coverage per month.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from asrv.meals import sheets as S
from asrv.out import SheetOut, write_workbook

SCHOOL = "第一实验小学"
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]
NEEDED = [118, 124, 120, 126, 119, 121]
FIRST, LAST = dt.date(2026, 9, 21), dt.date(2026, 10, 16)
HOLIDAY = {dt.date(2026, 10, d) for d in range(1, 8)}
LEADERS = [("李建国", "校长"), ("周敏", "副校长"), ("韩雪", "副校长兼教导主任")]
DISHES = ["红烧鸡块", "番茄炒蛋", "青菜", "米饭"]


def days() -> list[dt.date]:
    d, out = FIRST, []
    while d <= LAST:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def at(d: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(hh, mm))


def build() -> dict[str, list[dict]]:
    cal, meals, acc, samples = [], [], [], []
    for i, d in enumerate(days()):
        open_ = d not in HOLIDAY
        cal.append({"school": SCHOOL, "date": d, "meal": "午餐", "open": "是" if open_ else "否"})
        if not open_:
            continue
        if d != dt.date(2026, 10, 16):
            for g, n in zip(GRADES, NEEDED):
                served = n - 2 if (d, g) == (dt.date(2026, 9, 24), "三年级") else n
                meals.append({"date": d, "school": SCHOOL, "meal": "午餐", "grade": g, "needed": n, "served": served})
        if d != dt.date(2026, 10, 9):
            person, title = ("王丽", "教导主任") if d == dt.date(2026, 9, 29) else LEADERS[i % len(LEADERS)]
            row = {"date": d, "school": SCHOOL, "meal": "午餐", "person": person, "title": title, "quality": "好",
                   "hygiene": "好", "issue": "无"}
            if d == dt.date(2026, 9, 25):
                row.update(quality="一般", issue="米饭偏硬", fix="调整蒸饭时间和加水量", fixed_on=dt.date(2026, 9, 28))
            if d == dt.date(2026, 10, 12):
                row.update(issue="汤偏咸")
            acc.append(row)
        if d == dt.date(2026, 10, 15):
            continue
        for dish in DISHES:
            grams = 100 if (d, dish) == (dt.date(2026, 10, 13), "青菜") else 150
            hours = 30 if d == dt.date(2026, 10, 14) else 49
            samples.append({"date": d, "school": SCHOOL, "meal": "午餐", "dish": dish, "grams": grams,
                            "kept_at": at(d, 11, 20), "destroyed_at": at(d, 11, 20) + dt.timedelta(hours=hours)})
    return {"meal_days": cal, "meals": meals, "accompany": acc, "samples": samples}


def main(out: Path) -> None:
    data = build()
    formats = {"留样时间": "yyyy-mm-dd hh:mm", "销毁时间": "yyyy-mm-dd hh:mm"}
    sheets = [SheetOut(spec.title, [f.header for f in spec.fields],
                       [[r.get(f.name, "") for f in spec.fields] for r in data[spec.name]],
                       number_formats={h: v for h, v in formats.items() if h in [f.header for f in spec.fields]})
              for spec in S.ALL]
    write_workbook(out, sheets)
    print(f"已写出 {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("meals.xlsx"))

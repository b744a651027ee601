"""Write sample_data/attendance.xlsx: two weeks of after-school attendance of 第一实验小学 (the school of
sample_data/schedule.xlsx: 一(1)班, 三(2)班, 四(1)班, 五(1)班, eight students each) for
`asrv check-attendance`, with its staff's card-machine swipes and a 报名/缴费 pair for `--fees`.

Deterministic (fixed seed, no clock). Headers come from asrv.attendance.sheets (and asrv.fees.sheets).
All names are synthetic. Run: `python sample_data/make_attendance.py [OUT.xlsx]`, then
`asrv check-attendance sample_data/attendance.xlsx --schedule sample_data/schedule.xlsx
 --fees sample_data/attendance.xlsx`.

Planted, one each (default profile):
- ATT-UNREPORTED-ABSENCE 三(2)班 student 3 缺勤 on 09-08, no parent told (student 4's 缺勤 on 09-09 is told).
- ATT-NOT-ON-ROSTER a transferred student (2026409) recorded in 四(1)班 on 09-09.
- ATT-NO-RECORD 五(1)班 student 2 has no row on 09-10.
- ATT-NO-DEPARTURE 一(1)班 student 5 on 09-11 has no 离校 row; 三(2)班 student 6 on 09-11 no 交接教师.
- ATT-PICKUP-UNAUTHORISED 三(2)班 student 1 taken by 王阿姨 on 09-14, who is not on the 授权接送人 list.
- ATT-LATE-PICKUP 四(1)班 student 4 leaves 09-15 at 17:51, 31 minutes after the 17:20 end (warning);
  五(1)班 student 1 leaves 09-11 at 18:50 handed to the gate (交门卫): no finding.
- ATT-BACKFILL 五(1)班's roll of 09-16 entered on 09-21 (one finding for the batch, warning).
- ATT-RATE-LOW 一(1)班: two students on leave all fortnight, 75 % (warning).
- ATT-STAFF-SIGNIN 孙悦 has no swipe on 09-17; ATT-STAFF-LATE 刘强 swipes 16:58 on 09-09 (start 16:50).
- ATT-FEE-DAYS 一(1)班 student 6 (never attended) billed 300 元; 三(2)班 student 3 paid the full 300 元
  though absent a day (due 270 元). Everyone else paid exactly the pro-rated amount.
- 五(1)班 student 0 leaves alone (自行离校) with the parents' consent (relation 本人): no finding.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from asrv.attendance import sheets as S
from asrv.fees import sheets as F
from asrv.out import SheetOut, write_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_classes import person  # noqa: E402  (the same synthetic names as the other samples)

SEED = 20260907
SCHOOL = "第一实验小学"
# group -> (teacher on the roll, end of the day's last session in sample_data/schedule.xlsx)
GROUPS = {"一(1)班": "张丽", "三(2)班": "王芳", "四(1)班": "孙悦", "五(1)班": "陈刚"}
START = dt.date(2026, 9, 7)
DAYS = [START + dt.timedelta(days=d) for d in range(12) if (START + dt.timedelta(days=d)).weekday() < 5]
LEFT = {"一(1)班": "17:35", "三(2)班": "17:45", "四(1)班": "17:25", "五(1)班": "17:35"}
# teacher -> (first swipe, last swipe); Friday's 五(1)班 runs to 18:10
SWIPES = {"张丽": ("16:00", "17:35"), "王芳": ("16:05", "17:15"), "刘强": ("16:45", "17:45"),
          "孙悦": ("16:05", "17:25"), "陈刚": ("16:05", "17:35")}
FEE = Decimal(300)


def sid(g: int, k: int) -> str:
    return f"2026{g + 1}{k:02d}"


def build(rng: random.Random) -> dict[str, list[dict]]:
    used: set[str] = set()
    roster, att, dep, guardians = [], [], [], []
    for g, (group, teacher) in enumerate(GROUPS.items()):
        for k in range(8):
            name = person(rng, used)
            roster.append({"term": "2026秋", "school": SCHOOL, "group": group, "student_id": sid(g, k),
                           "name": name, "class": group, "days": "周一至周五"})
            parent = person(rng, used)
            guardians.append({"student_id": sid(g, k), "name": name, "picker": parent, "relation": "母亲"})
            if (group, k) == ("五(1)班", 0):
                guardians.append({"student_id": sid(g, k), "name": name, "picker": name, "relation": "本人"})
            for d in DAYS:
                status, told = "到", ""
                if group == "一(1)班" and k in (6, 7):
                    status = "请假"
                elif (group, k, d.day) in (("三(2)班", 3, 8), ("三(2)班", 4, 9)):
                    status, told = "缺勤", ("16:25" if k == 4 else "")
                elif rng.random() < 0.04:
                    status = "迟到"
                if (group, k, d.day) == ("五(1)班", 2, 10):
                    continue
                entered = dt.date(2026, 9, 21) if (group, d.day) == ("五(1)班", 16) else d
                att.append({"date": d, "school": SCHOOL, "group": group, "student_id": sid(g, k), "name": name,
                            "status": status, "called_at": "16:10", "told_at": told, "recorder": teacher,
                            "entered": entered})
                if status in ("请假", "缺勤") or (group, k, d.day) == ("一(1)班", 5, 11):
                    continue
                row = {"date": d, "school": SCHOOL, "student_id": sid(g, k), "name": name, "left_at": LEFT[group],
                       "method": "家长接", "picker": parent, "teacher": teacher}
                if (group, k) == ("五(1)班", 0):
                    row.update(method="自行离校", picker="")
                if (group, k, d.day) == ("五(1)班", 1, 11):
                    row.update(left_at="18:50", method="交门卫", picker="")
                if (group, k, d.day) == ("三(2)班", 1, 14):
                    row.update(method="委托接", picker="王阿姨")
                if (group, k, d.day) == ("四(1)班", 4, 15):
                    row.update(left_at="17:51")
                if (group, k, d.day) == ("三(2)班", 6, 11):
                    row.update(teacher="")
                dep.append(row)
    att.append({"date": DAYS[2], "school": SCHOOL, "group": "四(1)班", "student_id": "2026409", "name": "转入生",
                "status": "到", "called_at": "16:10", "recorder": "孙悦", "entered": DAYS[2]})
    return {"roster": roster, "attendance": att, "departures": dep, "guardians": guardians}


def swipes() -> list[dict]:
    rows = []
    for d in DAYS:
        for teacher, (first, last) in SWIPES.items():
            if (teacher, d.day) == ("孙悦", 17):
                continue
            if (teacher, d.day) == ("刘强", 9):
                first = "16:58"
            if teacher == "陈刚" and d.weekday() == 4:
                last = "18:15"
            for i, t in enumerate((first, last)):
                hh, mm = map(int, t.split(":"))
                rows.append({"card": "", "name": teacher, "punched": dt.datetime.combine(d, dt.time(hh, mm)),
                             "machine": 106, "way": "签到" if i == 0 else "签退", "note": ""})
    return rows


def fees(data: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """普惠托管 300 元 a term, paid pro rata by attended days (one student overpaid, one never came)."""
    days = {}
    for r in data["attendance"]:
        days.setdefault(r["student_id"], [0, 0])
        days[r["student_id"]][0] += r["status"] in ("到", "迟到", "早退")
    enr, pay = [], []
    for r in data["roster"]:
        attended = days.get(r["student_id"], [0])[0]
        never = attended == 0 and r["student_id"] != sid(0, 6)
        enr.append({"term": "2026秋", "school": SCHOOL, "class": r["class"], "student_id": r["student_id"],
                    "name": r["name"], "mode": "普惠托管", "fee": 0 if never else 300})
        if attended:
            due = (FEE * attended / len(DAYS)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            paid = FEE if r["student_id"] == sid(1, 3) else due
            pay.append({"term": "2026秋", "school": SCHOOL, "student_id": r["student_id"], "name": r["name"],
                        "date": "2026-09-25", "amount": float(paid), "payee": "学校课后服务财务专户"})
    return enr, pay


def main(out: Path) -> None:
    data = build(random.Random(SEED))
    enr, pay = fees(data)
    sheets = [SheetOut(spec.title, [f.header for f in spec.fields],
                       [[r.get(f.name, "") for f in spec.fields] for r in data[spec.name]])
              for spec in (S.ROSTER, S.ATTENDANCE, S.DEPARTURES, S.GUARDIANS)]
    sheets.append(SheetOut(S.CARD.title, [f.header for f in S.CARD.fields],
                           [[r[f.name] for f in S.CARD.fields] for r in swipes()],
                           number_formats={"考勤时间": "yyyy-mm-dd hh:mm:ss"}))
    for spec, rows in ((F.ENROLLMENT, enr), (F.PAYMENTS, pay)):
        sheets.append(SheetOut(spec.title, [f.header for f in spec.fields],
                               [[r.get(f.name, "") for f in spec.fields] for r in rows]))
    write_workbook(out, sheets)
    print(f"已写出 {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("attendance.xlsx"))

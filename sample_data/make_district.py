"""Write sample_data/district/: a district of twelve school folders and the district workbook 考核.xlsx,
for `asrv district sample_data/district --term 2026秋`.

Deterministic (fixed seed, no clock); all names synthetic. The two schools of sample_data/schedule.xlsx
bring its rows (and their planted problems); 第一实验小学 also sends the attendance workbook of
make_attendance.py. The others are generated here, each with one planted trait:

- 第一实验小学: the schedule's SCH-HOMEWORK, SCH-END/SCH-LEN, SCH-DAY, STAFF-TRAINING-ORG, CONFLICT-STAFF;
  attendance sent (D6 scored from hand-over: one unreported absence).
- 第二中学: SCH-STUDY, SCH-TEACHING, STAFF-EXTERNAL, STAFF-KNOWN.
- 城南小学: a confirmed veto (违规收费) — 不合格 whatever its score; also a FEE-CAP.
- 城北小学: no fee workbook — participants from its survey; D5 scores 0 and is listed under 需补交.
- 东关小学: 自评 10, 复评 5 on D1 (DIST-SELF-REVIEW-GAP).
- 西湖小学: a model school (high participation and satisfaction).
- 河东小学: low participation (about 60 %).
- 新城小学: a stray 说明.xlsx of no known kind (DIST-UNKNOWN-KIND).
- 柳林小学: a D1 rating of 12 (above its 10 points: DIST-SCORE-RANGE) and no 佐证.
- 桃园小学: satisfaction from the district's 满意度 sheet (no survey).
- 枫林中学: fees paid to a class parent committee (FEE-ACCOUNT).
- 实验中学: its folder is called 实验中学（初中部） but its workbooks name 实验中学.
- 白塔小学: in the register, no folder (DIST-MISSING-SCHOOL).

Run: `python sample_data/make_district.py [OUT_DIR]`. `bench(out, n, students)` builds the large
district of tests/bench_district.py from the same pieces.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

from asrv.district import sheets as D
from asrv.fees import sheets as F
from asrv.out import SheetOut, write_workbook
from asrv.schedule import sheets as S

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_attendance  # noqa: E402
import make_schedule  # noqa: E402
from make_classes import person  # noqa: E402
from make_fees import ACCOUNT, COURSES, money  # noqa: E402
from make_survey import HEADER, answers  # noqa: E402

SEED = 20261201
TERM = "2026秋"
PRIMARY = ["一", "二", "三", "四", "五", "六"]
MIDDLE = ["七", "八", "九"]
ACTIVITIES = [("绘本阅读", "阅读"), ("体育游戏", "体育"), ("合唱", "艺术"), ("科学实验", "科普"), ("书法", "艺术"),
              ("篮球", "体育"), ("围棋", "社团")]
# school -> (stage, classes per grade, students per class, participation, satisfaction, what it sends)
SCHOOLS = {
    "第一实验小学": ("小学", 1, 30, 0.86, 0.96, "fees survey"),
    "第二中学": ("初中", 1, 40, 0.82, 0.93, "fees survey"),
    "城南小学": ("小学", 2, 28, 0.92, 0.97, "schedule fees survey"),
    "城北小学": ("小学", 2, 30, 0.88, 0.95, "schedule survey"),
    "东关小学": ("小学", 2, 26, 0.90, 0.96, "schedule fees survey"),
    "西湖小学": ("小学", 2, 30, 0.95, 0.99, "schedule fees survey"),
    "河东小学": ("小学", 2, 30, 0.60, 0.90, "schedule fees survey"),
    "新城小学": ("小学", 1, 32, 0.85, 0.95, "schedule fees survey"),
    "柳林小学": ("小学", 1, 30, 0.89, 0.94, "schedule fees survey"),
    "桃园小学": ("小学", 1, 28, 0.91, 0.0, "schedule fees"),
    "枫林中学": ("初中", 2, 40, 0.80, 0.96, "schedule fees survey"),
    "实验中学": ("初中", 2, 38, 0.87, 0.97, "schedule fees survey"),
}
FOLDERS = {"实验中学": "实验中学（初中部）"}
MISSING = ("白塔小学", "小学", 420, 30, "乡村")


def roster(rng: random.Random, school_no: int, stage: str, per_grade: int, per_class: int) -> list[dict]:
    """The school's students: 学号, 姓名, 年级, 班级 (the same students in its fees and survey)."""
    used: set[str] = set()
    grades = PRIMARY if stage == "小学" else MIDDLE
    out = []
    for g, word in enumerate(grades):
        for c in range(1, per_grade + 1):
            for k in range(per_class):
                out.append({"student_id": f"{school_no:03d}{g + 1}{c:02d}{k + 1:02d}", "name": person(rng, used),
                            "grade": g + 1 + (6 if stage == "初中" else 0), "grade_word": f"{word}年级",
                            "class": f"{word}({c})班", "c": c})
    return out


def classes_of(students: list[dict]) -> list[tuple[str, int]]:
    return list(dict.fromkeys((s["class"], s["grade"]) for s in students))


def schedule_sheets(rng: random.Random, school: str, stage: str, students: list[dict]) -> list[SheetOut]:
    """Two sessions per class every school day, 90 minutes in all, by its own teachers (all rules kept)."""
    used: set[str] = set()
    rows, staff = [], []
    start = ("16:10", "16:50", "17:40") if stage == "小学" else ("17:10", "17:55", "18:30")
    for i, (klass, grade) in enumerate(classes_of(students)):
        a, b = person(rng, used), person(rng, used)
        n = sum(s["class"] == klass for s in students)
        activity, category = ACTIVITIES[i % len(ACTIVITIES)]
        word = klass.split("(")[0] + "年级"
        rows += [[school, stage, word, klass, "周一至周五", start[0], start[1], "作业辅导", "作业辅导", "普惠托管", "否", a,
                  f"{klass}教室", n],
                 [school, stage, word, klass, "周一至周五", start[1], start[2], activity, category, "普惠托管", "否", b,
                  "操场" if category == "体育" else f"{klass}教室", n]]
        staff += [[p, school, "本校教职工", "", "", "是", "", "否", ""] for p in (a, b)]
    return [SheetOut(S.SCHEDULE.title, make_schedule.HEAD, rows), SheetOut(S.STAFF.title, make_schedule.STAFF_HEAD, staff)]


def sample_schedule(school: str) -> list[SheetOut]:
    """The school's rows of sample_data/schedule.xlsx, planted problems and all."""
    keep = [r for r in make_schedule.SCHEDULE if r[0] == school]
    staff = [r for r in make_schedule.STAFF if r[1] == school]
    schools = [r for r in make_schedule.SCHOOLS if r[0] == school]
    return [SheetOut(S.SCHEDULE.title, make_schedule.HEAD, keep), SheetOut(S.STAFF.title, make_schedule.STAFF_HEAD, staff),
            SheetOut(S.SCHOOLS.title, make_schedule.SCHOOLS_HEAD, schools)]


def fee_sheets(rng: random.Random, school: str, students: list[dict], rate: float, plant: str = "") -> list[SheetOut]:
    """报名 and 缴费 of the term: 普惠托管 free, some personal courses paid once into the school's account."""
    courses = [c for c in COURSES if COURSES[c][1] == 0 and c not in ("机器人", "编程")]
    enr, pay = [], []
    for i, s in enumerate(students):
        if rng.random() >= rate:
            continue
        base = {"term": TERM, "school": school, "class": s["class"], "student_id": s["student_id"], "name": s["name"],
                "hardship": "否"}
        enr.append({**base, "mode": "普惠托管", "course": "", "fee": 0, "materials": 0})
        chosen = rng.sample(courses, 1) if rng.random() < 0.4 else []
        if plant == "cap" and i == 3:
            chosen = ["机器人", "编程"]
        due = 0
        for c in chosen:
            enr.append({**base, "mode": "个性化课程", "course": c, "fee": money(rng, COURSES[c][0]), "materials": 0})
            due += COURSES[c][0]
        if due:
            payee = "班级家委会" if plant == "account" and i < 12 else ACCOUNT
            pay.append({"term": TERM, "school": school, "student_id": s["student_id"], "name": s["name"],
                        "date": f"2026-09-{rng.randint(7, 25):02d}", "amount": due, "payee": payee})
    return [SheetOut(spec.title, [f.header for f in spec.fields], [[r.get(f.name, "") for f in spec.fields] for r in rows])
            for spec, rows in ((F.ENROLLMENT, enr), (F.PAYMENTS, pay))]


def survey_sheet(rng: random.Random, students: list[dict], satisfaction: float) -> list[SheetOut]:
    """A survey tool's export (make_survey's layout) with a 满意度 question at the end."""
    rows = []
    for i, s in enumerate(students, 1):
        pick = rng.random()
        said = "满意" if pick < satisfaction * 0.8 else "基本满意" if pick < satisfaction else (
            "不了解" if pick > 0.995 else "不满意")
        rows.append([i, f"2026/11/{rng.randint(2, 20):02d} 19:{rng.randint(10, 59)}:00", f"{rng.randint(40, 300)}秒",
                     "微信", "N/A", "N/A", s["name"], s["student_id"], s["grade_word"], f"{s['c']}班",
                     *answers(rng, s["grade"] if s["grade"] <= 6 else 6), said])
    return [SheetOut("Sheet1", [*HEADER, "11、满意度"], rows)]


def attendance_sheets() -> list[SheetOut]:
    """make_attendance's fortnight of 第一实验小学 (its 报名/缴费 pair left out: the school sends fees apart)."""
    m = make_attendance
    data = m.build(random.Random(m.SEED))
    sheets = [SheetOut(spec.title, [f.header for f in spec.fields], [[r.get(f.name, "") for f in spec.fields]
                                                                     for r in data[spec.name]])
              for spec in (m.S.ROSTER, m.S.ATTENDANCE, m.S.DEPARTURES, m.S.GUARDIANS)]
    sheets.append(SheetOut(m.S.CARD.title, [f.header for f in m.S.CARD.fields],
                           [[r[f.name] for f in m.S.CARD.fields] for r in m.swipes()],
                           number_formats={"考勤时间": "yyyy-mm-dd hh:mm:ss"}))
    return sheets


def district_sheets(register: list[list], ratings: list[list], vetoes: list[list], satisfaction: list[list],
                    pool: float) -> list[SheetOut]:
    def sheet(spec, rows):
        return SheetOut(spec.title, [f.header for f in spec.fields], rows)
    return [sheet(D.SCHOOLS, register), sheet(D.RATINGS, ratings), sheet(D.VETOES, vetoes),
            sheet(D.SATISFACTION, satisfaction), sheet(D.FUNDING, [[f"{TERM}课后服务专项补助", pool]])]


def main(out: Path) -> None:
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    register, ratings = [], []
    for no, (school, (stage, per_grade, per_class, rate, happy, sends)) in enumerate(SCHOOLS.items(), 1):
        folder = out / FOLDERS.get(school, school)
        folder.mkdir(exist_ok=True)
        students = roster(rng, no, stage, per_grade, per_class)
        register.append([school, stage, len(students) + (2 if stage == "小学" else 5), 4 * len(classes_of(students)),
                         "城区" if no % 3 else "镇区"])
        if school in ("第一实验小学", "第二中学"):
            write_workbook(folder / "课后服务安排.xlsx", sample_schedule(school))
        if "schedule" in sends:
            write_workbook(folder / "课后服务安排.xlsx", schedule_sheets(rng, school, stage, students))
        if "fees" in sends:
            plant = {"城南小学": "cap", "枫林中学": "account"}.get(school, "")
            write_workbook(folder / f"{school}收费.xlsx", fee_sheets(rng, school, students, rate, plant))
        if "survey" in sends:
            write_workbook(folder / "问卷数据.xlsx", survey_sheet(rng, students, happy))
        if school == "第一实验小学":
            write_workbook(folder / "考勤.xlsx", attendance_sheets())
        if school == "新城小学":
            write_workbook(folder / "说明.xlsx", [SheetOut("说明", ["事项", "内容"], [["联系人", "王老师"]])])
        d1 = {"东关小学": (10, 5), "柳林小学": (9, 12)}.get(school, (9, 8 + no % 3))
        proof = "" if school == "柳林小学" else "工作方案、领导小组文件、三方协议"
        ratings.append([school, "D1", *d1, "区督导组", "" if d1[1] >= 9 else "三方协议未全部签订", proof])
        if school != "第一实验小学":
            ratings.append([school, "D6", 9, 8 + no % 2, "区督导组", "", "考勤与交接台账"])
    register.append(list(MISSING))
    vetoes = [["城南小学", "2026-11-05", "违规收费", "是", "向家长收取教辅资料费，经查属实"],
              ["河东小学", "2026-10-20", "安全责任事故", "否", "经核查不属实"]]
    satisfaction = [["桃园小学", 260, 250, 200, 38, 10, 2]]
    write_workbook(out / "考核.xlsx", district_sheets(register, ratings, vetoes, satisfaction, 1_000_000))
    print(f"已写出 {out}")


def bench(out: Path, schools: int = 100, students: int = 1500) -> Path:
    """A district of `schools` schools of about `students` students each, schedule and fees only."""
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    register, ratings = [], []
    per_class = 42
    per_grade = max(1, round(students / per_class / 6))
    for no in range(1, schools + 1):
        school = f"第{no}小学"
        folder = out / school
        folder.mkdir(exist_ok=True)
        kids = roster(rng, no, "小学", per_grade, per_class)
        register.append([school, "小学", len(kids) + 20, 4 * len(classes_of(kids)), "城区"])
        write_workbook(folder / "课后服务安排.xlsx", schedule_sheets(rng, school, "小学", kids))
        write_workbook(folder / "收费.xlsx", fee_sheets(rng, school, kids, 0.7 + 0.25 * rng.random(),
                                                      "cap" if no % 7 == 0 else ""))
        ratings.append([school, "D1", 9, 8 + no % 3, "区督导组", "", "工作方案"])
        ratings.append([school, "D6", 9, 8, "区督导组", "", "台账"])
    write_workbook(out / "考核.xlsx", district_sheets(register, ratings, [], [], 50_000_000))
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("district"))

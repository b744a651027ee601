"""Fitness workbooks for the tests, built from the students worked out by hand in
test_fitness_scoring.py, so every expected total is known without running the code under test."""
from __future__ import annotations

from pathlib import Path

HEAD = ["年级", "班级", "学号", "姓名", "性别", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳",
        "一分钟仰卧起坐"]
# 一年级男: BMI 100, 肺活量 78, 50米 78, 坐位体前屈 85, 跳绳 100 → 87.8 + bonus 5 = 92.8 优秀.
GOOD = {"年级": "一年级", "性别": "男", "身高": 120, "体重": 22, "肺活量": 1250, "50米跑": 10.8, "坐位体前屈": 12.5,
        "一分钟跳绳": 120}
# 一年级女: BMI 80, every other item 0 → 12.0 不及格.
FAILING = {"年级": "一年级", "性别": "女", "身高": 120, "体重": 18.7, "肺活量": 100, "50米跑": 20, "坐位体前屈": -10,
           "一分钟跳绳": 0}
# 三年级女: 80, 66, 74, 62, 76, 68 → 71.1 及格.
THIRD = {"年级": "三年级", "性别": "女", "身高": 130, "体重": 32, "肺活量": 1000, "50米跑": 10.5, "坐位体前屈": 3.3,
         "一分钟跳绳": 100, "一分钟仰卧起坐": 25}


def student(base: dict, klass: str, sid: str, name: str, **cells) -> dict:
    return {**base, "班级": klass, "学号": sid, "姓名": name, **cells}


def write(path: Path, students: list[dict], title: str | None = None, head: list[str] = HEAD) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    ws.append(head)
    for s in students:
        ws.append([s.get(h) for h in head])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def school_students(failing: int, tag: str = "") -> list[dict]:
    """一(1)班 of 10 (the first `failing` of them 不及格), 三(2)班 and 三(10)班 of 2 each; 学号 S01… as in
    every school (school-internal numbers overlap); names 学生<tag>-1…"""
    one = [student(FAILING if j < failing else GOOD, "一(1)班", f"S{j + 1:02d}", f"学生{tag}-{j + 1}")
           for j in range(10)]
    third = [student(THIRD, k, f"S{n}", f"学生{tag}-{n}") for n, k in ((11, "三(10)班"), (12, "三(10)班"),
                                                                   (13, "三(2)班"), (14, "三(2)班"))]
    return one + third


def district(folder: Path, schools: list[str]) -> dict[str, Path]:
    """One workbook per school. Odd-numbered schools are named by their file (第1小学.xlsx); the
    others by a title row, each in its own folder under the same file name (第2小学/体测成绩.xlsx).
    School n has n % 3 students 不及格 in 一(1)班."""
    paths = {}
    for n, school in enumerate(schools, 1):
        rows = school_students(n % 3, tag=str(n))
        if n % 2:
            paths[school] = write(folder / f"{school}.xlsx", rows)
        else:
            paths[school] = write(folder / school / "体测成绩.xlsx", rows, title=f"{school}2025—2026学年学生体质健康测试成绩")
    return paths

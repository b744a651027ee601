"""The draw anyone can redo, without this program: SHA-256 of `种子|学校|学号`, smallest first.

    ticket(20260901, "示例小学", "301") == sha256("20260901|示例小学|301".encode()).hexdigest()

A student without a 学号 is drawn by `班级/姓名`. The order depends on nothing else (not on the
order of rows or files, not on a library's random-number stream), and two students never tie.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

RULE = ("抽签顺序：把“抽签种子|学校|学号”用 SHA-256 算出一串字符，按从小到大排列；"
        "任何人都可用公开的种子复算。")
NO_ID = "没有学号的学生用“班级/姓名”代替学号。"


def ticket(seed: int, school: str, student: str) -> str:
    return hashlib.sha256(f"{seed}|{school}|{student}".encode("utf-8")).hexdigest()


def draw(seed: int, school: str, students: Iterable[str]) -> dict[str, int]:
    """Each student's place in the draw, 1 = drawn first."""
    ranked = sorted(set(students), key=lambda s: (ticket(seed, school, s), s))
    return {s: n for n, s in enumerate(ranked, 1)}

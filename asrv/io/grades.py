"""Grades as schools write them, in one place: 三年级, 3, G3, 七年级, 初一, 高二, 大一, and the grade a
class name starts with (三(2)班, 三年级2班, 初一(3)班). Grades count through: 初一 = 7, 高一 = 10, 大一 = 13.
"""
from __future__ import annotations

import re
import unicodedata

from .cells import PARSERS, clean_text, is_blank

CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_OF = {v: k for k, v in CN.items()}
NUM = r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
# Stage prefix -> (grades before it, grades in it): 初二 = 6 + 2, 大三 = 12 + 3.
_STAGES = {"小": (0, 6), "小学": (0, 6), "初": (6, 3), "初中": (6, 3), "高": (9, 3), "高中": (9, 3),
           "大": (12, 4), "大学": (12, 4)}
_PLAIN = re.compile(rf"(?:g|grade|y|year)?{NUM}(?:年级|年)?")
_STAGED = re.compile(rf"(小学?|初中?|高中?|大学?){NUM}(?:年级)?")
# The start of a class name that names its grade. A bare numeral counts only before `(`: `三(2)班`
# is grade 3, but `2班` is a class number whose grade is in another column.
_CLASS_START = re.compile(rf"(?:小学?|初中?|高中?|大学?){NUM}|{NUM}年级|g{NUM}(?![0-9])|{NUM}(?=\()")
HINT = "应为年级，如 三年级、3、G3、七年级、初一、高二 或 大一"


def to_int(token: str) -> int:
    """`3`, `三`, `十`, `十二` -> 3, 3, 10, 12."""
    if token.isdigit():
        return int(token)
    if token.startswith("十"):
        return 10 + (CN[token[1]] if len(token) > 1 else 0)
    return CN[token]


def _text(v: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", clean_text(v))).lower()


def grade_number(v: object) -> int | None:
    """The grade a cell names (`三年级`, `3`, `初一`), or failing that the grade its class name starts
    with (`三(2)班`); None when it names none."""
    if is_blank(v):
        return None
    s = _text(v)
    return _named(s) or _class_start(s)


def grade_of_class(name: object) -> int | None:
    """Only the grade a class name starts with: `三(2)班` → 3, `初一(3)班` → 7, `2班` or `2` → None."""
    return None if is_blank(name) else _class_start(_text(name))


def _named(s: str) -> int | None:
    m = _PLAIN.fullmatch(s)
    if m:
        return to_int(m.group(1))
    m = _STAGED.fullmatch(s)
    if m:
        before, count = _STAGES[m.group(1)]
        n = to_int(m.group(2))
        return before + n if n <= count else None
    return None


def _class_start(s: str) -> int | None:
    m = _CLASS_START.match(s)
    return _named(m.group(0)) if m and m.group(0) != s else None


def parse_grade(v: object) -> int:
    """A reader kind: the grade number, or ValueError with what to type."""
    g = grade_number(v)
    if g is None:
        raise ValueError(HINT)
    return g


def grade_word(g: int | None) -> str:
    """3 -> 三, 11 -> 十一: grades as the Chinese write them before 年级 or in 三(2)班."""
    if g is None:
        return ""
    return _CN_OF[g] if g <= 10 else "十" + _CN_OF[g - 10]


def grade_short(g: int | None) -> str:
    """How a class name starts: 3 -> 三, 7 -> 初一, 11 -> 高二, 13 -> 大一."""
    if g is None:
        return ""
    for first, prefix in ((12, "大"), (9, "高"), (6, "初")):
        if g > first and (prefix != "初" or g <= 9) and (prefix != "高" or g <= 12):
            return prefix + grade_word(g - first)
    return grade_word(g)


PARSERS.update(grade=parse_grade)

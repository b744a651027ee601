"""Keys that join rows across sheets and files, and the order people expect to read them in.

A class is (grade, number, suffix): `三(2)班`, `三（2）班`, `3(2)班`, `三年级2班`, `三年级二班` and
`初一(3)班` name grade 3 class 2 … grade 7 class 3; `五(1)班（英语实验班）` and `三(4)班-2` keep their
suffix, so they are classes of their own, never folded into another. Classes sort by grade, then
class number (三(2)班 before 三(10)班); schools by pinyin (pypinyin), as a Chinese list is read.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, total_ordering
from typing import NamedTuple

from .grades import grade_number, grade_short, grade_word, to_int

_SPACE = re.compile(r"\s+")
_CN = r"(?:十[一二]?|[一二三四五六七八九])"
_STAGE = r"(?:小学?|初中?|高中?)"
# 三(2)班, 三年级二班, 初一(3)班, 高二3班, 小学3年级2班: a grade in words (or staged), then the number.
_WORDS = re.compile(rf"^(?P<g>{_STAGE}?{_CN}|{_STAGE}\d{{1,2}})(?:年级|年)?\(?(?P<n>\d{{1,3}}|{_CN})\)?班?(?P<rest>.*)$")
# 3(2)班, 3年级2班: a grade in digits needs a mark before the number (12班 is class 12).
_DIGITS_MARKED = re.compile(r"^(?P<g>\d{1,2})(?:年级\(?|年\(?|\()(?P<n>\d{1,3})\)?班?(?P<rest>.*)$")
# 2班, (2)班, 2: only the number; the grade comes from another column.
_BARE = re.compile(rf"^\(?(?P<n>\d{{1,3}}|{_CN})\)?班(?P<rest>.*)$|^(?P<n2>\d{{1,3}})$")
_BRACKETS = "()[]【】 "


class ClassKey(NamedTuple):
    grade: int | None     # 1 … 12 (初一 = 7, 高一 = 10), None when the name does not say
    number: int | None    # the class number, None when the name has none
    suffix: str           # what follows the number: 英语实验班, -2 (folded, without brackets)
    text: str             # the folded name, for names that are not class names at all (`篮球队`)

    @property
    def id(self) -> str:
        """One string per class, whatever its spelling: `三(2)`, `五(1)英语实验班`, `篮球队`."""
        if self.number is None:
            return self.text
        head = f"{grade_word(self.grade)}({self.number})" if self.grade else f"({self.number})"
        return head + self.suffix

    @property
    def display(self) -> str:
        """The class as a notice writes it: `三(2)班`, `五(1)班（英语实验班）`."""
        if self.number is None:
            return self.text
        head = f"{grade_short(self.grade)}({self.number})班" if self.grade else f"{self.number}班"
        return head + (f"（{self.suffix}）" if self.suffix else "")

    def sort_key(self) -> tuple:
        return (self.grade or 99, self.number if self.number is not None else 999, natural_key(self.suffix),
                natural_key(self.text))


def _fold(name: object) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name)))


@lru_cache(maxsize=16384)  # a few hundred distinct names for thousands of rows
def class_key(name: object, grade: object = None) -> ClassKey:
    """The key of a class name; `grade` (a 年级 column) completes a bare `2班`."""
    s = _fold(name)
    g0 = grade_number(grade) if grade is not None and grade == grade else None
    m = _WORDS.match(s) or _DIGITS_MARKED.match(s)
    if m:
        suffix = m.group("rest").strip(_BRACKETS)
        return ClassKey(grade_number(m.group("g")) or g0, to_int(m.group("n")), suffix, s)
    m = _BARE.match(s)
    if m:
        suffix = (m.group("rest") or "").strip(_BRACKETS)
        return ClassKey(g0, to_int(m.group("n") or m.group("n2")), suffix, s)
    return ClassKey(g0, None, "", s)


def class_id(name: object, grade: object = None) -> str:
    return class_key(name, grade).id


def class_order(name: object) -> tuple:
    """Sort key for class names as written: grade, then class number."""
    return class_key(name).sort_key()


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: object) -> tuple:
    """`第2组` before `第10组`."""
    parts = _DIGITS.split(str(text or ""))
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


@lru_cache(maxsize=4096)
def school_order(name: object) -> "SchoolKey":
    """Schools in pinyin order (东城小学 before 西城小学), then by their numbers."""
    return SchoolKey(str(name or ""))


def load_pinyin() -> None:
    """pypinyin's dictionaries loaded ahead of the first school compared with another (0.3 s), as a
    batch's process does while its workers read the files (asrv.jobs.outcomes `meanwhile`)."""
    from pypinyin import lazy_pinyin
    lazy_pinyin("学校")


@total_ordering
class SchoolKey:
    """A school's place in order. Its pinyin is worked out only when it is compared with another
    school: a run over one school never loads pypinyin's dictionaries (a fifth of a second)."""
    __slots__ = ("text", "_full")

    def __init__(self, text: str):
        self.text, self._full = text, None

    def full(self) -> tuple:
        if self._full is None:
            try:
                from pypinyin import lazy_pinyin
                spoken = " ".join(lazy_pinyin(self.text))
            except ImportError:  # pragma: no cover - declared dependency; a plain code-point order otherwise
                spoken = self.text
            self._full = (natural_key(spoken), self.text)
        return self._full

    def __eq__(self, other) -> bool:
        return self.text == other.text if isinstance(other, SchoolKey) else NotImplemented

    def __lt__(self, other) -> bool:
        if not isinstance(other, SchoolKey):
            return NotImplemented
        return self.text != other.text and self.full() < other.full()

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"SchoolKey({self.text!r})"

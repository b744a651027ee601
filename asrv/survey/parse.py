"""What survey and catalogue cells mean: grades, classes, multi-choice answers, eligibility."""
from __future__ import annotations

import re
import unicodedata

from ..io.cells import clean_text, is_blank
from ..io.grades import NUM, grade_number, grade_word, to_int

# Online tools write one multi-choice answer into one cell with one of these between options.
SEPARATORS = re.compile(r"[┋|、,;\n→>]+")
_GRADE_WORD = {"低年级": (1, 2), "中年级": (3, 4), "高年级": (5, 6)}
_ALL = {"全部", "全部年级", "全校", "不限", "所有年级", "全年级", "all"}


def _text(v: object) -> str:
    return "" if is_blank(v) else unicodedata.normalize("NFKC", clean_text(v)).strip()


def class_label(grade: object, klass: object) -> tuple[int | None, str]:
    """Grade and class as schools write them, alone or together, → (grade, `三(2)班`).

    `2班`, `2`, `(2)班` take the grade from the grade column; `三(2)班`, `3(2)班`, `三年级2班`,
    `3.2班`, `302班` carry their own. Anything else is kept as written.
    """
    g = grade_number(grade)
    s = _text(klass).replace(" ", "")
    if not s:
        return g, (f"{grade_word(g)}年级" if g else "")
    m = re.fullmatch(r"\(?(\d{1,2})\)?班?", s)
    if m and g is not None:
        return g, f"{grade_word(g)}({int(m.group(1))})班"
    m = (re.fullmatch(rf"{NUM}(?:年级)?\((\d{{1,2}})\)班?", s)
         or re.fullmatch(rf"{NUM}年级(\d{{1,2}})班?", s)
         or re.fullmatch(r"(\d)[.\-](\d{1,2})班?", s)
         or re.fullmatch(r"(\d)(\d{2})班", s))
    if m:
        own = to_int(m.group(1))
        return own, f"{grade_word(own)}({int(m.group(2))})班"
    return g, s


def grade_name(g: int | None) -> str:
    return f"{grade_word(g)}年级" if g else "年级不明"


def parse_grades(v: object) -> frozenset[int] | None:
    """Eligibility: `1-3`, `三年级`, `1,2,3`, `G1-G3`, `一至三年级`, `G1, G2, …, G12`.

    None means every grade (blank, 全校, 不限). Raises ValueError for text that is none of these.
    """
    s = _text(v).lower().replace(" ", "")
    if not s or s in _ALL:
        return None
    if s in _GRADE_WORD:
        lo, hi = _GRADE_WORD[s]
        return frozenset(range(lo, hi + 1))
    s = s.replace("年级", "").replace("grade", "g").replace("g", "")
    s = re.sub(r"[~～至到—–]", "-", s)
    parts = [p for p in re.split(r"[,、;/]+", s) if p]
    grades: set[int] = set()
    ellipsis = False
    previous = None
    for p in parts:
        if p in ("…", "...", "……"):
            ellipsis = True
            continue
        m = re.fullmatch(rf"{NUM}-{NUM}", p)
        try:
            if m:
                lo, hi = to_int(m.group(1)), to_int(m.group(2))
                if lo > hi:
                    raise ValueError
                grades.update(range(lo, hi + 1))
                previous = hi
                continue
            g = to_int(p) if re.fullmatch(NUM, p) else grade_number(p)
        except (KeyError, ValueError):
            g = None
        if g is None:
            raise ValueError("适用年级无法识别，应写成 1-3、三年级、1,2,3 或 G1-G3")
        if ellipsis and previous is not None:
            grades.update(range(previous, g + 1))
            ellipsis = False
        grades.add(g)
        previous = g
    return frozenset(grades)


def grades_text(grades: frozenset[int] | None) -> str:
    if grades is None:
        return "全部年级"
    gs = sorted(grades)
    if gs == list(range(gs[0], gs[-1] + 1)) and len(gs) > 1:
        return f"{grade_word(gs[0])}至{grade_word(gs[-1])}年级"
    return "、".join(grade_word(g) for g in gs) + "年级"


def split_answers(v: object, known: set[str] = frozenset()) -> list[str]:
    """One cell holding several options, in the order given. A whole-cell known name stays whole."""
    s = _text(v)
    if not s:
        return []
    if s in known:
        return [s]
    return [p.strip() for p in SEPARATORS.split(s) if p.strip()]

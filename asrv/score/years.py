"""Which academic year a school's records are scored in (以本学年成绩表现为评估依据, 篇3 二、8).

`--year` wins. Without it the year is the one most award dates fall in, not the year of the
publication date: a notice published on 2026-09-30 is still about 2025-2026, and moving the year
with `--date` would drop every award. Only when no award is dated does `--date` decide.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

from ..findings import ERROR, Finding, InputError
from ..io.terms import parse_school_year
from ..profile import Profile

Span = tuple[dt.date, dt.date]
GIVEN, AWARDS, DATE = "--year 指定", "多数获奖日期所在学年", "--date 所在学年"


def span_of(first: int, profile: Profile) -> Span:
    """The year opening in `first`: [reading] 09-01 … 08-31 by default."""
    month, day = (int(x) for x in profile["score.academic_year_start"].split("-"))
    start = dt.date(first, month, day)
    return start, dt.date(first + 1, month, day) - dt.timedelta(days=1)


def year_holding(day: dt.date, profile: Profile) -> int:
    month, d = (int(x) for x in profile["score.academic_year_start"].split("-"))
    return day.year if (day.month, day.day) >= (month, d) else day.year - 1


def parse_year(text: str, profile: Profile) -> Span:
    """`--year 2025-2026`; a bad one stops the run before anything is read."""
    try:
        return span_of(parse_school_year(text), profile)
    except ValueError:
        raise InputError([Finding("OPTION-YEAR", ERROR, f"--year「{text}」应写作 2025-2026")]) from None


def choose_year(given: Span | None, dates: Iterable[dt.date], day: dt.date, profile: Profile) -> tuple[Span, str]:
    """(the span, where it came from). Equal counts go to the year holding `day`, else the later."""
    if given is not None:
        return given, GIVEN
    counts = Counter(year_holding(d, profile) for d in dates if d is not None)
    if not counts:
        return span_of(year_holding(day, profile), profile), DATE
    top = max(counts.values())
    tied = [y for y, n in counts.items() if n == top]
    here = year_holding(day, profile)
    return span_of(here if here in tied else max(tied), profile), AWARDS


def label(span: Span) -> str:
    return f"{span[0].year}-{span[1].year}"

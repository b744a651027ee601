"""Working days for publication periods (公示期), from the real calendar.

Statutory holidays and 调休 make-up working days come from the chinesecalendar package; the
profile's `[calendar]` lists override it. For a year the package does not know yet, weekends and
the fixed-date holidays are used and the period carries a warning naming the year.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The statutory holidays with a fixed date (《全国年节及纪念日放假办法》, 2025): 元旦, 劳动节, 国庆节.
FIXED = ((1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3))


@dataclass
class Period:
    first: dt.date
    last: dt.date
    days: int
    unknown_years: list[int] = field(default_factory=list)  # years the statutory calendar lacks


def _statutory(day: dt.date) -> bool | None:
    """Whether `day` is a working day by the State Council's calendar; None when it is not known."""
    try:
        import chinese_calendar
        return chinese_calendar.is_workday(day)
    except (NotImplementedError, ImportError):
        return None


def is_workday(day: dt.date, holidays: set[dt.date], extra_workdays: set[dt.date], statutory: bool = True,
               unknown: set[int] | None = None) -> bool:
    if day in extra_workdays:
        return True
    if day in holidays:
        return False
    if statutory:
        known = _statutory(day)
        if known is not None:
            return known
        if unknown is not None:
            unknown.add(day.year)
        if (day.month, day.day) in FIXED:
            return False
    return day.weekday() < 5


def publication_period(start: dt.date, days: int, calendar: dict | None = None) -> Period:
    """First and last day of `days` working days, counting `start` if it is a working day.

    `calendar` is the profile's `[calendar]` section (statutory, holidays, extra_workdays)."""
    calendar = calendar or {}
    hol = {_date(d) for d in calendar.get("holidays", ())}
    extra = {_date(d) for d in calendar.get("extra_workdays", ())}
    statutory = calendar.get("statutory", True)
    unknown: set[int] = set()

    def work(d: dt.date) -> bool:
        return is_workday(d, hol, extra, statutory, unknown)

    day = start
    while not work(day):
        day += dt.timedelta(days=1)
    first, counted = day, 1
    while counted < days:
        day += dt.timedelta(days=1)
        if work(day):
            counted += 1
    return Period(first, day, days, sorted(unknown))


def _date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))

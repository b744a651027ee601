"""Working days for publication periods (公示期)."""
from __future__ import annotations

import datetime as dt


def is_workday(day: dt.date, holidays: set[dt.date], extra_workdays: set[dt.date]) -> bool:
    if day in extra_workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def publication_period(start: dt.date, days: int, holidays=(), extra_workdays=()) -> tuple[dt.date, dt.date]:
    """First and last day of `days` working days, counting `start` if it is a working day."""
    hol = {_date(d) for d in holidays}
    extra = {_date(d) for d in extra_workdays}
    day = start
    while not is_workday(day, hol, extra):
        day += dt.timedelta(days=1)
    first, counted = day, 1
    while counted < days:
        day += dt.timedelta(days=1)
        if is_workday(day, hol, extra):
            counted += 1
    return first, day


def _date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))

"""Weekdays as findings and the 安排 sheet name them: 周一、周三, and the weekdays of each group of rows."""
from __future__ import annotations

import pandas as pd

from ..io.clock import weekday_name


def weekdays(days) -> str:
    return "、".join(weekday_name(d) for d in days)


def with_days(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The first row of each value of `keys`, in the order they first appear, with `days`: the
    weekdays of all its rows (a row for 周一至周五 is one line, not five). One pass over the rows,
    each key's values by their codes: a Python function per group cost a school's findings more
    than the rules that found them."""
    if frame.empty:
        return frame.assign(days="")
    codes = zip(*(pd.factorize(frame[k], sort=False)[0] for k in keys))
    seen: dict[tuple, int] = {}
    firsts: list[int] = []
    on: list[set] = []
    for i, (key, day) in enumerate(zip(codes, frame["day"].to_numpy(dtype=object))):
        j = seen.setdefault(key, len(firsts))
        if j == len(firsts):
            firsts.append(i)
            on.append(set())
        on[j].add(day)
    return frame.iloc[firsts].assign(days=[weekdays(sorted(d)) for d in on]).reset_index(drop=True)

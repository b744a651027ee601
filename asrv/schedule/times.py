"""Each 安排 row's start and end: from 开始时间/结束时间, a whole range typed in 开始时间, or 时间.

The cells are already parsed by the reader (a bad cell is a CELL-TIME finding there); here a row
whose times are missing or reversed is a finding at the cell to fix.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..findings import ERROR, Finding

# Where to point for a missing time: the column the sheet has, in this order.
_MISSING_AT = {"start": ("start", "time", "end"), "end": ("end", "time", "start")}
_ZH = {"start": "开始时间", "end": "结束时间"}


def _time(v) -> dt.time | None:
    return v if isinstance(v, dt.time) else None


def _range(v) -> tuple[dt.time, dt.time] | None:
    return v if isinstance(v, tuple) and len(v) == 2 else None


def row_times(t, starts: pd.Series, ends: pd.Series, ranges: pd.Series, problems: list[Finding],
              bad: set[str]) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """(start, end, start cell, end cell) per row: times, or None where the row has none."""
    where = {"file": t.file, "sheet": t.sheet}
    start, end, at_s, at_e = {}, {}, {}, {}
    for r in t.df.index:
        if {t.cell("start", r), t.cell("end", r), t.cell("time", r)} & bad:
            continue
        s, e = _time(starts.get(r)), _time(ends.get(r))
        cs, ce = t.cell("start", r), t.cell("end", r)
        whole = _range(starts.get(r))
        if whole is not None:
            if e is not None and e != whole[1]:
                problems.append(Finding("CELL-TIME", ERROR, f"「开始时间」已写时间段，与「结束时间」{e:%H:%M} 不一致",
                                        cell=ce, value=f"{e:%H:%M}", **where))
            (s, e), ce = whole, cs
        whole = _range(ranges.get(r))
        if s is None and e is None and whole is not None:
            s, e = whole
            cs = ce = t.cell("time", r)
        if s is None or e is None:
            which = "start" if s is None else "end"
            column = next(c for c in _MISSING_AT[which] if t.has(c))
            problems.append(Finding("CELL-TIME", ERROR, f"缺少「{_ZH[which]}」", cell=t.cell(column, r), **where))
            continue
        if e <= s:
            problems.append(Finding("CELL-TIME", ERROR, f"结束时间 {e:%H:%M} 不晚于开始时间 {s:%H:%M}",
                                    cell=ce, value=f"{e:%H:%M}", **where))
            continue
        start[r], end[r], at_s[r], at_e[r] = s, e, cs, ce
    idx = t.df.index
    return tuple(pd.Series([d.get(r) for r in idx], index=idx, dtype=object) for d in (start, end, at_s, at_e))

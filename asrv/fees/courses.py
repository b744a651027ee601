"""The lines of a school's 收费公示: each course, its standard, who took it and the materials charged."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .sheets import BASIC, PERSONAL

BY = ["school", "mode", "course"]


@dataclass
class CourseLine:
    """One line of the 收费公示: a course, its standard and who took it."""

    course: str
    mode: str
    fee: int | None
    materials_standard: str = ""
    time: str = ""
    content: str = ""
    provider: str = ""
    students: int = 0
    materials_charged: int = 0
    materials_each: tuple[int, int] | None = None  # lowest and highest materials charge of one row
    fee_at: tuple[str, str, str] | None = None      # (file, sheet, cell) of the 课程 sheet's 收费标准


class CourseStats:
    """What the enrollment shows of every (school, mode, course), each figure one groupby over the
    district: a school's own groupby per figure cost a hundred times the fixed price of each."""

    def __init__(self, enr: pd.DataFrame):
        counts = enr.groupby(BY, sort=False)["key"].nunique()
        self.counts: dict[str, list[tuple[tuple[str, str], int]]] = {}  # school -> its lines, as first enrolled
        for (school, mode, course), n in counts.items():
            self.counts.setdefault(school, []).append(((mode, course), int(n)))
        self.count = {k: int(n) for k, n in counts.items()}
        charged = enr[enr["materials"] > 0].groupby(BY, sort=False)["materials"]
        self.lows, self.highs, self.sums = (dict(x.items()) for x in (charged.min(), charged.max(), charged.sum()))
        # The usual fee: the most frequent, the lowest of equally frequent ones (Series.mode().iloc[0]).
        n = enr.groupby([*BY, "fee"], sort=False).size().rename("n").reset_index()
        n = n.sort_values(["n", "fee"], ascending=[False, True], kind="stable").drop_duplicates(BY)
        self.usual = {(s, m, c): int(f) for s, m, c, f in zip(n["school"], n["mode"], n["course"], n["fee"])}


def course_lines(data, school: str, stats: CourseStats, listed: pd.DataFrame) -> list[CourseLine]:
    """The 课程 sheet's lines (`listed`: the school's rows) when given; otherwise what the enrollment
    shows, with its usual fee."""
    lines = []
    for c in listed.to_dict("records"):
        mode = c["mode"] if isinstance(c["mode"], str) else PERSONAL
        at = data.where(c["_tab"], "fee", c["_row"])
        lines.append(CourseLine(c["course"], mode, int(c["fee"]), _text(c["materials_standard"]), _text(c["time"]),
                                _text(c["content"]), _text(c["provider"]),
                                stats.count.get((school, mode, c["course"]), 0),
                                fee_at=(at["file"], at["sheet"], at["cell"])))
    known = {(ln.mode, ln.course) for ln in lines}
    for (mode, course), n in stats.counts.get(school, []):
        if (mode, course) not in known:
            lines.append(CourseLine(course or ("普惠托管" if mode == BASIC else "未写课程"), mode,
                                    stats.usual.get((school, mode, course)), students=n))
    for ln in lines:
        key = (school, ln.mode, ln.course)
        ln.materials_charged = int(stats.sums.get(key, 0))
        if key in stats.lows:
            ln.materials_each = (int(stats.lows[key]), int(stats.highs[key]))
    return sorted(lines, key=lambda ln: (ln.mode != BASIC,))


def _text(v) -> str:
    return v if isinstance(v, str) else ""

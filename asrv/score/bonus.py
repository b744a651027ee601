"""Team and individual award points (篇3 二、2—4, 8): levels, places, once per event, filters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..io import Table
from ..io.keys import class_id
from ..io.schema import norm
from ..profile import Profile
from .rules import records

PRIZE_INDEX = {"一等奖": 0, "二等奖": 1, "三等奖": 2}


@dataclass
class AwardLine:
    row: int
    class_name: str
    kind: str
    student: str
    event: str
    level: str
    prize: str
    place: int | None
    count: int | None
    date: dt.date | None
    by_education_dept: str
    worth: float = 0.0      # what the record is worth by the tables, counted or not
    counted: bool = False
    reason: str = ""
    outside_year: bool = False  # not counted for its date: also a SCORE-AWARD-YEAR finding

    @property
    def key(self) -> str:
        return class_id(self.class_name)

    @property
    def points(self) -> float:
        return self.worth if self.counted else 0.0


def level_points(profile: Profile, kind: str) -> dict[str, list[float]]:
    """Explicit levels from the profile; each higher level is `higher_factor` × the one below."""
    bonus = profile["score.bonus"]
    table = dict(bonus["team" if kind == "团体" else "individual"])
    previous = None
    for level in bonus["levels"]:
        if level in table:
            previous = table[level] if level not in bonus["place_levels"] else previous
        elif previous is not None and level not in bonus["place_levels"]:
            table[level] = previous = [p * bonus["higher_factor"] for p in previous]
    return table


def prize_of(place: int, profile: Profile) -> str | None:
    for prize, (low, high) in profile["score.bonus.place_to_prize"].items():
        if low <= place <= high:
            return prize
    return None


def evaluate(t: Table | None, profile: Profile, year: tuple[dt.date, dt.date]) -> list[AwardLine]:
    if t is None:
        return []
    lines = [_line(row, rec) for row, rec in zip(t.df.index, records(t.df))]
    tables = {"团体": level_points(profile, "团体"), "个人": level_points(profile, "个人")}
    for line in lines:
        _points(line, profile, tables[line.kind], year)
    _once_per_event(lines)
    return lines


def _line(row: int, rec: dict) -> AwardLine:
    get = rec.get  # optional columns that are absent are absent from the record
    place, count = get("place"), get("count")
    return AwardLine(
        row=row, class_name=rec["class"], kind=rec["kind"], student=get("student") or "", event=rec["event"],
        level=rec["level"], prize=get("prize") or "", place=int(place) if place is not None else None,
        count=int(count) if count is not None else None, date=get("date"),
        by_education_dept=get("by_education_dept") or "")


def _points(line: AwardLine, profile: Profile, table: dict[str, list[float]], year) -> None:
    bonus = profile["score.bonus"]
    if line.by_education_dept == "否" or (not line.by_education_dept and not bonus["blank_organizer_counts"]):
        line.reason = "非教育部门组织的比赛不计分（篇3 二、2）"
        return
    if line.date is None and not bonus["blank_date_counts"]:
        line.reason = "获奖日期空白，无法确认为本学年，不计分（篇3 二、8）"
        return
    if line.date is not None and not year[0] <= line.date <= year[1]:
        line.reason = f"不在本学年（{year[0]:%Y-%m-%d} 至 {year[1]:%Y-%m-%d}）内，不计分（篇3 二、8）"
        line.outside_year = True
        return
    if any(word in line.event for word in bonus["excluded_events"]):
        line.reason = "上年获得的优秀班集体等荣誉不纳入计分（篇3 二、8）"
        return
    points = table.get(line.level)
    if line.place is None and not line.prize:  # AWARD-PRIZE, unless a profile turned it off
        line.reason = "未填「等第」或「名次」，不计分（篇3 二、2—4）"
        return
    if points is None:
        line.reason = f"{line.kind}奖没有「{line.level}」的计分标准（篇3 二、2—3）"
        return
    if line.level in bonus["place_levels"]:  # 段级: by place (第1、2名加2、1分，第三、四名不得分)
        place = line.place if line.place is not None else PRIZE_INDEX[line.prize] + 1
        value = points[place - 1] if place <= len(points) else 0
        if value == 0:
            line.reason = f"段级第{place}名不得分（篇3 二、2）"
            return
    else:
        prize = line.prize or prize_of(line.place, profile)
        if prize is None:
            line.reason = f"第{line.place}名不在获奖名次（1—8 名）内，不计分（篇3 二、4）"
            return
        if not line.prize:
            line.prize = prize
        value = points[PRIZE_INDEX[prize]]
    team_of_school = line.kind == "个人" and line.count is not None
    if team_of_school:
        value *= line.count
    line.worth, line.counted = float(value), True
    if team_of_school:
        line.reason = f"学校组队：本班 {line.count} 人 × 每人 {value / line.count:g} 分（篇3 二、3）"
    elif line.date is None:
        line.reason = "日期空白，按本学年计"


def _once_per_event(lines: list[AwardLine]) -> None:
    """The same event counts once, at its highest record: per class (team) or per student."""
    best: dict[tuple, AwardLine] = {}
    for line in lines:
        if not line.counted:
            continue
        who = "" if line.kind == "团体" else (norm(line.student) or "(校队)")
        key = (line.key, line.kind, who, norm(line.event))
        kept = best.get(key)
        if kept is None or line.worth > kept.worth:
            if kept is not None:
                _drop(kept, line)
            best[key] = line
        else:
            _drop(line, kept)


def _drop(line: AwardLine, kept: AwardLine) -> None:
    line.counted = False
    line.reason = (f"同一项目已按更高一次计分（获奖第 {kept.row} 行，{kept.level}{kept.prize}），"
                   f"本条不重复计分（篇3 二、2—3）")

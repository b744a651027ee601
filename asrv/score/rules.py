"""The rules of the excellent-class evaluation (篇3), declared in the one registry (asrv.registry),
and the checks of a classes workbook's cells that are not the reader's (ranges set by the profile,
prizes, deductions, class names). Each check appends findings; none raises."""
from __future__ import annotations

import math

import pandas as pd

from ..findings import Finding
from ..io import Table
from ..io.cells import clean_text, parse_number
from ..io.keys import class_key
from ..profile import Profile
from ..registry import declare, finding

FAMILY = "score"
for _id, _title, _source, _level, _keys in [
    ("SCORE-RATING-RANGE", "评分不超过该项满分，不低于 0", "篇3 三", "error", ("score.items",)),
    ("SCORE-ITEM-MISSING", "每个班级每个基础项目都有评分（缺项按 0 分计）", "篇3 三", "warning", ("score.items",)),
    ("SCORE-CLASS-NAME", "班级名称可识别（如 三(2)班）", "", "error", ()),
    ("SCORE-SCHOOL-DUPLICATE", "每所学校只报送一个评价工作簿", "", "error", ()),
    ("SCORE-FITNESS-MISSING", "每个班级都有体测记录，才能确认是否一票否决", "篇3 二、6", "warning",
     ("score.fitness.veto_ratings",)),
    ("SCORE-FITNESS-SCHOOL", "体测文件与评价工作簿属于同一所学校", "篇3 二、6", "error", ()),
    ("SCORE-QUOTA-TIE", "推荐名额处同分的班级均予推荐（推荐名额 {score.quota} 个）", "篇3 二、9", "warning", ("score.quota",)),
    ("SCORE-AWARD-YEAR", "只计本学年的获奖记录（学年起始 {score.academic_year_start}）", "篇3 二、8", "warning",
     ("score.academic_year_start",)),
    ("AWARD-PRIZE", "获奖记录填写了「等第」或「名次」", "篇3 二、2—4", "error", ("score.bonus.place_to_prize",)),
    ("INCIDENT-OUT-OF-YEAR", "只扣本学年内的事件", "篇3 二、8", "warning", ("score.academic_year_start",)),
    ("INCIDENT-DEDUCTION", "事件的扣分比例在 0 到 100% 之间", "篇3 二、7", "error", ("score.incidents.deductions",)),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level, keys=_keys)


def add(out: list[Finding], profile: Profile, rule_id: str, message: str, **where) -> None:
    """Append a finding at the profile's level; nothing when the profile turns the rule off."""
    f = finding(profile, rule_id, message, **where)
    if f is not None:
        out.append(f)


def check_class_names(t: Table, profile: Profile, out: list[Finding]) -> None:
    """A class of the award is a class: `0.5` or `篮球队` in 班级 cannot be matched or ranked."""
    for row, name in t.df["class"].items():
        if name is not None and class_key(name).number is None:
            add(out, profile, "SCORE-CLASS-NAME", f"「{name}」不是可识别的班级名称，应写作 三(2)班 或 三年级2班",
                value=name, **t.where("class", row))


def check_ratings(t: Table, profile: Profile, out: list[Finding], bad: set) -> None:
    items = profile["score.items"]
    for row, rec in zip(t.df.index, records(t.df)):
        if rec["item"] is not None and rec["score"] is not None and not rec["score"] > items[rec["item"]]["max"]:
            continue  # nothing to say: most rows, so the cells are not looked up
        if (t.sheet, t.cell("item", row)) in bad or (t.sheet, t.cell("score", row)) in bad:
            continue  # already reported as unreadable; not again as blank
        if rec["item"] is None:
            add(out, profile, "CELL-BLANK", "「项目」不能为空", **t.where("item", row))
        elif rec["score"] is None:
            add(out, profile, "CELL-BLANK", "「分数」不能为空", **t.where("score", row))
        elif rec["score"] > items[rec["item"]]["max"]:
            item = items[rec["item"]]
            add(out, profile, "SCORE-RATING-RANGE", f"「{item['label']}」满分 {item['max']} 分，分数 {rec['score']:g} 超出",
                value=rec["score"], **t.where("score", row))


def records(df: pd.DataFrame) -> list[dict]:
    """`df.to_dict("records")` of an object frame, without pandas boxing every cell on the way."""
    columns = list(df.columns)
    return [dict(zip(columns, values)) for values in zip(*(df[c].tolist() for c in columns))]


def check_awards(t: Table, profile: Profile, out: list[Finding], bad: set) -> None:
    excluded = profile["score.bonus.excluded_events"]
    has_prize, has_place = t.has("prize"), t.has("place")
    for row, rec in zip(t.df.index, records(t.df)):
        prize = rec["prize"] if has_prize else None
        place = rec["place"] if has_place else None
        honour = rec["event"] is not None and any(w in rec["event"] for w in excluded)
        if (prize is not None or place is not None or honour) and rec["event"] is not None:
            continue  # nothing to say: most rows, so the cells are not looked up
        if any((t.sheet, t.cell(f, row)) in bad for f in ("prize", "place", "event")):
            continue
        if prize is None and place is None and not honour:  # an honour (优秀班集体) has no prize
            add(out, profile, "AWARD-PRIZE", "「等第」和「名次」至少填一项", **t.where("prize" if has_prize else "level", row))
        if rec["event"] is None:
            add(out, profile, "CELL-BLANK", "「项目」不能为空（同一项目只计最高一次）", **t.where("event", row))


def deduction(v: object) -> float:
    """`10%`, `0.1` or `10` → 0.1. The reader's rate kind reads a bare number above 1 as a
    percentage, so a cell formatted as 150 % (stored 1.5) would pass as 1.5 %: here a bare number is
    a share up to 1, a whole percentage from 1 to 100, and anything else is refused."""
    text = clean_text(v)
    percent = text.endswith("%")
    x = parse_number(text[:-1] if percent else text)
    if percent:
        x /= 100
    elif x > 1 and x.is_integer():
        x /= 100
    if math.isnan(x) or not 0 <= x <= 1:
        raise ValueError
    return x


def check_deductions(t: Table, profile: Profile, out: list[Finding]) -> None:
    """Parse 事件!扣分比例 in place (None where blank); a share outside 0–100 % is an error at its cell."""
    if not t.has("deduction"):
        return
    parsed = []
    for row, v in t.df["deduction"].items():
        try:
            parsed.append(None if v is None else deduction(v))
        except ValueError:
            parsed.append(None)
            add(out, profile, "INCIDENT-DEDUCTION",
                f"扣分比例应在 0 到 100% 之间，如 10%、0.1 或 10，实际为「{v}」", value=v, **t.where("deduction", row))
    # object dtype: a float column would turn blank (None, "use the default") into NaN.
    t.df["deduction"] = pd.Series(parsed, index=t.df.index, dtype=object)

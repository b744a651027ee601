"""The lunch rules (篇2 三(一)), declared in the one registry; one vectorised function each."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from ..attendance.frames import day, emit
from ..findings import Finding
from ..registry import declare
from .load import Data

FAMILY = "meals"
M = "meals."
for _id, _title, _level, _keys in [
    ("MEAL-RATE", "每个开餐日供餐人数不少于需要人数（供餐人数 ÷ 需要人数不低于 {meals.provision_minimum}）", "error",
     (M + "provision_minimum",)),
    ("MEAL-NO-DATA", "开餐日历中的每个开餐日都有就餐记录（需要人数、供餐人数）", "warning", ()),
    ("MEAL-ACCOMPANY", "每个开餐日（{meals.meals}）都有陪餐记录", "error", (M + "meals",)),
    ("MEAL-ACCOMPANY-ROLE", "陪餐人为学校负责人（职务：{meals.leader_titles}）", "error", (M + "leader_titles",)),
    ("MEAL-ISSUE-OPEN", "陪餐发现的问题（或饭菜质量、卫生评为 {meals.poor_ratings}）都有整改措施和整改日期", "error",
     (M + "poor_ratings", M + "no_issue")),
    ("MEAL-SAMPLE", "每餐每个菜品留样不少于 {meals.sample.min_grams} 克、保存不少于 {meals.sample.min_hours} 小时", "error",
     (M + "sample.min_grams", M + "sample.min_hours")),
]:
    declare(_id, _title, FAMILY, source="篇2 三(一)", severity=_level, keys=_keys)

DAY = ["school", "date", "meal"]
_TITLES = re.compile(r"[、,，/;；\s]+|兼")


@dataclass
class Check:
    data: Data
    profile: object
    days: pd.DataFrame                       # the meal days: (school, date, meal, tab, line)
    findings: list[Finding] = field(default_factory=list)

    def cfg(self, key: str):
        return self.profile[M + key]

    def emit(self, rule: str, rows: pd.DataFrame, fields, message, value=None) -> None:
        emit(self.findings, self.profile, self.data.sources, rule, rows, fields, message, value)


def has_rows(days: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    got = pd.MultiIndex.from_frame(rows[DAY].drop_duplicates()) if len(rows) else pd.MultiIndex.from_tuples(
        [], names=DAY)
    return pd.Series(pd.MultiIndex.from_frame(days[DAY]).isin(got), index=days.index)


def provision(c: Check) -> None:
    m = c.data["meals"].dropna(subset=["needed", "served"])
    low = c.cfg("provision_minimum")
    short = m[(m["needed"] > 0) & (m["served"] < m["needed"] * low - 1e-9)]
    c.emit("MEAL-RATE", short, "served", lambda r: f"{day(r.date)} {r.meal}{_unit(r)}需要 {int(r.needed)} 人、"
           f"供餐 {int(r.served)} 人，提供率 {r.served / r.needed:.1%}", lambda r: int(r.served))


def _unit(r) -> str:
    unit = " ".join(str(v) for v in (r.grade, r.klass) if v)
    return f"（{unit}）" if unit else ""


def no_data(c: Check) -> None:
    days = c.days[c.days["school"].isin(c.data.with_calendar)]
    c.emit("MEAL-NO-DATA", days[~has_rows(days, c.data["meals"])], ("open", "date"),
           lambda r: f"{day(r.date)} 是开餐日，「就餐」表没有这天{r.meal}的需要人数和供餐人数")


def leader_rows(c: Check) -> pd.DataFrame:
    """陪餐 rows whose 职务 (or one of them: 副校长兼教导主任) is a school leader's."""
    a = c.data["accompany"]
    leaders = set(c.cfg("leader_titles"))
    return a[a["title"].map(lambda t: bool(leaders & set(_TITLES.split(t)))).astype(bool)]  # bool also when empty


def accompany(c: Check) -> None:
    a = c.data["accompany"]
    c.emit("MEAL-ACCOMPANY", c.days[~has_rows(c.days, a)], ("open", "date"),
           lambda r: f"{day(r.date)} {r.meal}没有陪餐记录：学校负责人应陪餐并做好记录")
    led = leader_rows(c)[DAY].drop_duplicates().assign(led=True)
    first = a.drop_duplicates(DAY).merge(led, how="left", on=DAY)
    c.emit("MEAL-ACCOMPANY-ROLE", first[first["led"].isna()], "title",
           lambda r: f"{day(r.date)} {r.meal}的陪餐人 {r.person}（{r.title or '未填职务'}）不是学校负责人", lambda r: r.title)


def issues(c: Check) -> None:
    a = c.data["accompany"]
    fine, poor = set(c.cfg("no_issue")), set(c.cfg("poor_ratings"))
    said = (a["issue"] != "") & ~a["issue"].isin(fine)
    raised = said | a["quality"].isin(poor) | a["hygiene"].isin(poor)
    what = a["issue"].where(said, "饭菜质量" + a["quality"]).where(said | a["quality"].isin(poor), "卫生" + a["hygiene"])
    a = a.assign(what=what)
    no_fix, no_date = raised & (a["fix"] == ""), raised & (a["fix"] != "") & a["fixed_on"].isna()
    for rows, fields, lacks in ((a[no_fix], ("fix", "issue"), "整改措施"), (a[no_date], ("fixed_on", "fix"), "整改日期")):
        c.emit("MEAL-ISSUE-OPEN", rows, fields, lambda r, lacks=lacks: f"{day(r.date)} 陪餐发现的问题「{r.what}」"
               f"没有{lacks}" + ("和整改日期" if lacks == "整改措施" and r.fixed_on != r.fixed_on else ""),
               lambda r: r.what)


def samples(c: Check) -> None:
    s = c.data["samples"]
    days = c.days[c.days["school"].isin(c.data.with_samples)]
    c.emit("MEAL-SAMPLE", days[~has_rows(days, s)], ("open", "date"), lambda r: f"{day(r.date)} {r.meal}没有留样记录")
    grams = c.cfg("sample.min_grams")
    light = s[s["grams"].map(lambda g: g is None or g < grams)]
    c.emit("MEAL-SAMPLE", light, "grams", lambda r: f"{day(r.date)} {r.dish} " + (
        "未填写留样量" if r.grams is None else f"留样 {r.grams:g} 克，少于 {grams:g} 克"),
           lambda r: None if r.grams is None else f"{r.grams:g}")
    kept = [_moment(k, d) for k, d in zip(s["kept_at"], s["date"])]
    gone = [_moment(k, d) for k, d in zip(s["destroyed_at"], s["date"])]
    s = s.assign(kept=kept, gone=gone)
    hours = c.cfg("sample.min_hours")
    short = s[[k is not None and g is not None and (g - k).total_seconds() < hours * 3600 for k, g in zip(kept, gone)]]
    c.emit("MEAL-SAMPLE", short, "destroyed_at", lambda r: f"{day(r.date)} {r.dish} {r.kept:%m-%d %H:%M} 留样、"
           f"{r.gone:%m-%d %H:%M} 销毁，只保存 {_span(r.gone - r.kept)}（应不少于 {hours:g} 小时）",
           lambda r: f"{r.gone:%Y-%m-%d %H:%M}")


def _span(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} 小时" + (f" {minutes % 60} 分" if minutes % 60 else "")


def _moment(v, date) -> dt.datetime | None:
    """A 留样/销毁 time; a bare time is on the row's own date."""
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.time):
        return dt.datetime.combine(date.date(), v)
    return None

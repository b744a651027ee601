"""Service time and content: SCH-* rules, per row or per service group per weekday."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..grouped import running_max
from ..io.clock import parse_time
from ..io.grades import grade_word
from .days import weekdays, with_days
from .load import hhmm, minutes
from .rules import Context, rule

GROUP_DAY = ["file", "school", "group", "day"]


def _contains(text: pd.Series, words: list[str]) -> pd.Series:
    if not words:
        return pd.Series(False, index=text.index)
    return text.str.contains("|".join(map(re.escape, words)), regex=True)


def union_minutes(s: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per key: minutes covered by the union of [start, end) and the row ending last.

    Overlapping sessions of one group (the class split into two clubs) count once. In numpy over
    the rows sorted by key and start: ten groupings of pandas cost a school's few hundred sessions
    20 ms, and a district run checks each school on its own. A missing end is passed over, and
    the row after it opens a span, as pandas' cumulative maximum has it.
    """
    if s.empty:
        return s.assign(minutes=pd.Series(dtype=float))
    start, end = s["start"].to_numpy(dtype=float), s["end"].to_numpy(dtype=float)
    codes = []
    for k in keys:  # each key's values numbered in their sorted order, as sort_values orders them
        c, u = pd.factorize(s[k], sort=True)
        codes.append(c)
    order = np.lexsort([end, start, *reversed(codes)])   # stable, NaN times last: sort_values' order
    start, end = start[order], end[order]
    first = np.r_[True, np.any([c[order][1:] != c[order][:-1] for c in codes], axis=0)] if len(order) > 1 else \
        np.ones(len(order), dtype=bool)
    group = np.cumsum(first) - 1                               # 0, 0, 1, 1, 1, 2 …: keys sorted
    reach = running_max(end, group)                  # the latest end so far in its key
    before = np.r_[np.nan, reach[:-1]]
    opens = first | np.isnan(before) | (start > before)
    spans = np.flatnonzero(opens)
    minutes = np.fmax.reduceat(end, spans) - np.fmin.reduceat(start, spans)
    totals = np.bincount(group[spans], weights=np.nan_to_num(minutes, nan=0.0))
    ending_last = np.flatnonzero(end == np.fmax.reduceat(end, np.flatnonzero(first))[group])
    _, last = np.unique(group[ending_last], return_index=True)   # a key's first row ending last
    rows = ending_last[last]   # none for a key whose every end is missing: it is left out
    # Only those rows are taken from the frame: reordering all of it first cost a copy of every column.
    out = s.iloc[order[rows]][keys + [c for c in s.columns if c not in keys]].reset_index(drop=True)
    return out.assign(minutes=totals[group[rows]])


def _by_cell(frame: pd.DataFrame, at: str, same: list[str] = ()) -> pd.DataFrame:
    """One line per offending cell (and equal `same` values), its weekdays joined in `days`:
    a row for 周一至周五 breaking a limit every day is one finding, not five."""
    return with_days(frame, ["file", at, *same])


@rule("SCH-DAY", "只在上学日开展（{schedule.school_days}，1 为周一）",
      source="篇1 三(二)", severity="error", keys=("schedule.school_days",))
def school_day(ctx: Context) -> None:
    days = ctx.cfg("school_days")
    bad = _by_cell(ctx.sessions[~ctx.sessions["day"].isin(days)], "at_weekday")
    ctx.emit_rows("SCH-DAY", bad, "at_weekday", lambda r: r.days,
                  lambda r: f"{r.group} 安排在{r.days}：课后服务只在上学日（{weekdays(days)}）开展")


@rule("SCH-END", "结束时间不晚于上限：{schedule.end.latest}",
      source="篇1 三(二)", severity="error", keys=("schedule.end.latest",))
def end_time(ctx: Context) -> None:
    latest = {k: minutes(parse_time(v)) for k, v in ctx.cfg("end.latest").items()}
    rows = ctx.rows
    bad = rows[rows["end"] > rows["stage"].map(latest)]
    ctx.emit_rows("SCH-END", bad, "at_end", lambda r: hhmm(r.end),
                  lambda r: f"结束时间 {hhmm(r.end)} 晚于{r.stage}上限 {hhmm(latest[r.stage])}")


def _off_work(ctx: Context, frame: pd.DataFrame, column: str) -> pd.Series:
    """The 学校 sheet's time for each row: by school and 学段 first, then by school alone."""
    sc = ctx.schools.dropna(subset=[column])
    if sc.empty:
        return pd.Series(float("nan"), index=frame.index)
    by_stage = sc.dropna(subset=["stage"]).drop_duplicates(["file", "school", "stage"]).set_index(
        ["file", "school", "stage"])[column]
    by_school = sc.drop_duplicates(["file", "school"]).set_index(["file", "school"])[column]
    k3 = pd.MultiIndex.from_frame(frame[["file", "school", "stage"]])
    k2 = pd.MultiIndex.from_frame(frame[["file", "school"]])
    a = pd.Series(by_stage.reindex(k3).to_numpy(), index=frame.index)
    b = pd.Series(by_school.reindex(k2).to_numpy(), index=frame.index)
    return a.where(a.notna(), b)


@rule("SCH-END-MIN", "结束时间不早于当地正常下班时间（学校表的「下班时间」）",
      source="N2", severity="off", keys=())
def end_not_before_off_work(ctx: Context) -> None:
    last = union_minutes(ctx.school_day_sessions, GROUP_DAY)
    off = _off_work(ctx, last, "off_work")
    missing = last[off.isna()].drop_duplicates(["file", "school"])
    for r in missing.itertuples(index=False):
        ctx.emit("SCH-END-MIN", r.school, r.file, "学校", "", r.school,
                 f"{r.school} 未在「学校」表填写下班时间，无法核对结束时间不早于下班时间", severity="warning")
    bad = last.assign(off=off)
    bad = _by_cell(bad[bad["end"] < bad["off"]], "at_end", ["end", "off"])
    ctx.emit_rows("SCH-END-MIN", bad, "at_end", lambda r: hhmm(r.end),
                  lambda r: f"{r.group} {r.days}服务结束于 {hhmm(r.end)}，早于当地下班时间 {hhmm(r.off)}")


@rule("SCH-LEN", "每个服务班每天的服务总时长：不超过 {schedule.length.max_minutes} 分钟、不少于 {schedule.length.min_minutes} 分钟（0 为不限）",
      source="篇1 三(二)", severity="error", keys=("schedule.length.max_minutes", "schedule.length.min_minutes"))
def length(ctx: Context) -> None:
    most, least = ctx.cfg("length.max_minutes"), ctx.cfg("length.min_minutes")
    total = union_minutes(ctx.school_day_sessions, GROUP_DAY)
    if most:
        bad = _by_cell(total[total["minutes"] > most], "at_end", ["minutes"])
        ctx.emit_rows("SCH-LEN", bad, "at_end", lambda r: int(r.minutes),
                      lambda r: f"{r.group} {r.days}服务共 {int(r.minutes)} 分钟，超过 {most} 分钟上限")
    if least:
        bad = _by_cell(total[total["minutes"] < least], "at_end", ["minutes"])
        ctx.emit_rows("SCH-LEN", bad, "at_end", lambda r: int(r.minutes),
                      lambda r: f"{r.group} {r.days}服务共 {int(r.minutes)} 分钟，不足 {least} 分钟")


def _is_study(ctx: Context, s: pd.DataFrame) -> pd.Series:
    words = ctx.cfg("study.keywords")
    return _contains(s["category"], words) | _contains(s["activity"], words)


@rule("SCH-STUDY", "作业辅导、答疑等学习性活动每班每天不超过一个课时（{schedule.study.max_minutes} 分钟）",
      source="篇1 三(三)", severity="error", keys=("schedule.study.keywords", "schedule.study.max_minutes"))
def study_time(ctx: Context) -> None:
    s = ctx.school_day_sessions
    study = s[_is_study(ctx, s)]
    if study.empty:
        return
    limit = ctx.cfg("study.max_minutes")
    total = union_minutes(study, GROUP_DAY)
    bad = _by_cell(total[total["minutes"] > total["stage"].map(limit)], "at_activity", ["minutes"])
    ctx.emit_rows("SCH-STUDY", bad, "at_activity", lambda r: int(r.minutes),
                  lambda r: f"{r.group} {r.days}作业辅导、答疑等学习性活动共 {int(r.minutes)} 分钟，"
                            f"超过一个课时（{r.stage} {limit[r.stage]} 分钟）")


@rule("SCH-HOMEWORK", "{schedule.homework.grades} 年级不得布置书面作业",
      source="篇1 三(三)", severity="error", keys=("schedule.homework.grades",))
def homework(ctx: Context) -> None:
    rows = ctx.rows
    grades = [float(g) for g in ctx.cfg("homework.grades")]
    bad = rows[rows["grade"].isin(grades) & (rows["written_homework"] == "是")]
    ctx.emit_rows("SCH-HOMEWORK", bad, "at_homework", lambda r: "是",
                  lambda r: f"{grade_word(int(r.grade))}年级（{r.group}）安排了书面作业：小学一二年级不得借课后服务布置书面家庭作业")


@rule("SCH-TEACHING", "不得变相集体教学或补课（类别 {schedule.teaching.categories}；内容含 {schedule.teaching.keywords}）",
      source="篇1 三(三)", severity="error", keys=("schedule.teaching.categories", "schedule.teaching.keywords"))
def teaching(ctx: Context) -> None:
    rows = ctx.rows
    by_category = rows["category"].isin(ctx.cfg("teaching.categories"))
    words = ctx.cfg("teaching.keywords")
    by_word = _contains(rows["activity"], words) | _contains(rows["category"], words)
    message = "「{}」：严禁将课后服务办成变相集体教学或变相补课"
    cat = rows[by_category]
    ctx.emit_rows("SCH-TEACHING", cat, "at_category", lambda r: r.category,
                  lambda r: message.format(r.category))
    act = rows[by_word & ~by_category]
    ctx.emit_rows("SCH-TEACHING", act, "at_activity", lambda r: r.activity,
                  lambda r: message.format(r.activity))


@rule("SCH-AFTER-DISMISSAL", "在正常放学后开始（学校表的「放学时间」）",
      source="篇1 三(二)", severity="warning", keys=())
def after_dismissal(ctx: Context) -> None:
    rows = ctx.school_day_sessions.drop_duplicates(["file", "row"])
    dismissal = _off_work(ctx, rows, "dismissal")
    bad = rows.assign(dismissal=dismissal)
    bad = bad[bad["start"] < bad["dismissal"]]
    ctx.emit_rows("SCH-AFTER-DISMISSAL", bad, "at_start", lambda r: hhmm(r.start),
                  lambda r: f"开始时间 {hhmm(r.start)} 早于放学时间 {hhmm(r.dismissal)}：课后服务应在正常放学后进行")


@rule("SCH-SCOPE", "早到校看管、午餐午休看管、晚自习不属于课后服务（内容含 {schedule.scope.keywords}）",
      source="N4", severity="off", keys=("schedule.scope.keywords",))
def scope(ctx: Context) -> None:
    rows = ctx.rows
    words = ctx.cfg("scope.keywords")
    bad = rows[_contains(rows["activity"], words) | _contains(rows["category"], words)]
    ctx.emit_rows("SCH-SCOPE", bad, "at_activity", lambda r: r.activity,
                  lambda r: f"「{r.activity}」不属于课后服务（早到校看管、午餐午休看管、晚自习不得计入）")


@rule("SCH-FIVE-DAYS", "每个服务班每个上学日都有服务",
      source="N2", severity="off", keys=("schedule.school_days",))
def five_days(ctx: Context) -> None:
    days = ctx.cfg("school_days")
    s = ctx.sessions.sort_values(["file", "row"])
    served = s.groupby(["file", "school", "group"], sort=False)["day"].agg(set)
    first = s.drop_duplicates(["file", "school", "group"]).set_index(["file", "school", "group"])
    first = first.assign(missing=served.map(lambda got: [d for d in days if d not in got]))
    bad = first[first["missing"].map(bool)].reset_index()
    ctx.emit_rows("SCH-FIVE-DAYS", bad, "at_group", lambda r: weekdays(r.missing),
                  lambda r: f"{r.group} 缺少{weekdays(r.missing)}的服务：应覆盖每周全部 {len(days)} 个上学日")

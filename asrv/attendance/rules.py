"""The rules of attendance and hand-over (篇1 四(三)), declared in the one registry; one small,
vectorised function each over all schools' frames. Staff sign-in and fee rules: `rules_extra`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..findings import Finding
from ..registry import declare
from .data import Data
from .frames import day, emit, hhmm
from .sheets import ABSENT, ALONE, DELEGATE, GATE, PARENT

FAMILY = "attendance"
A = "attendance."
for _id, _title, _source, _level, _keys in [
    ("ATT-NOT-ON-ROSTER", "考勤和离校记录中的学生都在课后服务名单中，且在名单所列的服务班", "篇1 四(三)", "error", ()),
    ("ATT-NO-RECORD", "名单中的学生每个参加日都有考勤记录（有考勤记录的日子为服务日）", "篇1 四(三)", "error",
     (A + "service_days",)),
    ("ATT-DUPLICATE", "同一学生同一天只有一条考勤记录", "", "error", ()),
    ("ATT-UNREPORTED-ABSENCE", "无故缺勤的学生当天告知家长（填写告知家长时间）", "篇1 四(三)", "error", ()),
    ("ATT-NO-DEPARTURE", "在校学生（{attendance.present}）离校时有离校时间、接送人和交接教师", "篇1 四(三)", "error",
     (A + "present",)),
    ("ATT-PICKUP-UNAUTHORISED", "由授权接送人接走；自行离校须有家长同意（授权接送人表中关系为 {attendance.pickup.self_leave_relations}）",
     "篇1 四(三)", "error", (A + "pickup.self_leave_relations",)),
    ("ATT-LATE-PICKUP", "服务结束（{attendance.pickup.session_end}，或安排中的结束时间）后 {attendance.pickup.grace_minutes} 分钟内"
     "离校，否则交门卫", "篇1 四(三)", "warning", (A + "pickup.session_end", A + "pickup.grace_minutes")),
    ("ATT-BACKFILL", "考勤在 {attendance.backfill_days} 天内录入，不事后补录", "篇1 四(三)", "warning", (A + "backfill_days",)),
    ("ATT-ENTRY-EARLY", "录入日期不早于考勤日期（不预先填写考勤）", "篇1 四(三)", "warning", ()),
    ("ATT-RATE-LOW", "服务班出勤率（{attendance.rate.counted} ÷ 考勤记录数）不低于 {attendance.rate.minimum}", "篇1 四(三)",
     "warning", (A + "rate.minimum", A + "rate.counted")),
    ("ATT-STAFF-SIGNIN", "安排（--schedule）中的教师在每个服务日签到", "篇1 四(三)", "error", ()),
    ("ATT-STAFF-LATE", "教师不晚于当天第一段服务开始（宽限 {attendance.staff.grace_minutes} 分钟）签到、不早于最后一段结束签退",
     "篇1 四(三)", "warning", (A + "staff.grace_minutes",)),
    ("ATT-FEE-DAYS", "按出勤收费（--fees；计费方式 {attendance.fees.pro_rating}）：未出勤不收费，缺勤天数的费用不多收",
     "篇1 二(四)", "error", (A + "fees.pro_rating", A + "fees.billed", A + "fees.modes", A + "fees.tolerance")),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level, keys=_keys)

KEY = ["school", "student_id", "date"]
GROUP_DAY = ["school", "gkey", "date"]


@dataclass
class Check:
    data: Data
    profile: object
    expected: pd.DataFrame                # (school, student_id, gkey, date, tab, line): roster × service dates
    ends: pd.DataFrame | None = None      # (school, gkey, weekday, end) from --schedule
    findings: list[Finding] = field(default_factory=list)
    att: pd.DataFrame = None              # the records, duplicates of a student-day dropped

    def cfg(self, key: str):
        return self.profile[A + key]

    def emit(self, rule: str, rows: pd.DataFrame, fields, message, value=None, severity=None) -> None:
        emit(self.findings, self.profile, self.data.sources, rule, rows, fields, message, value, severity)

    def group(self, school: str, gkey: str) -> str:
        return self.data.group_names.get((school, gkey), gkey)


def duplicates(c: Check) -> None:
    att = c.data.att
    dup = att.duplicated(KEY, keep="first")
    first = att.groupby(KEY, sort=False)["line"].transform("first")
    c.emit("ATT-DUPLICATE", att[dup].assign(first=first[dup]), "student_id",
           lambda r: f"学号 {r.student_id} {day(r.date)} 已有考勤记录（第 {r.first} 行），此行重复", lambda r: r.student_id)
    c.att = att[~dup]


def roster_duplicates(c: Check) -> None:
    """A student in two groups on the same weekday is two places at once."""
    r = c.data.roster
    every = tuple(c.cfg("service_days"))
    days = r.assign(weekday=r["days"].map(lambda d: d if isinstance(d, tuple) and d else every)).explode("weekday")
    dup = days[days.duplicated(["school", "student_id", "weekday"])].drop_duplicates(["tab", "line"])
    c.emit("STUDENT-DUPLICATE", dup, "student_id",
           lambda r: f"学号 {r.student_id} 在名单中出现两次，参加日重叠（{r.group}）", lambda r: r.student_id)


def not_on_roster(c: Check) -> None:
    roster = c.data.roster
    enrolled = roster[["school", "student_id"]].drop_duplicates().assign(enrolled=True)
    in_group = roster[["school", "student_id", "gkey"]].drop_duplicates().assign(in_group=True)
    att = c.att.merge(enrolled, how="left", on=["school", "student_id"]).merge(
        in_group, how="left", on=["school", "student_id", "gkey"])
    c.emit("ATT-NOT-ON-ROSTER", att[att["enrolled"].isna()], "student_id",
           lambda r: f"学号 {r.student_id}（{r.group}）不在课后服务名单中", lambda r: r.student_id)
    elsewhere = att[att["enrolled"].notna() & att["in_group"].isna()]
    if len(elsewhere):  # each student's groups, worked out only when some record is in another
        groups = roster.groupby(["school", "student_id"])["gkey"].agg(lambda g: sorted(set(g)))
        c.emit("ATT-NOT-ON-ROSTER", elsewhere, "group",
               lambda r: f"学号 {r.student_id} 记在「{r.group}」，名单中该生在「"
                         f"{'、'.join(c.group(r.school, g) for g in groups[(r.school, r.student_id)])}」",
               lambda r: r.group)
    dep = c.data.dep.merge(enrolled, how="left", on=["school", "student_id"])
    c.emit("ATT-NOT-ON-ROSTER", dep[dep["enrolled"].isna()], "student_id",
           lambda r: f"离校记录中的学号 {r.student_id}（{day(r.date)}）不在课后服务名单中", lambda r: r.student_id)


def no_record(c: Check) -> None:
    have = c.att[KEY].assign(has=True)
    m = c.expected.merge(have, how="left", on=KEY)
    miss = m[m["has"].isna()]
    size = c.expected.groupby(GROUP_DAY).size()
    gone = miss.groupby(GROUP_DAY).size()
    whole = gone[(gone == size.reindex(gone.index)) & (gone > 1)]
    key = pd.MultiIndex.from_frame(miss[GROUP_DAY])
    in_whole = key.isin(whole.index)
    groups = miss[in_whole].drop_duplicates(GROUP_DAY).assign(n=lambda d: [whole[k] for k in zip(
        d["school"], d["gkey"], d["date"])])
    c.emit("ATT-NO-RECORD", groups, "group",
           lambda r: f"服务班 {c.group(r.school, r.gkey)} {day(r.date)} 没有任何考勤记录（名单中应到 {r.n} 人）")
    c.emit("ATT-NO-RECORD", miss[~in_whole], "student_id",
           lambda r: f"学号 {r.student_id}（{c.group(r.school, r.gkey)}）{day(r.date)} 是参加日，没有考勤记录",
           lambda r: r.student_id)


def unreported_absence(c: Check) -> pd.DataFrame:
    a = c.att[c.att["status"] == ABSENT]
    told = [isinstance(v, dt.time) or isinstance(v, dt.datetime) and v.date() == d.date()
            for v, d in zip(a["told_at"], a["date"])]
    bad = a[~pd.Series(told, index=a.index, dtype=bool)]
    c.emit("ATT-UNREPORTED-ABSENCE", bad, ("told_at", "status"),
           lambda r: f"学号 {r.student_id} {day(r.date)} 缺勤，" + (
               f"告知家长时间 {r.told_at:%Y-%m-%d %H:%M} 不是当天" if isinstance(r.told_at, dt.datetime)
               else "未记录告知家长时间"),
           lambda r: f"{r.told_at:%Y-%m-%d %H:%M}" if isinstance(r.told_at, dt.datetime) else None)
    return bad


def handovers(c: Check) -> pd.DataFrame:
    """Every present student-day with its departure (if any) and what the departure lacks."""
    present = c.att[c.att["status"].isin(c.cfg("present"))]
    dep = c.data.dep.rename(columns={"tab": "dtab", "line": "dline"})
    m = present.drop(columns=["left_at", "method", "picker", "teacher"]).merge(dep, how="left", on=KEY)
    lacks = pd.Series("", index=m.index)
    for name, missing in (("离校时间", m["left"].isna()), ("交接教师", m["teacher"] == ""),
                          ("接送人", (m["picker"] == "") & ~m["method"].isin([ALONE, GATE]))):
        lacks = lacks + missing.map({True: name + "、", False: ""})
    m["lacks"] = lacks.str.rstrip("、")
    m["found"] = m["dtab"].notna()
    return m


def no_departure(c: Check, m: pd.DataFrame) -> None:
    c.emit("ATT-NO-DEPARTURE", m[~m["found"]], "status",
           lambda r: f"学号 {r.student_id} {day(r.date)} 在校（{r.status}），没有离校与交接记录", lambda r: r.status)
    part = m[m["found"] & (m["lacks"] != "")]
    part = part.assign(tab=part["dtab"].astype(int), line=part["dline"].astype(int))
    fields = {"离校时间": "left_at", "交接教师": "teacher", "接送人": "picker"}
    for lack, f in fields.items():
        rows = part[part["lacks"].str.split("、").str[0] == lack]
        c.emit("ATT-NO-DEPARTURE", rows, (f, "student_id"),
               lambda r: f"学号 {r.student_id} {day(r.date)} 离校记录缺少{r.lacks}")


def pickups(c: Check) -> None:
    g = c.data.guardians
    d = c.data.dep[c.data.dep["school"].isin(c.data.guarded)].reset_index(drop=True)
    known = set(zip(g["school"], g["student_id"]))
    by_name = d[(d["method"].isin([PARENT, DELEGATE]) | (d["method"] == "")) & (d["picker"] != "")]
    _authorised(c, by_name, g, ["school", "student_id", "picker"], "picker", lambda r, until: (
        f"学号 {r.student_id} 在授权接送人表中没有授权接送人，{day(r.date)} 由「{r.picker}」接走"
        if (r.school, r.student_id) not in known else
        f"「{r.picker}」对学号 {r.student_id} 的接送授权已于 {day(until)} 到期（{day(r.date)} 接走）" if until else
        f"{day(r.date)} 接走学号 {r.student_id} 的「{r.picker}」不在该生的授权接送人中"))
    alone = d[d["method"] == ALONE]
    allowed = g[g["relation"].isin(c.cfg("pickup.self_leave_relations"))]
    _authorised(c, alone, allowed, ["school", "student_id"], ("method", "picker"), lambda r, until: (
        f"学号 {r.student_id} {day(r.date)} 自行离校，家长同意自行离校的授权已于 {day(until)} 到期" if until else
        f"学号 {r.student_id} {day(r.date)} 自行离校，但授权接送人表中没有家长同意自行离校的记录（关系为 本人）"))


def _authorised(c: Check, rows: pd.DataFrame, allowed: pd.DataFrame, on: list[str], fields, message) -> None:
    if rows.empty:
        return
    m = rows.reset_index(names="i").merge(allowed[[*on, "valid_until"]], how="left", on=on, indicator=True)
    listed = m["_merge"] == "both"
    valid = listed & (m["valid_until"].isna() | (m["valid_until"] >= m["date"]))
    ok = valid.groupby(m["i"]).any()
    until = m[listed].groupby("i")["valid_until"].max()
    bad = rows[~ok.reindex(rows.index, fill_value=False)]
    bad = bad.assign(until=[until.get(i) for i in bad.index])
    c.emit("ATT-PICKUP-UNAUTHORISED", bad, fields, lambda r: message(r, r.until if r.until == r.until else None),
           lambda r: r.picker or r.method)


def late_pickup(c: Check) -> pd.DataFrame:
    d = c.data.dep[(c.data.dep["method"] != GATE) & c.data.dep["left"].notna()]
    first = c.data.roster.drop_duplicates(["school", "student_id"])[["school", "student_id", "gkey"]]
    d = d.merge(c.att[KEY + ["gkey"]], how="left", on=KEY).merge(
        first.rename(columns={"gkey": "roster_gkey"}), how="left", on=["school", "student_id"])
    d = d.assign(gkey=d["gkey"].fillna(d["roster_gkey"]), weekday=d["date"].dt.day_of_week + 1)
    hh, mm = (int(x) for x in c.cfg("pickup.session_end").split(":"))
    end = pd.Series(float(hh * 60 + mm), index=d.index)
    if c.ends is not None and not c.ends.empty:
        planned = d[["school", "gkey", "weekday"]].merge(c.ends, how="left", on=["school", "gkey", "weekday"])
        end = pd.Series(planned["end"].to_numpy(), index=d.index).fillna(end)
    grace = c.cfg("pickup.grace_minutes")
    d = d.assign(end=end)
    late = d[d["left"] > d["end"] + grace]
    c.emit("ATT-LATE-PICKUP", late, "left_at",
           lambda r: f"学号 {r.student_id} {day(r.date)} {hhmm(r.left)} 离校，晚于服务结束 {hhmm(r.end)} "
                     f"{int(r.left - r.end)} 分钟（超过 {grace} 分钟应交门卫）", lambda r: hhmm(r.left))
    return late


def entry_dates(c: Check) -> None:
    a = c.att[c.att["entered"].notna()]
    late = (a["entered"] - a["date"]).dt.days
    allowed = c.cfg("backfill_days")
    for rule, rows, say in (
            ("ATT-BACKFILL", a[late > allowed], lambda r: f"晚 {(r.entered - r.date).days} 天（允许 {allowed} 天）"),
            ("ATT-ENTRY-EARLY", a[late < 0], lambda r: "早于考勤日期，为预先填写")):
        batch = rows.groupby(["tab", "date", "entered"], sort=False)
        first = batch.head(1).assign(n=batch["line"].transform("size")[batch.head(1).index])
        c.emit(rule, first, "entered", lambda r: f"{day(r.date)} 的考勤于 {day(r.entered)} 录入，{say(r)}"
               + (f"（同批共 {r.n} 行）" if r.n > 1 else ""), lambda r: day(r.entered))


def rate_low(c: Check) -> None:
    att = c.att
    counted = att["status"].isin(c.cfg("rate.counted"))
    g = att.assign(counted=counted).groupby(["school", "gkey"], sort=False)
    per = g.head(1).set_index(["school", "gkey"]).assign(records=g.size(), present=g["counted"].sum())
    per = per.assign(rate=per["present"] / per["records"]).reset_index()
    low = c.cfg("rate.minimum")
    c.emit("ATT-RATE-LOW", per[per["rate"] < low - 1e-9], "group",
           lambda r: f"服务班 {r.group} 期间出勤率 {r.rate:.1%}（{int(r.present)} ÷ {int(r.records)}），低于 {low:.0%}",
           lambda r: f"{r.rate:.1%}")

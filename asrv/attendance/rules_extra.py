"""The rules that need another command's workbooks: staff sign-in against the schedule (--schedule) and
billing against attended days (--fees). Each input is read in one small function."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from .. import registry
from ..findings import InputError
from ..examples import read_filled
from ..io import Table, open_workbook
from ..io.clock import weekday_name
from ..io.keys import class_id
from .frames import day, file_school, hhmm, person, stacked, text
from .rules import Check

CENT = Decimal("0.01")


def schedule_sessions(path: Path, profile) -> pd.DataFrame:
    """The one use of asrv.schedule: a schedule workbook's sessions (school, gkey, weekday, start,
    end in minutes, staff names) and the cell of each session's 教师."""
    from ..schedule.load import read_file
    got = read_file(path, profile)
    s = got[0] if isinstance(got, tuple) else got.sessions
    return pd.DataFrame({"school": s["school"], "group": s["group"], "gkey": s["group"].map(class_id),
                         "weekday": s["day"].astype(int), "start": s["start"], "end": s["end"],
                         "staff": s["staff"], "file": s["file"], "sheet": s["sheet"], "cell": s["at_staff"]})


@dataclass
class FeeFile:
    path: Path
    school: str
    school_source: str
    enrollment: Table
    payments: Table | None


def read_fees(path: Path, given: str | None = None) -> FeeFile:
    """The 报名 sheet (and 缴费, when there) of a fees workbook, through asrv.fees.sheets and the reader."""
    from ..fees.sheets import ENROLLMENT, PAYMENTS
    book = open_workbook(path)
    problems: list = []
    enr = read_filled(book, ENROLLMENT, problems)
    pay = read_filled(book, dataclasses.replace(PAYMENTS, required=False), problems)
    if problems:
        raise InputError(problems)
    school, source = file_school(path, [t for t in (enr, pay) if t is not None], given, book)
    return FeeFile(path, school, source, enr, pay)


def align(names: pd.Series, schools: list[str]) -> pd.Series:
    """Another workbook's school names onto the attendance schools: by name, or one school onto one."""
    if len(schools) == 1 and names.nunique() == 1 and names.iloc[0] not in schools:
        return pd.Series(schools[0], index=names.index)
    return names


def ends(sessions: pd.DataFrame) -> pd.DataFrame:
    return sessions.groupby(["school", "gkey", "weekday"], as_index=False)["end"].max()


def _at(c: Check, rule: str, rows: pd.DataFrame, message, severity=None) -> None:
    """Findings at the schedule's cells (the session's 教师)."""
    for r in rows.itertuples(index=False):
        f = registry.finding(c.profile, rule, message(r), severity=severity, school=r.school, file=r.file,
                             sheet=r.sheet, cell=r.cell, value=r.name)
        if f is not None:
            c.findings.append(f)


def staff_signin(c: Check, sessions: pd.DataFrame) -> None:
    s = sessions.explode("staff").dropna(subset=["staff"])
    s = s.assign(name=s["staff"].map(person))
    s = s[s["name"] != ""].sort_values("start")
    per = s.groupby(["school", "weekday", "name"], as_index=False).agg(
        start=("start", "min"), end=("end", "max"), file=("file", "first"), sheet=("sheet", "first"),
        cell=("cell", "first"), groups=("group", lambda g: "、".join(dict.fromkeys(g))))
    served = c.att[["school", "date", "weekday"]].drop_duplicates()
    need = per.merge(served, on=["school", "weekday"])
    blind = need[~need["school"].isin(c.data.signed)].drop_duplicates("school")
    if registry.level(c.profile, "ATT-STAFF-SIGNIN") != "off":
        _at(c, "ATT-STAFF-SIGNIN", blind, lambda r: f"{r.school} 没有教师签到记录（「教师签到」表或考勤机导出），"
            "无法核对安排中的教师是否到岗", severity="warning")
    m = need[need["school"].isin(c.data.signed)].merge(c.data.signin, how="left", on=["school", "date", "name"])
    _at(c, "ATT-STAFF-SIGNIN", m[m["first"].isna()],
        lambda r: f"教师 {r.name} {day(r.date)}（{weekday_name(r.weekday)}）有服务安排（{r.groups} {hhmm(r.start)} 起），"
                  "当天没有签到记录")
    signed = m[m["first"].notna()].astype({"tab": int, "line": int, "out_line": int})
    grace = c.cfg("staff.grace_minutes")
    c.emit("ATT-STAFF-LATE", signed[signed["first"] > signed["start"] + grace], ("signed_in", "punched"),
           lambda r: f"教师 {r.name} {day(r.date)} {hhmm(r.first)} 签到，晚于服务开始 {hhmm(r.start)}",
           lambda r: hhmm(r.first))
    early = signed[signed["last"].notna() & (signed["last"] < signed["end"])]
    early = early.assign(line=early["out_line"])
    c.emit("ATT-STAFF-LATE", early, ("signed_out", "punched"),
           lambda r: f"教师 {r.name} {day(r.date)} {hhmm(r.last)} 签退，早于服务结束 {hhmm(r.end)}",
           lambda r: hhmm(r.last))


def fee_frames(c: Check, files: list[FeeFile], given: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """报名 and 缴费 rows (school, term, student_id, money) of the fee files, cells kept in the sources."""
    enr, pay = [], []
    for f in files:
        enr.append((f.enrollment, c.data.sources.add(f.enrollment), f.school))
        if f.payments is not None:
            pay.append((f.payments, c.data.sources.add(f.payments), f.school))
    out = []
    for parts, columns in ((enr, ("term", "student_id", "mode", "fee")), (pay, ("term", "student_id", "amount"))):
        df = stacked(parts, given, columns)
        df = df.assign(student_id=text(df["student_id"]), school=align(df["school"], c.data.schools))
        out.append(_this_term(c, df))
    return out[0], out[1]


def _this_term(c: Check, df: pd.DataFrame) -> pd.DataFrame:
    """Rows of another term than the school's roster are not this period's bills."""
    from ..io.terms import parse_term

    def term(v):
        try:
            return parse_term(v).code
        except ValueError:
            return ""
    roster = c.data.roster[c.data.roster["term"] != ""]
    own = roster.groupby("school")["term"].agg(lambda t: {term(v) for v in t} - {""})
    codes = text(df["term"]).map(lambda v: term(v) if v else "")
    keep = [not code or not own.get(s) or code in own[s] for s, code in zip(df["school"], codes)]
    return df[pd.Series(keep, index=df.index, dtype=bool)]


def fee_days(c: Check, enr: pd.DataFrame, pay: pd.DataFrame) -> None:
    modes = c.cfg("fees.modes")
    e = enr[(enr["mode"].isin(modes) if modes else True) & enr["fee"].map(lambda v: v is not None and v > 0)]
    e = e[e["school"].isin(c.data.schools)]
    if e.empty:
        return
    std = e.groupby(["school", "student_id"], sort=False).agg(fee=("fee", "sum"), tab=("tab", "first"),
                                                                line=("line", "first")).reset_index()
    expected = c.expected.groupby(["school", "student_id"]).size()
    billed = c.att[c.att["status"].isin(c.cfg("fees.billed"))].groupby(["school", "student_id"]).size()
    k = list(zip(std["school"], std["student_id"]))
    std = std.assign(E=[int(expected.get(x, 0)) for x in k], B=[int(billed.get(x, 0)) for x in k])
    c.emit("ATT-FEE-DAYS", std[std["B"] == 0], "fee",
           lambda r: f"学号 {r.student_id} 期间出勤 0 天（应到 {r.E} 天），报名表收费 {r.fee:.2f} 元：未出勤不应收费"
           if r.E else f"学号 {r.student_id} 报名表收费 {r.fee:.2f} 元，但不在课后服务名单中、没有出勤", lambda r: f"{r.fee:.2f}")
    if pay.empty:
        return
    paid = pay.groupby(["school", "student_id"], sort=False).agg(
        paid=("amount", lambda a: sum((v for v in a if v is not None), Decimal(0))), tab=("tab", "first"),
        line=("line", "first")).reset_index()
    m = std[std["B"] > 0].drop(columns=["tab", "line"]).merge(paid, on=["school", "student_id"])
    full = c.cfg("fees.pro_rating") == "full"
    m["due"] = [fee if full else (fee * b / e).quantize(CENT, ROUND_HALF_UP) for fee, b, e in
                zip(m["fee"], m["B"], m["E"].clip(lower=1))]
    tol = Decimal(str(c.cfg("fees.tolerance")))
    over = m[[p - d > tol for p, d in zip(m["paid"], m["due"])]]
    c.emit("ATT-FEE-DAYS", over, "amount",
           lambda r: f"学号 {r.student_id} 已收 {r.paid:.2f} 元，按出勤 {r.B}/{r.E} 天应收 {r.due:.2f} 元，"
                     f"多收 {r.paid - r.due:.2f} 元", lambda r: f"{r.paid:.2f}")

"""The teacher subsidy ledger of a term, from the schedule's weekly pattern and the term's school days.

Each person's sessions × minutes ÷ one class period × the profile's rate. School staff are paid a
separate subsidy outside the performance-pay total (篇2 四(二)); outside staff labour fees under
their agreement (篇1 三(五)). Amounts are exact: summed as fractions of 分, rounded once per person.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import pandas as pd

from .. import registry
from ..findings import Finding, InputError, Progress, no_progress
from ..examples import read_filled
from ..io import open_workbook
from ..io.keys import school_order
from ..out import SheetOut
from ..profile import Profile
from ..result import FileUse, gather, read_each
from .money import cents, fmt, yuan
from .sheets import CALENDAR

OWN, OUTSIDE, VOLUNTEER, UNKNOWN = "本校教职工", "校外人员", "志愿者", "未登记"
PAID_AS = {OWN: "课后服务补助（单列，不计入绩效工资总量）", OUTSIDE: "劳务报酬（按协议）", VOLUNTEER: "不取酬",
           UNKNOWN: "未计（不在人员表）"}
WEEKDAYS = "一二三四五六日"
SCHEDULE, CALENDAR_ROLE = "安排", "校历"  # FileUse roles of the ledger's inputs


@dataclass
class LedgerRow:
    school: str
    name: str
    kind: str
    group: str
    weekly: int
    times: int
    minutes: int
    periods: Fraction
    rate: int
    amount: int


@dataclass
class Ledger:
    rows: list[LedgerRow]
    days: dict[int, int]
    source: str
    findings: list[Finding] = field(default_factory=list)

    def totals(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for r in self.rows:
            d = out.setdefault(r.school, {OWN: 0, OUTSIDE: 0, VOLUNTEER: 0, UNKNOWN: 0})
            d[r.group] += r.amount
        return out

    def sheets(self) -> list[SheetOut]:
        columns = ["学校", "姓名", "类型", "发放方式", "每周次数", "学期次数", "学期分钟", "课时", "每课时标准", "金额"]
        rows = [[r.school, r.name, r.kind, PAID_AS[r.group], r.weekly, r.times, r.minutes,
                 float(round(r.periods, 2)), yuan(r.rate), yuan(r.amount)] for r in self.rows]
        days = "，".join(f"周{WEEKDAYS[d - 1]} {n} 天" for d, n in sorted(self.days.items()) if n)
        money = {"每课时标准": "#,##0.00", "金额": "#,##0.00", "课时": "0.00"}
        detail = SheetOut("补助台账", columns, rows, number_formats=money,
                          marks={i: "warning" for i, r in enumerate(self.rows) if r.group == UNKNOWN},
                          notes=[f"上学日：{self.source}（{days}）"])
        head = ["学校", f"{OWN}补助", f"{OUTSIDE}劳务报酬", "合计"]
        total_rows = [[s, yuan(t[OWN]), yuan(t[OUTSIDE]), yuan(t[OWN] + t[OUTSIDE])]
                      for s, t in self.totals().items()]
        summary = SheetOut("台账汇总", head, total_rows, number_formats={h: "#,##0.00" for h in head[1:]},
                           notes=["金额等于「补助台账」该校各行之和；本校教职工补助单列发放（篇2 四(二)），"
                                  "校外人员按协议支付劳务报酬（篇1 三(五)）"])
        return [detail, summary]

    def to_json(self) -> dict:
        return {"school_days": self.source,
                "people": [{"school": r.school, "name": r.name, "kind": r.kind, "group": r.group,
                            "weekly_sessions": r.weekly, "sessions": r.times, "minutes": r.minutes,
                            "periods": f"{float(r.periods):.2f}", "rate": fmt(r.rate), "amount": fmt(r.amount)}
                           for r in self.rows],
                "totals": {s: {k: fmt(v) for k, v in t.items()} for s, t in self.totals().items()}}


def school_days(calendar, profile: Profile) -> tuple[dict[int, int], str]:
    """Days per weekday (1 = Monday) in the term: counted from a calendar, or weeks × the weekdays."""
    if calendar is None:
        weeks = profile["fees.ledger.weeks"]
        return {d: weeks for d in profile["schedule.school_days"]}, f"按 {weeks} 周计"
    book = open_workbook(calendar)
    problems: list[Finding] = []
    t = read_filled(book, CALENDAR, problems)
    if problems:
        raise InputError(problems)
    df = t.df
    keep = df["school_day"] != "否" if "school_day" in df else pd.Series(True, index=df.index)
    dates = set(d for d in df.loc[keep, "date"] if d is not None)
    count = Counter(d.isoweekday() for d in dates)
    return dict(count), f"校历 {book.file}，{len(dates)} 个上学日"


def ledger(schedule, calendar, profile: Profile, progress: Progress = no_progress
           ) -> tuple[Ledger | None, list[FileUse], list[Finding]]:
    """The ledger from schedule workbooks (files, folders, globs) and an optional calendar; a file that
    cannot be used is reported and the others counted. None when no schedule could be read."""
    from ..schedule.load import read_file  # the schedule's own reader: one reader per sheet kind
    paths, files, findings = gather(schedule, progress, role=SCHEDULE)
    done, bad, problems = read_each(paths, lambda p: read_file(p, profile)[:2], progress, role=SCHEDULE)
    files += [FileUse(p, role=SCHEDULE) for p, _ in done] + bad
    findings += problems
    days, source = school_days(None, profile)
    if calendar is not None:
        got, bad, problems = read_each([Path(calendar)], lambda p: school_days(p, profile), progress, role=CALENDAR_ROLE)
        files += [FileUse(Path(calendar), role=CALENDAR_ROLE)] if got else bad
        findings += problems
        if not got:
            return None, files, findings
        days, source = got[0][1]
    if not done:
        return None, files, findings
    result = build_ledger([frames for _, frames in done], profile, days, source)
    return result, files, findings + result.findings


def build_ledger(schedules: list[tuple[pd.DataFrame, pd.DataFrame]], profile: Profile, days: dict[int, int],
                 source: str) -> Ledger:
    """Each person's sessions in the term from the schedules' (sessions, staff) frames."""
    s = pd.concat([x for x, _ in schedules], ignore_index=True).explode("staff").dropna(subset=["staff"])
    st = pd.concat([y for _, y in schedules], ignore_index=True)
    own = set(profile["schedule.staff.own_kinds"])
    volunteers = set(profile["fees.ledger.volunteer_kinds"])
    by_school = {(r.school, r.name): r.kind for r in st.itertuples() if r.school}
    by_name = {r.name: r.kind for r in st.itertuples()}
    period = profile["schedule.study.max_minutes"]
    rates = {OWN: cents(profile["fees.ledger.rate_own"]), OUTSIDE: cents(profile["fees.ledger.rate_outside"]),
             VOLUNTEER: cents(profile["fees.ledger.rate_volunteer"]), UNKNOWN: 0}
    people: dict[tuple[str, str], dict] = {}
    findings = []
    for r in s.itertuples():
        kind = by_school.get((r.school, r.staff)) or by_name.get(r.staff)
        group = UNKNOWN if kind is None else OWN if kind in own else VOLUNTEER if kind in volunteers else OUTSIDE
        p = people.setdefault((r.school, r.staff), {"kind": kind or UNKNOWN, "group": group, "weekly": 0,
                                                    "times": 0, "minutes": 0, "periods": Fraction(0)})
        n = days.get(int(r.day), 0)
        minutes = int(r.end - r.start) * n
        p["weekly"] += 1
        p["times"] += n
        p["minutes"] += minutes
        p["periods"] += Fraction(minutes, period[r.stage])
        if group == UNKNOWN and p["weekly"] == 1:
            f = registry.finding(profile, "FEE-LEDGER", f"「{r.staff}」不在人员表中，补助台账未计金额",
                                 file=r.file, sheet=r.sheet, cell=r.at_staff, school=r.school)
            findings += [f] if f else []
    rows = []
    for (school, name), p in people.items():
        rate = rates[p["group"]]
        amount = int((p["periods"] * rate * 2 + 1) // 2)  # exact, half up, once per person
        rows.append(LedgerRow(school, name, p["kind"], p["group"], p["weekly"], p["times"], p["minutes"],
                              p["periods"], rate, amount))
    rows.sort(key=lambda r: (school_order(r.school), list(PAID_AS).index(r.group), -r.amount, r.name))
    return Ledger(rows, days, source, findings)

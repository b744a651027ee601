"""Per-student charges and per-school totals, all in 分, so every sheet adds up to the cent."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..grouped import Groups
from ..io.keys import school_order
from .courses import CourseLine, CourseStats, course_lines
from .load import FeeData
from .sheets import BASIC, PERSONAL

SEP = "\x1f"
STUDENT_MONEY = ("fee", "materials", "due", "paid", "refunded", "net", "outstanding", "subsidy_due")


@dataclass
class SchoolSummary:
    name: str
    files: str
    schools: int = 1  # more than 1 for the district total
    basic: int = 0
    personal: int = 0
    enrollments: int = 0
    hardship: int = 0
    fee: int = 0
    materials: int = 0
    due: int = 0
    paid: int = 0
    refunded: int = 0
    refund_students: int = 0
    net: int = 0
    outstanding: int = 0
    subsidy_due: int = 0
    subsidy_received: int | None = None
    subsidy_income: int = 0
    spending: dict[str, int] = field(default_factory=dict)
    spending_other: int = 0
    spending_total: int = 0
    income: int = 0
    balance: int = 0
    courses: list[CourseLine] = field(default_factory=list)
    subsidy_short: int = 0  # support due that has not arrived (0 when it all did, or no 补助 sheet says)
    errors: int = 0
    warnings: int = 0


def prepare(data: FeeData, cfg: dict, category_of) -> None:
    """Columns every rule and total needs: the student key, enrolled, allowed category."""
    enr, pay, exp = data["enrollment"], data["payments"], data["expenses"]
    enr["key"] = enr["school"] + SEP + enr["student_id"]
    pay["key"] = pay["school"] + SEP + pay["student_id"]
    pay["enrolled"] = pay["key"].isin(enr["key"])
    mapping = {c: category_of(c, cfg) for c in pd.unique(exp["category"])}
    exp["allowed"] = exp["category"].map(mapping)


def students(data: FeeData, subsidy_per_student: int) -> pd.DataFrame:
    """One row per student (and per payer not enrolled): what was due, paid, refunded, owed."""
    enr, pay = data["enrollment"], data["payments"]
    g = Groups(enr["key"])
    e = pd.DataFrame({"school": g.first(enr["school"]), "student_id": g.first(enr["student_id"]),
                      "class": g.first(enr["class"]), "name": g.first(enr["name"]),
                      "hardship": g.any(enr["hardship"]), "fee": g.sum(enr["fee"]),
                      "materials": g.sum(enr["materials"]), "basic": g.any(enr["mode"] == BASIC),
                      "personal": g.any(enr["personal"])})
    named = enr[enr["course"] != ""].drop_duplicates(["key", "course"])
    e["courses"] = _joined(named["key"], named["course"]).reindex(e.index).fillna("")
    e["modes"] = (e["basic"].map({True: BASIC, False: ""}) + e["personal"].map({True: PERSONAL, False: ""}))
    e["modes"] = e["modes"].str.replace(BASIC + PERSONAL, f"{BASIC}、{PERSONAL}", regex=False)
    e["enrolled"] = True
    amount, g = pay["amount"], Groups(pay["key"])
    p = pd.DataFrame({"school": g.first(pay["school"]), "student_id": g.first(pay["student_id"]),
                      "payer": g.first(pay["name"]), "paid": g.sum(amount.clip(lower=0)),
                      "refunded": g.sum((-amount).clip(lower=0)), "net": g.sum(amount)})
    s = e.join(p[["paid", "refunded", "net"]], how="left")
    strays = p[~p.index.isin(e.index)]
    if len(strays):
        extra = strays.rename(columns={"payer": "name"}).assign(
            **{"class": "", "modes": "（未报名）", "courses": "", "hardship": False, "fee": 0, "materials": 0,
               "basic": False, "personal": False, "enrolled": False})
        s = pd.concat([s, extra[s.columns]])
    for col in ("paid", "refunded", "net", "fee", "materials"):
        s[col] = s[col].fillna(0).astype("int64")
    s["hardship"] = s["hardship"].astype(bool)
    s["due"] = s["fee"] + s["materials"]
    s["outstanding"] = s["due"] - s["net"]
    s["subsidy_due"] = s["basic"].astype("int64") * subsidy_per_student
    return s.reset_index()


def _joined(keys: pd.Series, texts: pd.Series) -> pd.Series:
    """Each key's texts joined with 、 in row order: a Python step per row, not a groupby per key."""
    by: dict = {}
    for k, t in zip(keys.to_numpy(dtype=object), texts.to_numpy(dtype=object)):  # not a pandas call per cell
        by.setdefault(k, []).append(t)
    return pd.Series(["、".join(v) for v in by.values()], index=pd.Index(list(by), dtype=keys.dtype), dtype="str")


def schools(data: FeeData, st: pd.DataFrame, cfg: dict, subsidy_per_student: int) -> list[SchoolSummary]:
    """Per-school totals, summed from the per-student frame so the two cannot disagree. Every total is
    one pass over the district (asrv.grouped): a mask per school would scan every frame a hundred times."""
    enr, exp, sub = data["enrollment"], data["expenses"], data["subsidy"]
    files = {}
    for kind in ("enrollment", "payments", "expenses", "subsidy", "courses"):
        for school, tab in _first_pairs(data[kind]["school"], data[kind]["_tab"]):
            files.setdefault(school, dict())[data.tables[tab].file] = None
    g = Groups(st["school"])
    counted = {"basic": st["basic"], "personal": st["personal"], "hardship": st["hardship"] & st["enrolled"],
               "refund_students": st["refunded"] > 0}
    totals = {col: dict(zip(g.index, g.sum(v).tolist())) for col, v in
              [*counted.items(), *((c, st[c]) for c in STUDENT_MONEY)]}
    enrollments = Groups(enr["school"]).sum(enr["personal"])
    received = Groups(sub["school"]).sum(sub["amount"])
    spent, other = _spending(exp)
    stats, courses_of = CourseStats(enr), dict(tuple(data["courses"].groupby("school", sort=False)))
    out = []
    named = {v for df in (st, exp, sub) for v in pd.unique(df["school"].to_numpy(dtype=object))}
    for name in sorted(named, key=school_order):
        s = SchoolSummary(name, "、".join(files.get(name, {})))
        for col, by in totals.items():
            if name in by:
                setattr(s, col, int(by[name]))
        s.enrollments = int(enrollments.get(name, 0))
        if name in data.has_sheet["subsidy"]:
            s.subsidy_received = int(received.get(name, 0))
            s.subsidy_short = max(s.subsidy_due - s.subsidy_received, 0)
        s.subsidy_income = s.subsidy_received if s.subsidy_received is not None else (
            s.subsidy_due if cfg["subsidy_assume_received"] else 0)
        s.spending = {c: int(spent[name, c]) for c in cfg["categories"]}
        s.spending_other = int(other[name])
        s.spending_total = sum(s.spending.values()) + s.spending_other
        s.income = s.net + s.subsidy_income
        s.balance = s.income - s.spending_total
        s.courses = course_lines(data, name, stats, courses_of.get(name, data["courses"].iloc[:0]))
        out.append(s)
    return out


def _first_pairs(schools: pd.Series, tabs: pd.Series) -> list[tuple]:
    """Each (school, table) once, in the order of its first row (a missing school left out)."""
    codes, names = pd.factorize(schools, sort=False)
    keep = codes >= 0
    pairs = pd.unique(tabs.to_numpy(dtype=np.int64)[keep] * (len(names) + 1) + codes[keep])
    return [(names[p % (len(names) + 1)], int(p // (len(names) + 1))) for p in pairs]


def _spending(exp: pd.DataFrame) -> tuple[Counter, Counter]:
    """The amounts spent per (school, allowed category), and per school outside every category."""
    spent: Counter = Counter()
    other: Counter = Counter()
    for school, allowed, amount in zip(exp["school"], exp["allowed"], exp["amount"]):
        if pd.isna(school) or pd.isna(amount):  # left out of a total, as a groupby leaves them
            continue
        if pd.isna(allowed):
            other[school] += amount
        else:
            spent[school, allowed] += amount
    return spent, other


def district(per_school: list[SchoolSummary]) -> SchoolSummary:
    """Every school's totals added up (the 全区合计). Support received is summed only when every school
    gave its 补助 sheet: a total of some schools would pass for the district's."""
    t = SchoolSummary("全区合计", "", schools=len(per_school))
    for name in (*STUDENT_MONEY, "basic", "personal", "enrollments", "hardship", "refund_students",
                 "subsidy_income", "subsidy_short", "spending_other", "spending_total", "income", "balance", "errors", "warnings"):
        setattr(t, name, sum(getattr(s, name) for s in per_school))
    received = [s.subsidy_received for s in per_school]
    t.subsidy_received = None if None in received else sum(received)
    t.spending = {c: sum(s.spending.get(c, 0) for s in per_school) for c in per_school[0].spending} if per_school else {}
    return t

"""The tallies a clerk reads: per group and day (应到, 实到, 请假, 缺勤, rate), per student (days, for
billing), per school and day (接送情况), and per school the rates `asrv district` takes."""
from __future__ import annotations

import pandas as pd

from .rules import GROUP_DAY, Check
from .sheets import ABSENT, EARLY, LATE, LEAVE, METHODS, PRESENT

STATUS_COLUMNS = [PRESENT, LATE, EARLY, LEAVE, ABSENT]
WAYS = list(dict.fromkeys(METHODS.values()))


def _counts(df: pd.DataFrame, by: list[str], what: str = "status", columns: list[str] = STATUS_COLUMNS) -> pd.DataFrame:
    if not len(df):  # no records (a template with only its example rows): keyed, so joins still work
        index = pd.MultiIndex.from_arrays([[]] * len(by), names=by) if len(by) > 1 else pd.Index([], name=by[0])
        return pd.DataFrame(0, index=index, columns=columns)
    t = df.groupby([*by, what]).size().unstack(fill_value=0)
    return t.reindex(columns=columns, fill_value=0)


def daily(c: Check) -> pd.DataFrame:
    """One row per school, group and day."""
    att, counted = c.att, c.cfg("rate.counted")
    t = _counts(att, GROUP_DAY)
    expected = c.expected.groupby(GROUP_DAY).size().rename("expected")
    have = att[["school", "student_id", "date"]].assign(has=True)
    missing = c.expected.merge(have, how="left", on=["school", "student_id", "date"])
    missing = missing[missing["has"].isna()].groupby(GROUP_DAY).size().rename("missing")
    out = t.join(expected, how="outer").join(missing, how="left").fillna(0).astype(int)
    out["records"] = out[STATUS_COLUMNS].sum(axis=1)
    out["present"] = out[list(counted)].sum(axis=1)
    out["rate"] = (out["present"] / out["records"]).where(out["records"] > 0)
    out = out.reset_index()
    out["group"] = [c.group(s, g) for s, g in zip(out["school"], out["gkey"])]
    return out.sort_values(["school", "date", "gkey"]).reset_index(drop=True)


def students(c: Check) -> pd.DataFrame:
    """One row per student of each school: days expected, recorded by status, and billed."""
    key = ["school", "student_id"]
    t = _counts(c.att, key)
    expected = c.expected.groupby(key).size().rename("expected")
    billed = c.att[c.att["status"].isin(c.cfg("fees.billed"))].groupby(key).size().rename("billed")
    names = pd.concat([c.data.roster[[*key, "group", "name"]], c.att[[*key, "group"]].assign(name="")])
    who = names.groupby(key, sort=False).agg(group=("group", lambda g: "、".join(dict.fromkeys(g))),
                                             name=("name", "first"))
    out = who.join(expected).join(t).join(billed).fillna(0)
    out[["expected", *STATUS_COLUMNS, "billed"]] = out[["expected", *STATUS_COLUMNS, "billed"]].astype(int)
    out["missing"] = (out["expected"] - out[STATUS_COLUMNS].sum(axis=1)).clip(lower=0)
    return out.reset_index().sort_values(["school", "group", "student_id"]).reset_index(drop=True)


def pickups(c: Check, handed: pd.DataFrame, late: pd.DataFrame) -> pd.DataFrame:
    """One row per school and day: students at school, departures recorded, complete hand-overs, ways."""
    by = ["school", "date"]
    g = handed.assign(complete=handed["found"] & (handed["lacks"] == "")).groupby(by)
    out = pd.DataFrame({"present": g.size(), "recorded": g["found"].sum(), "complete": g["complete"].sum()})
    found = handed[handed["found"]]
    out = out.join(_counts(found, by, "method", WAYS)).join(late.groupby(by).size().rename("late"))
    out = out.fillna(0).astype(int)
    return out.reset_index().sort_values(by).reset_index(drop=True)


def rates(c: Check, day_rows: pd.DataFrame, pickup_rows: pd.DataFrame, unreported: pd.DataFrame) -> dict:
    """Per school: the figures of the district assessment (attendance rate, hand-over completeness,
    unreported absences) with the counts behind them."""
    out = {}
    absent = unreported.groupby("school").size()
    for school in c.data.schools:
        d = day_rows[day_rows["school"] == school]
        p = pickup_rows[pickup_rows["school"] == school]
        records, present = int(d["records"].sum()), int(d["present"].sum())
        at_school, complete = int(p["present"].sum()), int(p["complete"].sum())
        out[school] = {
            "records": records, "present": present,
            "attendance_rate": round(present / records, 4) if records else None,
            "expected": int(d["expected"].sum()), "missing_records": int(d["missing"].sum()),
            "absences": int(d[ABSENT].sum()), "unreported_absences": int(absent.get(school, 0)),
            "at_school": at_school, "handed_over": complete,
            "handover_completeness": round(complete / at_school, 4) if at_school else None,
            "late_pickups": int(p["late"].sum()),
        }
    return out

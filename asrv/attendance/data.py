"""Every file's tables as one set of frames: students keyed by (school, 学号), groups by (school, class
key), dates as datetime64, times as minutes after midnight; each row leads back to its cell."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..io.keys import class_id, school_order
from .frames import Loaded, Sources, dates, minutes, per_value, person, stacked, text
from .load import DEPARTURE_FIELDS

COLUMNS = {
    "roster": ("term", "group", "student_id", "name", "class", "days"),
    "attendance": ("date", "group", "student_id", "status", "called_at", "told_at", "recorder", "entered",
                   *DEPARTURE_FIELDS),
    "departures": ("date", "student_id", *DEPARTURE_FIELDS),
    "guardians": ("student_id", "picker", "relation", "valid_until"),
    "staff_signin": ("date", "name", "signed_in", "signed_out"),
    "card": ("name", "punched"),
}
SIGNIN = ["school", "date", "name", "first", "last", "tab", "line", "out_line"]  # out_line: the sign-out's row


@dataclass
class Data:
    sources: Sources
    roster: pd.DataFrame
    att: pd.DataFrame            # one row per record, duplicates of a student-day kept (ATT-DUPLICATE)
    dep: pd.DataFrame            # one row per student-day: the 离校 sheet first, else the 考勤 row
    guardians: pd.DataFrame
    signin: pd.DataFrame         # one row per person-day: first and last sign-in minutes
    guarded: set[str] = field(default_factory=set)   # schools that gave a 授权接送人 sheet
    signed: set[str] = field(default_factory=set)    # schools that gave staff sign-ins
    group_names: dict = field(default_factory=dict)  # (school, gkey) -> the group as first written
    schools: list[str] = field(default_factory=list)  # in pinyin order


def build(loaded: list[Loaded], given: bool) -> Data:
    sources = Sources()
    parts: dict[str, list[tuple]] = {k: [] for k in COLUMNS}
    for item in loaded:
        for kind, table in item.tables.items():
            parts[kind].append((table, sources.add(table), item.school))
    got = {k: stacked(v, given, COLUMNS[k]) for k, v in parts.items()}
    roster, att = _roster(got["roster"]), _attendance(got["attendance"])
    guardians = got["guardians"].assign(student_id=text(got["guardians"]["student_id"]),
                                        picker=per_value(got["guardians"]["picker"], person),
                                        relation=text(got["guardians"]["relation"]),
                                        valid_until=dates(got["guardians"]["valid_until"]))
    signin = pd.concat([_signin_sheet(got["staff_signin"]), _card(got["card"])], ignore_index=True)
    signin = signin.assign(date=dates(signin["date"]), first=signin["first"].astype(float),
                           last=signin["last"].astype(float))
    names = {}
    for f in (roster, att):  # as arrays: a str column hands out its cells one call at a time
        school, gkey, group = (f[c].to_numpy(dtype=object) for c in ("school", "gkey", "group"))
        for k, g in zip(zip(school, gkey), group):
            names.setdefault(k, g)
    schools = sorted(set(att["school"].to_numpy(dtype=object)) | set(roster["school"].to_numpy(dtype=object)),
                     key=school_order)
    return Data(sources, roster, att, _departures(got["departures"], att), guardians, signin,
                set(guardians["school"]), set(signin["school"]), names, schools)


def _roster(df: pd.DataFrame) -> pd.DataFrame:
    group = text(df["group"])
    return df.assign(group=group, gkey=per_value(group, class_id), student_id=text(df["student_id"]),
                     name=text(df["name"]), term=text(df["term"]))


def _attendance(df: pd.DataFrame) -> pd.DataFrame:
    group = text(df["group"])
    out = df.assign(group=group, gkey=per_value(group, class_id), student_id=text(df["student_id"]),
                    date=dates(df["date"]), entered=dates(df["entered"]))
    return out.assign(weekday=out["date"].dt.day_of_week + 1)


def _minutes(s: pd.Series) -> pd.Series:
    return per_value(s, minutes, float("nan")).astype(float)


def _departure_part(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"school": df["school"], "date": dates(df["date"]), "student_id": text(df["student_id"]),
                         "left": _minutes(df["left_at"]),
                         "method": per_value(df["method"], str), "picker": per_value(df["picker"], person),
                         "teacher": per_value(df["teacher"], person),
                         "tab": df["tab"], "line": df["line"]})


def _departures(sheet: pd.DataFrame, att: pd.DataFrame) -> pd.DataFrame:
    """The 离校 sheet's rows, then the departures written in 考勤 rows; one per student-day."""
    own = att[att[list(DEPARTURE_FIELDS)].notna().any(axis=1)]
    both = pd.concat([_departure_part(sheet), _departure_part(own)], ignore_index=True)
    return both.drop_duplicates(["school", "student_id", "date"]).reset_index(drop=True)


def _signin_sheet(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({"school": df["school"], "date": dates(df["date"]), "name": per_value(df["name"], person),
                        "first": _minutes(df["signed_in"]), "last": _minutes(df["signed_out"]),
                        "tab": df["tab"], "line": df["line"], "out_line": df["line"]})
    return out.sort_values("first").drop_duplicates(["school", "date", "name"])[SIGNIN]


def _card(df: pd.DataFrame) -> pd.DataFrame:
    """Swipes → one row per person-day: the first swipe signs in, the last (if another) signs out."""
    if df.empty:
        return pd.DataFrame(columns=SIGNIN)
    at = pd.to_datetime(df["punched"].map(lambda v: v if isinstance(v, dt.datetime) else None))
    d = pd.DataFrame({"school": df["school"], "date": dates(at.dt.normalize()), "name": per_value(df["name"], person),
                      "m": (at.dt.hour * 60 + at.dt.minute).astype(float),
                      "tab": df["tab"], "line": df["line"]}).sort_values("m")
    g = d.groupby(["school", "date", "name"], sort=False)
    out = g.first().reset_index().rename(columns={"m": "first"})
    ends = g.last().reset_index()      # sorted by time: the day's last swipe
    many = (g.size() > 1).to_numpy()
    out["last"] = ends["m"].where(many)
    out["out_line"] = ends["line"]
    return out[SIGNIN]


def expected(data: Data, service_days: list[int]) -> pd.DataFrame:
    """Each roster student on each day the school recorded attendance that is one of the student's
    参加日 (blank: the profile's service days): who should have a record."""
    served = data.att[["school", "date", "weekday"]].drop_duplicates()
    r = data.roster[["school", "student_id", "gkey", "days", "tab", "line"]]
    every = tuple(service_days)
    r = r.assign(weekday=r["days"].map(lambda d: d if isinstance(d, tuple) and d else every)).explode("weekday")
    r = r.astype({"weekday": int}).drop(columns="days")
    out = r.merge(served, on=["school", "weekday"])
    return out.drop_duplicates(["school", "student_id", "date"]).reset_index(drop=True)

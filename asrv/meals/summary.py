"""The lunch tallies: per school and day, and per school and month (provision rate, 陪餐 coverage),
and per school the rates `asrv district` takes."""
from __future__ import annotations

import pandas as pd

from .rules import DAY, Check, has_rows, leader_rows


def daily(c: Check) -> pd.DataFrame:
    """One row per school, meal day and meal: needed, served (capped at needed for the rate), 陪餐."""
    m = c.data["meals"]
    m = m[m["meal"].isin(c.cfg("meals"))].dropna(subset=["needed", "served"])
    m = m.assign(capped=m[["served", "needed"]].min(axis=1))
    sums = m.groupby(DAY)[["needed", "served", "capped"]].sum()
    a = c.data["accompany"]
    who = a.groupby(DAY).agg(people=("person", lambda p: "、".join(dict.fromkeys(p))),
                             titles=("title", lambda t: "、".join(dict.fromkeys(t))))
    days = c.days[DAY].drop_duplicates().set_index(DAY)
    out = days.join(sums, how="outer").join(who, how="left")
    out = out.reset_index()
    out["accompanied"] = has_rows(out, a).to_numpy()
    out["led"] = has_rows(out, leader_rows(c)).to_numpy()
    out["meal_day"] = has_rows(out, c.days).to_numpy()
    s = c.data["samples"]
    out["dishes"] = out[DAY].merge(s.groupby(DAY).size().rename("n").reset_index(), how="left", on=DAY)["n"].to_numpy()
    out[["needed", "served", "capped"]] = out[["needed", "served", "capped"]].fillna(0).astype(int)
    out["rate"] = (out["capped"] / out["needed"]).where(out["needed"] > 0)
    return out.fillna({"people": "", "titles": ""}).sort_values(DAY).reset_index(drop=True)


def monthly(rows: pd.DataFrame) -> pd.DataFrame:
    d = rows.assign(month=rows["date"].dt.strftime("%Y-%m"), open_day=rows["meal_day"])
    g = d.groupby(["school", "month"])
    out = pd.DataFrame({"meal_days": g["open_day"].sum(), "needed": g["needed"].sum(), "served": g["served"].sum(),
                        "capped": g["capped"].sum(),
                        "accompanied": d[d["open_day"]].groupby(["school", "month"])["accompanied"].sum(),
                        "led": d[d["open_day"]].groupby(["school", "month"])["led"].sum()}).fillna(0)
    out = out.astype(int)
    out["rate"] = (out["capped"] / out["needed"]).where(out["needed"] > 0)
    out["coverage"] = (out["accompanied"] / out["meal_days"]).where(out["meal_days"] > 0)
    out["leader_coverage"] = (out["led"] / out["meal_days"]).where(out["meal_days"] > 0)
    return out.reset_index()


def rates(c: Check, months: pd.DataFrame) -> dict:
    """Per school: provision rate (供餐, at most 需要, ÷ 需要), 陪餐 coverage (meal days with a record
    ÷ meal days), leader coverage (… with a school leader), and the counts behind them."""
    out = {}
    issues = pd.Series([f.school for f in c.findings if f.rule == "MEAL-ISSUE-OPEN"], dtype=object).value_counts()
    for school in c.data.schools:
        m = months[months["school"] == school]
        needed, capped, days = int(m["needed"].sum()), int(m["capped"].sum()), int(m["meal_days"].sum())
        acc, led = int(m["accompanied"].sum()), int(m["led"].sum())
        out[school] = {"meal_days": days, "needed": needed, "served": int(m["served"].sum()),
                       "provision_rate": round(capped / needed, 4) if needed else None,
                       "accompanied_days": acc, "accompany_coverage": round(acc / days, 4) if days else None,
                       "leader_days": led, "leader_coverage": round(led / days, 4) if days else None,
                       "open_issues": int(issues.get(school, 0))}
    return out

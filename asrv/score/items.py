"""The seven base items (篇3 三): raters' means, pass counts with caps, fitness rate, deductions."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..findings import Finding
from ..io.keys import class_id
from ..profile import Profile
from .load import SchoolBook, class_ids
from .rules import add

ITEM_CODES = ("class_building", "study", "teaching", "fitness", "hygiene", "conduct", "web_page", "feature")


def rated_items(inp: SchoolBook, profile: Profile) -> pd.DataFrame:
    """Mean (or sum) of the raters' scores per class and item; NaN where nobody rated."""
    t = inp.table("ratings")
    df = pd.DataFrame({"key": t.df["class"].map(class_id), "item": t.df["item"],
                       "score": t.df["score"].astype(float)})
    out = pd.DataFrame(index=list(inp.order), columns=list(ITEM_CODES), dtype=float)
    # One grouping per item, not one for all: pandas sums a group in one of two ways (by whether its keys
    # come sorted), and a mean must not change in its last digit.
    for item, group in df.groupby("item", sort=False):
        how = profile[f"score.items.{item}.aggregate"]
        agg = group.groupby("key")["score"].agg("sum" if how == "sum" else "mean")
        if not agg.index.isin(out.index).all():  # as .loc would, for a class not in 班级
            raise KeyError(f"{list(agg.index[~agg.index.isin(out.index)])} not in index")
        out[item] = agg  # aligned on the class ids; NaN where nobody rated, as before
    return out


def count_items(inp: SchoolBook, profile: Profile, out: pd.DataFrame) -> None:
    """环境卫生 and 五星达标班: one point per pass, capped at the item's maximum."""
    t = inp.table("checks")
    fields = [] if t is None else [(i, f) for i, f in (("hygiene", "hygiene_passes"), ("conduct", "five_star_passes"))
                                   if t.has(f)]
    if not fields:
        return
    passes = pd.DataFrame({item: t.df[f].astype(float).fillna(0).to_numpy() for item, f in fields},
                          index=class_ids(t.df["class"]).to_numpy())
    total = passes.groupby(level=0).sum()
    for item, _ in fields:
        total[item] = total[item].clip(upper=profile[f"score.items.{item}.max"])
    out.loc[total.index, list(total.columns)] = total


def fitness_item(inp: SchoolBook, profile: Profile, out: pd.DataFrame, fitness_counts: dict) -> None:
    """4a: the PE teacher's score where given [reading]; otherwise max × passed ÷ tested."""
    top = profile["score.items.fitness.max"]
    for key, c in fitness_counts.items():
        if c["tested"] and (pd.isna(out.at[key, "fitness"]) or not profile["score.fitness.pe_score_first"]):
            out.at[key, "fitness"] = round(top * c["passed"] / c["tested"], 2)


def report_missing(inp: SchoolBook, profile: Profile, out: pd.DataFrame, findings: list[Finding]) -> None:
    """Said at the class's 班级 cell: a missing rating has no cell of its own."""
    labels = [profile[f"score.items.{i}.label"] for i in ITEM_CODES]
    blank = out[list(ITEM_CODES)].isna().to_numpy()
    for key, row in zip(out.index, blank):
        missing = [label for label, none in zip(labels, row) if none]
        if missing:
            add(findings, profile, "SCORE-ITEM-MISSING",
                f"班级「{inp.names[key]}」没有以下项目的评分，按 0 分计：{'、'.join(missing)}", **inp.cells[key])


def apply_incidents(inp: SchoolBook, profile: Profile, out: pd.DataFrame, year: tuple[dt.date, dt.date],
                    findings: list[Finding]) -> dict[str, str]:
    """Item 1 becomes 0 for a major incident; otherwise × (1 − Σ deductions), at least 0 (篇3 二、7)."""
    t = inp.table("incidents")
    notes: dict[str, str] = {}
    if t is None:
        return notes
    rules = profile["score.incidents"]
    zero: dict[str, list[str]] = {}
    cut: dict[str, float] = {}
    for row, rec in t.df.iterrows():
        key, kind = class_id(rec["class"]), rec["kind"] or ""
        date = rec["date"] if t.has("date") else None
        if date is not None and not year[0] <= date <= year[1]:
            add(findings, profile, "INCIDENT-OUT-OF-YEAR",
                f"事件日期 {date:%Y-%m-%d} 不在本学年（{year[0]:%Y-%m-%d} 至 {year[1]:%Y-%m-%d}）内，未扣分",
                value=str(date), **t.where("date", row))
            continue
        if any(word in kind for word in rules["zero_kinds"]):
            zero.setdefault(key, []).append(kind)
            continue
        given = rec["deduction"] if t.has("deduction") else None  # parsed by rules.check_deductions
        rate = given if given is not None else rules["deductions"].get(kind, rules["default_deduction"])
        cut[key] = cut.get(key, 0.0) + rate
    for key, rate in cut.items():
        if key not in zero and not pd.isna(out.at[key, "class_building"]):
            out.at[key, "class_building"] = round(out.at[key, "class_building"] * max(0.0, 1 - rate), 2)
            notes[key] = f"班级建设扣 {min(rate, 1) * 100:g}%（事件）"
    for key, kinds in zero.items():
        out.at[key, "class_building"] = 0.0
        notes[key] = f"班级建设记 0 分（{'、'.join(dict.fromkeys(kinds))}）"
    return notes

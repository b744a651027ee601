"""The excellent-class evaluation (优秀班集体评价, 篇3): `score(book, profile) -> ScoreResult`."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..findings import ERROR, Finding, InputError, Progress, Report, WARNING, no_progress
import pandas as pd

from ..io import Workbook
from ..profile import Profile
from . import bonus, items
from .load import ScoreInput, class_key, load
from .rank import rank, recommend
from .result import ClassScore, ScoreResult

__all__ = ["score", "ScoreResult", "ClassScore", "academic_year"]


def academic_year(year: str | None, profile: Profile, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """`2025-2026` → 2025-09-01 … 2026-08-31 [reading]; without it, the year that holds `today`."""
    month, day = (int(x) for x in profile["score.academic_year_start"].split("-"))
    if year:
        m = re.fullmatch(r"\s*(\d{4})\s*[-—~至/]\s*(\d{4})\s*(学年)?\s*", year)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            raise InputError([Finding("OPTION-YEAR", ERROR, f"学年「{year}」应写作 2025-2026")])
        first = int(m.group(1))
    else:
        today = today or dt.date.today()
        first = today.year if (today.month, today.day) >= (month, day) else today.year - 1
    start = dt.date(first, month, day)
    return start, dt.date(first + 1, month, day) - dt.timedelta(days=1)


def score(book: Workbook | str | Path, profile: Profile, *, fitness: Workbook | str | Path | None = None,
          year: str | None = None, quota: int | None = None, today: dt.date | None = None,
          progress: Progress = no_progress) -> ScoreResult:
    """Score and rank every class of a classes workbook. Raises InputError when it cannot run."""
    span = academic_year(year, profile, today)
    quota = profile["score.quota"] if quota is None else quota
    progress("读取工作簿")
    inp = load(book, profile, fitness)
    report = Report()
    progress("计算基础分")
    table = items.rated_items(inp, profile)
    items.count_items(inp, profile, table)
    if inp.fitness_counts is not None:
        counts = inp.fitness_counts
        report.extend(inp.fitness_findings)
    else:
        counts = _fitness_counts(inp, profile, report)
    items.fitness_item(inp, profile, table, counts)
    items.report_missing(inp, profile, table, report)
    notes = items.apply_incidents(inp, profile, table, span, report)
    progress("计算加分")
    awards = bonus.evaluate(inp.table("awards"), profile, span)
    classes = _class_scores(inp, table, awards, counts, notes)
    progress("排名")
    ranked = rank(classes, profile["score.tie_order"])
    recommend(ranked, quota, report, inp.file)
    return ScoreResult(inp.file, span, quota, ranked, awards, report.sorted())


def _fitness_counts(inp: ScoreInput, profile: Profile, report: Report) -> dict[str, dict]:
    t = inp.fitness
    if t is None:
        return {}
    veto, passing = profile["score.fitness.veto_ratings"], profile["score.fitness.pass_ratings"]
    df = t.df.assign(key=t.df["class"].map(class_key))
    tested = df[df["rating"].notna()]  # a blank rating is not tested (免测): neither a pass nor a fail
    failed = tested[tested["rating"].isin(veto)]
    names = failed["name"] if t.has("name") else pd.Series(dtype=object)
    labels = [n if isinstance(n, str) and n else f"第{row}行" for row, n in
              zip(failed.index, names.reindex(failed.index))]
    failed_names = pd.Series(labels, index=failed.index, dtype=object).groupby(failed["key"]).agg(list)
    counts: dict[str, dict] = {}
    for key in df["key"].unique():
        counts[key] = {"tested": 0, "passed": 0, "failed": 0, "failed_names": failed_names.get(key, [])}
    for key, n in tested.groupby("key").size().items():
        counts[key]["tested"] = int(n)
    for key, n in tested[tested["rating"].isin(passing)].groupby("key").size().items():
        counts[key]["passed"] = int(n)
    for key, n in failed.groupby("key").size().items():
        counts[key]["failed"] = int(n)
    for key in inp.order:
        if key not in counts:
            report.add("SCORE-FITNESS-MISSING", WARNING,
                       f"班级「{inp.names[key]}」没有体测记录，无法确认是否达标（篇3 二、6）", file=t.file, sheet=t.sheet)
    return counts


def _class_scores(inp: ScoreInput, table, awards, counts, notes) -> list[ClassScore]:
    classes = inp.table("classes")
    info = {class_key(r["class"]): r for _, r in classes.df.iterrows() if r["class"] is not None}
    team: dict[str, float] = {}
    individual: dict[str, float] = {}
    for a in awards:
        bucket = team if a.kind == "团体" else individual
        bucket[a.key] = bucket.get(a.key, 0.0) + a.points
    out = []
    for key, position in inp.order.items():
        rec = info[key]
        values = {i: round(float(v), 2) if v == v else 0.0 for i, v in table.loc[key].items()}
        values = {i: int(v) if float(v).is_integer() else v for i, v in values.items()}
        base = float(round(sum(values.values()), 2))
        t, p = round(team.get(key, 0.0), 2), round(individual.get(key, 0.0), 2)
        c = counts.get(key, {})
        cs = ClassScore(
            class_name=inp.names[key], grade=_get(classes, rec, "grade"), head_teacher=_get(classes, rec, "head_teacher"),
            size=_get(classes, rec, "size"), items=values, base=base, team_bonus=t, individual_bonus=p,
            total=float(round(base + t + p, 2)), order=position, vetoed=c.get("failed", 0) > 0,
            veto_count=c.get("failed", 0), veto_students=list(c.get("failed_names", [])))
        if cs.vetoed:
            cs.notes.append(f"一票否决：{cs.veto_count} 名学生体测不及格（{'、'.join(cs.veto_students)}）（篇3 二、6）")
        if key in notes:
            cs.notes.append(notes[key])
        out.append(cs)
    return out


def _get(t, rec, field):
    if not t.has(field) or rec[field] is None:
        return "" if field != "size" else None
    return int(rec[field]) if field == "size" else rec[field]

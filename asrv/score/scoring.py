"""One school's evaluation: base items, bonuses, veto, deductions, ranking and quota (篇3)."""
from __future__ import annotations

from ..findings import Finding
from ..io.keys import class_id
from ..profile import Profile
from . import bonus, items
from .load import SchoolBook
from .rank import rank, recommend
from .result import ClassScore, SchoolScore
from .rules import add
from .years import Span


def award_dates(book: SchoolBook) -> list:
    t = book.table("awards")
    return [] if t is None or not t.has("date") else [d for d in t.df["date"] if d is not None]


def score_school(book: SchoolBook, counts: dict[str, dict], profile: Profile, span: Span, year_source: str,
                 quota: int, findings: list[Finding]) -> SchoolScore:
    """`counts`: per class id the fitness tallies (asrv.score.fitness_data.class_counts)."""
    table = items.rated_items(book, profile)
    items.count_items(book, profile, table)
    items.fitness_item(book, profile, table, counts)
    items.report_missing(book, profile, table, findings)
    notes = items.apply_incidents(book, profile, table, span, findings)
    awards_table = book.table("awards")
    awards = bonus.evaluate(awards_table, profile, span)
    for a in awards:
        if a.outside_year:  # not counted, and said where the clerk can check the date
            add(findings, profile, "SCORE-AWARD-YEAR",
                f"获奖日期 {a.date:%Y-%m-%d} 不在本学年（{span[0]:%Y-%m-%d} 至 {span[1]:%Y-%m-%d}，依据：{year_source}）内，"
                f"「{a.event}」不计分", value=str(a.date), **awards_table.where("date", a.row))
    ranked = rank(_class_scores(book, table, awards, counts, notes), profile["score.tie_order"])
    recommend(ranked, quota, profile, findings, book.file)
    return SchoolScore(book.school, book.school_source, book.file, span, year_source, quota, ranked, awards)


def _class_scores(book: SchoolBook, table, awards, counts, notes) -> list[ClassScore]:
    classes = book.table("classes")
    info = {}  # class id -> its first row's grade, head teacher and size
    fields = [f for f in ("grade", "head_teacher", "size") if classes.has(f)]
    for name, *rec in zip(classes.df["class"].tolist(), *(classes.df[f].tolist() for f in fields)):
        if name is not None:
            info.setdefault(class_id(name), dict(zip(fields, rec)))
    team: dict[str, float] = {}
    individual: dict[str, float] = {}
    for a in awards:
        bucket = team if a.kind == "团体" else individual
        bucket[a.key] = bucket.get(a.key, 0.0) + a.points
    scores = dict(zip(table.index, table.to_numpy(dtype=float).tolist()))
    out = []
    for key, position in book.order.items():
        rec = info[key]
        values = {i: round(float(v), 2) if v == v else 0.0 for i, v in zip(table.columns, scores[key])}
        values = {i: int(v) if float(v).is_integer() else v for i, v in values.items()}
        base = float(round(sum(values.values()), 2))
        t, p = round(team.get(key, 0.0), 2), round(individual.get(key, 0.0), 2)
        c = counts.get(key, {})
        cs = ClassScore(
            school=book.school, class_name=book.names[key], grade=_get(rec, "grade"),
            head_teacher=_get(rec, "head_teacher"), size=_get(rec, "size"), items=values,
            base=base, team_bonus=t, individual_bonus=p, total=float(round(base + t + p, 2)), order=position,
            vetoed=c.get("failed", 0) > 0, veto_count=c.get("failed", 0), veto_students=list(c.get("failed_names", [])))
        if cs.vetoed:
            cs.notes.append(f"一票否决：{cs.veto_count} 名学生体测不及格（{'、'.join(cs.veto_students)}）（篇3 二、6）")
        if key in notes:
            cs.notes.append(notes[key])
        out.append(cs)
    return out


def _get(rec: dict, field: str):
    """`rec` holds only the columns the sheet has."""
    if rec.get(field) is None:
        return "" if field != "size" else None
    return int(rec[field]) if field == "size" else rec[field]

"""A school's numbers for the rubric, read off its commands' Results (never recounted from the files):
participants, five-day participants, own staff serving, hand-over, satisfaction."""
from __future__ import annotations

from .book import Book
from .evidence import Evidence, Rate
from .load import SchoolFolder

FEES, SURVEY = "收费报名", "意向调查"


def evidence(school: str, folder: SchoolFolder | None, book: Book | None, profile) -> Evidence:
    reg = book.register.get(school) if book else None
    ev = Evidence(school, students=reg.students if reg else None, staff=reg.staff if reg else None,
                  register_where=reg.where if reg else {})
    if book:
        ev.ratings = book.ratings.get(school, {})
        ev.vetoes = book.vetoes.get(school, [])
    if folder is not None:
        ev.findings = list(folder.findings)
        used = {u.path.resolve() for u in folder.files if u.used}
        ev.kinds = {k: [p.name for p in paths if p.resolve() in used] for k, paths in folder.kinds.items()}
        ev.kinds = {k: v for k, v in ev.kinds.items() if v}
        _schedule(ev, folder.results.get("schedule"))
        enrolled = _fees(ev, folder.results.get("fees"))
        _survey(ev, folder.results.get("survey"), enrolled, profile)
        _attendance(ev, folder.results.get("attendance"))
    if book and school in book.satisfaction:
        ev.satisfaction = book.satisfaction[school]
    return ev


def _schedule(ev: Evidence, r) -> None:
    if r is None or r.sessions is None:
        return
    ev.offers_service = r.rows > 0
    ev.school_staff_serving = sum(r.own_staff().values())


def _fees(ev: Evidence, r) -> set[str] | None:
    """The 学号 enrolled in the term (报名), or None without a usable fee workbook."""
    st = None if r is None else r.students
    if st is None or st.empty:
        return None
    ids = set(st.loc[st["enrolled"].astype(bool), "student_id"].to_numpy(dtype=object))
    ev.participants, ev.participants_source = len(ids), FEES
    return ids


def _survey(ev: Evidence, r, enrolled: set[str] | None, profile) -> None:
    if r is None or not r.per_school:
        return
    five = {k for s in r.per_school for k in s.five_day}
    if enrolled is None:
        ev.participants, ev.participants_source = sum(s.wants for s in r.per_school), SURVEY
        ev.five_day = len(five)
    else:  # enrolled students whose survey answer asks for all five days
        ev.five_day = len(enrolled & five)
    answers = profile["district.satisfaction_answers"]
    counts = {k: 0 for k in ("satisfied", "fairly", "dissatisfied", "unknown")}
    for s in r.per_school:
        for text, n in s.satisfaction.items():
            if text in answers:
                counts[answers[text]] += n
    valid = sum(counts.values())
    if valid:
        sent = sum(s.answered for s in r.per_school)
        ev.satisfaction = {"sent": sent, "valid": valid, **counts, "source": f"{SURVEY}「满意度」列",
                           "where": {"file": "、".join(f for s in r.per_school for f in s.files)}}


def _attendance(ev: Evidence, r) -> None:
    if r is None:
        return
    rates = r.school_rates().values()
    if not rates:
        return
    total = {k: sum(x[k] for x in rates) for k in ("at_school", "handed_over", "unreported_absences", "records",
                                                   "present")}
    ev.handover = Rate(total["handed_over"], total["at_school"], "有离校时间、接送人和交接教师的在校学生 ÷ 在校学生")
    ev.unreported = total["unreported_absences"]
    ev.attendance = Rate(total["present"], total["records"], "到校 ÷ 考勤记录")

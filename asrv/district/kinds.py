"""The kinds of workbook a school sends, recognised by their sheets, and the command that checks each.

A workbook may be of several kinds (an attendance workbook with its 报名 sheet is also a fee
workbook); each kind's command runs on it through its library `run()`, never a copy of its checks.
"""
from __future__ import annotations

from pathlib import Path

from ..io.reader import find_sheet, header_fields
from ..io.schema import norm

ZH = {"schedule": "课后服务安排工作簿", "fees": "收费工作簿", "survey": "意向调查表", "catalog": "课后服务目录",
      "attendance": "考勤工作簿", "meals": "午餐工作簿", "fitness": "体测成绩", "classes": "优秀班集体评价工作簿"}
ROLE = {"schedule": "安排", "fees": "收费", "survey": "调查", "catalog": "目录", "attendance": "考勤",
        "meals": "午餐", "fitness": "体测", "classes": "班级评价"}
# Which workbook a rule's findings come from: a school that sent none is told what is missing.
KIND_OF_PREFIX = {"SCH": "schedule", "STAFF": "schedule", "CONFLICT": "schedule", "FEE": "fees",
                  "ATT": "attendance", "MEAL": "meals"}
# The order the commands run in: those another needs (schedule, fees, catalogue, fitness) first.
ORDER = ("schedule", "fees", "catalog", "survey", "attendance", "meals", "fitness", "classes")


def kinds_of(book, profile) -> list[str]:
    """Every kind this workbook is, by its sheets; a lone sheet of another name by its header."""
    from ..attendance.sheets import ATTENDANCE, CARD, ROSTER, STAFF_SIGNIN
    from ..fees.sheets import ENROLLMENT
    from ..fitness.sheets import fitness_spec
    from ..meals.sheets import ACCOMPANY, MEAL_ROWS
    from ..schedule.sheets import SCHEDULE
    from ..score.sheets import CLASSES
    from ..survey.sheets import CATALOG, SURVEY

    def has(*specs) -> bool:
        return any(find_sheet(book, s) is not None for s in specs)
    found = []
    if has(ATTENDANCE, STAFF_SIGNIN, CARD):
        found.append("attendance")
    if has(SCHEDULE):
        found.append("schedule")
    enrollment = find_sheet(book, ENROLLMENT)
    if enrollment is not None and enrollment != find_sheet(book, ROSTER):
        found.append("fees")
    found += [k for k, specs in (("survey", (SURVEY,)), ("catalog", (CATALOG,)), ("meals", (MEAL_ROWS, ACCOMPANY)),
                                 ("classes", (CLASSES,))) if has(*specs)]
    fitness = fitness_spec(profile)
    named = {norm(n) for n in (fitness.title, "体测", "体质健康")}
    if "classes" not in found and any(norm(n) in named for n in book.sheet_names):
        found.append("fitness")
    if not found and len(book.sheet_names) == 1:   # a survey tool's or the fitness system's export: Sheet1
        header = header_fields(book, book.sheet_names[0], SURVEY)
        if {"wants", "class"} <= header:
            found.append("survey")
        elif {"class", "sex"} <= header_fields(book, book.sheet_names[0], fitness):
            found.append("fitness")
    return sorted(found, key=ORDER.index)


def run_kind(kind: str, files: list[Path], others: dict[str, list[Path]], profile, options):
    """The kind's own command over `files`; `others` are the school's files of the other kinds
    (a survey's catalogue, attendance's schedule and fees, the classes' fitness results)."""
    s = [str(p) for p in files]
    given = {"date": options.date, "mask": options.mask}
    if kind == "schedule":
        from .. import schedule
        return schedule.run(s, profile, options=schedule.Options(**given))
    if kind == "fees":
        from .. import fees
        return fees.run(s, profile, options=fees.Options(term=options.term, **given))
    if kind == "survey":
        from .. import survey
        return survey.run(s, profile, options=survey.Options(catalog=_str(others, "catalog"), **given))
    if kind == "attendance":
        from .. import attendance
        return attendance.run(s, profile, options=attendance.Options(
            schedule=_str(others, "schedule"), fees=_str(others, "fees"), **given))
    if kind == "meals":
        from .. import meals
        return meals.run(s, profile, options=meals.Options(**given))
    if kind == "fitness":
        from .. import fitness
        return fitness.run(s, profile, options=fitness.Options(**given))
    if kind == "classes":
        from .. import score
        return score.run(s, profile, options=score.Options(fitness=_str(others, "fitness"), **given))
    return None   # a catalogue is read by the survey's run


def _str(others: dict[str, list[Path]], kind: str) -> list[str]:
    return [str(p) for p in others.get(kind, [])]

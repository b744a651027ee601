"""Outputs of `asrv fitness`: 体测成绩.xlsx (students, classes, grades, schools, files, findings)
and one HTML report per class, in one folder per school (`<学校>/体测_<班级>.html`), all written
together through asrv.out.Outputs."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from ..out import Outputs, render, title_line, titled, write_workbook
from ..out.notice import num
from ..out.mask import distinct_names
from ..out.findings import findings_sheet
from ..out.forked import beside, can_fork, naming
from ..out.names import UniqueNames, file_part
from .result import FitnessResult
from .scoring import STATUS_ZH
from .summary import RATING_KEYS, RATINGS
from .tables import ITEM_ZH, ITEMS, SEX_ZH, standard
from .workbook import files_sheet, student_sheet, summary_sheet

WORKBOOK = "体测成绩.xlsx"


def write(result: FitnessResult, out_dir: str | Path) -> list[Path]:
    mask = result.options.mask
    with Outputs(out_dir, "fitness", inputs=[f.path for f in result.files]) as outputs:
        line = title_line(result.schools, "学生体质健康测试成绩", day=result.options.day)
        processes = result.options.jobs if can_fork(result.options.jobs) and len(result.classes) else 1
        with beside(Path(out_dir), processes) as run:
            # Started first: in a district run the workbook takes as long as all the reports.
            run(WORKBOOK, partial(_workbook, result, line, outputs.claim(WORKBOOK)))
            reports = _claimed(result, outputs)
            members = _Members(result.students)
            # The workbook has a processor of its own, the reports share the others: one more process
            # than there are processors made both slower. Contiguous shares: each process mostly
            # creates files in folders of its own.
            shares = max(processes - 1, 1)
            cut = [len(reports) * k // shares for k in range(shares + 1)]
            for a, b in zip(cut[1:-1], cut[2:]):
                run(None, partial(_write, members, mask, reports[a:b]))
            run(None, partial(_write, members, mask, reports[:cut[1]]), here=True)
    return [outputs.directory / WORKBOOK, *(outputs.directory / name for name, _, _, _ in reports)]


def _workbook(result: FitnessResult, line: str, path: Path) -> None:
    # The sheets are made here, in the writing process, so their millions of cells are never held beside the reports.
    write_workbook(path, titled(_sheets(result), line))


def _claimed(result: FitnessResult, outputs: Outputs) -> list[tuple]:
    """(name, temporary path, class, its students' rows) of each class report, one folder per
    school, the names taken here in order whichever process then writes the report."""
    by = ["school", "grade", "class"]
    groups = result.students[by].fillna("").groupby(by, sort=False).indices
    names: dict[str, UniqueNames] = {}  # per school folder
    out = []
    for c in result.classes.to_dict("records"):
        folder = file_part(c["school"], "学校")
        name = f"{folder}/体测_{names.setdefault(folder, UniqueNames())(c['class'] or '未分班')}.html"
        out.append((name, outputs.claim(name), c, groups.get((c["school"], c["grade"], c["class"]), [])))
    return out


def _write(members: "_Members", mask: bool, reports: list[tuple]) -> None:
    """Render and write these reports; a failed write names its report (OSError.filename)."""
    for name, tmp, c, rows in reports:
        text = class_html(c, members(rows), mask)
        with naming(name):
            tmp.write_text(text, encoding="utf-8")


def _sheets(result: FitnessResult) -> list:
    return [student_sheet(result.students),
            summary_sheet([result.classes], "班级汇总", ["school", "grade", "class"]),
            summary_sheet([result.grades, result.district_grades], "年级汇总", ["school", "grade"]),
            summary_sheet([result.by_school, result.district], "学校汇总", ["school"]),
            files_sheet(result.files),
            findings_sheet(result.findings, lead={"学校": lambda f: f.school})]


REPORTED = ["name", "student_id", "row", "sex", "standard", "bonus", "total", "rating", "status"]


class _Members:
    """The students of a class as the report takes them (NaN as None, item scores as int), made a
    class at a time from columns read once: one dict per student of a district would stay in
    memory for the whole of the reports."""

    def __init__(self, students: pd.DataFrame):
        s = students[REPORTED].astype(object)
        self.columns = {k: v.tolist() for k, v in s.where(s.notna(), None).items()}
        self.items = {}
        for i in ITEMS:
            v = students[f"score_{i}"]
            self.items[i] = v.fillna(0).astype(np.int64).astype(object).where(v.notna(), None).tolist()

    def __call__(self, rows) -> "_Class":
        rows = list(rows)
        return _Class({k: [v[r] for r in rows] for k, v in self.columns.items()},
                      {i: [v[r] for r in rows] for i, v in self.items.items()})


@dataclass
class _Class:
    """One class's students as columns: the REPORTED fields and each item's score, in table order."""
    columns: dict[str, list]
    items: dict[str, list]


def class_html(c: dict, members: _Class, mask: bool) -> str:
    labels = standard().grade_labels
    col = members.columns
    shown = name_labels(members, mask)
    failed = [label for label, status, rating in zip(shown, col["status"], col["rating"])
              if status == "tested" and rating == "不及格"]
    items = [i for i in ITEMS if any(v is not None for v in members.items[i])]
    c = {k: None if isinstance(v, float) and v != v else v for k, v in c.items()}
    return render("fitness_class.html.j2", c=c, school=c["school"], grade=labels.get(c["grade"], c["grade"]),
                  rows=_rows(members, shown, items), failed=failed, items=items, item_zh=ITEM_ZH, ratings=RATINGS,
                  keys=RATING_KEYS, mask=mask)


def _rows(members: _Class, shown: list[str], items: list[str]) -> list:
    """The student table's rows as the template once wrote them cell by cell (the same escaping):
    9,600 class reports of a district spent most of their time there. Only the name is escaped
    per row: scores are ints or blank, figures are num()'s digits, and the few distinct words
    (性别, 等级) are escaped once each. The rows come as one markup, joined as the template's loop
    (trim_blocks) joins them, a line each, so it is not asked to escape each row again."""
    from markupsafe import Markup, escape
    words: dict = {}

    def word(v) -> str:
        hit = words.get(v)
        if hit is None:
            hit = words[v] = str(escape(v))
        return hit
    col = members.columns
    scores = ["".join(["<td></td>" if v is None else f"<td>{v:d}</td>" for v in got])
              for got in zip(*(members.items[i] for i in items))] if items else [""] * len(shown)
    out = []
    for k, (label, sex, status, rating, standard_, bonus, total, cells) in enumerate(zip(
            shown, col["sex"], col["status"], col["rating"], col["standard"], col["bonus"], col["total"], scores), 1):
        veto = "veto" if rating == "不及格" else ""
        out.append(
            f'<tr class="{veto}"><td>{k}</td><td class="name">{escape(label)}</td><td>{word(SEX_ZH.get(sex, ""))}</td>'
            f'{cells}<td>{num(standard_)}</td><td>{num(bonus)}</td>'
            f'<td>{num(total)}</td><td>{word(rating or STATUS_ZH[status])}</td></tr>')
    return [Markup("\n".join(out))] if out else []


def name_labels(members: _Class, mask: bool) -> list[str]:
    """Names as a class report shows them, never two alike (asrv.out.mask.distinct_names, by 学籍号)."""
    col = members.columns
    return distinct_names([_text(v) for v in col["name"]], [_text(v) for v in col["student_id"]],
                          [int(v) for v in col["row"]], mask)


def _text(v) -> str:
    return "" if v is None or v != v else str(v)

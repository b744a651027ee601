"""What `run` returns: every finding, the files used, and the rows checked, kept per school; the
district totals are the sum over all of them (findings about no school, such as a skipped lock
file, count in the totals only)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..findings import ERROR, WARNING, Finding
from ..io.keys import school_order
from ..result import Options as BaseOptions
from ..result import Result


@dataclass
class Options(BaseOptions):
    """check-schedule takes only the common options: `school` names a single file's school."""


def _counts(findings: list[Finding]) -> dict:
    return {"errors": sum(f.severity == ERROR for f in findings),
            "warnings": sum(f.severity == WARNING for f in findings),
            "rules": dict(sorted(Counter(f.rule for f in findings).items()))}


@dataclass
class SchoolResult:
    """One school of the district: its files, rows checked and findings."""
    school: str
    files: list[str]
    source: str               # how the school was found: 学校列, 标题行, 学校单元格, 文件名, --school
    rows: int
    findings: list[Finding]

    @cached_property
    def counts(self) -> dict:
        """errors, warnings, and findings per rule id."""
        return _counts(self.findings)

    @property
    def errors(self) -> int:
        return self.counts["errors"]

    @property
    def warnings(self) -> int:
        return self.counts["warnings"]

    @property
    def rules(self) -> dict[str, int]:
        return self.counts["rules"]

    def to_json(self) -> dict:
        return {"school": self.school, "files": self.files, "school_source": self.source, "rows": self.rows,
                **self.counts}


@dataclass
class ScheduleResult(Result):
    """`sessions`: one line per workbook row and weekday, every usable file (None when none was);
    `staff`: the 人员 sheets' rows."""
    sessions: Any = None
    staff: Any = None

    @property
    def rows(self) -> int:
        s = self.sessions
        return 0 if s is None or s.empty else len(set(zip(s["file"], s["row"])))

    @cached_property
    def labels(self) -> dict[Path, str]:
        """Each input file as findings name it (see `file_labels`)."""
        return {f.path: f.file for f in self.files}

    @cached_property
    def by_school(self) -> list[SchoolResult]:
        """Every school named by a row or a finding, in pinyin order."""
        files: dict[str, dict[str, str]] = {}   # school -> file -> how the school was found
        uses = {self.labels[f.path]: f for f in self.files}
        rows: Counter = Counter()
        if self.sessions is not None and not self.sessions.empty:
            first = self.sessions.drop_duplicates(["file", "row"])
            rows.update(first["school"])
            for school, file in first[["school", "file"]].drop_duplicates().itertuples(index=False):
                files.setdefault(school, {})[file] = uses[file].school_source if file in uses else ""
        for f in self.findings:
            if f.school:
                known = files.setdefault(f.school, {})
                if f.file in uses and f.file not in known:
                    known[f.file] = uses[f.file].school_source
        out = []
        for school in sorted(files, key=school_order):
            sources = "、".join(dict.fromkeys(s for s in files[school].values() if s))
            out.append(SchoolResult(school, list(files[school]), sources, int(rows[school]),
                                    [f for f in self.findings if f.school == school]))
        return out

    def own_staff(self) -> dict[str, int]:
        """Per school, for `asrv district`: distinct people named in the 教师 cells whom their file's
        人员 sheet lists as 本校教职工. Counted in one pass over the rows: a district asks it of each
        school, where a merge of two small frames cost more than the rows."""
        s, st = self.sessions, self.staff
        if s is None or st is None or s.empty:
            return {}
        own = {(f, n) for f, n, k in zip(st["file"], st["name"], st["kind"]) if k == "本校教职工"}
        people: dict[str, set] = {}
        for file, school, named in zip(s["file"], s["school"], s["staff"]):  # named: a tuple (load._NAMES)
            for name in named:
                if (file, name) in own:
                    people.setdefault(school, set()).add(name)
        return {school: len(people[school]) for school in sorted(people)}

    def summary(self) -> dict:
        """The district totals: 全区合计."""
        return {"schools": len(self.by_school), "files": len(self.files),
                "files_used": sum(f.used for f in self.files), "files_unusable": len(self.unusable),
                "rows": self.rows, **_counts(self.findings)}

    def payload(self) -> dict:
        return {"summary": self.summary(), "schools": [s.to_json() for s in self.by_school]}


def finding_order(f: Finding) -> tuple:
    """Findings about no school (the batch: skipped files) first, then by school in pinyin order,
    file, errors before warnings, sheet and cell."""
    return (bool(f.school), school_order(f.school)) + f.sort_key()[1:]

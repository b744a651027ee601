"""Findings are data: every check reports them, nothing stops at the first one."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING)
LEVEL_ZH = {ERROR: "错误", WARNING: "提示", OFF: "不检查"}

Progress = Callable[[str], None]


def no_progress(message: str) -> None:
    """Default progress callback: the library never prints."""


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    value: Any = None
    school: str = ""

    def __post_init__(self) -> None:
        # A mistyped level must never pass as "not an error": the run would exit clean.
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} of {self.rule} is not one of {SEVERITIES}")

    @property
    def where(self) -> str:
        """`评分!D7`, the way a clerk finds a cell in Excel."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def at_school(self, school: str) -> "Finding":
        """The same finding, said of a school (kept when it already names one)."""
        return self if self.school or not school else dataclasses.replace(self, school=school)

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "school": self.school, "file": self.file,
                "sheet": self.sheet, "cell": self.cell, "message": self.message}

    def sort_key(self) -> tuple:
        return (self.school, self.file, 0 if self.severity == ERROR else 1, self.sheet, cell_key(self.cell),
                self.rule)


def cell_key(cell: str) -> tuple:
    """`B10` after `B9`: rows by number, then columns by letters."""
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    return (int(digits) if digits else 0, len(letters), letters)


class Counted:
    """Errors and warnings of anything holding `findings`: a report and every command's result."""

    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


@dataclass
class Report(Counted):
    """Collects every finding of a run, in the order they were found."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, severity: str, message: str, **where: Any) -> Finding:
        f = Finding(rule, severity, message, **where)
        self.findings.append(f)
        return f

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self):
        return iter(self.findings)


class InputError(Exception):
    """The input cannot be used: the command stops for this input (exit 2) and writes nothing of it.

    Carries every problem found, so a clerk fixes the workbook in one pass.
    """

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("; ".join(f"{f.file} {f.where}: {f.message}" for f in self.findings[:5]))

"""The 问题 sheet every command writes, one layout everywhere so a clerk reads them all alike."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from .xlsx import SheetOut

LEVEL = {"error": "错误", "warning": "提示"}
Column = Callable[[Any], Any]


def findings_sheet(findings: Iterable, lead: dict[str, Column] | None = None,
                   extra: dict[str, Column] | None = None, show_value: bool = True,
                   number_formats: dict[str, str] | None = None) -> SheetOut:
    """级别, 规则, 文件, 位置 (评分!D7), 值, 说明; a command may add its own columns before (学校)
    or after the value (金额, 限额). Error rows are red, warnings yellow."""
    findings = list(findings)
    lead, extra = lead or {}, extra or {}
    columns = [*lead, "级别", "规则", "文件", "位置", *(["值"] if show_value else []), *extra, "说明"]
    rows = []
    for f in findings:
        value = [] if not show_value else ["" if f.value is None else str(f.value)]
        rows.append([*(get(f) for get in lead.values()), LEVEL.get(f.severity, f.severity), f.rule, f.file,
                     f.where, *value, *(get(f) for get in extra.values()), f.message])
    marks = {i: "error" if f.severity == "error" else "warning" for i, f in enumerate(findings)}
    return SheetOut("问题", columns, rows, number_formats=number_formats or {}, marks=marks)

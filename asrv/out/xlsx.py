"""Workbooks formatted for people: frozen header, fitted widths, number formats, marked rows."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MARK_FILLS = {"veto": "F8CBAD", "good": "C6EFCE", "error": "FFC7CE", "warning": "FFEB9C",
              "muted": "E7E6E6"}
HEADER_FILL = "DDEBF7"
FORMULA_START = ("=", "+", "-", "@")


@dataclass
class SheetOut:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    number_formats: dict[str, str] = field(default_factory=dict)  # column header -> Excel format
    marks: dict[int, str] = field(default_factory=dict)           # row index -> MARK_FILLS key
    validations: dict[str, list[str]] = field(default_factory=dict)  # column header -> choices
    notes: list[str] = field(default_factory=list)                # lines above the table
    merge_notes: bool = False  # each note line merged over the table's width, as a clerk's title row


def display_width(text: object) -> int:
    """Columns Excel needs: a CJK character is two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def write_workbook(path: str | Path, sheets: list[SheetOut]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fills: dict[str, PatternFill] = {}  # one style object per mark: openpyxl hashes each assignment
    for spec in sheets:
        ws = wb.create_sheet(spec.title[:31])
        for line in spec.notes:
            ws.append([line])
        if spec.merge_notes and len(spec.columns) > 1:
            for r in range(1, len(spec.notes) + 1):
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(spec.columns))
        header_row = len(spec.notes) + 1
        ws.append(spec.columns)
        width = len(spec.columns)
        # ws[row] recomputes max_column over every cell: quadratic on big sheets, so address cells directly.
        cells = lambda r: (ws.cell(row=r, column=j) for j in range(1, width + 1))  # noqa: E731
        for c in cells(header_row):
            c.font = bold
            c.fill = PatternFill("solid", fgColor=HEADER_FILL)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, row in enumerate(spec.rows):
            ws.append([_cell_value(v) for v in row])
            r = header_row + 1 + i
            for j, v in enumerate(row, start=1):
                if isinstance(v, str) and v.startswith(FORMULA_START):
                    # Text from a workbook must never run as a formula in the clerk's Excel.
                    c = ws.cell(row=r, column=j)
                    c.data_type = "s"
                    c.quotePrefix = True
            mark = spec.marks.get(i)
            if mark:
                fill = fills.get(mark) or fills.setdefault(mark, PatternFill("solid", fgColor=MARK_FILLS[mark]))
                for c in cells(r):
                    c.fill = fill
        last = header_row + len(spec.rows)
        for j, name in enumerate(spec.columns, start=1):
            letter = get_column_letter(j)
            fmt = spec.number_formats.get(name)
            if fmt:
                for (c,) in ws.iter_rows(min_row=header_row + 1, max_row=last, min_col=j, max_col=j):
                    c.number_format = fmt
            widest = max([display_width(name)] + [display_width(_shown(r[j - 1])) for r in spec.rows[:2000]
                                                  if j - 1 < len(r)])
            ws.column_dimensions[letter].width = min(max(widest + 2, 6), 60)
            choices = spec.validations.get(name)
            if choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="输入有误",
                                    error=f"请从下拉列表中选择：{'、'.join(choices)}")
                dv.add(f"{letter}{header_row + 1}:{letter}{max(last, header_row + 500)}")
                ws.add_data_validation(dv)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        if spec.rows and spec.columns:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(spec.columns))}{last}"
    _fix_dates(wb)
    _save_stable(wb, path)


def _cell_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    return v


def _shown(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def _fix_dates(wb) -> None:
    # Fixed document times, so a re-run writes the same workbook.
    import datetime as dt
    stamp = dt.datetime(2000, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "asrv"


def _save_stable(wb, path) -> None:
    """`wb.save` stamps core.xml and every zip entry with the clock; this writes fixed times."""
    import zipfile
    from openpyxl.writer.excel import ExcelWriter

    when = (2000, 1, 1, 0, 0, 0)

    class _FixedTimeZip(zipfile.ZipFile):
        def writestr(self, name, data, *args, **kwargs):
            if not isinstance(name, zipfile.ZipInfo):
                name = zipfile.ZipInfo(name, date_time=when)
                name.compress_type = zipfile.ZIP_DEFLATED
                name.external_attr = 0o600 << 16
            super().writestr(name, data, *args, **kwargs)

        def write(self, filename, arcname=None, *args, **kwargs):
            # openpyxl streams each worksheet through a temporary file, whose mtime is the clock.
            with open(filename, "rb") as f:
                self.writestr(arcname or Path(filename).name, f.read())

    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()

"""Workbooks formatted for people, written in one pass with XlsxWriter: title rows, frozen header,
fitted widths, number formats, marked rows, drop-downs, autofilter, page setup for A4 and native
charts. A re-run writes the same bytes; large sheets are streamed (constant memory)."""
from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .xlsx_format import (DEFAULT_FORMATS, FORMULA_START, HEADER_FILL, MARK_FILLS, TEXT, WIDE_COLUMNS, Styles,
                          display_width, formula_like, page_setup, safe_text, sheet_titles, shown)
from .xlsx_parts import Lists, add_chart
from .xlsx_columns import ColumnRows
from .xlsx_stream import ColumnStream, can_stream, classify

__all__ = ["SheetOut", "ChartOut", "ColumnRows", "write_workbook", "title_line", "titled", "display_width", "MARK_FILLS", "HEADER_FILL",
           "FORMULA_START"]

STAMP = dt.datetime(2000, 1, 1)  # the document's created/modified time, so a re-run writes the same bytes
# More cells than this in a workbook and its rows are streamed to disk (ColumnStream), where a cell
# costs a fifth of XlsxWriter's calls; below it the temporary files cost more than that saves.
STREAM_CELLS = 600
# Up to this many cells the parts of a streamed workbook are still put together in memory: a dozen
# temporary files made and removed for each school's small workbook cost more than its rows.
PACK_CELLS = 50_000
FIT_ROWS = 2000                  # rows looked at to fit a column's width
MIN_WIDTH, MAX_WIDTH = 6, 60     # a column capped at MAX_WIDTH wraps its text
ZIP_LEVEL = 1                    # zlib's fastest
DROPDOWN_ROWS = 500              # a drop-down reaches at least this far below the header


@dataclass
class ChartOut:
    """A native Excel bar chart of columns of a sheet; it stays linked to the cells."""
    title: str
    categories: str | int               # header (or 1-based number) of the column of category labels
    values: list[str | int]             # columns of the series, each named by its header cell
    type: str = "column"                # "column" (vertical bars) or "bar" (horizontal)
    anchor: str = ""                    # top-left cell, e.g. "A3"; "" = right of the table
    data: str = ""                      # title of the sheet holding the data; "" = this sheet
    rows: int | None = None             # the first N data rows; None = all
    y_title: str = ""                   # title of the value axis


@dataclass
class SheetOut:
    title: str
    columns: list[str]
    rows: list[list[Any]]  # or a ColumnRows (asrv.out.xlsx_stream) for a sheet made column by column
    number_formats: dict[str, str] = field(default_factory=dict)  # column header -> Excel format
    marks: dict[int, str] = field(default_factory=dict)           # row index -> MARK_FILLS key
    validations: dict[str, list[str]] = field(default_factory=dict)  # column header -> choices
    suggestions: dict[str, list[str]] = field(default_factory=dict)  # drop-downs that accept other text too
    notes: list[str] = field(default_factory=list)                # lines above the table
    merge_notes: bool = False  # each note line merged over the table's width, as a clerk's title row
    heading: list[str] = field(default_factory=list)  # title rows above the notes (school, subject, period, date)
    freeze_columns: int = 0                           # name columns kept in view when scrolling right
    landscape: bool | None = None                     # None: landscape when the sheet is wide
    charts: list[ChartOut] = field(default_factory=list)

    @property
    def header_row(self) -> int:
        """0-based row of the header."""
        return len(self.heading) + len(self.notes)


def cells_of(sheets: list[SheetOut]) -> int:
    """The cells of a workbook's tables, by which it is streamed, packed, or shared between processes."""
    return sum(len(s.rows) * max(len(s.columns), 1) for s in sheets)


def title_line(school: str | list[str], subject: str, period: str = "", day: dt.date | None = None) -> str:
    """The title row of an output sheet: 示例市实验小学 优秀班集体评价结果（2025-2026学年）  制表日期：2026年6月22日.
    Several schools are counted (12 所学校), not listed."""
    from ..notice.model import cn_date
    if not isinstance(school, str):
        school = school[0] if len(school) == 1 else f"{len(school)} 所学校" if school else ""
    text = " ".join(p for p in (school, subject) if p) + (f"（{period}）" if period else "")
    return text + (f"  制表日期：{cn_date(day)}" if day else "")


def titled(sheets: list[SheetOut], line: str) -> list[SheetOut]:
    """Every sheet with `line` as its title row (a sheet that has its own keeps it)."""
    from dataclasses import replace
    return [s if s.heading else replace(s, heading=[line]) for s in sheets]


def write_workbook(path: str | Path, sheets: list[SheetOut]) -> None:
    import xlsxwriter

    path = Path(path)
    titles = sheet_titles([s.title for s in sheets])
    where: dict[str, tuple[str, SheetOut]] = {}  # a chart's data sheet by the title it was given
    for t, s in zip(titles, sheets):
        where.setdefault(s.title, (t, s))
    # A big workbook's rows are streamed to XlsxWriter's temporary files, in a folder of our own,
    # removed whatever happens; a small one is put together in memory, with no file but itself.
    # 1,000 rows of 10 columns: 130 ms in memory, 37 ms streamed; 50 rows: about even.
    cells = cells_of(sheets)
    big = cells > STREAM_CELLS
    with tempfile.TemporaryDirectory(prefix=".asrv-xlsx-", dir=path.parent) if big else nullcontext() as tmp:
        wb = xlsxwriter.Workbook(str(path), {
            "constant_memory": big, "in_memory": not big, "tmpdir": tmp,
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "remove_timezone": True})
        wb.set_properties({"created": STAMP, "author": "asrv"})
        try:
            styles, lists = Styles(wb), Lists(wb)
            for title, spec in zip(titles, sheets):
                _write_sheet(wb, styles, lists, wb.add_worksheet(title), spec, where)
        except BaseException:
            for ws in wb.worksheets():  # streamed rows sit in open files; nothing is written
                if getattr(ws, "row_data_fh", None) is not None:
                    ws.row_data_fh.close()
            raise
        wb.in_memory = cells <= PACK_CELLS  # read when the parts are packed: the rows are in their files already
        _close(wb)


def _close(wb) -> None:
    """Store the workbook with zlib's fastest level: a third of the writing time at its default
    level, for files about a fifth larger. XlsxWriter takes no level, so its module's ZipFile is
    swapped for the call (any level makes a valid workbook; processes, not threads, run batches).
    A streamed sheet's rows are copied into its XML as bytes (_copy_rows)."""
    import functools
    import zipfile

    import xlsxwriter.workbook as module

    for ws in wb.worksheets():
        if ws.constant_memory:
            ws._write_optimized_sheet_data = functools.partial(_copy_rows, ws)
    module.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=ZIP_LEVEL)
    try:
        wb.close()
    finally:
        module.ZipFile = zipfile.ZipFile


def _copy_rows(ws) -> None:
    """XlsxWriter's _write_optimized_sheet_data with the row file copied as bytes, not read back
    as text and written again: both files are UTF-8, and a district's 100 MB of rows spent a
    second being decoded and encoded."""
    import os
    import shutil

    rows, sheet = ws.row_data_fh, ws.fh
    if ws.dim_rowmin is None or not hasattr(rows, "buffer") or not hasattr(sheet, "buffer"):
        type(ws)._write_optimized_sheet_data(ws)
        return
    ws._xml_start_tag("sheetData")
    rows.flush()
    sheet.flush()
    rows.buffer.seek(0)
    shutil.copyfileobj(rows.buffer, sheet.buffer, 1 << 20)
    rows.close()
    os.unlink(ws.row_data_filename)
    ws._xml_end_tag("sheetData")


def _write_sheet(wb, styles: Styles, lists: Lists, ws, spec: SheetOut, where: dict) -> None:
    width = len(spec.columns)
    for r, line in enumerate(spec.heading):
        ws.set_row(r, 24)
        _text(ws, styles, r, 0, line, "heading", width)
    for r, line in enumerate(spec.notes, start=len(spec.heading)):
        _text(ws, styles, r, 0, line, None, width if spec.merge_notes else 1)
    h = spec.header_row
    for j, name in enumerate(spec.columns):
        _text(ws, styles, h, j, name, "header")
    widths = _fit(spec)
    wrap = [w >= MAX_WIDTH for w in widths]
    _write_rows(ws, styles, spec, h + 1, wrap)
    for j, w in enumerate(widths):
        # A text column stays text in the rows a clerk adds (学号 0012 keeps its zeros).
        text = spec.number_formats.get(spec.columns[j]) == TEXT
        ws.set_column(j, j, w, styles.cell(TEXT) if text else None)
    last = h + len(spec.rows)
    for j, name in enumerate(spec.columns):
        for closed, given in ((True, spec.validations), (False, spec.suggestions)):
            if given.get(name):
                lists.dropdown(ws, h + 1, j, max(last, h + DROPDOWN_ROWS), given[name], closed)
    if spec.columns:
        ws.freeze_panes(h + 1, spec.freeze_columns or _name_columns(spec))
    if spec.rows and spec.columns:
        ws.autofilter(h, 0, last, width - 1)
    page_setup(ws, width, sum(widths), h if spec.columns else None, spec.landscape)
    for chart in spec.charts:
        add_chart(wb, ws, spec, chart, where)


# Columns that say whose row it is: on a wide sheet the leading run of them stays in view.
NAME_COLUMNS = {"学校", "年级", "班级", "服务班", "学号", "学籍号", "姓名", "日期", "月份", "名次", "活动", "代码"}
MAX_FROZEN = 5


def _name_columns(spec: SheetOut) -> int:
    if len(spec.columns) <= WIDE_COLUMNS:
        return 0
    n = 0
    while n < min(MAX_FROZEN, len(spec.columns)) and spec.columns[n] in NAME_COLUMNS:
        n += 1
    return n


def _text(ws, styles: Styles, r: int, c: int, value: Any, role: str | None, merge: int = 1) -> None:
    """A title, note or header cell: safe text, merged over `merge` columns."""
    text = "" if value is None else safe_text(str(value))
    fmt = styles.cell(quote=formula_like(text), role=role)
    if merge > 1:
        ws.merge_range(r, c, r, c + merge - 1, "", fmt)
    if text:
        ws.write_string(r, c, text, fmt)
    elif fmt is not None:
        ws.write_blank(r, c, None, fmt)


def _fit(spec: SheetOut) -> list[float]:
    """Column widths fitted to the header and the first rows (a CJK character counts two)."""
    out = []
    rows = spec.rows[:FIT_ROWS]
    for j, name in enumerate(spec.columns):
        cells = (rows.columns[j] if j < rows.width() else []) if isinstance(rows, ColumnRows) else \
            [r[j] for r in rows if j < len(r)]
        texts = {shown(v)[:MAX_WIDTH] for v in cells}  # each distinct one once
        widest = max([display_width(name)] + [len(t) if t.isascii() else display_width(t) for t in texts])
        out.append(min(max(widest + 2, MIN_WIDTH), MAX_WIDTH))
    return out


def _write_rows(ws, styles: Styles, spec: SheetOut, first: int, wrap: list[bool]) -> None:
    """Rows in order (what streaming needs), each cell with the look of its column and row mark."""
    width = len(spec.columns)
    rows = spec.rows
    ncols = max([width] + ([rows.width()] if isinstance(rows, ColumnRows) else [len(r) for r in rows]))  # a row may run past the header
    formats = [spec.number_formats.get(c) for c in spec.columns] + [None] * (ncols - width)
    wrap = wrap + [False] * (ncols - width)
    looks: dict[str | None, list] = {}

    def look(mark):
        if mark not in looks:
            looks[mark] = [styles.cell(formats[j], mark, False, wrap[j]) for j in range(ncols)]
        return looks[mark]

    def odd(j: int, mark, kind: str):
        if kind == "quoted":
            return styles.cell(formats[j], mark, True, wrap[j])
        return styles.cell(formats[j] or DEFAULT_FORMATS[kind], mark)

    # All rows but the last straight into the streamed XML; the last one through XlsxWriter, which
    # then writes it on closing, as it always has (so the formats are numbered in the same order).
    last = len(spec.rows) - 1
    start = 0
    if last > 0 and can_stream(ws, first, last + 1, ncols):
        stream = ColumnStream(ws, ncols, width, look, odd)
        stream.write(spec.rows[:last], first, [spec.marks.get(i) for i in range(last)])
        stream.close()
        start = last
    write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
    for i in range(start, len(spec.rows)):
        row, r, mark = spec.rows[i], first + i, spec.marks.get(i)
        base = look(mark)
        for j, v in enumerate(row):
            kind, v = classify(v)
            if kind == "text":
                write_string(r, j, v, base[j])
            elif kind == "number":
                write_number(r, j, v, base[j])
            elif kind == "blank":
                if base[j] is not None:
                    write_blank(r, j, None, base[j])
            elif kind == "quoted":
                write_string(r, j, v, odd(j, mark, kind))
            else:  # a date, time or duration
                ws.write_datetime(r, j, v, odd(j, mark, kind))
        if mark:
            for j in range(len(row), width):
                write_blank(r, j, None, base[j])



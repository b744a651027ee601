"""A streamed (constant-memory) sheet's rows written straight into XlsxWriter's row file, as the very
XML XlsxWriter writes for them: a district's sheet of 150,000 students is millions of cells, and
XlsxWriter spends five calls, a cell object and a table entry on each.

The rows are built a block at a time and column by column: a column's values are mostly of one
kind and repeat (school, class, 良好), so each distinct text is escaped once, and a cell costs one
string. Styles are numbered as XlsxWriter numbers them, in the order a row-by-row writer first
uses them (`_number_styles`), so the bytes are XlsxWriter's own (tests/test_xlsx_stream.py
compares the two ways on every demo sheet). Only on a sheet with default rows and no comments;
anything else goes through XlsxWriter's own calls."""
from __future__ import annotations

import datetime as dt
import numbers
import re
from decimal import Decimal
from itertools import zip_longest
from typing import Any, Callable

from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.xmlwriter import XMLwriter

from .xlsx_columns import ColumnRows
from .xlsx_format import formula_like, safe_text

_ESCAPE = XMLwriter._escape_control_characters
BLOCK = 4096         # rows held as strings at a time
MEMO = 50_000        # distinct texts remembered per column before the memo starts afresh
_MISSING = object()  # a cell past the end of a short row
_DATES = (("datetime", dt.datetime), ("date", dt.date), ("time", dt.time), ("timedelta", dt.timedelta))


def can_stream(ws, first: int, rows: int, columns: int) -> bool:
    """True when every data row can be written as XlsxWriter would write it without its calls."""
    return bool(ws.constant_memory and not ws.row_data_fh_closed and ws.excel_version == 2007
                and not ws.comments and ws.default_row_height == ws.original_row_height
                and first > ws.previous_row and first + rows <= ws.xls_rowmax and columns <= ws.xls_colmax
                and all(r < first for r in ws.row_info))


def classify(v: Any) -> tuple[str, Any]:
    """(kind, value) of a cell: text, quoted (text that looks like a formula), number, blank,
    datetime, date, time or timedelta. Booleans are 是/否; "", NaN, NaT and infinities are blank."""
    t = type(v)
    if t is str:
        if not v:
            return "blank", None  # an empty string is an empty cell, as Excel has it
        v = safe_text(v)
        return ("quoted" if formula_like(v) else "text"), v
    if t is float or t is int:
        return ("number", v) if v - v == 0 else ("blank", None)
    if v is None:
        return "blank", None
    if t is bool or getattr(getattr(v, "dtype", None), "kind", "") == "b":
        return "text", "是" if v else "否"
    if isinstance(v, str):
        return classify(str.__str__(v))  # the text itself, also of a str enum
    if isinstance(v, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        if v != v:  # NaT
            return "blank", None
        return next(k for k, c in _DATES if isinstance(v, c)), v
    if isinstance(v, (numbers.Real, Decimal)):
        return classify(int(v) if isinstance(v, numbers.Integral) else float(v))
    return classify(str(v))


# What a text needs more than <t>…</t> for: XlsxWriter's escapes of control characters and of
# _xHHHH_, XML's of & < >, xml:space for white space at an end, or safe_text's mending.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f&<>\ud800-\udfff\ufffe\uffff]|_x|^\\s|\\s$")


def _plain(s: str) -> bool:
    """True when `s` is written as it is: safe_text leaves it, and so do all of _text_xml's steps."""
    return len(s) <= 16383 and _NOT_PLAIN.search(s) is None


def _text_xml(s: str, plain: bool | None = None) -> str:
    """What follows a text cell's reference and style, as XlsxWriter writes an inline string;
    `plain`, when the caller has asked _plain(s) already."""
    if plain or plain is None and _plain(s):  # most texts: a name, a class, 良好
        return f' t="inlineStr"><is><t>{s}</t></is></c>'
    if len(s) > 16383 and _utf16_len(s) > 32767:
        s = _utf16_truncate(s, 32767)
    s = _ESCAPE(s)
    if s.startswith("<r>") and s.endswith("</r>"):
        return f' t="inlineStr"><is>{s}</is></c>'
    space = ' xml:space="preserve"' if _preserve_whitespace(s) else ""
    if "&" in s or "<" in s or ">" in s:
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{space}>{s}</t></is></c>'


class _Memo:
    """A column's texts escaped and numbers formatted, each distinct one once; it starts afresh past
    MEMO entries, so a column of 150,000 names does not keep them all."""

    def __init__(self):
        self.texts: dict[str, tuple[bool, str]] = {}  # text -> (formula-like, XML after the style)
        self.quoted: set[str] = set()                 # the formula-like ones, which take their own style
        self.numbers: dict = {}

    def trim(self) -> None:
        if len(self.texts) + len(self.numbers) > MEMO:
            self.__init__()

    def text(self, v: str) -> tuple[bool, str]:
        hit = self.texts.get(v)
        if hit is None:
            plain = _plain(v)
            s = v if plain else safe_text(v)
            hit = self.texts[v] = (formula_like(s), _text_xml(s, plain or None))
            if hit[0]:
                self.quoted.add(v)
        return hit

    def number(self, v) -> str:
        if not v:  # -0.0 is a key of 0.0 but is written -0
            return f"><v>{v:.16G}</v></c>"
        body = self.numbers.get(v)
        if body is None:
            body = self.numbers[v] = f"><v>{v:.16G}</v></c>"
        return body


class ColumnStream:
    """`write(rows, first, marks)` a block of rows at a time; `close()` leaves the sheet's
    dimension and row bookkeeping as XlsxWriter's own calls would.

    `looks(mark)` is the style of each column for rows of that mark; `odd(j, mark, kind)` the
    style of a cell that needs its own: formula-like text (quoted) or a date or time."""

    def __init__(self, ws, columns: int, width: int, looks: Callable, odd: Callable):
        self.ws, self.width, self.looks, self.odd = ws, width, looks, odd
        self.letters = [xl_col_to_name(j) for j in range(columns)]
        self.memos = [_Memo() for _ in range(columns)]
        self.low = self.high = self.first_row = self.last_row = None
        self.flushed = False  # the rows above (title, header), which XlsxWriter still holds

    def write(self, rows: list[list], first: int, marks: list) -> None:
        for start in range(0, len(rows), BLOCK):
            self._block(rows[start:start + BLOCK], first + start, marks[start:start + BLOCK])

    def _block(self, rows: list[list], first: int, marks: list) -> None:
        ncols = len(self.letters)
        styles = {m: self.looks(m) for m in dict.fromkeys(marks)}
        self.rows_of: dict = {}
        for i, m in enumerate(marks):
            self.rows_of.setdefault(m, []).append(i)
        # Cells are built for the rows of the most common mark (mostly no mark) and mended for the rest.
        self.main = max(self.rows_of, key=lambda m: len(self.rows_of[m])) if marks else None
        columns = rows.columns if isinstance(rows, ColumnRows) else \
            list(zip_longest(*rows, fillvalue=_MISSING)) if rows else []
        columns += [(_MISSING,) * len(rows)] * (ncols - len(columns))
        built = [self._column(col, j, marks, styles) for j, col in enumerate(columns)]
        self._number_styles(built, marks, styles)
        refs = [str(first + i + 1) for i in range(len(rows))]
        cells = [self._cells(j, bodies, odd, refs, marks, styles) for j, (bodies, odd) in enumerate(built)]
        out = []
        for i, parts in enumerate(zip(*cells)):
            body = "".join(parts)
            if body:
                out.append(f'<row r="{refs[i]}">{body}</row>')
                self.last_row = first + i
                if self.first_row is None:
                    self.first_row = first + i
        written = [j for j, (bodies, _) in enumerate(built) if any(b is not None for b in bodies)]
        if written:
            self.low = written[0] if self.low is None else min(self.low, written[0])
            self.high = written[-1] if self.high is None else max(self.high, written[-1])
        self.ws.fh.write("".join(out))

    def _column(self, values, j: int, marks: list, styles: dict) -> tuple[list, dict]:
        """Per row, what follows the cell's reference and style (None: no cell is written), and
        the rows whose cell takes a style of its own, with that style."""
        memo = self.memos[j]
        memo.trim()
        styled = {m: s[j] is not None for m, s in styles.items()}
        main = self.main
        fast = self._one_kind(values, memo, "/>" if styled[main] else None) if values else None
        if fast is not None:
            for m, rows in self.rows_of.items():
                if styled[m] != styled[main]:  # a blank cell of this mark is written, or not
                    blank = "/>" if styled[m] else None
                    for i in rows:
                        if fast[i] is None or fast[i] == "/>":
                            fast[i] = blank
            quoted = memo.quoted
            return fast, {i: self.odd(j, marks[i], "quoted") for i, v in enumerate(values) if v in quoted} \
                if quoted else {}
        past_width = j >= self.width
        bodies, odd = [], {}
        append = bodies.append
        for i, v in enumerate(values):
            t = type(v)
            if t is str and v:
                hit = memo.text(v)
                if hit[0]:
                    odd[i] = self.odd(j, marks[i], "quoted")
                append(hit[1])
                continue
            if (t is float or t is int) and v - v == 0:
                append(memo.number(v))
                continue
            if v is _MISSING:
                append("/>" if marks[i] and not past_width and styled[marks[i]] else None)
                continue
            if v is not None and t is not str and t is not float and t is not int:
                kind, x = classify(v)
                if kind == "number":
                    append(f"><v>{x:.16G}</v></c>")
                    continue
                if kind in ("text", "quoted"):
                    if kind == "quoted":
                        odd[i] = self.odd(j, marks[i], "quoted")
                    append(_text_xml(x))
                    continue
                if kind != "blank":
                    odd[i] = self.odd(j, marks[i], kind) or self.ws.default_date_format
                    append(f"><v>{self.ws._convert_date_time(x):.16G}</v></c>")
                    continue
            append("/>" if styled[marks[i]] else None)
        return bodies, odd

    @staticmethod
    def _one_kind(values, memo: _Memo, blank) -> list | None:
        """A column of numbers or of texts (each with blanks), the most of any sheet, in one
        comprehension; None for a column of other or mixed kinds."""
        kinds = set(map(type, values))
        kinds.discard(type(None))
        if Decimal in kinds and kinds <= {float, int, Decimal}:  # money: written as the float it reads as
            values = [float(v) if type(v) is Decimal else v for v in values]
            kinds = {float}
        if kinds <= {float, int}:
            got, number = memo.numbers.get, memo.number  # the lookup inline: most cells are found
            return [got(v) or number(v) if v is not None and v - v == 0 else blank for v in values]
        if kinds != {str}:
            return None
        got, text = memo.texts.get, memo.text
        return [(got(v) or text(v))[1] if v else blank for v in values]

    def _number_styles(self, built: list, marks: list, styles: dict) -> None:
        """Give each style its number where a row-by-row writer would first use it: the header row
        above goes out first (it numbers its own), then the block's styles by first cell."""
        first_use: dict[int, tuple[int, int]] = {}  # id(style) -> (row, column)
        keep: dict[int, Any] = {}
        for j, (bodies, odd) in enumerate(built):
            for m, rows in self.rows_of.items():
                style = styles[m][j]
                if style is None:
                    continue
                i = next((i for i in rows if bodies[i] is not None and i not in odd), None)
                if i is not None and (i, j) < first_use.get(id(style), (len(marks), 0)):
                    first_use[id(style)], keep[id(style)] = (i, j), style
            for i, style in odd.items():
                if (i, j) < first_use.get(id(style), (len(marks), 0)):
                    first_use[id(style)], keep[id(style)] = (i, j), style
        if not first_use and not any(b is not None for bodies, _ in built for b in bodies):
            return
        if not self.flushed:
            self.ws._write_single_row(0)
            self.flushed = True
        for key in sorted(first_use, key=first_use.get):
            keep[key]._get_xf_index()

    def _cells(self, j: int, bodies: list, odd: dict, refs: list, marks: list, styles: dict) -> list[str]:
        letter = self.letters[j]
        # Only the styles a cell of this column uses: asking for a number gives a style one.
        attr = {}
        for m, rows in self.rows_of.items():
            used = any(bodies[i] is not None for i in rows) if not odd else \
                any(bodies[i] is not None and i not in odd for i in rows)
            style = styles[m][j]
            attr[m] = f' s="{style._get_xf_index()}"' if used and style is not None else ""
        a = attr[self.main] if marks else ""
        cells = [f'<c r="{letter}{r}"{a}{b}' if b is not None else "" for b, r in zip(bodies, refs)]
        for m, rows in self.rows_of.items():
            if m != self.main:
                a = attr[m]
                for i in rows:
                    if bodies[i] is not None:
                        cells[i] = f'<c r="{letter}{refs[i]}"{a}{bodies[i]}'
        for i, style in odd.items():
            cells[i] = f'<c r="{letter}{refs[i]}" s="{style._get_xf_index()}"{bodies[i]}'
        return cells

    def close(self) -> None:
        if self.first_row is None:
            return
        ws = self.ws
        ws.dim_rowmin = self.first_row if ws.dim_rowmin is None else min(ws.dim_rowmin, self.first_row)
        ws.dim_rowmax = self.last_row if ws.dim_rowmax is None else max(ws.dim_rowmax, self.last_row)
        ws.dim_colmin = self.low if ws.dim_colmin is None else min(ws.dim_colmin, self.low)
        ws.dim_colmax = self.high if ws.dim_colmax is None else max(ws.dim_colmax, self.high)
        ws.previous_row = self.last_row

"""A streamed (constant-memory) sheet's rows written straight into XlsxWriter's row file, as the very
XML XlsxWriter writes for them, a row at a time: a district's sheet of 150,000 students is millions
of cells, and XlsxWriter spends five calls, a cell object and a table entry on each.

Only the cell kinds asrv writes (text, number, date and time, formatted blank) and only on a sheet
with default rows and no comments; anything else goes through XlsxWriter's own calls. The bytes
are XlsxWriter's own (tests/test_xlsx_stream.py compares the two ways on every demo sheet)."""
from __future__ import annotations

from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.xmlwriter import XMLwriter

_ESCAPE = XMLwriter._escape_control_characters


def can_stream(ws, first: int, rows: int, columns: int) -> bool:
    """True when every data row can be written as XlsxWriter would write it without its calls."""
    return bool(ws.constant_memory and not ws.row_data_fh_closed and ws.excel_version == 2007
                and not ws.comments and ws.default_row_height == ws.original_row_height
                and first > ws.previous_row and first + rows <= ws.xls_rowmax and columns <= ws.xls_colmax
                and all(r < first for r in ws.row_info))


class RowStream:
    """Collects one row's cells (`number`, `text`, `blank`, `date`) and writes it with `end_row`."""

    def __init__(self, ws, columns: int):
        self.ws = ws
        self.letters = [xl_col_to_name(j) for j in range(columns)]
        self.cells: list[str] = []
        self.row = 0
        self.ref = ""
        self.low = self.high = None  # columns written, for the sheet's dimension
        self.first_row = self.last_row = None

    def start_row(self, r: int) -> None:
        self.row, self.ref, self.cells = r, str(r + 1), []

    def _attrs(self, j: int, fmt) -> str:
        if self.first_row is None:  # the rows above (title, header) go out, and number their formats, first
            self.ws._write_single_row(self.row)
            self.first_row = self.row
        self.low = j if self.low is None or j < self.low else self.low
        self.high = j if self.high is None or j > self.high else self.high
        if fmt:
            return f' r="{self.letters[j]}{self.ref}" s="{fmt._get_xf_index()}"'
        return f' r="{self.letters[j]}{self.ref}"'

    def number(self, j: int, v, fmt) -> None:
        self.cells.append(f"<c{self._attrs(j, fmt)}><v>{v:.16G}</v></c>")

    def date(self, j: int, v, fmt) -> None:
        if fmt is None:
            fmt = self.ws.default_date_format
        self.number(j, self.ws._convert_date_time(v), fmt)

    def blank(self, j: int, fmt) -> None:
        if fmt is not None:  # XlsxWriter writes no blank cell without a format
            self.cells.append(f"<c{self._attrs(j, fmt)}/>")

    def text(self, j: int, s: str, fmt) -> None:
        if len(s) > 16383 and _utf16_len(s) > 32767:
            s = _utf16_truncate(s, 32767)
        attrs = self._attrs(j, fmt)
        s = _ESCAPE(s)
        if s.startswith("<r>") and s.endswith("</r>"):
            self.cells.append(f'<c{attrs} t="inlineStr"><is>{s}</is></c>')
            return
        space = ' xml:space="preserve"' if _preserve_whitespace(s) else ""
        if "&" in s or "<" in s or ">" in s:
            s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        self.cells.append(f'<c{attrs} t="inlineStr"><is><t{space}>{s}</t></is></c>')

    def end_row(self) -> None:
        if not self.cells:
            return
        self.last_row = self.row
        self.ws.fh.write(f'<row r="{self.ref}">{"".join(self.cells)}</row>')

    def close(self) -> None:
        """The sheet's dimension and row bookkeeping, as XlsxWriter's own calls leave them."""
        if self.first_row is None:
            return
        ws = self.ws
        ws.dim_rowmin = self.first_row if ws.dim_rowmin is None else min(ws.dim_rowmin, self.first_row)
        ws.dim_rowmax = self.last_row if ws.dim_rowmax is None else max(ws.dim_rowmax, self.last_row)
        ws.dim_colmin = self.low if ws.dim_colmin is None else min(ws.dim_colmin, self.low)
        ws.dim_colmax = self.high if ws.dim_colmax is None else max(ws.dim_colmax, self.high)
        ws.previous_row = self.last_row

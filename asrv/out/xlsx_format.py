"""What a workbook cell can hold and how it looks: number formats, safe text, sheet names, styles.

No XlsxWriter import here: `Styles` receives the workbook, so `import asrv.out` stays cheap.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

# ---- number formats commands use (never "0.##": Excel and WPS show 8 as "8.") ----
SCORE = "0.00"
SCORE1 = "0.0"
MONEY = "#,##0.00"
PERCENT = "0.0%"
INTEGER = "0"
COUNT = "#,##0"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
CLOCK = "hh:mm"
MINSEC = '[m]"′"ss"″"'  # a duration stored as days (seconds / 86400): 220 s shows 3′40″
TEXT = "@"
FORMATS = {"SCORE": SCORE, "SCORE1": SCORE1, "MONEY": MONEY, "PERCENT": PERCENT, "INTEGER": INTEGER,
           "COUNT": COUNT, "DATE": DATE, "DATETIME": DATETIME, "CLOCK": CLOCK, "MINSEC": MINSEC, "TEXT": TEXT}

# What a date, time or duration cell shows when its column has no format (openpyxl's defaults,
# so the values read back as dates and times, as they did).
DEFAULT_FORMATS = {"datetime": "yyyy-mm-dd h:mm:ss", "date": "yyyy-mm-dd", "time": "h:mm:ss",
                   "timedelta": "[hh]:mm:ss"}

MARK_FILLS = {"veto": "F8CBAD", "good": "C6EFCE", "error": "FFC7CE", "warning": "FFEB9C",
              "muted": "E7E6E6"}
HEADER_FILL = "DDEBF7"

# ---- text Excel cannot hold, or would run ----
# Text starting like a formula: also after white space and in full width, since some readers strip
# or normalise those prefixes to "=".
FORMULA_START = ("=", "+", "-", "@")
_FORMULA = re.compile(r"[\s\u3000]*[=+\-@＝＋－＠]")
PLACEHOLDER = "\ufffd"  # � where a character was that a workbook cannot hold
MAX_TEXT = 32767
CUT_MARK = "…[超过32767字，已截断]"
# C0 controls except tab and line feed (\r is made \n first), DEL, lone surrogates, non-characters.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]+")


def formula_like(text: str) -> bool:
    return _FORMULA.match(text) is not None


def safe_text(text: str) -> str:
    """Text as a cell can hold it: a run of control characters becomes one visible �, a carriage
    return a line break (readers disagree on a lone \r); text over Excel's 32,767 characters is cut,
    and says so."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNHOLDABLE.search(text):
        text = _UNHOLDABLE.sub(PLACEHOLDER, text)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT - len(CUT_MARK)] + CUT_MARK
    return text


_BAD_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_titles(names: list[str], reserved=()) -> list[str]:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, no apostrophe at either end,
    not History (Excel reserves it), unique without regard to case (and unlike `reserved`, the
    names of sheets written beside them). Safe names stay as they are."""
    used: set[str] = {r.lower() for r in reserved}
    out = []
    for name in names:
        base = _BAD_TITLE.sub("_", str(name)).strip("'") or "工作表"
        if base.lower() == "history":
            base += "_"
        title, k = base[:31], 2
        while title.lower() in used:
            suffix = f"_{k}"
            title, k = base[:31 - len(suffix)] + suffix, k + 1
        used.add(title.lower())
        out.append(title)
    return out


def display_width(text: object) -> int:
    """Columns Excel needs: a CJK character is two."""
    s = str(text)
    if s.isascii():  # every ASCII character is narrow
        return len(s)
    return len(s) + sum(1 for ch in s if unicodedata.east_asian_width(ch) in "WF")


def shown(v: Any) -> str:
    """About what a cell shows, for fitting its column."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


ROLES = {  # how the rows of a sheet other than its data look
    "header": {"bold": True, "bg_color": "#" + HEADER_FILL, "align": "center", "valign": "vcenter",
               "text_wrap": True, "border": 1},
    "heading": {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"},
}


class Styles:
    """One XlsxWriter format per distinct look, made on first use."""

    def __init__(self, workbook):
        self._wb = workbook
        self._cache: dict[tuple, Any] = {}

    def cell(self, num_format: str | None = None, mark: str | None = None, quote: bool = False,
             wrap: bool = False, role: str | None = None):
        """The format of a cell (a data cell unless `role` says header or heading), or None for
        the default look. `quote` keeps formula-like text as text when a clerk edits the cell."""
        key = (num_format, mark, quote, wrap, role)
        if key not in self._cache:
            props: dict[str, Any] = dict(ROLES[role]) if role else {}
            if num_format:
                props["num_format"] = num_format
            if mark:
                props.update(pattern=1, bg_color="#" + MARK_FILLS[mark])
            if quote:
                props["quote_prefix"] = True
            if wrap:
                props.update(text_wrap=True, valign="top")
            self._cache[key] = self._wb.add_format(props) if props else None
        return self._cache[key]


# ---- print ----
PORTRAIT_WIDTH = 100  # column-width units that fit across portrait A4 within the margins
WIDE_COLUMNS = 8
FOOTER = "&C第 &P 页，共 &N 页"


def page_setup(ws, columns: int, width: float, header_row: int | None, landscape: bool | None) -> None:
    """A4, landscape when wide (more than 8 columns, or wider than portrait A4) unless told, one
    page wide, the header row on every page, gridlines and page numbers printed."""
    ws.set_paper(9)
    if landscape if landscape is not None else (columns > WIDE_COLUMNS or width > PORTRAIT_WIDTH):
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer(FOOTER, {"margin": 0.3})
    ws.hide_gridlines(0 if columns else 1)  # the table's lines on paper; none around a sheet of charts
    ws.center_horizontally()

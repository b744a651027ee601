"""The parts of a sheet beside its cells: drop-down lists (with the hidden choices sheet they may
need) and native charts, drawn from the sheet's own rows in the same pass."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .xlsx_format import safe_text

if TYPE_CHECKING:  # xlsx imports this module
    from .xlsx import ChartOut, SheetOut

LISTS_SHEET = "_选项"             # very hidden: choices too long for the drop-down rule itself


class Lists:
    """Drop-downs: choices in the rule itself, or on a hidden sheet when Excel's 255-character
    limit or a comma in a choice does not allow that."""

    def __init__(self, wb):
        self._wb, self._ws, self._row = wb, None, 0

    def dropdown(self, ws, first: int, col: int, last: int, choices: list[str], closed: bool = True) -> None:
        """`closed`: only the choices; else other text is accepted after a note."""
        choices = [safe_text(str(c)) for c in choices]
        rule = {"validate": "list", "ignore_blank": True, "show_error": True, "error_title": "输入有误",
                "error_message": f"请从下拉列表中选择：{'、'.join(choices)}"[:255]}
        if not closed:
            rule.update(error_type="information", error_title="请核对",
                        error_message=f"常用写法：{'、'.join(choices)}；其他写法也可接受"[:255])
        if len(",".join(choices)) <= 255 and not any("," in c or '"' in c for c in choices):
            rule["source"] = choices
        else:
            rule["source"] = self._range(choices)
        ws.data_validation(first, col, last, col, rule)

    def _range(self, choices: list[str]) -> str:
        """The choices as one row of the hidden sheet (rows in order, as streaming needs)."""
        from xlsxwriter.utility import xl_range_abs
        if self._ws is None:
            self._ws = self._wb.add_worksheet(LISTS_SHEET)
            self._ws.very_hidden()
        for j, c in enumerate(choices):
            self._ws.write_string(self._row, j, c)
        self._row += 1
        return f"='{LISTS_SHEET}'!" + xl_range_abs(self._row - 1, 0, self._row - 1, len(choices) - 1)


def add_chart(wb, ws, spec: SheetOut, c: ChartOut, where: dict) -> None:
    title, data = where[c.data] if c.data else (ws.name, spec)
    h = data.header_row
    n = len(data.rows) if c.rows is None else min(c.rows, len(data.rows))
    col = lambda ref: ref - 1 if isinstance(ref, int) else data.columns.index(ref)  # noqa: E731
    chart = wb.add_chart({"type": c.type})
    cat = col(c.categories)
    for ref in c.values:
        j = col(ref)
        chart.add_series({"name": [title, h, j], "categories": [title, h + 1, cat, h + n, cat],
                          "values": [title, h + 1, j, h + n, j]})
    chart.set_title({"name": c.title})
    if c.y_title:
        chart.set_y_axis({"name": c.y_title})
    cm = 96 / 2.54  # pixels in a centimetre
    chart.set_size({"width": max(16, min(0.9 * n + 6, 40)) * cm, "height": 8 * cm})
    ws.insert_chart(c.anchor or _right_of(spec), chart)


def _right_of(spec: SheetOut) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell
    return xl_rowcol_to_cell(spec.header_row, len(spec.columns) + 1)

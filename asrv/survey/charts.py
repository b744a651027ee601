"""Charts a reader would rather look at: inline SVG for HTML (asrv.out.svg), native charts for Excel."""
from __future__ import annotations

from ..out import ChartOut, SheetOut
from ..out.svg import Chart, svg_bars

__all__ = ["Chart", "svg_bars", "charts_sheet"]


def charts_sheet(charts: list[Chart], title: str = "图表") -> SheetOut:
    """A sheet of native bar charts (they stay linked to the cells), written with the workbook."""
    return SheetOut(title, [], [], notes=["图表（数据见各工作表，修改数据后图表随之更新）"], charts=[
        ChartOut(c.title, 1, [col for _, col, _ in c.series], data=c.sheet, rows=len(c.categories),
                 anchor=f"A{3 + 18 * i}", y_title=c.y_title) for i, c in enumerate(charts)])

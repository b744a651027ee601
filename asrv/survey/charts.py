"""Charts a reader would rather look at: inline SVG for HTML, native charts for Excel."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..out import ChartOut, SheetOut

COLORS = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47")


@dataclass
class Chart:
    title: str
    sheet: str                    # the workbook sheet holding the data (header in row 1)
    categories: list[str]
    series: list[tuple[str, int, list[float]]]  # (label, 1-based data column in the sheet, values)
    y_title: str = "人数"


def svg_bars(chart: Chart, width: int = 720) -> str:
    """Grouped vertical bars with values on top. Plain SVG: no script, nothing fetched."""
    n, m = len(chart.categories), len(chart.series)
    top = _nice_top(max([v for _, _, vs in chart.series for v in vs if v is not None] + [1]))
    left, right, head, foot = 44, 12, 36, 84
    plot_h = 220
    height = head + plot_h + foot
    slot = (width - left - right) / max(n, 1)
    bar = max(min(slot * 0.8 / max(m, 1), 40), 2)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(chart.title)}" '
           f'font-family="sans-serif" font-size="11">',
           f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-size="14">{escape(chart.title)}</text>']
    for k in range(5):  # gridlines
        v = top * k / 4
        y = head + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{v:g}</text>')
    for i, cat in enumerate(chart.categories):
        x0 = left + slot * i + (slot - bar * m) / 2
        for j, (_, _, values) in enumerate(chart.series):
            v = values[i] or 0
            h = plot_h * v / top
            x = x0 + j * bar
            out.append(f'<rect x="{x:.1f}" y="{head + plot_h - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                       f'fill="{COLORS[j % len(COLORS)]}"><title>{escape(cat)} {escape(chart.series[j][0])}：'
                       f'{v:g}</title></rect>')
            if slot > 18:
                out.append(f'<text x="{x + bar / 2:.1f}" y="{head + plot_h - h - 3:.1f}" text-anchor="middle" '
                           f'font-size="9">{v:g}</text>')
        cx = left + slot * (i + 0.5)
        ly = head + plot_h + 12
        out.append(f'<text x="{cx:.1f}" y="{ly}" text-anchor="end" transform="rotate(-35 {cx:.1f} {ly})">'
                   f'{escape(cat)}</text>')
    for j, (label, _, _) in enumerate(chart.series):  # legend
        x = left + j * 110
        y = height - 10
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLORS[j % len(COLORS)]}"/>'
                   f'<text x="{x + 14}" y="{y}">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def _nice_top(value: float) -> float:
    """The smallest 4 × (1, 2, 2.5 or 5 × 10^k) at or above value, so gridlines fall on round numbers."""
    k = 1
    while True:
        for step in (1, 2, 2.5, 5):
            if 4 * step * k >= value and float(step * k).is_integer():
                return 4 * step * k
        k *= 10


def charts_sheet(charts: list[Chart], title: str = "图表") -> SheetOut:
    """A sheet of native bar charts (they stay linked to the cells), written with the workbook."""
    return SheetOut(title, [], [], notes=["图表（数据见各工作表，修改数据后图表随之更新）"], charts=[
        ChartOut(c.title, 1, [col for _, col, _ in c.series], data=c.sheet, rows=len(c.categories),
                 anchor=f"A{3 + 18 * i}", y_title=c.y_title) for i, c in enumerate(charts)])

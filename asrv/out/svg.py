"""Inline SVG charts for HTML pages (reports, the district overview): plain SVG, no script, nothing
fetched, so a page opens the same offline and prints."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

COLORS = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47")


@dataclass
class Chart:
    title: str
    sheet: str                    # the workbook sheet holding the data (header in row 1), for Excel
    categories: list[str]
    series: list[tuple[str, int, list[float]]]  # (label, 1-based data column in the sheet, values)
    y_title: str = "人数"


def svg_bars(chart: Chart, width: int = 720) -> str:
    """Grouped vertical bars with values on top."""
    n, m = len(chart.categories), len(chart.series)
    top = nice_top(max([v for _, _, vs in chart.series for v in vs if v is not None] + [1]))
    left, right, head, foot = 44, 12, 36, 84
    plot_h = 220
    height = head + plot_h + foot
    slot = (width - left - right) / max(n, 1)
    bar = max(min(slot * 0.8 / max(m, 1), 40), 2)
    out = [_open(width, height, chart.title)]
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


def svg_hbars(title: str, labels: list[str], values: list[float], *, shown: list[str] | None = None,
              colors: list[str] | None = None, top: float | None = None, legend: dict[str, str] | None = None,
              width: int = 720) -> str:
    """One horizontal bar per label (a ranking of many schools stays readable): the label on the
    left, the value (or `shown` text) after the bar; `colors` per bar, `legend` text -> color."""
    n = len(labels)
    top = top or nice_top(max([v for v in values if v is not None] + [1]))
    left, right, head, row = 150, 70, 28, 18
    foot = 24 if legend else 6
    height = head + row * max(n, 1) + foot
    plot_w = width - left - right
    out = [_open(width, height, title)]
    for k in range(5):
        x = left + plot_w * k / 4
        out.append(f'<line x1="{x:.1f}" y1="{head - 4}" x2="{x:.1f}" y2="{head + row * n:.1f}" stroke="#ddd"/>')
    for i, (label, v) in enumerate(zip(labels, values)):
        y = head + row * i
        w = plot_w * (v or 0) / top
        color = (colors or [])[i] if colors and i < len(colors) else COLORS[0]
        text = shown[i] if shown else f"{v or 0:g}"
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{escape(_short(label))}</text>'
                   f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 5}" fill="{color}">'
                   f'<title>{escape(label)}：{escape(text)}</title></rect>'
                   f'<text x="{left + w + 4:.1f}" y="{y + 13}">{escape(text)}</text>')
    for j, (label, color) in enumerate((legend or {}).items()):
        x, y = left + j * 90, height - 8
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="{y}">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)


def _open(width: int, height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'font-family="sans-serif" font-size="11">'
            f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-size="14">{escape(title)}</text>')


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def nice_top(value: float) -> float:
    """The smallest 4 × (1, 2, 2.5 or 5 × 10^k) at or above value, so gridlines fall on round numbers."""
    k = 1
    while True:
        for step in (1, 2, 2.5, 5):
            if 4 * step * k >= value and float(step * k).is_integer():
                return 4 * step * k
        k *= 10

"""The HTML pages: one 反馈单 per school (its items, the deductions with their cells, 需补交, what to
fix) and the district's 考核总览 with inline SVG charts (asrv.out.svg: no script, nothing fetched)."""
from __future__ import annotations

from ..notice import cn_date
from ..out.svg import Chart, svg_bars, svg_hbars
from .assess import NATIONAL, SchoolResult
from .items import evidence_line
from .result import DistrictResult
from .workbook import METHOD_ZH, money_header, title, yuan

BAND_COLORS = ("#70AD47", "#4472C4", "#ED7D31", "#C00000", "#7F7F7F")


def _money(result: DistrictResult, s: SchoolResult) -> str:
    fen = s.funding if result.pool_fen is not None else s.due
    return f"{yuan(fen):,.2f}" if fen is not None else "—"


def feedback_context(result: DistrictResult, s: SchoolResult) -> dict:
    mine = result.findings_of(s.school)
    items = []
    for i in s.items.values():
        counted = {evidence_line(f) for f in i.deducted}
        items.append((i, [line for line in i.evidence if line not in counted]))
    cfg = result.profile["district"]
    return {"s": s, "term": result.term, "count": len(result.per_school), "items": items, "methods": METHOD_ZH,
            "rates": [(NATIONAL[k], r) for k, r in s.rates.items() if k != "coverage"],
            "errors": [f for f in mine if f.is_error], "warnings": [f for f in mine if not f.is_error],
            "change": result.changes.get(s.school), "money_label": money_header(result).replace("（元）", ""),
            "money": _money(result, s), "issuer": cfg["issuer"] or result.profile["notice.issuer"],
            "date": cn_date(result.options.day)}


def bands(result: DistrictResult) -> list[tuple[str, str, int]]:
    cfg = result.profile["district"]
    names = [*cfg["bands"], cfg["fail_band"]]
    return [(b, BAND_COLORS[min(i, len(BAND_COLORS) - 1)] if b != cfg["fail_band"] else BAND_COLORS[3],
             sum(s.band == b for s in result.per_school)) for i, b in enumerate(names)]


def charts(result: DistrictResult) -> dict[str, str]:
    schools = result.per_school
    color = {b: c for b, c, _ in bands(result)}
    out = {"ranking": svg_hbars("各校总分与等次", [s.school for s in schools], [s.score for s in schools],
                                shown=[f"{s.score:.2f} {s.band}" for s in schools], colors=[color[s.band] for s in schools],
                                top=100, legend={b: c for b, c, _ in bands(result)})}
    d = result.district
    out["rates"] = svg_hbars("全区上报指标（%）", [NATIONAL[k] for k in d], [(r.value or 0) * 100 for r in d.values()],
                             shown=[f"{(r.value or 0):.1%}（{r.numerator:g}/{r.denominator:g}）" for r in d.values()],
                             top=100)
    part = [(s.school, s.rates["participation"]) for s in schools if "participation" in s.rates]
    out["participation"] = svg_hbars("各校学生参与率（%）", [n for n, _ in part], [(r.value or 0) * 100 for _, r in part],
                                     shown=[f"{(r.value or 0):.1%}" for _, r in part], top=100)
    counted = bands(result)
    out["bands"] = svg_bars(Chart("等次分布", "", [b for b, _, _ in counted], [("学校数", 0, [n for *_, n in counted])],
                                  "学校数"))
    scored = [(c, i) for c, i in result.rubric.items() if i["method"] != "veto"]
    lost = [round(sum(s.items[c].points - s.items[c].score for s in schools), 2) for c, _ in scored]
    out["deductions"] = svg_bars(Chart("各项失分（全区合计）", "", [f"{c} {i['group'] or i['label']}" for c, i in scored],
                                       [("失分", 0, lost)], "分"))
    return out


def overview_context(result: DistrictResult) -> dict:
    from markupsafe import Markup
    return {"title": title(result), "r": result, "charts": {k: Markup(v) for k, v in charts(result).items()}, "bands": bands(result),
            "rates": [(NATIONAL[k], r) for k, r in result.district.items()], "money_label": money_header(result),
            "money": {s.school: _money(result, s) for s in result.per_school}, "date": cn_date(result.options.day),
            "errors": len(result.errors), "warnings": len(result.warnings)}

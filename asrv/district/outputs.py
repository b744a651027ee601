"""The outputs of a district run: 考核结果.xlsx, one 反馈单_<学校>.html per school, the 考核结果公示 in
every notice format, and 考核总览.html — all together or none (asrv.out.Outputs)."""
from __future__ import annotations

from pathlib import Path

from ..notice import notices_rendering, write_notices
from ..out import Outputs, render, write_workbook
from ..out.names import UniqueNames
from . import pages, workbook
from .compare import WORKBOOK
from .notice import STEM
from .result import DistrictResult

OVERVIEW = "考核总览.html"


def write(result: DistrictResult, out_dir: str | Path) -> list[Path]:
    names = UniqueNames()
    for taken in (Path(WORKBOOK).stem, STEM, Path(OVERVIEW).stem):
        names(taken)
    with Outputs(out_dir, "district", inputs=[f.path for f in result.files]) as outputs, notices_rendering(result) as made:
        sheets = workbook.sheets(result)
        written = [outputs.write(WORKBOOK, lambda p: write_workbook(p, sheets))]
        for s in result.per_school:
            page = render("district_feedback.html.j2", **pages.feedback_context(result, s))
            written.append(outputs.write_text(f"反馈单_{names(s.school, '学校')}.html", page))
        written += write_notices(outputs, result, made)
        written.append(outputs.write_text(OVERVIEW, render("district_overview.html.j2", **pages.overview_context(result))))
    return written

"""`asrv district`: the district's assessment of every school — scores with their evidence, ranking,
funding, the 公示, one 反馈单 per school and the overview page."""
from __future__ import annotations

from typing import Optional

import typer

from .common import Common, command, finish
from .fees_cmd import TERM_HELP
from .show import text


@command("district", "区级考核：逐校运行安排、收费、调查、考勤等检查，按考核指标打分、评定等次、排名、分配专项资金，"
         "写出考核结果工作簿、各校反馈单、考核结果公示和考核总览。",
         options=("profile", "out", "json", "format", "limit", "date", "strict", "jobs"))
def district_cmd(common: Common,
                 folder: str = typer.Argument(..., help="区文件夹：每校一个子文件夹，考核工作簿（考核.xlsx）在最上层",
                                              show_default=False),
                 term: str = typer.Option(..., "--term", "-t", help=TERM_HELP, show_default=False),
                 rubric: Optional[str] = typer.Option(None, "--rubric", show_default=False,
                                                      help="考核工作簿（学校名册、指标、评分、否决、满意度、经费）；默认取区文件夹中的 考核.xlsx"),
                 compare: Optional[str] = typer.Option(None, "--compare", show_default=False,
                                                       help="对比的上一学期，如 2025秋（在 --out 旁的同名文件夹中找 考核结果.xlsx），"
                                                            "或上次的 考核结果.xlsx"),
                 pool: Optional[str] = typer.Option(None, "--pool", show_default=False,
                                                    help="专项补助资金总额（元），覆盖考核工作簿「经费」表")) -> None:
    from ..district import Options, run, write
    options = Options(date=common.day("2027-01-10"), strict=common.strict, term=term, rubric=rubric, compare=compare,
                      pool=pool, out=common.out, jobs=common.workers)
    result = run([folder], common.profile(), options=options, progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich import box
    from rich.table import Table
    from ..district.assess import NATIONAL
    from ..district.workbook import money_header, title, yuan
    t = Table(title=text(title(result)), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for col in ("名次", "学校", "总分", "等次", money_header(result), "需补交"):
        t.add_column(col, justify="left" if col in ("学校", "等次", "需补交") else "right", overflow="fold")
    for s in result.per_school:
        fen = s.funding if result.pool_fen is not None else s.due
        band = text(s.band + ("（否决）" if s.vetoed else ""), "red" if s.band == result.profile["district.fail_band"] else "")
        t.add_row(str(s.rank), text(s.school), f"{s.score:.2f}", band, f"{yuan(fen):,.2f}", text("、".join(s.missing)))
    console.print(t)
    for key, name in NATIONAL.items():
        if key in result.district:
            console.print(text(f"{name}：{result.district[key].text()}"))

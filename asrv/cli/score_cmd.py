"""`asrv score`: rank each school's classes for the excellent-class award and write the notices."""
from __future__ import annotations

from typing import List, Optional

import typer

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text


@command("score", "为优秀班集体评价打分、排名，写出各校的排名工作簿和公示（篇3）；多所学校时另写全区推荐名单。")
def score_cmd(
    common: Common,
    files: Inputs = inputs_argument("优秀班集体评价工作簿（classes.xlsx），每校一个"),
    fitness: Optional[List[str]] = typer.Option(
        None, "--fitness", help="体测结果（等级或原始成绩）：文件或文件夹，可写多次；通配符请加引号，如 '体测/*.xlsx'",
        show_default=False),
    year: Optional[str] = typer.Option(None, "--year", help="学年，如 2025-2026；默认取获奖日期最多的学年", show_default=False),
    quota: Optional[int] = typer.Option(None, "--quota", min=0, help="每校推荐名额；默认取配置", show_default=False),
) -> None:
    from ..score import Options, run, write
    options = Options(school=common.school, date=common.day(), mask=common.mask, strict=common.strict,
                      quota=quota, year=year, fitness=list(fitness or []), jobs=common.workers)
    result = run(files, common.profile(), options=options, progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    if len(result.per_school) == 1:
        _ranking(result.per_school[0], console)
    elif result.per_school:
        _summary(result, console)


def _ranking(s, console) -> None:
    from rich.table import Table
    t = Table(title=f"{s.school}  学年 {s.year[0]:%Y-%m-%d} 至 {s.year[1]:%Y-%m-%d}  推荐名额 {s.quota}",
              title_justify="left")
    for col in ("名次", "班级", "班主任", "基础分", "团体加分", "个人加分", "总分", "结果"):
        t.add_column(col, justify="left" if col in ("班级", "班主任", "结果") else "right")
    for c in s.classes:
        status = text("一票否决", "red") if c.vetoed else text("推荐", "green") if c.recommended else text("")
        t.add_row(str(c.rank), text(c.class_name), text(c.head_teacher), f"{c.base:g}", f"{c.team_bonus:g}",
                  f"{c.individual_bonus:g}", f"{c.total:g}", status)
    console.print(t)


def _summary(result, console) -> None:
    from rich.table import Table
    t = Table(title=f"{len(result.per_school)} 所学校的优秀班集体推荐", title_justify="left")
    for col in ("学校", "参评班级", "一票否决", "推荐", "推荐班级"):
        t.add_column(col, justify="right" if col in ("参评班级", "一票否决", "推荐") else "left", overflow="fold")
    for s in result.per_school:
        t.add_row(text(s.school), str(len(s.classes)), str(sum(c.vetoed for c in s.classes)),
                  str(len(s.recommended)), text("、".join(c.class_name for c in s.recommended)))
    console.print(t)

"""`asrv survey`: the parents' survey summarised, school by school, with district totals."""
from __future__ import annotations

from typing import List, Optional

import typer

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text


@command("survey", "汇总课后服务意向调查：各校各年级、班级需要服务的人数，各活动需求与名额，优先群体，"
                   "天数与接送时间，家长意见；多所学校时另有全区汇总。")
def survey_cmd(common: Common, files: Inputs = inputs_argument("调查表（问卷平台导出的表格可直接使用）"),
               catalog: Optional[List[str]] = typer.Option(None, "--catalog", "-c", show_default=False,
                                                           help="课后服务目录，用于对照名额；可写多次")):
    import gc
    from ..survey import Options, run, write
    # A district's 150,000 answers are read in and live to the end: the collector would walk them
    # again and again while they pile up (a fifth of the run), and they hold no cycles to free.
    gc.disable()
    try:
        result = run(files, common.profile(), options=Options(
            school=common.school, date=common.day(), mask=common.mask, strict=common.strict, catalog=catalog or [],
            jobs=common.workers),
            progress=common.progress())
        gc.freeze()  # what was read is walked no more while the outputs are written
    finally:
        gc.enable()
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich.table import Table
    t = Table(title="课后服务意向调查", title_justify="left")
    for col in ("学校", "答卷", "需要服务", "比例", "重复提交"):
        t.add_column(col, justify="left" if col == "学校" else "right")
    for s in result.per_school:
        t.add_row(text(s.school), str(s.answered), str(s.wants), f"{s.rate:.1%}", str(len(s.duplicates)))
    if len(result.per_school) > 1:
        t.add_row("合计", str(result.answered), str(result.wants), f"{result.rate:.1%}",
                  str(sum(len(s.duplicates) for s in result.per_school)))
    console.print(t)

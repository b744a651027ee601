"""`asrv check-schedule`: service times, content and staff against the policy, school by school."""
from __future__ import annotations

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text


@command("check-schedule", "检查课后服务安排：服务日、结束时间、时长、学习性活动、书面作业、变相教学、人员资质与冲突；"
         "可一次检查全区各校的工作簿，按学校分列并给出全区合计。",
         options=("profile", "out", "json", "format", "limit", "school", "strict", "jobs"))
def check_schedule(common: Common, files: Inputs = inputs_argument("课后服务安排工作簿")) -> None:
    from ..schedule import Options, run, write
    result = run(files, common.profile(), options=Options(school=common.school, strict=common.strict, jobs=common.workers),
                 progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich.table import Table
    t = Table(title=text(f"课后服务安排检查（配置 {result.profile.name}）"), title_justify="left")
    for col in ("学校", "文件", "安排行数", "错误", "提示"):
        t.add_column(col, overflow="fold", justify="right" if col in ("安排行数", "错误", "提示") else "left")
    for s in result.by_school:
        t.add_row(text(s.school), text("、".join(s.files)), str(s.rows),
                  text(s.errors, "red" if s.errors else ""), text(s.warnings, "yellow" if s.warnings else ""))
    if len(result.by_school) > 1:
        total = result.summary()
        t.add_row(text("全区合计", "bold"), text(f"{total['files_used']} 个文件"), str(total["rows"]),
                  str(total["errors"]), str(total["warnings"]))
    console.print(t)

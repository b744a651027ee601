"""`asrv check-attendance`: attendance, supervision and hand-over checked (篇1 四(三))."""
from __future__ import annotations

from typing import List, Optional

import typer

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text

OPTIONS = ("profile", "out", "json", "format", "limit", "no_mask", "school", "strict", "jobs")


@command("check-attendance", "核对课后服务考勤、离校交接与接送：缺勤告知家长、名单与记录一致、每名在校学生有接送人和交接教师、"
         "授权接送、接送过晚、补录、出勤率；可选核对教师签到（--schedule）与按出勤收费（--fees）（篇1 四(三)）。",
         options=OPTIONS)
def check_attendance(
    common: Common,
    files: Inputs = inputs_argument("考勤工作簿（名单、考勤、离校、授权接送人、教师签到）或考勤机导出的打卡记录"),
    schedule: Optional[List[str]] = typer.Option(None, "--schedule", help="课后服务安排工作簿（文件或文件夹），"
                                                 "核对安排中的教师每个服务日签到", show_default=False),
    fees: Optional[List[str]] = typer.Option(None, "--fees", help="收费工作簿（报名、缴费），核对按出勤天数收费",
                                             show_default=False),
) -> None:
    from ..attendance import Options, run, write
    options = Options(school=common.school, mask=common.mask, strict=common.strict, schedule=list(schedule or []),
                      fees=list(fees or []), jobs=common.workers)
    result = run(files, common.profile(), options=options, progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _pct(x) -> str:
    return "—" if x is None else f"{x:.1%}"


def _show(result, console) -> None:
    from rich.table import Table
    if not result.rates:
        return
    t = Table(title="考勤与交接（按学校）", title_justify="left")
    for col in ("学校", "考勤记录", "出勤率", "缺勤", "缺勤未告知家长", "交接完整率", "接送过晚"):
        t.add_column(col, justify="left" if col == "学校" else "right")
    for school, r in result.rates.items():
        t.add_row(text(school), str(r["records"]), _pct(r["attendance_rate"]), str(r["absences"]),
                  text(r["unreported_absences"], "red" if r["unreported_absences"] else ""),
                  _pct(r["handover_completeness"]), str(r["late_pickups"]))
    console.print(t)

"""`asrv check-meals`: school lunch provision, the leader's accompanying meal and samples (篇2 三(一))."""
from __future__ import annotations

from .attendance_cmd import OPTIONS, _pct
from .common import Common, Inputs, command, finish, inputs_argument
from .show import text


@command("check-meals", "核对午餐服务：每个开餐日供餐不少于需要（提供率 100%）、学校负责人陪餐并记录、陪餐发现的问题有整改、"
         "留样克数与保存时间；按学校和月份汇总提供率与陪餐覆盖率（篇2 三(一)）。", options=OPTIONS)
def check_meals(common: Common, files: Inputs = inputs_argument("午餐工作簿（开餐日历、就餐、陪餐、留样）")) -> None:
    from ..meals import Options, run, write
    result = run(files, common.profile(), options=Options(school=common.school, mask=common.mask,
                                                          strict=common.strict, jobs=common.workers),
                 progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich.table import Table
    if not result.rates:
        return
    t = Table(title="午餐服务（按学校）", title_justify="left")
    for col in ("学校", "开餐天数", "提供率", "陪餐覆盖率", "负责人陪餐覆盖率", "未整改问题"):
        t.add_column(col, justify="left" if col == "学校" else "right")
    for school, r in result.rates.items():
        t.add_row(text(school), str(r["meal_days"]), _pct(r["provision_rate"]), _pct(r["accompany_coverage"]),
                  _pct(r["leader_coverage"]), text(r["open_issues"], "red" if r["open_issues"] else ""))
    console.print(t)

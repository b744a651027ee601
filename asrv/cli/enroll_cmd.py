"""`asrv enroll`: activity places allotted, school by school, by a draw anyone can redo."""
from __future__ import annotations

from typing import List

import typer

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text


@command("enroll", "分配课后服务：申请的学生全部参加基础服务；各校活动名额在本校学生中分配，"
                   "先优先保障群体，再按公开的抽签顺序，依志愿、年级和名额录取。")
def enroll_cmd(common: Common, files: Inputs = inputs_argument("调查表（问卷平台导出的表格可直接使用）"),
               catalog: List[str] = typer.Option(..., "--catalog", "-c", show_default=False,
                                                 help="课后服务目录（项目、适用年级、上限、下限……）；可写多次"),
               seed: int = typer.Option(..., "--seed", show_default=False,
                                        help="抽签种子（非负整数，写入通知，任何人可据此复算）")):
    from ..enroll import Options, run
    from ..enroll import write
    result = run(files, common.profile(), options=Options(
        school=common.school, date=common.day(), mask=common.mask, strict=common.strict, catalog=catalog, seed=seed,
        jobs=common.workers),
        progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich.table import Table
    from ..survey.parse import grades_text
    if len(result.per_school) > 1:  # a district: one line per school
        t = Table(title=f"抽签种子 {result.seed}", title_justify="left")
        for col in ("学校", "申请", "录取活动", "开班", "取消"):
            t.add_column(col, justify="left" if col == "学校" else "right")
        for s in result.per_school:
            t.add_row(text(s.school), str(len(s.students)), str(s.placed),
                      str(sum(not a.cancelled for a in s.activities)), str(sum(a.cancelled for a in s.activities)))
        console.print(t)
        return
    for s in result.per_school:
        t = Table(title=text(f"{s.school}  抽签种子 {result.seed}"), title_justify="left")
        for col in ("活动", "适用年级", "上限", "下限", "录取", "候补", "状态"):
            t.add_column(col, justify="left" if col in ("活动", "适用年级", "状态") else "right")
        for a in s.activities:
            t.add_row(text(a.activity.name), grades_text(a.activity.grades), str(a.activity.capacity),
                      str(a.activity.minimum), str(len(a.roster)), str(len(a.waiting)),
                      text("取消（不足下限）", "red") if a.cancelled else "开班")
        console.print(t)
        console.print(text(f"申请 {len(s.students)} 人，全部参加{s.basic_service}；录取活动 {s.placed} 人。"))

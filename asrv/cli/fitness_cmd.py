"""`asrv fitness`: score the national student fitness standard from raw measurements."""
from __future__ import annotations

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text

OPTIONS = ("profile", "out", "json", "format", "limit", "no_mask", "school", "strict", "jobs")


@command("fitness", "按《国家学生体质健康标准（2014年修订）》由原始成绩计算每位学生的单项得分、总分和等级，"
         "按学校、年级、班级汇总（不及格名单、单项不及格人数），每班一份报告。", options=OPTIONS)
def fitness_cmd(common: Common, files: Inputs = inputs_argument("体测成绩工作簿（国家上报模板或普通表格）")) -> None:
    from ..fitness import Options, run, write
    result = run(files, common.profile(), options=Options(school=common.school, mask=common.mask,
                 strict=common.strict, jobs=common.workers), progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    """One row per class for a school; one per school (and the district total) for a batch."""
    from rich.table import Table
    if not len(result.students):
        console.print("工作簿中没有学生的测试成绩（可能只有表头）。", markup=False)
        return
    several = len(result.schools) > 1
    rows = [*result.school_list(), result.district_summary()] if several else result.class_list()
    keys = ("学校", "班级数") if several else ("年级", "班级")
    t = Table(title=f"体测成绩：{len(result.schools)} 所学校，{len(result.students)} 名学生", title_justify="left")
    for col in (*keys, "实测", "免测", "优秀", "良好", "及格", "不及格", "及格率%", "平均总分"):
        # A class name split over two lines (一(1) / 班) reads as two classes.
        t.add_column(col, justify="left" if col in ("学校", "年级", "班级") else "right", overflow="fold",
                     no_wrap=col in ("年级", "班级"))
    for r in rows:
        fail = r["ratings"]["不及格"]
        head = (r["school"], str(r["classes"])) if several else (r["grade"] or "", r["class"])
        t.add_row(*(text(v) for v in head), str(r["tested"]), str(r["exempt"]),
                  *(str(r["ratings"][k]) for k in ("优秀", "良好", "及格")), text(fail, "red" if fail else ""),
                  _n(r["pass_rate"]), _n(r["mean_total"]))
    console.print(t)


def _n(x) -> str:
    return "" if x is None else f"{x:.1f}"

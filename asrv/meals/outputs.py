"""The outputs of check-meals: one workbook (学校月汇总 with provision rate and 陪餐 coverage, 每日, 问题)."""
from __future__ import annotations

from pathlib import Path

from ..attendance.outputs import DATE, PERCENT, _rate
from ..out import Outputs, SheetOut, title_line, titled, write_workbook
from ..out.findings import findings_sheet
from .result import MealsResult

WORKBOOK = "午餐汇总.xlsx"


def month_sheet(result: MealsResult) -> SheetOut:
    rows, marks = [], {}
    for i, r in enumerate(result.months.itertuples(index=False)):
        rows.append([r.school, r.month, r.meal_days, r.needed, r.served, _rate(r.rate), r.accompanied,
                     _rate(r.coverage), r.led, _rate(r.leader_coverage)])
        full = (r.rate != r.rate or r.rate >= 1) and (r.coverage != r.coverage or r.coverage >= 1)
        marks[i] = "good" if full else "warning"
    columns = ["学校", "月份", "开餐天数", "需要人次", "供餐人次", "提供率", "有陪餐记录天数", "陪餐覆盖率",
               "负责人陪餐天数", "负责人陪餐覆盖率"]
    return SheetOut("学校月汇总", columns, rows, marks=marks, number_formats={
        "提供率": PERCENT, "陪餐覆盖率": PERCENT, "负责人陪餐覆盖率": PERCENT},
        notes=["提供率 = 供餐人次（每行不超过需要人数）÷ 需要人次；陪餐覆盖率 = 有陪餐记录的开餐日 ÷ 开餐日"])


def daily_sheet(result: MealsResult) -> SheetOut:
    rows = [[r.school, r.date.date(), r.meal, "是" if r.meal_day else "否", r.needed, r.served, _rate(r.rate),
             r.people, r.titles, "是" if r.led else "否", None if r.dishes != r.dishes else int(r.dishes)]
            for r in result.daily.itertuples(index=False)]
    columns = ["学校", "日期", "餐次", "开餐日", "需要人数", "供餐人数", "提供率", "陪餐人", "职务", "负责人陪餐",
               "留样菜品数"]
    return SheetOut("每日", columns, rows, number_formats={"日期": DATE, "提供率": PERCENT})


def write(result: MealsResult, out_dir: str | Path) -> list[Path]:
    sheets = [month_sheet(result), daily_sheet(result), findings_sheet(result.findings, lead={"学校": lambda f: f.school})]
    with Outputs(out_dir, "check-meals", inputs=[f.path for f in result.files]) as outputs:
        line = title_line(result.schools, "午餐供餐与陪餐汇总", day=result.options.day)
        target = outputs.write(WORKBOOK, lambda p: write_workbook(p, titled(sheets, line)))
    return [target]

"""The sheets of a school lunch workbook (开餐日历、就餐、陪餐、留样), as in issue 14 (篇2 三(一))."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

LUNCH = "午餐"
MEALS = {"早餐": "早餐", "早饭": "早餐", LUNCH: LUNCH, "中餐": LUNCH, "午饭": LUNCH, "中饭": LUNCH,
         "晚餐": "晚餐", "晚饭": "晚餐", "加餐": "加餐", "点心": "加餐", "课间餐": "加餐"}

SCHOOL = Field("school", "学校", ("学校名称", "校名"), required=False, hint="空白时取标题行或文件名")
DATE = Field("date", "日期", ("就餐日期", "用餐日期", "开餐日期", "陪餐日期", "留样日期"), kind="date")
MEAL = Field("meal", "餐次", ("餐别", "用餐类别", "餐类"), kind="choice", choices=MEALS, required=False,
             hint="早餐、午餐、晚餐 或 加餐；空白为午餐")

MEAL_DAYS = SheetSpec("meal_days", "开餐日历", (
    SCHOOL, DATE, MEAL,
    Field("open", "是否开餐", ("开餐", "是否供餐", "供餐"), kind="bool", hint="是 或 否"),
), aliases=("校历", "开餐日", "供餐日历", "meal_days"), required=False,
   note="可选：每个上学日一行，是否开餐；不填时以「就餐」表中需要人数大于 0 的日子为开餐日。",
   example={"school": "示例小学", "date": "2026-09-07", "meal": "午餐", "open": "是"})

MEAL_ROWS = SheetSpec("meals", "就餐", (
    DATE, SCHOOL, MEAL,
    Field("grade", "年级", (), required=False),
    Field("class", "班级", ("年级/班级", "年级班级", "班级名称"), required=False),
    Field("needed", "需要人数", ("需就餐人数", "报餐人数", "需要", "应就餐人数"), kind="int", minimum=0,
          hint="在校有午餐需求的学生人数"),
    Field("served", "供餐人数", ("实际供餐人数", "就餐人数", "实供人数", "供餐"), kind="int", minimum=0),
), aliases=("午餐", "就餐记录", "供餐", "供餐记录", "meals"),
   note="每个开餐日一行（可按年级或班级分行）：需要在校就餐的人数与实际供餐人数。",
   example={"date": "2026-09-07", "school": "示例小学", "meal": "午餐", "grade": "三年级", "class": "三(2)班",
            "needed": 42, "served": 42})

ACCOMPANY = SheetSpec("accompany", "陪餐", (
    DATE, SCHOOL, MEAL,
    Field("person", "陪餐人", ("陪餐人员", "陪餐领导", "陪餐人姓名", "姓名")),
    Field("title", "职务", ("职位", "陪餐人职务"), hint="如 校长、副校长、党支部书记"),
    Field("quality", "饭菜质量", ("菜品质量", "饭菜", "饭菜情况"), required=False, hint="如 好、一般、差"),
    Field("hygiene", "卫生", ("卫生情况", "环境卫生", "食品卫生"), required=False, hint="如 好、一般、差"),
    Field("issue", "问题", ("存在问题", "发现问题", "意见建议"), required=False, hint="没有问题写 无"),
    Field("fix", "整改措施", ("整改情况", "处理措施", "整改"), required=False),
    Field("fixed_on", "整改日期", ("整改完成日期", "整改时间", "完成日期"), kind="date", required=False),
), aliases=("陪餐记录", "陪餐登记", "领导陪餐", "accompany"),
   note="学校负责人每次陪餐一行：饭菜质量、卫生、发现的问题及整改（篇2 三(一) 学校负责人陪餐制度）。",
   example={"date": "2026-09-07", "school": "示例小学", "meal": "午餐", "person": "李建国", "title": "校长",
            "quality": "好", "hygiene": "好", "issue": "无", "fix": "", "fixed_on": ""})

SAMPLES = SheetSpec("samples", "留样", (
    DATE, SCHOOL, MEAL,
    Field("dish", "菜品", ("菜名", "品名", "留样菜品")),
    Field("grams", "留样量(克)", ("留样量", "留样重量", "重量(克)", "克数"), kind="number", minimum=0,
          hint="每个菜品的留样克数"),
    Field("kept_at", "留样时间", ("留样时刻",), kind="timestamp", hint="如 2026-09-07 11:30 或 11:30"),
    Field("destroyed_at", "销毁时间", ("处理时间", "留样销毁时间"), kind="timestamp", required=False,
          hint="日期和时间，如 2026-09-09 12:00；尚未销毁可空"),
), aliases=("留样记录", "食品留样", "samples"), required=False,
   note="可选：每餐每个菜品一行，留样克数与留样、销毁时间。",
   example={"date": "2026-09-07", "school": "示例小学", "meal": "午餐", "dish": "番茄炒蛋", "grams": 150,
            "kept_at": "2026-09-07 11:30", "destroyed_at": "2026-09-09 12:00"})

ALL = (MEAL_DAYS, MEAL_ROWS, ACCOMPANY, SAMPLES)

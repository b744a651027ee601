"""Building lunch workbooks for the tests (no tests here). `clean()` is one school's fortnight of lunches
with nothing wrong; rows are dicts keyed by the Chinese header, row i is Excel row i + 2."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_attendance_support import DAYS, SCHOOL, at, cell as _cell, write as _write  # noqa: F401

HEAD = {
    "开餐日历": ["日期", "餐次", "是否开餐"],
    "就餐": ["日期", "学校", "年级", "班级", "需要人数", "供餐人数"],
    "陪餐": ["日期", "餐次", "陪餐人", "职务", "饭菜质量", "卫生", "问题", "整改措施", "整改日期"],
    "留样": ["日期", "餐次", "菜品", "留样量(克)", "留样时间", "销毁时间"],
}
CLASSES = ["三(1)班", "三(2)班"]


def clean(days=DAYS, school: str = SCHOOL) -> dict[str, list[dict]]:
    cal = [{"日期": d, "餐次": "午餐", "是否开餐": "是"} for d in days]
    meals = [{"日期": d, "学校": school, "年级": "三年级", "班级": k, "需要人数": 40, "供餐人数": 40}
             for d in days for k in CLASSES]
    acc = [{"日期": d, "餐次": "午餐", "陪餐人": "李建国", "职务": "校长", "饭菜质量": "好", "卫生": "好", "问题": "无",
            "整改措施": None, "整改日期": None} for d in days]
    samples = [{"日期": d, "餐次": "午餐", "菜品": dish, "留样量(克)": 150,
                "留样时间": dt.datetime.combine(d, dt.time(11, 30)),
                "销毁时间": dt.datetime.combine(d + dt.timedelta(days=2), dt.time(11, 30))}
               for d in days for dish in ("番茄炒蛋", "米饭")]
    return {"开餐日历": cal, "就餐": meals, "陪餐": acc, "留样": samples}


def cell(sheet: str, header: str, i: int) -> str:
    return _cell(sheet, header, i, HEAD)


def write(path: Path, sheets: dict[str, list[dict]]) -> Path:
    return _write(path, sheets, HEAD)

"""Small workbooks for score tests, written the way clerks write them."""
from __future__ import annotations

from pathlib import Path

import openpyxl

HEAD = {
    "班级": ["班级", "年级", "班主任", "人数"],
    "评分": ["班级", "项目", "评价者", "分数"],
    "达标次数": ["班级", "环境卫生达标次数", "五星达标班次数"],
    "获奖": ["班级", "类型", "学生", "项目", "级别", "等第", "名次", "人数", "日期", "教育部门组织"],
    "事件": ["班级", "日期", "类型", "扣分比例", "说明"],
    "体测": ["班级", "姓名", "等级"],
}


TEXT = "text:"


def write_book(path: Path, sheets: dict[str, list[list]], titles: dict[str, str] | None = None) -> Path:
    """Each sheet: rows under the standard header (a sheet given as None is left out); `titles`
    puts a clerk's title row above a sheet's header (`{"班级": "东城小学2025—2026学年班级名册"}`)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        if rows is None:
            continue
        ws = wb.create_sheet(title)
        top = (titles or {}).get(title)
        if top:
            ws.append([top])
        ws.append(HEAD[title])
        for i, r in enumerate(rows, start=2 + bool(top)):
            ws.append(list(r))
            for j, v in enumerate(r, start=1):
                if isinstance(v, str) and v.startswith(TEXT):
                    c = ws.cell(row=i, column=j)
                    c.value = v[len(TEXT):]
                    c.data_type = "s"  # typed as text in Excel: `=…` that is not a formula
    wb.save(path)
    return path


def full_marks(cls: str, building=20, study=25, teaching=15, web=10, feature=10) -> list[list]:
    return [[cls, "班级建设", "班主任", building], [cls, "学风", "语文", study], [cls, "教育教学", "教导处", teaching],
            [cls, "班级网页", "校长室", web], [cls, "班级特色", "教导处", feature]]


def classes(*names: str) -> list[list]:
    return [[n, n[0] + "年级", f"{n}老师", 40] for n in names]


def award(cls, kind, event, level, prize=None, place=None, student=None, count=None, date="2026-04-01", edu="是"):
    return [cls, kind, student, event, level, prize, place, count, date, edu]


def score_book(path: Path, sheets: dict[str, list[list] | None], profile=None, titles=None, **options):
    """Write a classes workbook and score it; `options` as in asrv.score.Options."""
    import datetime as dt

    from asrv import score
    from asrv.profile import load_profile
    write_book(path, sheets, titles)
    options.setdefault("date", dt.date(2026, 6, 20))
    return score.run([path], profile or load_profile(), options=score.Options(**options))


def cells(findings, rule: str | None = None) -> set[tuple[str, str]]:
    """(sheet, cell) of the findings, of one rule if given."""
    return {(f.sheet, f.cell) for f in findings if rule is None or f.rule == rule}

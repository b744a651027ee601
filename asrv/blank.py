"""Blank, ready-to-fill workbooks built from the sheet specs: what a clerk sends to schools."""
from __future__ import annotations

from importlib import import_module

from .io.schema import SheetSpec
from .out.xlsx import SheetOut

# kind -> (module holding the specs, attribute with the tuple of SheetSpecs, one-line purpose).
# A new command adds one line here; `asrv template KIND` picks it up.
KINDS: dict[str, tuple[str, str, str]] = {
    "classes": ("asrv.score.sheets", "ALL", "优秀班集体评价（asrv score）"),
    "schedule": ("asrv.schedule.sheets", "ALL", "课后服务安排与人员（asrv check-schedule）"),
    "survey": ("asrv.survey.sheets", "SURVEY_SHEETS", "课后服务意向调查（asrv survey）"),
    "catalog": ("asrv.enroll.sheets", "CATALOG_SHEETS", "课后服务目录（asrv enroll --catalog）"),
    "fees": ("asrv.fees.sheets", "ALL", "收费、减免、补助与支出（asrv fees）"),
    "fitness": ("asrv.fitness.sheets", "ALL", "学生体质健康测试成绩（asrv fitness）"),
    "attendance": ("asrv.attendance.sheets", "ALL", "课后服务考勤、离校交接与教师签到（asrv check-attendance）"),
    "meals": ("asrv.meals.sheets", "ALL", "午餐供餐、陪餐与留样（asrv check-meals）"),
    "district": ("asrv.district.sheets", "ALL", "区级考核：学校名册、指标、评分、否决、满意度、经费（asrv district）"),
}


def specs_for(kind: str) -> tuple[SheetSpec, ...]:
    module, attr, _ = KINDS[kind]
    return getattr(import_module(module), attr)


def choices_of(field) -> list[str]:
    if field.kind == "bool":
        return ["是", "否"]
    if field.kind == "choice" and field.choices:
        # The canonical values, in the order first written: what the drop-down offers.
        return [v for v in dict.fromkeys(field.choices.values()) if not v.isascii()] or \
            list(dict.fromkeys(field.choices.values()))
    return []


def blank_sheets(kind: str) -> list[SheetOut]:
    specs = specs_for(kind)
    sheets = []
    for spec in specs:
        columns = [f.header for f in spec.fields]
        example = [spec.example.get(f.name, "") for f in spec.fields]
        sheets.append(SheetOut(
            title=spec.title, columns=columns, rows=[example] if spec.example else [],
            validations={f.header: choices_of(f) for f in spec.fields if choices_of(f)}))
    sheets.append(_instructions(kind, specs))
    return sheets


def _instructions(kind: str, specs) -> SheetOut:
    rows = []
    for spec in specs:
        need = "必填" if spec.required else "可选"
        rows.append([spec.title, "", need, spec.note])
        for f in spec.fields:
            what = f.hint or {"int": "整数", "number": "数字", "rate": "比例，如 85%", "date": "日期，如 2026-03-05",
                              "bool": "是 或 否"}.get(f.kind, "文字")
            rows.append(["", f.header, "必有此列" if f.required else "可无此列", what])
    return SheetOut(
        title="填写说明", columns=["工作表", "列名", "是否必需", "填写要求"], rows=rows,
        notes=[f"{KINDS[kind][2]} 工作簿填写说明",
               "每个工作表第一行为表头，请勿改动列名；示例行可删除或改写。表头上方可加标题行。",
               "下拉列表中的选项即可接受的写法；日期可写 2026-03-05、2026/3/5 或 2026年3月5日。"])


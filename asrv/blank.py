"""Blank, ready-to-fill workbooks built from the sheet specs: what a clerk sends to schools."""
from __future__ import annotations

from importlib import import_module

from .examples import marked
from .io.schema import SheetSpec
from .out.xlsx import SheetOut
from .out.xlsx_format import TEXT

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


GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"]
CATEGORIES = ["作业辅导", "答疑", "阅读", "体育", "艺术", "科普", "劳动", "社团", "综合实践", "看护"]
MODES = ["普惠托管", "个性化课程"]


def _lists(profile) -> dict[str, dict[tuple[str, str], tuple[list[str], bool]]]:
    """Drop-downs of text columns whose words are a known list, by kind and (sheet, field):
    (choices, closed). Closed lists are the only words the rules know; open ones (closed=False)
    offer the usual words and accept others. Lists the profile holds are taken from it."""
    incidents = profile["score.incidents"]
    return {
        "classes": {("classes", "grade"): (GRADES, True),
                    ("incidents", "kind"): ([*incidents["zero_kinds"], *incidents["deductions"]], False)},
        "schedule": {("schedule", "category"): (CATEGORIES, False),
                     ("staff", "org_kind"): (["校外培训机构", "少年宫", "体育俱乐部", "青少年活动中心", "科技馆",
                                              "高校", "社会组织"], False)},
        "survey": {("survey", "grade"): (GRADES, True),
                   ("survey", "satisfaction"): (["满意", "基本满意", "不满意", "不了解"], True)},
        "catalog": {("catalog", "category"): (CATEGORIES, False), ("catalog", "mode"): (MODES, True)},
        "fees": {("expenses", "category"): (list(profile["fees.categories"]), True),
                 ("enrollment", "priority_group"): (["残疾儿童", "留守儿童", "随迁子女", "家庭经济困难"], True)},
        "attendance": {("guardians", "relation"): (["父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "本人"], False)},
        "meals": {("meals", "grade"): (GRADES, True), ("accompany", "quality"): (["好", "一般", "差"], True),
                  ("accompany", "hygiene"): (["好", "一般", "差"], True)},
        "district": {("schools", "stage"): (["小学", "初中", "九年一贯制", "十二年一贯制"], False),
                     ("schools", "area"): (["城区", "镇区", "乡村"], True),
                     ("vetoes", "kind"): (["违规收费", "安全责任事故", "有偿补课", "师德师风问题"], False)},
    }


# Columns of identity numbers: text, so 0012 and 18-digit numbers keep every digit.
ID_WORDS = ("学号", "学籍号", "身份证", "证件号")


def _is_id(f) -> bool:
    return f.kind == "text" and (f.name == "student_id" or any(w in f.header for w in ID_WORDS))


def specs_for(kind: str) -> tuple[SheetSpec, ...]:
    module, attr, _ = KINDS[kind]
    return getattr(import_module(module), attr)


def choices_of(field) -> list[str]:
    if field.kind == "bool":
        return ["是", "否"]
    if field.kind == "choice" and field.choices:
        values = list(dict.fromkeys(field.choices.values()))  # the canonical values, in the order first written
        if all(v.isascii() for v in values):
            # Codes such as class_building: offer the first Chinese spelling of each (班级建设).
            named = {}
            for spelling, v in field.choices.items():
                if not spelling.isascii():
                    named.setdefault(v, spelling)
            return [named.get(v, v) for v in values]
        return [v for v in values if not v.isascii()]
    return []


def blank_sheets(kind: str, profile=None) -> list[SheetOut]:
    """One sheet per declared sheet (its one example row marked （示例）), then 填写说明."""
    from .profile import load_profile
    lists = _lists(profile or load_profile("default")).get(kind, {})
    specs = specs_for(kind)
    sheets = []
    for spec in specs:
        closed = {f.header: choices_of(f) for f in spec.fields if choices_of(f)}
        offered = {}
        for f in spec.fields:
            words, is_closed = lists.get((spec.name, f.name), ([], True))
            if words:
                (closed if is_closed else offered)[f.header] = list(dict.fromkeys(words))
        sheets.append(SheetOut(
            title=spec.title, columns=[f.header for f in spec.fields], rows=_example(spec),
            number_formats={f.header: TEXT for f in spec.fields if _is_id(f)},
            validations=closed, suggestions=offered))
    sheets.append(_instructions(kind, specs))
    return sheets


def _example(spec: SheetSpec) -> list[list]:
    """The example row, its first filled text cell marked （示例）, so that a school that leaves it
    in is told and the row is not read as data (asrv.examples)."""
    if not spec.example:
        return []
    row = [spec.example.get(f.name, "") for f in spec.fields]
    at = next((j for j, f in enumerate(spec.fields) if f.kind == "text" and row[j] not in ("", None)), None)
    if at is not None:
        row[at] = marked(row[at])
    return [row]


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
               "每个工作表第一行为表头，请勿改动列名。标有「（示例）」的行是示例，读取时不计入，可删除或改写（改写时删去「（示例）」）。表头上方可加标题行。",
               "下拉列表中的选项即可接受的写法；日期可写 2026-03-05、2026/3/5 或 2026年3月5日。"])


"""The one rule registry: every rule id any command can emit, declared once.

A rule is data (id, Chinese title, source clause, default level, the profile keys it reads) plus,
for most, one small check function in its command's `rules` module. Levels and sources can be
changed per profile, keyed by rule id: `[rules] SCH-END = "warning"`, `[sources] SCH-END = "…"`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable

from .findings import ERROR, OFF, SEVERITIES, WARNING, Finding

LEVELS = (*SEVERITIES, OFF)
# Each family's rules module declares its rules when imported; `asrv rules` lists them in this order.
FAMILIES = {
    "read": "asrv.registry",
    "score": "asrv.score.rules",
    "fitness": "asrv.fitness.rules",
    "schedule": "asrv.schedule.rules",
    "fees": "asrv.fees.rules",
    "survey": "asrv.survey.rules",
    "enroll": "asrv.enroll.rules",
    "attendance": "asrv.attendance.rules",
    "meals": "asrv.meals.rules",
    "district": "asrv.district.rules",
}
FAMILY_ZH = {"read": "读取与参数", "score": "优秀班集体评价", "fitness": "体质健康测试", "schedule": "服务安排与人员",
             "fees": "收费与经费", "survey": "意向调查", "enroll": "活动名额分配",
             "attendance": "考勤与交接", "meals": "午餐与陪餐", "district": "区级考核"}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str                  # one Chinese line; `{dotted.key}` shows the profile's number
    family: str
    source: str = ""            # clause, e.g. "篇1 三(二)"; "" for consistency checks of the workbook
    severity: str = ERROR       # default level: error, warning or off
    keys: tuple[str, ...] = ()  # profile keys the rule reads
    check: Callable | None = None

    def level(self, profile) -> str:
        return profile.get(f"rules.{self.id}", self.severity) if profile is not None else self.severity

    def cited(self, profile) -> str:
        """The clause as the findings workbook shows it (internal labels such as 篇1 stay here)."""
        return profile.get(f"sources.{self.id}", self.source) if profile is not None else self.source

    def title_for(self, profile) -> str:
        """The title with the profile's own numbers: `结束时间不晚于 18:00（小学）`."""
        if profile is None:
            return self.title
        return _KEY.sub(lambda m: _shown(profile.get(m.group(1), m.group(0))), self.title)


_KEY = re.compile(r"\{([^{}]+)\}")
REGISTRY: dict[str, Rule] = {}


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k} {_shown(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def declare(rule_id: str, title: str, family: str, *, source: str = "", severity: str = ERROR,
            keys: tuple[str, ...] = (), check: Callable | None = None) -> Rule:
    if severity not in LEVELS:
        raise ValueError(f"{rule_id}: default level {severity!r} is not one of {LEVELS}")
    old = REGISTRY.get(rule_id)
    if old is not None and (old.family, old.title) != (family, title):
        raise ValueError(f"rule {rule_id} declared twice ({old.family}, {family})")
    r = Rule(rule_id, title, family, source, severity, tuple(keys), check)
    REGISTRY[rule_id] = r
    return r


def rule(rule_id: str, title: str, family: str, **kwargs) -> Callable:
    """Declare a rule and attach its check function: `@rule("SCH-END", "…", "schedule", source=…)`."""
    def register(fn: Callable) -> Callable:
        declare(rule_id, title, family, check=fn, **kwargs)
        return fn
    return register


def load_all() -> dict[str, Rule]:
    """Every family's declarations, imported once."""
    for module in FAMILIES.values():
        try:
            import_module(module)
        except ModuleNotFoundError as exc:  # a family not built yet is simply absent
            if not (exc.name and (module == exc.name or module.startswith(exc.name + "."))):
                raise
    return REGISTRY


def rules_of(family: str) -> list[Rule]:
    """One family's rules in the order declared, importing only that family's module (the others
    cost a command a fifth of a second of imports it does not need)."""
    import_module(FAMILIES[family])
    return [r for r in REGISTRY.values() if r.family == family]


def get(rule_id: str) -> Rule:
    if rule_id not in REGISTRY:
        load_all()
    return REGISTRY[rule_id]


def level(profile, rule_id: str) -> str:
    return get(rule_id).level(profile)


def finding(profile, rule_id: str, message: str, *, severity: str | None = None, cite: bool = True,
            **where: Any) -> Finding | None:
    """A finding of `rule_id` at the profile's level, its clause appended; None when the rule is off."""
    r = get(rule_id)
    lv = severity or r.level(profile)
    if lv == OFF:
        return None
    clause = r.cited(profile) if cite else ""
    return Finding(rule_id, lv, f"{message}（{clause}）" if clause else message, **where)


def rule_table(profiles: dict) -> list[dict]:
    """Every registered rule with its title (numbers of the first profile), source and levels."""
    load_all()
    first = next(iter(profiles.values()))
    out = []
    for r in REGISTRY.values():
        levels = {name: r.level(p) for name, p in profiles.items()}
        out.append({"id": r.id, "family": r.family, "family_zh": FAMILY_ZH.get(r.family, r.family),
                    "title": r.title_for(first), "source": r.cited(first) or "—",
                    "default": r.severity, "levels": levels, "keys": list(r.keys),
                    "profiles": [n for n, lv in levels.items() if lv != OFF]})
    return out


# ---- the rules of reading, options, profiles and outputs: shared by every command ----
_R = "read"
for _id, _title, _level in [
    ("READ-FILE", "工作簿能打开：文件存在、格式正确、未损坏、未加密", ERROR),
    ("READ-SHEET", "必需的工作表都在", ERROR),
    ("READ-HEADER", "工作表有可识别的表头", ERROR),
    ("READ-COLUMN", "必需的列都在", ERROR),
    ("READ-DUP-COLUMN", "同一列不重复出现", ERROR),
    ("READ-HIDDEN", "隐藏的工作表不冒充可见的工作表", WARNING),
    ("READ-LIMIT", "工作簿的行数、列数和解压后大小在限度内", ERROR),
    ("READ-SKIPPED", "文件夹中非工作簿、锁定文件和重复文件不读取", WARNING),
    ("READ-EXAMPLE", "模板中的示例行不计入", WARNING),
    ("CELL-BLANK", "必填的单元格不为空", ERROR),
    ("CELL-NUMBER", "应为数字的单元格是数字", ERROR),
    ("CELL-DATE", "应为日期的单元格是日期", ERROR),
    ("CELL-TIME", "应为时间的单元格是时间", ERROR),
    ("CELL-WEEKDAY", "应为星期的单元格是星期", ERROR),
    ("CELL-CHOICE", "应从下拉列表选择的单元格是列表中的一项", ERROR),
    ("CELL-RANGE", "数值在允许的范围内", ERROR),
    ("CELL-FORMULA", "公式单元格有计算结果", ERROR),
    ("CELL-ERROR", "单元格不是 Excel 错误值（#DIV/0!、#N/A 等）", ERROR),
    ("CELL-TERM", "学期写法可识别", ERROR),
    ("CELL-STAGE", "学段可识别", ERROR),
    ("CELL-TEXT", "文字中没有 Excel 无法保存的字符", WARNING),
    ("CLASS-DUPLICATE", "同一学校内班级不重复", ERROR),
    ("CLASS-UNKNOWN", "各表中的班级都在班级表中", ERROR),
    ("STUDENT-DUPLICATE", "同一学校内学号不重复", ERROR),
    ("SCHOOL-UNKNOWN", "能确定每行属于哪所学校", ERROR),
    ("OPTION-FILES", "给出了可读取的工作簿", ERROR),
    ("OPTION-DATE", "--date 为有效日期", ERROR),
    ("OPTION-YEAR", "--year 为有效学年", ERROR),
    ("OPTION-TERM", "--term 为有效学期", ERROR),
    ("OPTION", "命令行参数有效", ERROR),
    ("PROFILE", "配置文件有效：已知的设置项、正确的类型和取值", ERROR),
    ("OUTPUT", "输出文件夹可写，且不覆盖本次的输入文件", ERROR),
    ("TEMPLATE-KIND", "模板种类存在", ERROR),
    ("CALENDAR-YEAR", "公示期所在年份的法定节假日已知", WARNING),
    ("NOTICE-INFO", "公示的发布单位、联系方式等已在配置中填写", WARNING),
]:
    declare(_id, _title, _R, severity=_level)

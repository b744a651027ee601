"""The typed profile: one pydantic model per section, validated when a profile is loaded.

Each command owns its section (`asrv/<command>/settings.py`, a `Settings` model); the sections
shared by all (rule levels and sources, documents, calendar, reading limits) are here. A value of
the wrong type, out of range or not among the allowed ones is refused with its key, in Chinese.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import import_module
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

# section -> "module:Model"; a command with settings adds one line.
SECTIONS = {
    "notice": "asrv.notice.settings:Settings",
    "score": "asrv.score.settings:Settings",
    "schedule": "asrv.schedule.settings:Settings",
    "fees": "asrv.fees.settings:Settings",
    "fitness": "asrv.fitness.settings:Settings",
    "survey": "asrv.survey.settings:Settings",
    "enroll": "asrv.enroll.settings:Settings",
    "attendance": "asrv.attendance.settings:Settings",
    "meals": "asrv.meals.settings:Settings",
    "district": "asrv.district.settings:Settings",
}


class Section(BaseModel):
    """Strict: `quota = "5"` is not a number, an unknown key is a typo, never silently ignored."""
    model_config = ConfigDict(extra="forbid", strict=True)


def _time(v: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", v):
        raise ValueError(f"应为 24 小时制时间，如 18:00，实际为 {v!r}")
    return v


def _date(v: str) -> str:
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        raise ValueError(f"应为日期，写作 \"2026-10-01\"，实际为 {v!r}") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise ValueError(f"应为日期，写作 \"2026-10-01\"，实际为 {v!r}")
    return v


def _money(v: float) -> float:
    if round(v * 100) != round(v * 100, 6):
        raise ValueError(f"金额最多两位小数（分），实际为 {v!r}")
    return v


def _month_day(v: str) -> str:
    try:
        dt.date.fromisoformat(f"2000-{v}")
    except ValueError:
        raise ValueError(f"应为月-日，如 \"09-01\"，实际为 {v!r}") from None
    return v


Time = Annotated[str, AfterValidator(_time)]
Day = Annotated[str, AfterValidator(_date)]
MonthDay = Annotated[str, AfterValidator(_month_day)]
Number = int | float
Money = Annotated[Number, Field(ge=0), AfterValidator(_money)]
Share = Annotated[int | float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(ge=1)]
Level = Literal["error", "warning", "off"]
Severity = Literal["error", "warning"]
Text = str
Words = list[str]


class Document(Section):
    """A document a clause cites: its full title and number, as a notice must name it."""
    title: str
    number: str = ""
    short: str = ""   # how the findings workbook names it (篇1, “双减”意见); the title when empty


class Calendar(Section):
    # [reading] true: statutory holidays and 调休 make-up days from the chinesecalendar package.
    statutory: bool = True
    holidays: list[Day] = []
    extra_workdays: list[Day] = []


class Limits(Section):
    """What one workbook may hold before it is refused (a stray cell at XFD1048576, a zip bomb)."""
    max_rows: Positive = 200_000
    max_columns: Positive = 500
    max_cells: Positive = 5_000_000
    max_inflated_mb: Positive = 500
    max_ratio: Positive = 200


def _rule_ids(table: dict[str, Any]) -> dict[str, Any]:
    from ..registry import load_all
    known = load_all()
    unknown = [k for k in table if k not in known]
    if unknown:
        import difflib
        hints = []
        for k in unknown:
            close = difflib.get_close_matches(k, known, n=1)
            hints.append(f"「{k}」" + (f"（是不是 {close[0]}？）" if close else ""))
        raise ValueError(f"未知的规则编号：{'、'.join(hints)}；asrv rules 列出全部规则")
    return table


RuleLevels = Annotated[dict[str, Level], AfterValidator(_rule_ids)]
RuleSources = Annotated[dict[str, str], AfterValidator(_rule_ids)]


@lru_cache(maxsize=1)
def root_model() -> type[BaseModel]:
    fields: dict[str, Any] = {
        "extends": (str | None, None),
        "rules": (RuleLevels, {}),
        "sources": (RuleSources, {}),
        "documents": (dict[str, Document], {}),
        "calendar": (Calendar, Calendar()),
        "limits": (Limits, Limits()),
    }
    for name, where in SECTIONS.items():
        module, _, cls = where.partition(":")
        try:
            model = getattr(import_module(module), cls)
        except ModuleNotFoundError as exc:
            if not (exc.name and (module == exc.name or module.startswith(exc.name + "."))):
                raise
            continue
        fields[name] = (model, ...)
    return create_model("ProfileModel", __config__=ConfigDict(extra="forbid", strict=True), **fields)


_TYPES = {
    "int_type": "应为整数", "int_parsing": "应为整数", "float_type": "应为数字", "float_parsing": "应为数字",
    "string_type": "应为文字（加英文双引号）", "bool_type": "应为 true 或 false", "list_type": "应为列表，如 [\"a\", \"b\"]",
    "dict_type": "应为一个表", "model_type": "应为一个表", "missing": "缺少此设置项", "tuple_type": "应为列表",
    "extra_forbidden": "未知的设置项",
}


def explain(error: dict) -> str:
    """One pydantic error in Chinese: what is wrong and what is allowed."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "literal_error":
        return f"应为 {ctx.get('expected', '').replace(' or ', ' 或 ')} 之一，实际为 {error.get('input')!r}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}，实际为 {error.get('input')!r}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}，实际为 {error.get('input')!r}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind in _TYPES:
        shown = "" if kind in ("missing", "extra_forbidden") else f"，实际为 {error.get('input')!r}"
        return _TYPES[kind] + shown
    return error.get("msg", kind)

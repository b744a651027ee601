"""The rules of fitness scoring (《国家学生体质健康标准（2014年修订）》), declared in the one registry,
one small check each. Every check takes the students of the run (`src`, `row` say where each
came from) and the sheets they were read from, and returns findings at the cells concerned."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import registry
from ..findings import Finding
from ..registry import rule
from .load import cell, student_cell
from .sheets import HEADERS, SCORED, UNITS

FAMILY = "fitness"


def _finding(profile, rule_id: str, message: str, tables, r, at: str | None = None, value=None) -> Finding | None:
    """A finding of `rule_id` at the profile's level, its clause named as the profile's documents say."""
    t = tables[r.src]
    clause = profile.cite(registry.get(rule_id).cited(profile)) if profile is not None else ""
    return registry.finding(profile, rule_id, f"{message}（{clause}）" if clause else message, cite=False,
                            file=t.file, sheet=t.sheet, cell=at or student_cell(t, r.row), value=value,
                            school=r.school)


def _all(found) -> list[Finding]:
    return [f for f in found if f is not None]


@rule("FIT-RANGE", "测试成绩在合理范围内（fitness.plausible）", FAMILY, keys=("fitness.plausible",))
def plausible(students: pd.DataFrame, tables, profile) -> list[Finding]:
    """An implausible value (50米 in 2 s, 17 cm tall) is not scored; the student is not rated."""
    found = []
    for name in SCORED:
        lo, hi = profile["fitness.plausible"][name]
        v = students[name]
        bad = v.notna() & ((v < lo) | (v > hi))
        if not bad.any():
            continue
        for r in students[bad].itertuples():
            x = getattr(r, name)
            found.append(_finding(profile, "FIT-RANGE",
                f"「{HEADERS[name]}」{_num(x)} 超出合理范围 {_num(lo)}–{_num(hi)} {UNITS[name]}，未计分，请核对",
                tables, r, at=cell(tables[r.src], name, r.row, r.female_sit_ups), value=x))
        students.loc[bad, name] = np.nan
        students.loc[bad, "invalid"] = True
    return _all(found)


def _measured(students: pd.DataFrame) -> pd.Series:
    return students[list(SCORED)].notna().any(axis=1) & ~students["exempt"]


@rule("FIT-SEX", "性别可识别（男、女 或 1、2）", FAMILY)
def sex_known(students: pd.DataFrame, tables, profile) -> list[Finding]:
    bad = _measured(students) & students["sex"].isna()
    students.loc[students["sex"].isna(), "invalid"] = True
    return _all(_finding(profile, "FIT-SEX", "性别空白或无法识别，无法评分（应为 男、女 或 1、2）", tables, r,
                         at=tables[r.src].cell("sex", r.row)) for r in students[bad].itertuples())


@rule("FIT-GRADE", "年级可确定（年级编号、年级或班级名称）", FAMILY)
def grade_known(students: pd.DataFrame, tables, profile) -> list[Finding]:
    bad = _measured(students) & students["grade"].isna()
    students.loc[students["grade"].isna(), "invalid"] = True
    return _all(_finding(profile, "FIT-GRADE",
        "无法确定年级，无法评分：请填写「年级编号」或「年级」列，或在班级名称前写明年级（如 三(2)班）", tables, r,
        at=tables[r.src].cell("class", r.row)) for r in students[bad].itertuples())


@rule("FIT-DUPLICATE", "同一学校内同一学生只有一条测试记录", FAMILY)
def one_record(students: pd.DataFrame, tables, profile) -> tuple[pd.DataFrame, list[Finding]]:
    """Students are (school, 学籍号), or (school, 班级, 姓名) where there is no 学籍号: a second record
    of one student is not counted (the first is), wherever it is (another sheet or file of the school)."""
    ident = students["student_id"].astype(object).where(students["student_id"].notna(), None)
    by_name = ident.isna() & students["name"].notna()
    key = pd.Series(None, index=students.index, dtype=object)
    key[ident.notna()] = "id\x1f" + students["school"][ident.notna()] + "\x1f" + ident[ident.notna()].astype(str)
    key[by_name] = ("name\x1f" + students["school"][by_name] + "\x1f" + students["class"][by_name].astype(str)
                    + "\x1f" + students["name"][by_name].astype(str))
    repeated = key.notna() & key.duplicated(keep="first")
    if not repeated.any():
        return students, []
    first = students[key.notna() & ~repeated].assign(_k=key).drop_duplicates("_k").set_index("_k")
    found = []
    for r, k in zip(students[repeated].itertuples(), key[repeated]):
        f = first.loc[k]
        t0, t = tables[f["src"]], tables[r.src]
        by_id = k.startswith("id")
        at, at0 = ((t.cell("student_id", r.row), t0.cell("student_id", f["row"])) if by_id else
                   (student_cell(t, r.row), student_cell(t0, f["row"])))
        found.append(_finding(profile, "FIT-DUPLICATE",
            f"与{'' if t0.file == t.file else f'「{t0.file}」'}{t0.sheet}!{at0} 的"
            f"{'学籍号' if by_id else '班级和姓名'}相同（同一学校内同一学生只能有一条成绩），此行未计入", tables, r, at=at,
            value=r.student_id if by_id else r.name))
    return students[~repeated].copy(), _all(found)


@rule("FIT-MISSING", "学生的必测项目齐全（缺项时：{fitness.missing_items}）", FAMILY, source="fitness 说明5",
      severity="warning", keys=("fitness.missing_items",))
def complete(students: pd.DataFrame, tables, profile) -> list[Finding]:
    lacking = students["status"].eq("incomplete") & ~students["invalid"]
    return _all(_finding(profile, "FIT-MISSING", f"缺少必测项目：{r.lacking}，未评定等级", tables, r, value=r.lacking)
                for r in students[lacking].itertuples())


@rule("FIT-UNTESTED", "学生有测试成绩，或注明免测", FAMILY, source="fitness 说明10", severity="warning",
      keys=("fitness.exempt", "fitness.not_tested"))
def tested(students: pd.DataFrame, tables, profile) -> list[Finding]:
    return _all(_finding(profile, "FIT-UNTESTED",
        "没有任何测试成绩，按未测统计，不计入达标率；免予执行的学生请填写「免测」", tables, r)
        for r in students[students["status"].eq("untested")].itertuples())


BEFORE_SCORING = (plausible, sex_known, grade_known)
AFTER_SCORING = (complete, tested)


def _num(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"

"""The rules of the catalogue and of enrolment, declared in the one registry (asrv.registry).

The catalogue is read by asrv.survey.catalog (survey compares demand with it too); its rules are
declared here, with the one check only enrolment needs: every activity has its number of places."""
from __future__ import annotations

from ..findings import Finding
from ..registry import declare, rule
from ..survey.rules import say

_F = "enroll"
for _id, _title, _level in [
    ("CATALOG-NAME", "目录中每个活动都有名称", "error"),
    ("CATALOG-DUP", "同一学校的目录中活动不重名", "error"),
    ("CATALOG-GRADES", "适用年级可识别（1-3、三年级、1,2,3）", "error"),
    ("CATALOG-MIN", "开班下限不大于人数上限", "error"),
    ("CATALOG-EMPTY", "目录中至少有一个活动", "error"),
    ("CATALOG-SCHOOL", "目录中的学校都收到了调查表", "warning"),
    ("ENROLL-SEED", "抽签种子为非负整数", "error"),
    ("ENROLL-CATALOG", "每所学校都有可分配的活动（本校的目录或适用于各校的目录）", "error"),
]:
    declare(_id, _title, _F, severity=_level)


@rule("CATALOG-CAPACITY", "每个活动都填写了人数上限", _F)
def capacity_given(profile, activities) -> list[Finding]:
    out: list[Finding] = []
    for a in activities:
        if a.capacity is None:
            say(out, profile, "CATALOG-CAPACITY", f"活动「{a.name}」未填写人数上限，无法分配名额", value=a.name,
                school=a.school, **a.cells["capacity"])
    return out

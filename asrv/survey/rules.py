"""The rules of the survey and of enrolment, declared in the one registry (asrv.registry).

The enrolment rules move to asrv/enroll/rules.py with the enroll package."""
from __future__ import annotations

from ..registry import declare

for _id, _title, _family, _source, _level, _keys in [
    ("SURVEY-DUP", "同一学生只提交一次（重复时以最后一次为准）", "survey", "", "warning", ()),
    ("SURVEY-GROUP", "特殊群体可识别（残疾、留守、随迁、困难）", "survey", "篇1 三(一)", "warning", ("enroll.priority_order",)),
    ("SURVEY-GRADE", "能确定学生的年级", "survey", "", "warning", ()),
    ("SURVEY-CHOICE", "意向活动在课后服务目录中", "survey", "篇1 三(四)", "warning", ()),
    ("CATALOG-NAME", "目录中每个活动都有名称", "enroll", "", "error", ()),
    ("CATALOG-DUP", "目录中活动不重名", "enroll", "", "error", ()),
    ("CATALOG-GRADES", "适用年级可识别（1-3、三年级、1,2,3）", "enroll", "", "error", ()),
    ("CATALOG-MIN", "开班下限不大于人数上限", "enroll", "", "error", ()),
    ("CATALOG-EMPTY", "目录中至少有一个活动", "enroll", "", "error", ()),
    ("CATALOG-CAPACITY", "每个活动都填写了人数上限", "enroll", "", "error", ()),
    ("ENROLL-SEED", "抽签种子为非负整数", "enroll", "", "error", ()),
]:
    declare(_id, _title, _family, source=_source, severity=_level, keys=_keys)

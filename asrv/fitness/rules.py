"""The rules of fitness scoring (《国家学生体质健康标准（2014年修订）》), declared in the one registry."""
from __future__ import annotations

from ..registry import declare

FAMILY = "fitness"
for _id, _title, _source, _level, _keys in [
    ("FIT-RANGE", "测试成绩在合理范围内（fitness.plausible）", "fitness", "error", ("fitness.plausible",)),
    ("FIT-SEX", "性别可识别（男、女 或 1、2）", "fitness", "error", ()),
    ("FIT-GRADE", "年级可确定（年级编号、年级或班级名称）", "fitness", "error", ()),
    ("FIT-MISSING", "学生的必测项目齐全（缺项时：{fitness.missing_items}）", "fitness 说明5", "warning",
     ("fitness.missing_items",)),
    ("FIT-UNTESTED", "学生有测试成绩，或注明免测", "fitness 说明10", "warning", ("fitness.exempt", "fitness.not_tested")),
    ("FIT-DUPLICATE", "同一学校内同一学生只有一条测试记录", "", "error", ()),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level, keys=_keys)

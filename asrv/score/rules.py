"""The rules of the excellent-class evaluation (篇3), declared in the one registry (asrv.registry)."""
from __future__ import annotations

from ..registry import declare

FAMILY = "score"
for _id, _title, _source, _level, _keys in [
    ("SCORE-RATING-RANGE", "评分不超过该项满分，不低于 0", "篇3 三", "error", ("score.items",)),
    ("SCORE-ITEM-MISSING", "每个班级每个基础项目都有评分（缺项按 0 分计）", "篇3 三", "warning", ("score.items",)),
    ("SCORE-FITNESS-MISSING", "每个班级都有体测记录，才能确认是否一票否决", "篇3 二、6", "warning",
     ("score.fitness.veto_ratings",)),
    ("SCORE-FITNESS-SCHOOL", "体测文件与评价工作簿属于同一所学校", "篇3 二、6", "error", ()),
    ("SCORE-QUOTA-TIE", "推荐名额处同分的班级均予推荐（推荐名额 {score.quota} 个）", "篇3 二、9", "warning", ("score.quota",)),
    ("SCORE-AWARD-YEAR", "只计本学年的获奖记录（学年起始 {score.academic_year_start}）", "篇3 二、8", "warning",
     ("score.academic_year_start",)),
    ("AWARD-PRIZE", "获奖记录填写了「等第」或「名次」", "篇3 二、2—4", "error", ("score.bonus.place_to_prize",)),
    ("INCIDENT-OUT-OF-YEAR", "只扣本学年内的事件", "篇3 二、8", "warning", ("score.academic_year_start",)),
    ("INCIDENT-DEDUCTION", "事件的扣分比例在 0 到 100% 之间", "篇3 二、7", "error", ("score.incidents.deductions",)),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level, keys=_keys)

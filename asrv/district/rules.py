"""The district assessment's own checks, declared in the one registry (asrv.registry)."""
from __future__ import annotations

from ..registry import declare, finding

FAMILY = "district"
for _id, _title, _source, _level in [
    ("DIST-SCORE-RANGE", "评分不高于该项分值、不低于 0", "", "error"),
    ("DIST-SELF-REVIEW-GAP", "自评分与复评分相差不超过 {district.self_review_gap} 分", "篇2 五(一)", "warning"),
    ("DIST-SELF-ONLY", "评分项目有复评分（只有自评分时按自评分计）", "篇2 五(一)", "warning"),
    ("DIST-RATING-MISSING", "每个评分项目都有评分", "篇2 五(一)", "warning"),
    ("DIST-EVIDENCE-MISSING", "评分项目写明佐证材料", "篇1 四(四)", "warning"),
    ("DIST-RATE-IMPOSSIBLE", "比率的分子不大于分母（参与学生不多于在校生，有效问卷不多于发放数）", "", "error"),
    ("DIST-MISSING-SCHOOL", "名册中的每所学校都报送了材料", "篇2 五(一)", "error"),
    ("DIST-UNKNOWN-SCHOOL", "报送材料的学校都在名册中", "", "warning"),
    ("DIST-MISSING-WORKBOOK", "自动评分的项目有学校报送的工作簿", "篇2 五(一)", "warning"),
    ("DIST-UNKNOWN-KIND", "学校文件夹中的每个工作簿都能识别种类", "", "warning"),
    ("DIST-VETO", "没有查实的否决事项（有则为不合格）", "篇2 四(二)", "error"),
    ("DIST-FUNDING", "专项补助资金能按考核结果分配", "篇2 四(二)", "warning"),
    ("DIST-REGISTER", "考核工作簿有学校名册（学校、在校生数），每校一行", "", "error"),
    ("DIST-RUBRIC", "考核指标与评分表一致：代码已定义、每校每项一行、分值合计 100 分", "", "warning"),
    ("DIST-FOLDER-SCHOOLS", "一个学校文件夹中的工作簿属于同一所学校", "", "warning"),
    ("DIST-COMPARE", "找到用于对比的上一学期考核结果", "", "warning"),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level)


def say(findings: list, profile, rule: str, message: str, **where) -> None:
    """Add the finding at the profile's level (asrv.registry), unless the profile turns the rule off."""
    f = finding(profile, rule, message, **where)
    if f is not None:
        findings.append(f)

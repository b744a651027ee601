"""The rules of the survey, declared in the one registry (asrv.registry), one small check each.

The catalogue and enrolment rules are declared in asrv/enroll/rules.py."""
from __future__ import annotations

from ..findings import Finding
from ..registry import finding, rule

_F = "survey"


def say(out: list[Finding], profile, rule_id: str, message: str, **where) -> None:
    """Add the finding of `rule_id` at the profile's level (nothing when the profile turns it off)."""
    f = finding(profile, rule_id, message, **where)
    if f is not None:
        out.append(f)


@rule("SURVEY-DUP", "同一学生只提交一次（重复时以最后一次为准）", _F, severity="warning")
def repeated(profile, duplicates) -> list[Finding]:
    out: list[Finding] = []
    for d in duplicates:
        last = d.last
        earlier = "、".join(f"第{x.row}行" if x.file == last.file else f"{x.file} 第{x.row}行" for x in d.earlier)
        say(out, profile, "SURVEY-DUP",
            f"同一学生提交了 {len(d.earlier) + 1} 次，以最后提交的第 {last.row} 行为准，{earlier}不计",
            value=d.key, **last.where("class"))
    return out


@rule("SURVEY-GROUP", "特殊群体可识别（残疾、留守、随迁、困难）", _F, source="篇1 三(一)", severity="warning",
      keys=("enroll.priority_order",))
def unknown_groups(profile, responses) -> list[Finding]:
    out: list[Finding] = []
    for r in responses:
        for g in r.unknown_groups:
            say(out, profile, "SURVEY-GROUP", f"特殊群体「{g}」无法识别，未按优先保障群体处理"
                "（应为残疾儿童、留守儿童、随迁子女、家庭经济困难）", value=g, **r.where("groups"))
    return out


@rule("SURVEY-GRADE", "能确定学生的年级", _F, severity="warning")
def unknown_grade(profile, responses) -> list[Finding]:
    out: list[Finding] = []
    for r in responses:
        if r.wants and r.grade is None:
            say(out, profile, "SURVEY-GRADE", f"无法确定「{r.class_name}」的年级，限定年级的活动不予录取",
                value=r.class_name, **r.where("class"))
    return out


@rule("SURVEY-CHOICE", "意向活动在课后服务目录中", _F, source="篇1 三(四)", severity="warning")
def unknown_choices(profile, unmatched) -> list[Finding]:
    """`unmatched`: (response, the answer as written) for answers no catalogue activity matches."""
    out: list[Finding] = []
    for r, c in unmatched:
        field = "choices" if "choices" in r.letters else "choice1"
        say(out, profile, "SURVEY-CHOICE", f"意向「{c}」不在课后服务目录中，未计入", value=c, **r.where(field))
    return out

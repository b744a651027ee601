"""The 录取结果公示 of each school (asrv.notice): counts, the rules in plain words, the rosters by
class with masked names. It never says a child's priority group, nor hardship or disability: the
priority is stated as a rule, not as a list. The draw is one plain sentence in the body; how to
redo it, and the files' digests, are footnotes."""
from __future__ import annotations

from ..io.keys import class_order
from ..notice import NoticeTable, Section, notice_of
from ..out import mask_name
from ..survey.outputs import folders
from ..survey.parse import grades_text
from .allot import ordinal
from .lottery import NO_ID, RULE
from .result import EnrollResult, SchoolEnrollment

STEM = "录取通知"


def build(result: EnrollResult) -> None:
    where = folders(result.schools)
    for s in result.per_school:
        result.notices.append((where[s.school] + STEM, school_notice(result, s)))


def school_notice(result: EnrollResult, r: SchoolEnrollment):
    person = mask_name if result.options.mask else (lambda v: "" if v is None else str(v))
    open_ = [a for a in r.activities if not a.cancelled]
    cancelled = len(r.activities) - len(open_)
    done = [f"本次共有 {len(r.students)} 名学生申请课后服务，全部参加{r.basic_service}；其中 {r.placed} 人录取了兴趣活动。"
            f"开设活动 {len(open_)} 个" + (f"，因报名不足取消 {cancelled} 个" if cancelled else "") + "。"]
    rules = [
        f"课后服务由家长自愿申请；凡申请的学生一律参加{r.basic_service}，不拒绝任何有需求的学生。",
        "兴趣活动名额按一个统一的顺序分配：符合政策规定优先保障条件的学生在前，其余学生按抽签顺序；按此顺序依次为每位学生"
        "录取其志愿中排在最前、适合其年级且仍有名额的活动，排在更前面的志愿已满时列入该活动的候补。如实填报志愿对学生最有利。",
        "录取人数不超过名额上限；录取人数不足开班下限的活动取消，其学生按后续志愿重新安排。",
        f"抽签顺序由本公示的抽签种子 {r.seed} 确定，任何人都可按注1的方法复算；对结果有疑问的家长，可凭抽签种子请学校当面复核。",
    ]
    summary = NoticeTable(["活动", "适用年级", "名额上限", "开班下限", "录取", "候补", "状态"],
                          [[a.activity.name, grades_text(a.activity.grades), str(a.activity.capacity),
                            str(a.activity.minimum), str(len(a.roster)), str(len(a.waiting)),
                            "取消" if a.cancelled else "开班"] for a in r.activities],
                          narrow=[0, 4, 5, 6], widths=[4, 3, 2, 2, 2, 2, 2])
    sections = [Section("录取办法", rules), Section("各活动录取情况", [], summary)]
    for a in open_:
        roster = sorted(a.roster, key=lambda p: (class_order(p.class_name), p.lottery))
        rows = [[str(i), p.class_name, person(p.name), ordinal(p.choice_rank), str(p.lottery)]
                for i, p in enumerate(roster, 1)]
        waiting = ["候补（按顺序递补）：" + "；".join(f"{i}. {p.class_name} {person(p.name)}（抽签序号 {p.lottery}）"
                                             for i, p in enumerate(a.waiting, 1))] if a.waiting else []
        table = NoticeTable(["序号", "班级", "姓名", "志愿", "抽签序号"], rows, narrow=[0, 1, 2, 3], widths=[1, 2, 2, 2, 2])
        sections.append(Section(f"{a.activity.name}（录取 {len(a.roster)} 人）", [], table))
        if waiting:
            sections.append(Section("", waiting))
    no_id = NO_ID if any(not p.student_id for p in r.students) else ""
    footnotes = [f"{RULE}{no_id}本次种子为 {r.seed}，学校为「{r.school}」。",
                 "本次使用的文件及其 SHA-256 校验值（用于核对文件未被改动）："
                 + "；".join(f"{name} {digest}" for name, digest in r.sources) + "。"]
    return notice_of(result, "enroll", title=f"{r.school}课后服务活动录取结果公示", done=done,
                     sections=sections, date=result.options.day, school=r.school, footnotes=footnotes)

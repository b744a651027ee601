"""The score run's public notices (asrv.notice): each school's 优秀班集体评选结果公示 and, with more
than one school, the district's 推荐名单公示. Students' names masked; the basis is the document by
name, never an internal label; a run with error findings makes drafts."""
from __future__ import annotations

from collections import Counter

from ..notice import NoticeTable, Section, notice_of
from ..out import mask_name
from ..out.notice import num
from .result import SchoolScore, ScoreResult
from .years import label

COLUMNS = ["名次", "班级", "班主任", "基础分", "团体加分", "个人加分", "总分", "结果"]
AWARD_COLUMNS = ["班级", "学生", "项目", "级别", "等第", "加分"]


def build(result: ScoreResult, district_stem: str, stem_of) -> None:
    """Every notice of the run onto `result.notices`; `stem_of(school)` gives a school's file stem."""
    for s in result.per_school:
        result.notices.append((f"{stem_of(s.school)}_公示", school_notice(result, s)))
    if len(result.per_school) > 1:
        result.notices.append((district_stem, district_notice(result)))


def _status(c) -> str:
    return "一票否决" if c.vetoed else "推荐" if c.recommended else "—"


def tie_sentence(s: SchoolScore) -> str:
    """The quota's tie said plainly: every class tied at the cut-off is recommended."""
    chosen = s.recommended
    if len(chosen) <= s.quota or not chosen:
        return ""
    cut = min(c.total for c in chosen)
    tied = [c.class_name for c in chosen if c.total == cut]
    return (f"第 {s.quota} 名处 {'、'.join(tied)} 同分（{num(cut, 2)} 分），均予推荐，本次共推荐 {len(chosen)} 个班级。")


def school_notice(result: ScoreResult, s: SchoolScore):
    person = mask_name if result.options.mask else (lambda v: "" if v is None else str(v))
    rows = [[str(c.rank), c.class_name, c.head_teacher, num(c.base, 2), num(c.team_bonus, 2),
             num(c.individual_bonus, 2), num(c.total, 2), _status(c)] for c in s.classes]
    lead = [f"现将各班考核结果按总分从高到低公示如下，同分同名次。{tie_sentence(s)}"]
    sections = [Section("评选结果", lead, NoticeTable(COLUMNS, rows, narrow=[0, 1, 6, 7], widths=[2, 4, 3, 3, 3, 3, 3, 3]))]
    awards = [a for a in s.awards if a.counted and a.kind == "个人" and a.student]
    if awards:
        award_rows = [[a.class_name, person(a.student), a.event, a.level, a.prize, num(a.points, 2)] for a in awards]
        sections.append(Section("计入个人加分的获奖学生", [], NoticeTable(AWARD_COLUMNS, award_rows, narrow=[0, 1, 2, 5],
                                                                   widths=[3, 2, 6, 2, 2, 2])))
    cfg = result.profile["score"]
    done = [f"本校开展{label(s.year)}学年优秀班集体评选，全校 {len(s.classes)} 个班级参评；经班主任自评、他评、校评，"
            "按评价量化表计算各班基础分与团体、个人加分。",
            f"本次推荐名额 {s.quota} 个，按名次依次推荐；体育达标检测有一名学生不达标的班级一票否决，保留名次但不予推荐。"]
    return notice_of(result, "score", title=f"{s.school}{label(s.year)}学年优秀班集体评选结果公示",
                     done=done, sections=sections, date=result.date, school=s.school,
                     days=cfg["publication_working_days"], office=cfg["objection_contact"])


def district_notice(result: ScoreResult):
    rows = []
    for s in result.per_school:
        rows += [[s.school, c.class_name, c.head_teacher, str(c.rank), num(c.total, 2)] for c in s.recommended]
        if not s.recommended:
            rows.append([s.school, f"本校无推荐班级（参评 {len(s.classes)} 个班级）", "", "", ""])
    years = Counter(label(s.year) for s in result.per_school)
    year = years.most_common(1)[0][0] if years else ""
    total = sum(len(s.recommended) for s in result.per_school)
    cfg = result.profile["score"]
    done = [f"各校对本校班级考核评分、按总分从高到低排名，并按推荐名额依次推荐；体育达标检测有一名学生不达标的班级一票否决，"
            f"不予推荐。现将 {len(result.per_school)} 所学校推荐的 {total} 个班级公示如下。"]
    table = NoticeTable(["学校", "班级", "班主任", "校内名次", "总分"], rows, narrow=[0, 1, 3, 4], widths=[5, 3, 2, 2, 2])
    return notice_of(result, "score", title=f"{year}学年全区优秀班集体推荐名单公示", done=done,
                     sections=[Section("推荐名单", [], table)], date=result.date,
                     issuer=result.profile["district.issuer"], days=cfg["publication_working_days"],
                     office=cfg["district_objection_contact"])

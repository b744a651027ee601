"""The district's view of a many-school run (issue 10): every school's recommended classes, one
summary row per school, and every finding, with the school in every table."""
from __future__ import annotations

from ..out import SCORE, SheetOut, title_line, titled
from ..out.findings import findings_sheet
from .result import ScoreResult
from .years import label

WORKBOOK = "全区_优秀班集体推荐.xlsx"
NOTICE = "全区_优秀班集体推荐公示"


def sheets(result: ScoreResult) -> list[SheetOut]:
    rows = [[s.school, c.rank, c.class_name, c.head_teacher, c.base, c.team_bonus, c.individual_bonus, c.total,
             "；".join(c.notes)] for s in result.per_school for c in s.recommended]
    chosen = SheetOut("推荐班级", ["学校", "校内名次", "班级", "班主任", "基础分", "团体加分", "个人加分", "总分", "备注"],
                      rows, number_formats={h: SCORE for h in ("基础分", "团体加分", "个人加分", "总分")})
    summary = []
    for s in result.per_school:
        mine = result.findings_of(s.school)
        summary.append([s.school, s.school_source, s.file, label(s.year), s.year_source, s.quota, len(s.classes),
                        sum(c.vetoed for c in s.classes), len(s.recommended),
                        "、".join(c.class_name for c in s.recommended),
                        sum(f.severity == "error" for f in mine), sum(f.severity == "warning" for f in mine)])
    unused = [f for f in result.files if not f.used]
    for f in unused:
        why = [x.message for x in result.findings if x.file == f.file and x.severity == "error"]
        summary.append([f.school, f.school_source, f.file, "", "", "", "", "", "", f"未能使用：{'；'.join(why)[:200]}",
                        len(why), 0])
    marks = {len(result.per_school) + i: "error" for i in range(len(unused))}
    per_school = SheetOut("学校汇总", ["学校", "学校名称来源", "文件", "学年", "学年依据", "推荐名额", "参评班级",
                                    "一票否决班级", "推荐班级数", "推荐班级", "错误", "提示"], summary, marks=marks)
    problems = findings_sheet(result.findings, lead={"学校": lambda f: f.school})
    return titled([chosen, per_school, problems], title_line(result.schools, "优秀班集体推荐汇总", day=result.date))

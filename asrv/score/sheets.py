"""The sheets of the excellent-class workbook (classes.xlsx), as in spec/score.md."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

ITEMS = {  # accepted spellings in 评分!项目 -> item code
    "班级建设": "class_building", "class_building": "class_building",
    "学风": "study", "study": "study",
    "教育教学": "teaching", "教学质量": "teaching", "teaching": "teaching",
    "体育达标": "fitness", "体育": "fitness", "fitness": "fitness",
    "班级网页": "web_page", "网页": "web_page", "web_page": "web_page",
    "班级特色": "feature", "特色": "feature", "feature": "feature",
}
KINDS = {"团体": "团体", "集体": "团体", "team": "团体", "个人": "个人", "individual": "个人"}
LEVELS = {
    "段级": "段级", "年级": "段级", "年段": "段级", "级段": "段级", "grade": "段级",
    "校级": "校级", "学校": "校级", "校": "校级", "school": "校级",
    "区级": "区级", "区": "区级", "县级": "区级", "区县级": "区级", "县区级": "区级", "district": "区级",
    "市级": "市级", "市": "市级", "city": "市级",
    "省级": "省级", "省": "省级", "province": "省级",
    "国家级": "国家级", "国家": "国家级", "全国": "国家级", "national": "国家级",
}
PRIZES = {
    "一等奖": "一等奖", "一等": "一等奖", "1等奖": "一等奖", "first": "一等奖",
    "二等奖": "二等奖", "二等": "二等奖", "2等奖": "二等奖", "second": "二等奖",
    "三等奖": "三等奖", "三等": "三等奖", "3等奖": "三等奖", "third": "三等奖",
}
RATINGS = {"优秀": "优秀", "良好": "良好", "及格": "及格", "合格": "及格", "达标": "及格",
           "不及格": "不及格", "不合格": "不及格", "不达标": "不及格"}

CLASS = Field("class", "班级", ("班级名称", "班别", "班名"), hint="如 三(2)班")

CLASSES = SheetSpec("classes", "班级", (
    CLASS,
    Field("grade", "年级", required=False, hint="如 三年级"),
    Field("head_teacher", "班主任", required=False),
    Field("size", "人数", ("班级人数", "学生人数"), kind="int", required=False, minimum=0),
), note="每班一行，班级名称在本工作簿内唯一。",
   example={"class": "三(2)班", "grade": "三年级", "head_teacher": "王老师", "size": 45})

RATINGS_SHEET = SheetSpec("ratings", "评分", (
    CLASS,
    Field("item", "项目", ("评价项目", "评分项目"), kind="choice", choices=ITEMS,
          hint="班级建设、学风、教育教学、体育达标、班级网页、班级特色"),
    Field("rater", "评价者", ("评分人", "评价人", "评分者", "学科"), required=False,
          hint="班主任、大队部、教导处、语文……"),
    Field("score", "分数", ("评分", "得分", "分值"), kind="number", minimum=0),
), note="每位评价者对每个项目一行；班级建设、学风取平均分。环境卫生、行为品质由「达标次数」表计算。",
   example={"class": "三(2)班", "item": "班级建设", "rater": "班主任", "score": 18})

CHECKS = SheetSpec("checks", "达标次数", (
    CLASS,
    Field("hygiene_passes", "环境卫生达标次数", ("卫生达标次数", "环境卫生"), kind="int", minimum=0,
          required=False),
    Field("five_star_passes", "五星达标班次数", ("五星达标次数", "五星达标班", "行为品质"), kind="int",
          minimum=0, required=False),
), required=False, note="环境卫生每次达标 1 分（最多 10 分），五星达标班每次 1 分（最多 20 分）。",
   example={"class": "三(2)班", "hygiene_passes": 9, "five_star_passes": 16})

TEACHING = SheetSpec("teaching", "教学质量", (
    CLASS,
    Field("subject", "学科", ("科目",)),
    Field("excellent_rate", "优秀率", kind="rate", minimum=0, maximum=1, required=False),
    Field("pass_rate", "合格率", ("及格率",), kind="rate", minimum=0, maximum=1, required=False),
), required=False, note="佐证材料，写入报告，不直接计分。比例可写 85%、0.85 或 85。",
   example={"class": "三(2)班", "subject": "语文", "excellent_rate": "85%", "pass_rate": "100%"})

AWARDS = SheetSpec("awards", "获奖", (
    CLASS,
    Field("kind", "类型", ("奖项类型",), kind="choice", choices=KINDS, hint="团体 或 个人"),
    Field("student", "学生", ("学生姓名", "姓名", "获奖学生"), required=False),
    Field("event", "项目", ("比赛项目", "奖项内容", "活动名称", "比赛名称")),
    Field("level", "级别", ("获奖级别",), kind="choice", choices=LEVELS,
          hint="段级、校级、区级、市级、省级、国家级"),
    Field("prize", "等第", ("等级", "奖项"), kind="choice", choices=PRIZES, required=False,
          hint="一等奖、二等奖、三等奖"),
    Field("place", "名次", kind="int", minimum=1, required=False, hint="体育比赛名次，如 3"),
    Field("count", "人数", ("参赛人数", "参赛学生人数"), kind="int", minimum=1, required=False,
          hint="学校组队时本班参赛学生人数"),
    Field("date", "日期", ("获奖日期", "时间", "获奖时间"), kind="date", required=False),
    Field("by_education_dept", "教育部门组织", ("教育部门主办",), kind="bool", required=False,
          hint="是 或 否"),
), required=False, note="等第与名次填其一即可；学校从各班抽调学生组队的，类型填「个人」，人数填本班参赛人数。",
   example={"class": "三(2)班", "kind": "团体", "student": "", "event": "广播操比赛", "level": "区级",
            "prize": "一等奖", "place": "", "count": "", "date": "2026-04-20", "by_education_dept": "是"})

INCIDENTS = SheetSpec("incidents", "事件", (
    CLASS,
    Field("date", "日期", ("时间",), kind="date", required=False),
    Field("kind", "类型", ("事件类型",), hint="重大事件、严重违法违纪、事故、偷窃、抢劫、进网吧……"),
    # Read as text and parsed by rules.deduction: the rate kind would take a cell formatted as
    # 150 % (stored 1.5) for 1.5 %.
    Field("deduction", "扣分比例", ("扣分",), required=False, hint="如 10%，空白按配置默认"),
    Field("note", "说明", ("备注",), required=False),
), required=False, note="重大事件、严重违法违纪：班级建设为 0 分；其他事件按比例扣班级建设分。",
   example={"class": "三(2)班", "date": "2026-03-10", "kind": "事故", "deduction": "10%", "note": ""})

FITNESS = SheetSpec("fitness", "体测", (
    CLASS,
    Field("name", "姓名", ("学生", "学生姓名"), required=False),
    Field("rating", "等级", ("评定等级", "体测等级", "综合评定"), kind="choice", choices=RATINGS,
          hint="优秀、良好、及格、不及格"),
), required=False, note="每位学生一行；有一人不及格，该班评优一票否决。",
   example={"class": "三(2)班", "name": "张小明", "rating": "良好"})

ALL = (CLASSES, RATINGS_SHEET, CHECKS, TEACHING, AWARDS, INCIDENTS, FITNESS)

"""The survey sheet and the catalogue sheet, as in spec/rules.md "Survey and enrollment"."""
from __future__ import annotations

from ..io.schema import YES_NO, Field, SheetSpec

MAX_CHOICES = 6
# Online tools code a two-option question by option number: 1 = 是, 2 = 否.
YES_NO_CODED = {**YES_NO, "2": "否", "参加": "是", "不参加": "否", "需要": "是", "不需要": "否",
                "愿意": "是", "不愿意": "否", "是的": "是", "不是": "否"}
# How parents and survey tools name the priority groups of 篇1 三(一) → the profile's labels.
GROUPS = {
    "残疾": "残疾", "残疾儿童": "残疾", "残疾学生": "残疾", "残障": "残疾", "随班就读": "残疾",
    "留守": "留守", "留守儿童": "留守", "留守学生": "留守",
    "随迁": "随迁", "随迁子女": "随迁", "进城务工人员随迁子女": "随迁", "务工随迁子女": "随迁",
    "外来务工子女": "随迁", "进城务工子女": "随迁",
    "困难": "困难", "家庭经济困难": "困难", "经济困难": "困难", "困难家庭": "困难", "家庭困难": "困难",
    "低保": "困难", "低保家庭": "困难", "建档立卡": "困难", "特困": "困难", "家庭经济困难学生": "困难",
}
GROUP_NAMES = {"残疾": "残疾儿童", "留守": "留守儿童", "随迁": "进城务工人员随迁子女", "困难": "家庭经济困难学生"}
NO_GROUP = {"无", "否", "都不是", "以上都不是", "以上均不是", "均不是", "没有", "不属于", "非", "2"}


def _yes_no(name: str, header: str, aliases: tuple[str, ...]) -> Field:
    return Field(name, header, aliases, kind="choice", choices=YES_NO_CODED, required=False,
                 hint="是 或 否（问卷导出的 1/2 亦可）")


SCHOOL_ALIASES = ("学校名称", "校名", "所在学校", "就读学校")


def _school() -> Field:
    return Field("school", "学校", SCHOOL_ALIASES, required=False,
                 hint="一个工作簿含多所学校时填写；否则可不填，学校取自标题行或文件名")


SURVEY = SheetSpec("survey", "意向调查", (
    _school(),
    Field("student_id", "学号", ("学生学号", "学籍号", "学生编号"), required=False),
    Field("name", "姓名", ("学生姓名", "孩子姓名", "您孩子的姓名"), required=False),
    Field("grade", "年级", ("学生年级", "所在年级", "孩子年级", "您孩子的年级"), required=False,
          hint="如 三年级 或 3"),
    Field("class", "班级", ("学生班级", "所在班级", "孩子班级", "班别", "您孩子的班级"), hint="如 三(2)班 或 2班"),
    Field("wants", "是否参加", ("是否参加课后服务", "是否需要课后服务", "是否参加课后延时服务", "参加课后服务",
                            "是否需要", "是否报名"), kind="choice", choices=YES_NO_CODED,
          hint="是 或 否（问卷导出的 1/2 亦可）"),
    Field("days", "参加天数", ("每周参加天数", "参加哪几天", "每周参加哪几天", "参加日期", "需要服务的日子",
                           "星期"), required=False, hint="如 5，或 周一┋周三┋周五"),
    Field("pickup", "接送时间", ("接孩子时间", "希望的接孩子时间", "离校时间", "希望离校时间", "接学生时间"),
          required=False, hint="如 17:30"),
    Field("choices", "意向活动", ("意向", "意向项目", "活动意向", "希望参加的活动", "兴趣活动", "社团意向",
                              "报名项目", "意向课程"), required=False,
          hint="多个活动按意愿顺序写在一格，用 ┋ | 、 , 分隔；或填 意向1…意向6 列"),
    *(Field(f"choice{i}", f"意向{i}", (f"志愿{i}", f"第{i}志愿", f"意向活动{i}", f"活动{i}"),
            required=False, hint="目录中的活动名称") for i in range(1, MAX_CHOICES + 1)),
    Field("groups", "特殊群体", ("特殊群体类别", "是否属于以下群体", "优先保障群体", "学生类别", "家庭情况"),
          required=False, hint="残疾儿童、留守儿童、随迁子女、家庭经济困难，多项用 ┋ 或 、 分隔"),
    _yes_no("disabled", "残疾儿童", ("是否残疾儿童", "是否残疾")),
    _yes_no("left_behind", "留守儿童", ("是否留守儿童", "是否留守")),
    _yes_no("migrant", "随迁子女", ("是否随迁子女", "是否进城务工人员随迁子女")),
    _yes_no("hardship", "家庭经济困难", ("是否家庭经济困难", "是否困难家庭", "家庭经济困难学生")),
    Field("satisfaction", "满意度", ("总体满意度", "您对课后服务是否满意", "对课后服务的满意度", "满意程度"),
          required=False, hint="满意、基本满意、不满意 或 不了解（用于区级考核）"),
    Field("comment", "意见建议", ("意见和建议", "其他建议", "建议", "您对课后服务的意见建议", "家长意见", "备注"),
          required=False),
    Field("submitted", "提交答卷时间", ("提交时间", "填写时间", "答题时间"), kind="date", required=False),
    Field("serial", "序号", ("编号",), kind="int", required=False),
), aliases=("调查", "意向调查表", "课后服务意向调查", "问卷", "答卷", "问卷数据"),
   note="每位学生一行；问卷平台导出的表格（序号、提交答卷时间、题号如「3、学生班级」）可直接使用。",
   example={"student_id": "20230301", "name": "张小明", "grade": "三年级", "class": "2班", "wants": "是",
            "days": "5", "pickup": "17:30", "choice1": "机器人", "choice2": "书法", "groups": "留守儿童"})

CATALOG = SheetSpec("catalog", "目录", (
    _school(),
    Field("activity", "项目", ("活动", "活动项目", "项目名称", "课程", "课程名称", "社团", "社团名称", "cca name",
                             "活动名称"), hint="如 机器人"),
    Field("category", "类别", ("板块", "领域", "类型"), required=False),
    Field("grades", "适用年级", ("年级", "面向年级", "招收年级"), required=False,
          hint="如 1-3、三年级、1,2,3、G1-G3；空白为全部年级"),
    Field("capacity", "上限", ("人数上限", "名额", "容量", "最多人数", "招收人数"), kind="int", minimum=0,
          required=False),
    Field("minimum", "下限", ("开班人数", "最少人数", "人数下限", "最低人数"), kind="int", minimum=0,
          required=False),
    Field("days", "星期", ("安排", "上课时间", "活动日"), required=False),
    Field("time", "时间", ("时段", "活动时间"), required=False),
    Field("mode", "模式", ("服务模式", "方式"), required=False),
    Field("fee", "费用", ("收费", "收费标准"), required=False),
), aliases=("课后服务目录", "活动目录", "课程目录", "服务目录", "catalog", "catalogue"),
   note="每个活动一行；上限为可录取人数，报名不足下限的活动取消，学生改录其他志愿。"
        "有「学校」列时各行只用于该校，无此列时目录用于每一所学校（每校名额各自计算）。",
   example={"activity": "机器人", "category": "科普", "grades": "3-6", "capacity": 30, "minimum": 10,
            "days": "周三", "time": "16:30-17:30", "mode": "普惠托管", "fee": "0"})

SURVEY_SHEETS = (SURVEY,)
CATALOG_SHEETS = (CATALOG,)
CHOICE_FIELDS = tuple(f"choice{i}" for i in range(1, MAX_CHOICES + 1))
GROUP_FIELDS = {"disabled": "残疾", "left_behind": "留守", "migrant": "随迁", "hardship": "困难"}

"""The sheets of a schedule workbook (安排、人员、学校), as in spec/rules.md "Schedules and staff"."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

STAGES = {"小学": "小学", "初中": "初中", "小学部": "小学", "初中部": "初中", "中学": "初中",
          "primary": "小学", "junior": "初中", "middle": "初中"}
MODES = {"普惠托管": "普惠托管", "普惠": "普惠托管", "基本托管": "普惠托管", "托管": "普惠托管",
         "个性化课程": "个性化课程", "个性化": "个性化课程", "特色课程": "个性化课程"}
STAFF_KINDS = {
    "本校教职工": "本校教职工", "本校教师": "本校教职工", "本校": "本校教职工", "在职教师": "本校教职工",
    "教职工": "本校教职工", "校内教师": "本校教职工",
    "退休教师": "退休教师", "退休": "退休教师",
    "外聘专业人员": "外聘专业人员", "外聘": "外聘专业人员", "外聘人员": "外聘专业人员",
    "校外专业人员": "外聘专业人员", "外聘教师": "外聘专业人员",
    "志愿者": "志愿者", "家长志愿者": "志愿者",
    "第三方机构": "第三方机构", "第三方": "第三方机构", "机构人员": "第三方机构", "机构": "第三方机构",
}

SCHOOL = Field("school", "学校", ("学校名称", "校名"), required=False, hint="空白时取文件名")
STAGE = Field("stage", "学段", kind="choice", choices=STAGES, required=False,
              hint="小学 或 初中；空白时按年级推断")

SCHEDULE = SheetSpec("schedule", "安排", (
    SCHOOL,
    STAGE,
    Field("grade", "年级", required=False, hint="如 一年级、七年级、初一"),
    Field("group", "服务班", ("服务班级", "班级", "托管班", "课程班", "社团", "group")),
    Field("weekday", "星期", ("星期几", "周几", "服务日", "安排", "day", "days", "weekday"),
          kind="weekdays", hint="周一、星期一、一、1、Mon；多天写 周一、周三 或 周一至周五"),
    Field("start", "开始时间", ("开始", "起始时间", "start"), kind="time_or_range", required=False,
          hint="如 16:10、1610、下午4:10；也可写整段 16:10-17:30"),
    Field("end", "结束时间", ("结束", "终止时间", "end"), kind="time", required=False, hint="如 17:30"),
    Field("time", "时间", ("时段", "时间段", "服务时间", "time"), kind="time_range", required=False,
          hint="不分开始、结束两列时填整段，如 16:10-17:30"),
    Field("activity", "内容", ("服务内容", "活动内容", "课程", "课程名称", "活动", "项目", "cca name")),
    Field("category", "类别", ("活动类别", "内容类别", "类型"), required=False,
          hint="作业辅导、答疑、阅读、体育、艺术、科普、社团、综合实践、看护……"),
    Field("mode", "模式", ("服务模式", "托管模式"), kind="choice", choices=MODES, required=False,
          hint="普惠托管 或 个性化课程"),
    Field("written_homework", "书面作业", ("布置书面作业",), kind="bool", required=False, hint="是 或 否"),
    Field("staff", "教师", ("指导教师", "老师", "任课教师", "看护教师", "负责人", "人员", "teacher"),
          required=False, hint="姓名；多人用 、 或 , 分隔"),
    Field("room", "地点", ("场地", "教室", "活动地点", "服务地点", "room"), required=False),
    Field("students", "人数", ("学生人数", "参加人数"), kind="int", minimum=0, required=False),
), aliases=("课后服务安排", "服务安排", "课表", "schedule"),
   note="每个服务班每个时段一行；同一时段多天可写在一行（如 周一至周五）。开始、结束时间也可合写在「时间」列。",
   example={"school": "示例小学", "stage": "小学", "grade": "三年级", "group": "三(2)班托管",
            "weekday": "周一至周五", "start": "16:10", "end": "16:50", "time": "", "activity": "作业辅导",
            "category": "作业辅导", "mode": "普惠托管", "written_homework": "否", "staff": "王芳",
            "room": "三(2)教室", "students": 42})

STAFF = SheetSpec("staff", "人员", (
    Field("name", "姓名", ("教师", "教师姓名", "人员姓名", "name")),
    SCHOOL,
    Field("kind", "类型", ("人员类型", "身份"), kind="choice", choices=STAFF_KINDS,
          hint="本校教职工、退休教师、外聘专业人员、志愿者、第三方机构"),
    Field("organization", "所属机构", ("机构", "单位", "机构名称"), required=False),
    Field("org_kind", "机构类型", ("单位类型",), required=False,
          hint="如 校外培训机构、少年宫、体育俱乐部；本校教职工可空"),
    Field("qualified", "资质", ("具备资质", "资格", "相应资格"), kind="bool", required=False, hint="是 或 否"),
    Field("contract", "协议", ("劳务协议", "合同", "劳动合同", "签订协议"), kind="bool", required=False,
          hint="是 或 否（劳动合同或劳务协议）"),
    Field("bad_record", "不良记录", ("有无不良记录",), kind="bool", required=False, hint="是 或 否"),
    Field("admitted", "准入", ("准入审核", "审核通过", "准入审核通过"), kind="bool", required=False,
          hint="是 或 否（经教育部门准入审核）"),
), aliases=("师资", "人员名单", "教师名单", "staff"),
   note="安排表中出现的每个人一行；外聘人员须具备资质并签订协议。",
   example={"name": "王芳", "school": "示例小学", "kind": "本校教职工", "organization": "", "org_kind": "",
            "qualified": "是", "contract": "", "bad_record": "否", "admitted": ""})

SCHOOLS = SheetSpec("schools", "学校", (
    Field("school", "学校", ("学校名称", "校名")),
    STAGE,
    Field("dismissal", "放学时间", ("正常放学时间",), kind="time", required=False, hint="如 16:00"),
    Field("off_work", "下班时间", ("当地下班时间",), kind="time", required=False, hint="如 17:30"),
), required=False, aliases=("学校信息", "schools"),
   note="可选：各校（学段）的正常放学时间与当地下班时间，用于核对开始与结束时间。",
   example={"school": "示例小学", "stage": "小学", "dismissal": "16:00", "off_work": "17:30"})

ALL = (SCHEDULE, STAFF, SCHOOLS)

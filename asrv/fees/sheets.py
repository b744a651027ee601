"""The sheets of a fee workbook (fees.xlsx), as in spec/rules.md "Fees"."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

BASIC = "普惠托管"
PERSONAL = "个性化课程"
MODES = {
    BASIC: BASIC, "普惠": BASIC, "基础托管": BASIC, "基本托管": BASIC, "托管": BASIC, "basic": BASIC,
    PERSONAL: PERSONAL, "个性化": PERSONAL, "个性化服务": PERSONAL, "兴趣课程": PERSONAL,
    "特色课程": PERSONAL, "社团课程": PERSONAL, "personal": PERSONAL,
}

TERM = Field("term", "学期", ("学年学期", "学年度学期"), required=False,
             hint="如 2026秋、2026-2027-1 或 2026-2027学年第一学期")
SCHOOL = Field("school", "学校", ("学校名称", "校名"), required=False)
STUDENT = Field("student_id", "学号", ("学生编号", "学生号"), hint="本校学号，每生唯一")
DATE = Field("date", "日期", ("缴费日期", "收款日期", "支出日期", "到账日期"), kind="date", required=False)
NOTE = Field("note", "说明", ("摘要", "备注", "事由", "用途说明"), required=False)

ENROLLMENT = SheetSpec("enrollment", "报名", (
    TERM, SCHOOL,
    Field("class", "班级", ("班级名称", "班别"), required=False, hint="如 三(2)班"),
    STUDENT,
    Field("name", "姓名", ("学生姓名", "学生"), required=False),
    Field("mode", "模式", ("服务模式", "托管模式"), kind="choice", choices=MODES, hint="普惠托管 或 个性化课程"),
    Field("course", "课程", ("课程名称", "项目", "活动项目"), required=False),
    Field("fee", "收费", ("费用", "服务费", "应缴", "应收", "收费金额"), kind="money", minimum=0,
          hint="元，如 300；普惠托管填 0"),
    Field("materials", "耗材费", ("耗材", "材料费"), kind="money", minimum=0, required=False,
          hint="元，不计入个性化课程收费上限"),
    Field("hardship", "困难学生", ("家庭经济困难", "经济困难", "家庭经济困难学生"), kind="bool",
          required=False, hint="是 或 否"),
    Field("priority_group", "特殊群体", ("优先群体", "优先保障群体"), required=False,
          hint="残疾儿童、留守儿童、随迁子女、家庭经济困难"),
), aliases=("报名表", "报名名单", "报名信息"),
   note="每位学生每个模式或课程一行；同一学生报两门个性化课程写两行。",
   example={"term": "2026秋", "school": "示例小学", "class": "三(2)班", "student_id": "2019301",
            "name": "张小明", "mode": "个性化课程", "course": "合唱", "fee": 300, "materials": 0,
            "hardship": "否", "priority_group": ""})

PAYMENTS = SheetSpec("payments", "缴费", (
    TERM, SCHOOL, STUDENT,
    Field("name", "姓名", ("学生姓名", "学生"), required=False),
    DATE,
    Field("amount", "金额", ("缴费金额", "实收", "实收金额", "收款金额"), kind="money",
          hint="元；退费写负数，如 -150"),
    Field("payee", "收款方", ("收款单位", "收款账户", "收款人"), required=False, hint="如 学校财务专户"),
), aliases=("缴费记录", "收费记录", "收款记录"),
   note="每笔缴费一行；退费写负数金额。收款方应为学校财务专户。",
   example={"term": "2026秋", "school": "示例小学", "student_id": "2019301", "name": "张小明",
            "date": "2026-09-10", "amount": 300, "payee": "学校财务专户"})

EXPENSES = SheetSpec("expenses", "支出", (
    TERM, SCHOOL, DATE,
    Field("category", "类别", ("支出类别", "用途", "科目", "支出科目"),
          hint="人员劳务报酬、水电费、消耗品购置、场地器材维护"),
    Field("amount", "金额", ("支出金额",), kind="money", hint="元"),
    NOTE,
), aliases=("支出明细", "经费支出", "支出记录"), required=False,
   note="课后服务经费的每笔支出一行，类别限于人员劳务报酬、水电费、消耗品购置、场地器材维护。",
   example={"term": "2026秋", "school": "示例小学", "date": "2026-12-20", "category": "人员劳务报酬",
            "amount": 12000, "note": "外聘教师劳务费"})

SUBSIDY = SheetSpec("subsidy", "补助", (
    TERM, SCHOOL, DATE,
    Field("amount", "金额", ("补助金额", "到账金额"), kind="money", hint="元"),
    NOTE,
), aliases=("政府补助", "财政补助", "保障经费", "补助到账"), required=False,
   note="政府对普惠托管的保障经费到账记录（可选）；不填时按应保障额计算结余。",
   example={"term": "2026秋", "school": "示例小学", "date": "2026-10-15", "amount": 30000,
            "note": "区财政课后服务保障经费"})

COURSES = SheetSpec("courses", "课程", (
    TERM, SCHOOL,
    Field("course", "课程", ("课程名称", "项目", "活动项目")),
    Field("mode", "模式", ("服务模式",), kind="choice", choices=MODES, required=False,
          hint="普惠托管 或 个性化课程"),
    Field("fee", "收费标准", ("收费", "费用", "每生收费"), kind="money", minimum=0, required=False,
          hint="元/学期·生"),
    Field("materials_standard", "耗材标准", ("耗材说明", "耗材费标准"), required=False,
          hint="耗材的具体内容与金额，如 画材一套 80 元"),
    Field("time", "服务时间", ("时间", "上课时间"), required=False, hint="如 周二、周四 16:30-17:30"),
    Field("content", "服务内容", ("内容", "课程内容", "课程简介"), required=False),
    Field("provider", "开课单位", ("开课机构", "授课单位", "机构"), required=False, hint="本校 或 机构名称"),
), aliases=("课程目录", "收费标准", "课程清单"), required=False,
   note="收费公示的内容：每门课程的收费标准、时间、内容；有耗材的写明耗材标准。",
   example={"term": "2026秋", "school": "示例小学", "course": "合唱", "mode": "个性化课程", "fee": 300,
            "materials_standard": "", "time": "周二、周四 16:30-17:30", "content": "声乐基础与合唱排练",
            "provider": "本校"})

ALL = (ENROLLMENT, PAYMENTS, EXPENSES, SUBSIDY, COURSES)

# The term's school days, for the subsidy ledger (`--calendar`): one row per date.
CALENDAR = SheetSpec("calendar", "校历", (
    Field("date", "日期", ("上学日期",), kind="date"),
    Field("school_day", "上学日", ("是否上学", "是否上学日"), kind="bool", required=False,
          hint="是 或 否；空白为是"),
    NOTE,
), aliases=("学期校历", "上学日", "calendar"),
   note="本学期每个上学日一行（放假的日子可不列，或在「上学日」填 否）。",
   example={"date": "2026-09-01", "school_day": "是", "note": "开学"})

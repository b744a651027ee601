"""The sheets of an attendance workbook (名单、考勤、离校、授权接送人、教师签到), as in issue 14, and the
card-machine export (卡号 姓名 考勤时间 打卡机号码 考勤方式 备注) read as the 教师签到 source."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

PRESENT, LATE, LEAVE, ABSENT, EARLY = "到", "迟到", "请假", "缺勤", "早退"
STATUSES = {
    PRESENT: PRESENT, "出勤": PRESENT, "已到": PRESENT, "实到": PRESENT, "在": PRESENT, "√": PRESENT,
    "✓": PRESENT, "present": PRESENT,
    LATE: LATE, "迟": LATE, "晚到": LATE, "late": LATE,
    LEAVE: LEAVE, "假": LEAVE, "病假": LEAVE, "事假": LEAVE, "已请假": LEAVE, "leave": LEAVE,
    ABSENT: ABSENT, "缺": ABSENT, "缺席": ABSENT, "未到": ABSENT, "旷课": ABSENT, "×": ABSENT, "absent": ABSENT,
    EARLY: EARLY, "早走": EARLY, "提前离校": EARLY, "early": EARLY,
}
PARENT, DELEGATE, ALONE, GATE = "家长接", "委托接", "自行离校", "交门卫"
METHODS = {
    PARENT: PARENT, "家长接送": PARENT, "家长接回": PARENT, "家长": PARENT, "父母接": PARENT,
    DELEGATE: DELEGATE, "委托接送": DELEGATE, "代接": DELEGATE, "委托": DELEGATE, "亲属接": DELEGATE,
    ALONE: ALONE, "自行回家": ALONE, "自己回家": ALONE, "自行": ALONE, "独自离校": ALONE,
    GATE: GATE, "门卫": GATE, "交门卫看护": GATE, "移交门卫": GATE, "门卫室": GATE,
}

SCHOOL = Field("school", "学校", ("学校名称", "校名"), required=False, hint="空白时取标题行或文件名")
DATE = Field("date", "日期", ("考勤日期", "服务日期", "日期(年月日)"), kind="date")
GROUP = Field("group", "服务班", ("服务班级", "托管班", "课后服务班", "班次", "group"), hint="如 三(2)班托管")
STUDENT = Field("student_id", "学号", ("学生编号", "学籍号", "学生号"), hint="本校学号，每生唯一")
NAME = Field("name", "姓名", ("学生姓名", "学生"), required=False)
TIME = "如 17:30、1730 或 下午5:30"

ROSTER = SheetSpec("roster", "名单", (
    Field("term", "学期", ("学年学期",), required=False, hint="如 2026秋 或 2026-2027-1"),
    SCHOOL, GROUP, STUDENT, NAME,
    Field("class", "班级", ("行政班", "原班级", "所在班级"), required=False, hint="如 三(2)班"),
    Field("days", "参加日", ("参加星期", "服务日", "星期", "参加时间"), kind="weekdays", required=False,
          hint="如 周一至周五 或 周一、周三；空白为每个服务日"),
), aliases=("学生名单", "课后服务名单", "报名名单", "roster"),
   note="参加课后服务的每位学生一行：所在服务班和参加的星期。",
   example={"term": "2026秋", "school": "示例小学", "group": "三(2)班托管", "student_id": "2019301",
            "name": "张小明", "class": "三(2)班", "days": "周一至周五"})

ATTENDANCE = SheetSpec("attendance", "考勤", (
    DATE, SCHOOL, GROUP, STUDENT, NAME,
    Field("status", "状态", ("出勤状态", "考勤状态", "出勤情况", "考勤"), kind="choice", choices=STATUSES,
          hint="到、迟到、请假、缺勤 或 早退"),
    Field("called_at", "点名时间", ("签到时间", "到校时间"), kind="time", required=False, hint=TIME),
    Field("told_at", "告知家长时间", ("通知家长时间", "联系家长时间", "告知时间"), kind="timestamp",
          required=False, hint="缺勤时联系家长的时间，如 16:30 或 2026-03-05 16:30"),
    Field("recorder", "记录人", ("点名人", "点名教师", "登记人"), required=False),
    Field("entered", "录入日期", ("填报日期", "登记日期", "录入时间"), kind="date", required=False),
    # The 考勤 layout of spec/rules.md carries the departure in the same row.
    Field("left_at", "离校时间", ("离开时间",), kind="time", required=False, hint=TIME),
    Field("method", "方式", ("离校方式", "接送方式"), kind="choice", choices=METHODS, required=False,
          hint="家长接、委托接、自行离校 或 交门卫"),
    Field("picker", "接送人", ("接走人", "接孩子的人", "接送人姓名"), required=False),
    Field("teacher", "交接教师", ("交接人", "移交教师", "送离教师"), required=False),
), aliases=("考勤记录", "出勤", "出勤记录", "点名", "attendance"),
   note="每个服务日每位学生一行。离校与交接可记在「离校」表，也可写在本表的离校时间、方式、接送人、交接教师列。",
   example={"date": "2026-09-07", "school": "示例小学", "group": "三(2)班托管", "student_id": "2019301",
            "name": "张小明", "status": "到", "called_at": "16:10", "told_at": "", "recorder": "王芳",
            "entered": "2026-09-07"})

DEPARTURES = SheetSpec("departures", "离校", (
    DATE, SCHOOL, STUDENT, NAME,
    Field("left_at", "离校时间", ("离开时间", "接走时间"), kind="time", required=False, hint=TIME),
    Field("method", "方式", ("离校方式", "接送方式"), kind="choice", choices=METHODS,
          hint="家长接、委托接、自行离校 或 交门卫"),
    Field("picker", "接送人", ("接走人", "接孩子的人", "接送人姓名"), required=False,
          hint="家长接、委托接时必填"),
    Field("teacher", "交接教师", ("交接人", "移交教师", "送离教师"), required=False, hint="必填：把学生交出的教师"),
), aliases=("离校记录", "接送", "接送记录", "交接", "交接记录", "departures"), required=False,
   note="每位到校学生每天离校时一行：谁接走、何时、由哪位教师交接。",
   example={"date": "2026-09-07", "school": "示例小学", "student_id": "2019301", "name": "张小明",
            "left_at": "17:35", "method": "家长接", "picker": "张大勇", "teacher": "王芳"})

GUARDIANS = SheetSpec("guardians", "授权接送人", (
    SCHOOL, STUDENT, NAME,
    Field("picker", "接送人", ("授权接送人", "接送人姓名", "监护人")),
    Field("relation", "关系", ("与学生关系", "亲属关系"), required=False, hint="如 父亲、外婆；自行离校写 本人"),
    Field("valid_until", "有效期", ("有效期至", "截止日期", "有效日期"), kind="date", required=False,
          hint="授权截止日期；空白为长期"),
), aliases=("接送人", "授权名单", "接送授权", "guardians"), required=False,
   note="可选：家长授权的接送人，每人一行；家长同意自行离校的，接送人写学生本人、关系写 本人。",
   example={"school": "示例小学", "student_id": "2019301", "name": "张小明", "picker": "张大勇",
            "relation": "父亲", "valid_until": "2027-01-31"})

STAFF_SIGNIN = SheetSpec("staff_signin", "教师签到", (
    SCHOOL, DATE,
    Field("name", "姓名", ("教师", "教师姓名", "人员姓名")),
    Field("signed_in", "签到时间", ("签到", "到岗时间"), kind="time", hint=TIME),
    Field("signed_out", "签退时间", ("签退", "离岗时间"), kind="time", required=False, hint=TIME),
), aliases=("签到", "教师考勤", "签到记录", "staff_signin"), required=False,
   note="可选（核对 --schedule 安排中的教师）：每位教师每天一行；也可直接使用考勤机导出的打卡记录。",
   example={"school": "示例小学", "date": "2026-09-07", "name": "王芳", "signed_in": "16:02",
            "signed_out": "17:45"})

# A card-machine export (e.g. GKICMP AttendRecordImport.xls): one row per swipe.
CARD = SheetSpec("card", "教师签到", (
    Field("card", "卡号", ("卡号码", "考勤卡号"), required=False),
    Field("name", "姓名", ("人员姓名", "教师姓名")),
    Field("punched", "考勤时间", ("打卡时间", "刷卡时间"), kind="timestamp",
          hint="日期和时间，如 2026-09-07 16:02"),
    Field("machine", "打卡机号码", ("考勤机号", "机器号", "设备号"), required=False),
    Field("way", "考勤方式", ("打卡方式", "验证方式"), required=False),
    Field("note", "备注", (), required=False),
), aliases=("打卡记录", "考勤机记录"), required=False)

ALL = (ROSTER, ATTENDANCE, DEPARTURES, GUARDIANS, STAFF_SIGNIN)

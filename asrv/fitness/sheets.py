"""The fitness sheet as schools have it: the national upload template, its variants, plain sheets."""
from __future__ import annotations

from ..io.grades import grade_of_class as class_grade
from ..io.schema import Field, SheetSpec

# 年级编号 of the national upload template.
GRADE_CODES = {**{str(10 + g): str(g) for g in range(1, 7)},
               **{str(20 + g): str(6 + g) for g in range(1, 4)},
               **{str(30 + g): str(9 + g) for g in range(1, 4)},
               "41": "college_1_2", "42": "college_1_2", "43": "college_3_4", "44": "college_3_4"}
_GRADE_HINT = "一年级…六年级、初一…初三（七…九年级）、高一…高三、大一…大四，或年级编号 11–16、21–23、31–33、41–44"


SEXES = {"1": "男", "2": "女", "男": "男", "女": "女", "男生": "男", "女生": "女", "m": "男", "f": "女",
         "male": "男", "female": "女"}
SEX_CODE = {"男": "male", "女": "female"}


def table_grade(g) -> str | None:
    """A grade number (asrv.io.grades: 初一 = 7, 大一 = 13) as the reference tables name it."""
    if g is None or g != g:
        return None
    g = int(g)
    return str(g) if g <= 12 else ("college_1_2" if g <= 14 else "college_3_4")


def grade_of_class(name: str) -> str | None:
    """The table grade a class name starts with: 三(2)班 → "3", 初一(3)班 → "7", 2班 → None."""
    return table_grade(class_grade(name))


# Measurement columns: (field name, header, aliases, kind, hint). Kinds: number, int, minsec.
MEASURES = (
    ("height", "身高", ("身高(cm)", "身高(厘米)", "身高cm"), "number", "厘米，如 135.2"),
    ("weight", "体重", ("体重(kg)", "体重(千克)", "体重(公斤)", "体重kg"), "number", "千克，如 30.5"),
    ("vital_capacity", "肺活量", ("肺活量(ml)", "肺活量(毫升)"), "number", "毫升，如 1850"),
    ("run_50m", "50米跑", ("50米", "50m", "50m跑", "50米跑(秒)"), "number", "秒，如 9.8"),
    ("sit_and_reach", "坐位体前屈", ("坐位体前屈(cm)", "坐位体前屈(厘米)"), "number", "厘米，可为负，如 -2.5"),
    ("rope_skipping_1min", "一分钟跳绳", ("1分钟跳绳", "跳绳", "一分钟跳绳(次)", "1分钟跳绳(次)"), "int", "次"),
    ("sit_ups_1min", "一分钟仰卧起坐", ("1分钟仰卧起坐", "仰卧起坐", "一分钟仰卧起坐(次)"), "int", "次"),
    ("sit_ups_female", "一分钟仰卧起坐(女)", ("1分钟仰卧起坐(女)", "仰卧起坐(女)"), "int", "次"),
    ("shuttle_run_50m_x8", "50米×8往返跑", ("50米x8往返跑", "50米*8往返跑", "50×8往返跑", "50x8往返跑",
                                          "50米×8", "50米x8", "50m×8往返跑", "50mx8往返跑"), "minsec",
     "分秒，如 1'45\" 或 105"),
    ("standing_long_jump", "立定跳远", ("立定跳远(cm)", "立定跳远(厘米)"), "number", "厘米"),
    ("pull_ups", "引体向上", ("引体向上(次)",), "int", "次"),
    ("run_1000m", "1000米跑", ("1000米", "1000m", "1000m跑"), "minsec", "分秒，如 3'40\" 或 220"),
    ("run_800m", "800米跑", ("800米", "800m", "800m跑"), "minsec", "分秒，如 3'40\" 或 220"),
)
MEASURE_NAMES = tuple(m[0] for m in MEASURES)
HEADERS = {name: header for name, header, *_ in MEASURES}
UNITS = {"height": "厘米", "weight": "千克", "vital_capacity": "毫升", "run_50m": "秒",
         "sit_and_reach": "厘米", "rope_skipping_1min": "次", "sit_ups_1min": "次", "shuttle_run_50m_x8": "秒",
         "standing_long_jump": "厘米", "pull_ups": "次", "run_1000m": "秒", "run_800m": "秒"}
TIMED = tuple(name for name, *_, kind, _hint in MEASURES if kind == "minsec")  # shown as 3′40″
# Measurement columns as scored: a female-only sit-ups column is merged into sit_ups_1min.
SCORED = tuple(n for n in MEASURE_NAMES if n != "sit_ups_female")
EXEMPT = "免测"  # the value a placeholder such as 免体 takes


def fitness_spec(profile) -> SheetSpec:
    """The sheet described from the profile's placeholders (`\\` not tested, 免测 exempt)."""
    special = {**{s: None for s in profile["fitness.not_tested"]}, **{s: EXEMPT for s in profile["fitness.exempt"]}}
    fields = [
        Field("school", "学校", ("学校名称", "校名", "学校全称"), required=False, hint="如 第一小学"),
        Field("grade_code", "年级编号", ("年级代码",), kind="choice", choices=GRADE_CODES, required=False,
              hint="11–16、21–23、31–33、41–44"),
        Field("grade", "年级", ("年级名称",), kind="grade", required=False, hint=_GRADE_HINT),
        Field("class", "班级名称", ("班级", "班别", "班名"), hint="如 三(2)班"),
        Field("student_id", "学籍号", ("学号", "学生编号", "教育ID号", "全国学籍号"), required=False),
        Field("name", "姓名", ("学生姓名", "学生"), required=False),
        Field("sex", "性别", kind="choice", choices=SEXES, hint="男、女，或 1（男）、2（女）",
              special={s: None for s in profile["fitness.not_tested"]}),
        Field("exempt", "是否免测", ("是否免体", "免测", "免体", "免予执行"), kind="bool", required=False),
    ]
    fields += [Field(n, h, a, kind=k, required=False, hint=hint, special=special) for n, h, a, k, hint in MEASURES]
    return SheetSpec("fitness", "体测成绩", tuple(fields), aliases=("体测", "体质健康", "Sheet1"),
                     note="每位学生一行；未测项目填 \\ 或留空，免予执行的学生填「免测」。",
                     example={"grade_code": "13", "class": "三(2)班", "student_id": "G110105201601010011",
                              "name": "张小明", "sex": "男", "height": 135.2, "weight": 30.5,
                              "vital_capacity": 1850, "run_50m": 9.8, "sit_and_reach": 8.5,
                              "rope_skipping_1min": 120, "sit_ups_1min": 30})


def template_spec(profile) -> SheetSpec:
    """The blank workbook of `asrv template fitness`: the national upload template's columns."""
    drop = {"school", "grade", "sit_ups_female", "exempt"}
    fields = [Field("grade_code", "年级编号", kind="int", required=False, hint="11–16 一至六年级，21–23 初一至初三，"
                    "31–33 高一至高三，41–44 大一至大四")]
    fields += [f for f in fitness_spec(profile).fields if f.name not in drop | {"grade_code"}]
    spec = fitness_spec(profile)
    return SheetSpec(spec.name, spec.title, tuple(fields), note=spec.note, example=spec.example)


def __getattr__(name: str):
    # Built on first use from the default profile, so importing this module stays cheap.
    if name == "ALL":
        from ..profile import load_profile
        return (template_spec(load_profile("default")),)
    raise AttributeError(name)

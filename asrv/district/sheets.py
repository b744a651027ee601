"""The district's own workbook (考核.xlsx): the register of schools, an optional rubric, the reviewers'
ratings, the vetoes, satisfaction counts and the subsidy pool, as in spec/district.md."""
from __future__ import annotations

from ..io.schema import Field, SheetSpec

SCHOOL = Field("school", "学校", ("学校名称", "校名"))
CODE = Field("code", "代码", ("指标代码", "编号", "序号"), hint="指标代码，如 D1")
METHODS = {"自动": "auto", "自动评分": "auto", "评分": "rated", "人工评分": "rated", "否决": "veto", "一票否决": "veto"}

SCHOOLS = SheetSpec("schools", "学校", (
    SCHOOL,
    Field("stage", "学段", required=False, hint="小学、初中、九年一贯制……"),
    Field("students", "在校生数", ("学生数", "在校学生数", "在校生"), kind="int", minimum=0, hint="人"),
    Field("staff", "教职工数", ("教师数", "教职工", "在编教职工数"), kind="int", minimum=0, required=False, hint="人"),
    Field("area", "城乡", ("城乡类型", "地域"), required=False, hint="城区、镇区、乡村"),
), aliases=("学校名册", "名册", "schools"),
   note="全区参加考核的学校，每校一行：在校生数、教职工数是参与率的分母；名册中的学校都应报送材料。",
   example={"school": "示例小学", "stage": "小学", "students": 1200, "staff": 86, "area": "城区"})

RUBRIC = SheetSpec("rubric", "指标", (
    CODE,
    Field("group", "一级指标", ("一级",), required=False),
    Field("label", "二级指标", ("二级", "指标", "考核内容")),
    Field("points", "分值", ("分数", "满分"), kind="number", minimum=0),
    Field("method", "方式", ("评分方式", "计分方式"), kind="choice", choices=METHODS, hint="自动、评分 或 否决"),
    Field("basis", "依据", ("文件依据", "条款"), required=False),
), aliases=("考核指标", "评分标准", "rubric"), required=False,
   note="可选：整体替换配置中的考核指标。自动项须用配置中已有的代码（D2、D3……），其扣分办法取自配置。",
   example={"code": "D1", "group": "组织管理", "label": "工作方案报备、领导小组、三方协议", "points": 10,
            "method": "评分", "basis": "篇1 三(四)"})

RATINGS = SheetSpec("ratings", "评分", (
    SCHOOL, CODE,
    Field("self", "自评分", ("自评", "学校自评"), kind="number", required=False),
    Field("review", "复评分", ("复评", "区复评", "评分"), kind="number", required=False),
    Field("rater", "评分人", ("复评人", "评分组"), required=False),
    Field("reason", "扣分事由", ("扣分原因", "扣分说明", "说明"), required=False),
    Field("evidence", "佐证", ("佐证材料", "证明材料"), required=False),
), aliases=("评分表", "复评", "ratings"), required=False,
   note="评分项目每校一行：复评分为准，没有复评分时按自评分计；须写明佐证材料。",
   example={"school": "示例小学", "code": "D1", "self": 10, "review": 9, "rater": "区督导组",
            "reason": "三方协议未全部签订", "evidence": "工作方案、领导小组文件"})

VETOES = SheetSpec("vetoes", "否决", (
    SCHOOL,
    Field("date", "日期", ("发现日期", "查处日期"), kind="date", required=False),
    Field("kind", "类型", ("否决事项", "事项", "问题类型"), hint="如 违规收费、安全责任事故"),
    Field("confirmed", "是否查实", ("查实", "是否属实"), kind="bool", hint="是 或 否"),
    Field("note", "说明", ("情况说明", "备注"), required=False),
), aliases=("一票否决", "否决事项", "vetoes"), required=False,
   note="一票否决事项每件一行；查实的学校考核为不合格（得分照常列出）。",
   example={"school": "示例小学", "date": "2026-11-05", "kind": "违规收费", "confirmed": "否", "note": "经核查不属实"})

SATISFACTION = SheetSpec("satisfaction", "满意度", (
    SCHOOL,
    Field("sent", "发放数", ("发放", "发放问卷数"), kind="int", minimum=0),
    Field("valid", "有效数", ("有效", "有效问卷数", "回收有效数"), kind="int", minimum=0),
    Field("satisfied", "满意", ("满意数", "非常满意"), kind="int", minimum=0),
    Field("fairly", "基本满意", ("基本满意数", "比较满意"), kind="int", minimum=0),
    Field("dissatisfied", "不满意", ("不满意数",), kind="int", minimum=0),
    Field("unknown", "不了解", ("不了解数", "不清楚"), kind="int", minimum=0, required=False),
), aliases=("家长满意度", "满意度调查", "satisfaction"), required=False,
   note="家长满意度调查每校一行；没有此行时取学校调查表中的「满意度」列。",
   example={"school": "示例小学", "sent": 400, "valid": 380, "satisfied": 300, "fairly": 62, "dissatisfied": 10,
            "unknown": 8})

FUNDING = SheetSpec("funding", "经费", (
    Field("item", "项目", ("资金名称", "名称"), required=False),
    Field("pool", "总额", ("金额", "资金总额", "总金额"), kind="money", minimum=0, hint="元"),
), aliases=("专项经费", "补助资金", "funding"), required=False,
   note="可选：按考核结果分配的专项补助资金（元）；多行相加。",
   example={"item": "2026秋课后服务专项补助", "pool": 1000000})

ALL = (SCHOOLS, RUBRIC, RATINGS, VETOES, SATISFACTION, FUNDING)

"""The fee rules declared in the one registry (asrv.registry); their checks are in fees/rules.py."""
from __future__ import annotations

from ..registry import declare

FAMILY = "fees"
for _id, _title, _source, _level, _keys in [
    ("FEE-CAP", "个性化课程每生每学期收费不超过 {fees.cap} 元（不含耗材费）", "篇2 三(二)", "error", ("fees.cap",)),
    ("FEE-SUBSIDY", "普惠托管按参与学生数获得政府保障经费，每生每学期不低于 {fees.subsidy_per_student} 元", "篇2 三(二)",
     "error", ("fees.subsidy_per_student",)),
    ("FEE-BASIC", "普惠托管不向家长收费", "篇2 三(二)", "warning", ()),
    ("FEE-ONCE", "个性化课程费用每生每学期只收取一次", "篇2 五(一)", "error", ()),
    ("FEE-HARDSHIP", "家庭经济困难学生免费", "篇1 二(四)；N4", "error", ("fees.hardship_materials_exempt",)),
    ("FEE-ACCOUNT", "收费缴入学校财务专户，不经家委会、机构或个人", "篇1 四(二)；N4", "error",
     ("fees.payee_forbidden", "fees.payee_account", "fees.payee_blank_severity")),
    ("FEE-USE", "经费只用于 {fees.categories}", "篇1 四(二)", "error", ("fees.categories", "fees.aliases")),
    ("FEE-MATERIALS", "收取耗材费须明确耗材标准", "篇2 三(二)", "warning", ()),
    ("FEE-BALANCE", "收支公示；结余超过 {fees.surplus_allowed} 元时提示（不得营利）", "篇1 二(四)", "warning",
     ("fees.surplus_allowed",)),
    ("FEE-PAID", "实缴不超过应缴金额", "", "error", ()),
    ("FEE-STUDENT", "缴费的学生须有本学期报名记录", "", "error", ()),
    ("FEE-TERM", "报名表中有所选学期的记录", "", "error", ()),
    ("FEE-LEDGER", "补助台账能由安排表算出", "", "warning", ("fees.ledger.weeks",)),
]:
    declare(_id, _title, FAMILY, source=_source, severity=_level, keys=_keys)

"""The fee rules as `asrv rules` lists them: id, title, and per profile the level from `fees.severity`."""
from __future__ import annotations

# (rule id, key of its level and source in the profile's [fees.severity] / [fees.sources], title)
RULES = [
    ("FEE-CAP", "cap", "个性化课程每生每学期收费不超过上限（不含耗材费）"),
    ("FEE-SUBSIDY", "subsidy", "普惠托管按参与学生数获得政府保障经费"),
    ("FEE-BASIC", "basic", "普惠托管不向家长收费"),
    ("FEE-ONCE", "once", "个性化课程费用每生每学期只收取一次"),
    ("FEE-HARDSHIP", "hardship", "家庭经济困难学生免费"),
    ("FEE-ACCOUNT", "account", "收费缴入学校财务专户，不经家委会、机构或个人"),
    ("FEE-USE", "use", "经费只用于劳务报酬、水电费、消耗品购置、场地器材维护"),
    ("FEE-MATERIALS", "materials", "收取耗材费须明确耗材标准"),
    ("FEE-BALANCE", "balance", "收支公示，结余提示（不得营利）"),
    ("FEE-PAID", "paid", "实缴不超过应缴金额"),
    ("FEE-STUDENT", "paid", "缴费的学生须有本学期报名记录"),
]


def rule_table(extra=None) -> list[dict]:
    """Same shape as asrv.schedule.rule_table, so one listing shows both."""
    from ..profile import BUILTIN, load_profile
    profiles = {name: load_profile(name) for name in BUILTIN}
    if extra is not None:
        profiles.setdefault(extra.name, extra)
    out = []
    for rule_id, key, title in RULES:
        levels = {n: p.get(f"fees.severity.{key}", "off") for n, p in profiles.items()}
        out.append({"id": rule_id, "title": title,
                    "source": profiles["default"].get(f"fees.sources.{key}", "") or "（账目自洽）",
                    "default": levels["default"], "levels": levels,
                    "profiles": [n for n, lv in levels.items() if lv != "off"]})
    return out

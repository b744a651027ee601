"""The fee rules of spec/rules.md, one small function each; every number comes from the profile."""
from __future__ import annotations

import pandas as pd

from .. import registry
from . import registry as _declared  # noqa: F401  (the fee rules, declared)
from ..findings import OFF, Report
from ..profile import Profile
from .load import FeeData
from .money import Amount, cents, fmt
from .sheets import BASIC

KEY = ["school", "student_id"]


class Rules:
    """What every rule needs: the data, the [fees] settings, and one place to add findings."""

    def __init__(self, data: FeeData, profile: Profile, report: Report):
        self.data, self.cfg, self.report, self.profile = data, profile.section("fees"), report, profile
        self.flags: dict[str, list[str]] = {}  # student key -> rule ids, for the per-student sheet

    def money(self, key: str) -> int:
        return cents(self.cfg[key])

    def add(self, rule: str, message: str, where: dict, amount: int | None = None,
            limit: int | None = None, student: str | None = None) -> None:
        value = None if amount is None else Amount(fmt(amount), "" if limit is None else fmt(limit))
        level = registry.level(self.profile, rule)
        if level == OFF:
            return
        source = self.source(rule) or "账目一致性"  # consistency checks cite no clause
        self.report.add(rule, level, f"{message}（{source}）", value=value, **where)
        if student is not None:
            self.flag(student, rule)

    def source(self, rule: str) -> str:
        return self.profile.cite(registry.get(rule).cited(self.profile))

    def flag(self, student: str, rule: str) -> None:
        rules = self.flags.setdefault(student, [])
        if rule not in rules:
            rules.append(rule)


def check_cap(r: Rules) -> None:
    """FEE-CAP: a student's 个性化课程 fees in one term, materials excluded, stay within the cap."""
    cap = r.money("cap")
    enr = r.data["enrollment"]
    personal = enr[enr["personal"]]
    totals = personal.groupby("key", sort=False)["fee"].sum()
    over = personal[personal["key"].isin(totals.index[totals > cap])]
    for key, rows in over.groupby("key", sort=False):
        first = rows[rows["fee"].cumsum() > cap].iloc[0]  # the row that crossed the cap
        total = int(rows["fee"].sum())
        courses = "、".join(f"{c or '未写课程'} {fmt(f)}" for c, f in zip(rows["course"], rows["fee"]))
        r.add("FEE-CAP", f"学号 {first['student_id']} 个性化课程收费合计 {fmt(total)} 元（{courses}），"
              f"超过每生每学期 {fmt(cap)} 元的上限（不含耗材费）",
              r.data.where(first["_tab"], "fee", first["_row"]), total, cap, key)
    courses = r.data["courses"]
    for _, c in courses[courses["fee"] > cap].iterrows():
        r.add("FEE-CAP", f"课程「{c['course']}」收费标准 {fmt(c['fee'])} 元，超过每生每学期 {fmt(cap)} 元的上限",
              r.data.where(c["_tab"], "fee", c["_row"]), int(c["fee"]), cap)


def check_basic(r: Rules) -> None:
    """FEE-BASIC: 普惠托管 is paid by the government, not charged to parents."""
    enr = r.data["enrollment"]
    for _, e in enr[(enr["mode"] == BASIC) & (enr["fee"] > 0)].iterrows():
        r.add("FEE-BASIC", f"普惠托管不向家长收费，学号 {e['student_id']} 收费 {fmt(e['fee'])} 元",
              r.data.where(e["_tab"], "fee", e["_row"]), int(e["fee"]), 0, e["key"])


def check_once(r: Rules) -> None:
    """FEE-ONCE: one collection per student per term; a refund is not a second collection."""
    pay = r.data["payments"]
    paid = pay[pay["amount"] > 0]
    counts = paid.groupby(KEY, sort=False)["amount"].transform("size")
    for _, p in paid[counts > 1].groupby(KEY, sort=False).nth(1).iterrows():
        n = int(counts[p.name])
        r.add("FEE-ONCE", f"学号 {p['student_id']} 本学期缴费 {n} 次（此笔 {fmt(p['amount'])} 元），"
              "个性化课程费用每生每学期只能收取一次", r.data.where(p["_tab"], "amount", p["_row"]), int(p["amount"]),
              student=p["key"])
    enr = r.data["enrollment"]
    personal = enr[enr["personal"] & (enr["course"] != "")]
    for _, e in personal[personal.duplicated([*KEY, "course"])].iterrows():
        r.add("FEE-ONCE", f"学号 {e['student_id']} 重复报名课程「{e['course']}」并重复收费 {fmt(e['fee'])} 元",
              r.data.where(e["_tab"], "course", e["_row"]), int(e["fee"]), student=e["key"])


def check_hardship(r: Rules, students: pd.DataFrame) -> None:
    """FEE-HARDSHIP: hardship students pay nothing, whether charged or actually paid."""
    enr = r.data["enrollment"]
    with_materials = r.cfg["hardship_materials_exempt"]
    poor = set(students.loc[students["hardship"], "key"])
    charged = enr[enr["key"].isin(poor)]
    amount = charged["fee"] + (charged["materials"] if with_materials else 0)
    for (_, e), a in zip(charged[amount > 0].iterrows(), amount[amount > 0]):
        field = "fee" if e["fee"] > 0 else "materials"
        r.add("FEE-HARDSHIP", f"家庭经济困难学生应免费，学号 {e['student_id']} 被收取 {fmt(a)} 元",
              r.data.where(e["_tab"], field, e["_row"]), int(a), 0, e["key"])
    pay = r.data["payments"]
    first_paid = pay[pay["amount"] > 0].drop_duplicates("key").set_index("key")
    for _, s in students[students["hardship"] & (students["net"] > 0)].iterrows():
        p = first_paid.loc[s["key"]]
        r.add("FEE-HARDSHIP", f"家庭经济困难学生应免费，学号 {s['student_id']} 实缴 {fmt(s['net'])} 元",
              r.data.where(p["_tab"], "amount", p["_row"]), int(s["net"]), 0, s["key"])


def check_paid(r: Rules, students: pd.DataFrame) -> None:
    """Consistency: a payment names an enrolled student, and nobody pays more than is due."""
    pay = r.data["payments"]
    for _, p in pay[~pay["enrolled"]].iterrows():
        r.add("FEE-STUDENT", f"学号 {p['student_id']} 没有 {r.data.term.label} 的报名记录，却有缴费 {fmt(p['amount'])} 元",
              r.data.where(p["_tab"], "student_id", p["_row"]), int(p["amount"]),
              student=p["key"])
    over = students[students["enrolled"] & ~students["hardship"] & (students["net"] > students["due"])]
    last = pay.drop_duplicates("key", keep="last").set_index("key")
    for _, s in over.iterrows():
        p = last.loc[s["key"]]
        r.add("FEE-PAID", f"学号 {s['student_id']} 实缴 {fmt(s['net'])} 元，多于应缴 {fmt(s['due'])} 元，"
              f"多收 {fmt(s['net'] - s['due'])} 元应退还", r.data.where(p["_tab"], "amount", p["_row"]),
              int(s["net"]), int(s["due"]), s["key"])


def payee_problem(payee: str, cfg: dict) -> str | None:
    """Why a payee is not the school's special account, or None when it is."""
    if not payee:
        return "收款方空白，无法确认缴入学校财务专户"
    bad = next((w for w in cfg["payee_forbidden"] if w in payee), None)
    if bad:
        return f"收款方「{payee}」不是学校财务专户（含「{bad}」）"
    if not any(w in payee for w in cfg["payee_account"]):
        return f"收款方「{payee}」无法确认为学校财务专户"
    return None


def check_account(r: Rules) -> None:
    """FEE-ACCOUNT: money goes into the school's special account, never a committee, vendor or person."""
    pay = r.data["payments"]
    blank_level = r.cfg["payee_blank_severity"]
    for t in r.data.no_payee_column:
        r.report.add("FEE-ACCOUNT", blank_level, f"缴费表没有「收款方」列，无法确认缴入学校财务专户"
                     f"（{r.source('FEE-ACCOUNT')}）", file=t.file, sheet=t.sheet, cell=f"A{t.header_row}")
    has_column = {i for i, t in enumerate(r.data.tables) if t.spec.name == "payments" and t.has("payee")}
    reasons = pay["payee"].map({p: payee_problem(p, r.cfg) for p in pd.unique(pay["payee"])})
    bad = pay["_tab"].isin(has_column) & (pay["amount"] != 0) & reasons.notna()
    for (_, p), why in zip(pay[bad].iterrows(), reasons[bad]):
        message = f"学号 {p['student_id']} 缴费 {fmt(p['amount'])} 元：{why}（{r.source('FEE-ACCOUNT')}）"
        level = blank_level if not p["payee"] else registry.level(r.profile, "FEE-ACCOUNT")
        r.report.add("FEE-ACCOUNT", level, message, value=Amount(fmt(p["amount"])),
                     **r.data.where(p["_tab"], "payee", p["_row"]))
        r.flag(p["key"], "FEE-ACCOUNT")


def category_of(text: str, cfg: dict) -> str | None:
    """The allowed category a 类别 cell names, or None when it names none."""
    if text in cfg["categories"]:
        return text
    for category in cfg["categories"]:
        if text in cfg["aliases"].get(category, []):
            return category
    return None


def check_use(r: Rules) -> None:
    """FEE-USE: spending only on staff pay, water and power, consumables, site and equipment upkeep."""
    exp = r.data["expenses"]
    allowed = "、".join(r.cfg["categories"])
    for _, e in exp[exp["allowed"].isna()].iterrows():
        r.add("FEE-USE", f"支出「{e['category']}」{fmt(e['amount'])} 元不在允许的用途内（{allowed}），"
              "课后服务经费专款专用，不得挪作他用", r.data.where(e["_tab"], "category", e["_row"]), int(e["amount"]))


def check_materials(r: Rules) -> None:
    """FEE-MATERIALS: a materials charge needs a stated standard (课程!耗材标准)."""
    enr = r.data["enrollment"]
    courses = r.data["courses"]
    stated = {(s, c) for s, c, m in zip(courses["school"], courses["course"], courses["materials_standard"])
              if isinstance(m, str) and m.strip()}
    charged = enr[enr["materials"] > 0]
    for (school, course), rows in charged.groupby(["school", "course"], sort=False):
        if (school, course) in stated:
            continue
        first = rows.iloc[0]
        total = int(rows["materials"].sum())
        r.add("FEE-MATERIALS", f"课程「{course or '未写课程'}」收取耗材费（{len(rows)} 人次，合计 "
              f"{fmt(total)} 元），但「课程」表未写明耗材具体标准", r.data.where(first["_tab"], "materials", first["_row"]),
              total)


def check_subsidy(r: Rules, school) -> None:
    """FEE-SUBSIDY: the government's support reaches the per-student minimum for 普惠托管."""
    if school.subsidy_received is None or school.subsidy_received >= school.subsidy_due:
        return
    sub = r.data["subsidy"]
    rows = sub[sub["school"] == school.name]
    where = r.data.where(rows["_tab"].iloc[0], "amount", rows["_row"].iloc[0]) if len(rows) else \
        {"file": school.files, "sheet": "补助"}
    r.add("FEE-SUBSIDY", f"{school.name} 政府保障经费到位 {fmt(school.subsidy_received)} 元，低于应保障 "
          f"{fmt(school.subsidy_due)} 元（普惠托管 {school.basic} 人 × {fmt(r.money('subsidy_per_student'))} 元/学期·生）",
          where, school.subsidy_received, school.subsidy_due)


def check_balance(r: Rules, school) -> None:
    """FEE-BALANCE: non-profit; a surplus above the allowed amount is flagged for publication."""
    limit = r.money("surplus_allowed")
    if school.balance <= limit:
        return
    r.add("FEE-BALANCE", f"{school.name} 收入 {fmt(school.income)} 元，支出 {fmt(school.spending_total)} 元，"
          f"结余 {fmt(school.balance)} 元；课后服务不得营利，结余应说明用途并公示",
          {"file": school.files, "sheet": "支出"}, school.balance, limit)


__all__ = ["Rules", "check_cap", "check_basic", "check_once", "check_hardship", "check_paid", "check_account",
           "check_use", "check_materials", "check_subsidy", "check_balance", "category_of", "payee_problem"]

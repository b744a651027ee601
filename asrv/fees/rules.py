"""The fee rules of spec/rules.md, declared in the one registry (asrv.registry), one small function
each; every number comes from the profile and every finding names its school, file and cell.

Three stages, as the data becomes known: the input rows (ROWS), the per-student totals (STUDENTS),
the per-school totals (SCHOOLS).
"""
from __future__ import annotations

import pandas as pd

from .. import registry
from ..findings import OFF, Finding
from ..profile import Profile
from .load import FeeData
from .money import Amount, cents, fmt
from .sheets import BASIC

FAMILY = "fees"
KEY = ["school", "student_id"]


def rule(rule_id: str, title: str, **kwargs):
    """Declare a fee rule and attach its check."""
    return registry.rule(rule_id, title, FAMILY, **kwargs)


# Rules emitted while reading (load, ledger), with no check of their own here.
registry.declare("FEE-TERM", "报名表中有所选学期的记录", FAMILY)
registry.declare("FEE-LEDGER", "补助台账能由安排表算出", FAMILY, severity="warning", keys=("fees.ledger.weeks",))


class Rules:
    """What every rule needs: the data, the [fees] settings, and one place to add findings."""

    def __init__(self, data: FeeData, profile: Profile):
        self.data, self.profile, self.cfg = data, profile, profile.section("fees")
        self.findings: list[Finding] = []
        self.flags: dict[str, list[str]] = {}  # student key -> rule ids, for the per-student sheet

    def money(self, key: str) -> int:
        return cents(self.cfg[key])

    def at(self, row, name: str) -> dict:
        """Where a frame row's `name` cell is, and its school."""
        return {**self.data.where(row["_tab"], name, row["_row"]), "school": row["school"]}

    def add(self, rule_id: str, message: str, where: dict, amount: int | None = None,
            limit: int | None = None, student: str | None = None, severity: str | None = None) -> None:
        clause = self.profile.cite(registry.get(rule_id).cited(self.profile)) or "账目一致性"
        value = None if amount is None else Amount(fmt(amount), "" if limit is None else fmt(limit))
        f = registry.finding(self.profile, rule_id, f"{message}（{clause}）", severity=severity, cite=False,
                             value=value, **where)
        if f is None:
            return
        self.findings.append(f)
        if student is not None:
            self.flag(student, rule_id)

    def flag(self, student: str, rule_id: str) -> None:
        rules = self.flags.setdefault(student, [])
        if rule_id not in rules:
            rules.append(rule_id)


@rule("FEE-CAP", "个性化课程每生每学期收费不超过 {fees.cap} 元（不含耗材费）", source="篇2 三(二)", keys=("fees.cap",))
def check_cap(r: Rules) -> None:
    """A student's 个性化课程 fees in one term, materials excluded, stay within the cap."""
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
              f"超过每生每学期 {fmt(cap)} 元的上限（不含耗材费）", r.at(first, "fee"), total, cap, key)
    courses = r.data["courses"]
    for _, c in courses[courses["fee"] > cap].iterrows():
        r.add("FEE-CAP", f"课程「{c['course']}」收费标准 {fmt(c['fee'])} 元，超过每生每学期 {fmt(cap)} 元的上限",
              r.at(c, "fee"), int(c["fee"]), cap)


@rule("FEE-BASIC", "普惠托管不向家长收费", source="篇2 三(二)", severity="warning")
def check_basic(r: Rules) -> None:
    enr = r.data["enrollment"]
    for _, e in enr[(enr["mode"] == BASIC) & (enr["fee"] > 0)].iterrows():
        r.add("FEE-BASIC", f"普惠托管不向家长收费，学号 {e['student_id']} 收费 {fmt(e['fee'])} 元",
              r.at(e, "fee"), int(e["fee"]), 0, e["key"])


@rule("FEE-ONCE", "个性化课程费用每生每学期只收取一次", source="篇2 五(一)")
def check_once(r: Rules) -> None:
    """One collection per student per term; a refund is not a second collection."""
    pay = r.data["payments"]
    paid = pay[pay["amount"] > 0]
    counts = paid.groupby(KEY, sort=False)["amount"].transform("size")
    for _, p in paid[counts > 1].groupby(KEY, sort=False).nth(1).iterrows():
        r.add("FEE-ONCE", f"学号 {p['student_id']} 本学期缴费 {int(counts[p.name])} 次（此笔 {fmt(p['amount'])} 元），"
              "个性化课程费用每生每学期只能收取一次", r.at(p, "amount"), int(p["amount"]), student=p["key"])
    enr = r.data["enrollment"]
    personal = enr[enr["personal"] & (enr["course"] != "")]
    for _, e in personal[personal.duplicated([*KEY, "course"])].iterrows():
        r.add("FEE-ONCE", f"学号 {e['student_id']} 重复报名课程「{e['course']}」并重复收费 {fmt(e['fee'])} 元",
              r.at(e, "course"), int(e["fee"]), student=e["key"])


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


@rule("FEE-ACCOUNT", "收费缴入学校财务专户，不经家委会、机构或个人", source="篇1 四(二)；N4",
      keys=("fees.payee_forbidden", "fees.payee_account", "fees.payee_blank_severity"))
def check_account(r: Rules) -> None:
    """Money goes into the school's special account, never a committee, vendor or person."""
    if registry.level(r.profile, "FEE-ACCOUNT") == OFF:
        return
    blank = r.cfg["payee_blank_severity"]
    for t, school in r.data.no_payee_column:
        r.add("FEE-ACCOUNT", "缴费表没有「收款方」列，无法确认缴入学校财务专户",
              {"file": t.file, "sheet": t.sheet, "cell": f"A{t.header_row}", "school": school}, severity=blank)
    pay = r.data["payments"]
    has_column = {i for i, t in enumerate(r.data.tables) if t.spec.name == "payments" and t.has("payee")}
    reasons = pay["payee"].map({p: payee_problem(p, r.cfg) for p in pd.unique(pay["payee"])})
    bad = pay["_tab"].isin(has_column) & (pay["amount"] != 0) & reasons.notna()
    for (_, p), why in zip(pay[bad].iterrows(), reasons[bad]):
        r.add("FEE-ACCOUNT", f"学号 {p['student_id']} 缴费 {fmt(p['amount'])} 元：{why}", r.at(p, "payee"),
              int(p["amount"]), student=p["key"], severity=None if p["payee"] else blank)


def category_of(text: str, cfg: dict) -> str | None:
    """The allowed category a 类别 cell names, or None when it names none."""
    if text in cfg["categories"]:
        return text
    return next((c for c in cfg["categories"] if text in cfg["aliases"].get(c, [])), None)


@rule("FEE-USE", "经费只用于 {fees.categories}", source="篇1 四(二)", keys=("fees.categories", "fees.aliases"))
def check_use(r: Rules) -> None:
    """Spending only on staff pay, water and power, consumables, site and equipment upkeep."""
    exp = r.data["expenses"]
    allowed = "、".join(r.cfg["categories"])
    for _, e in exp[exp["allowed"].isna()].iterrows():
        r.add("FEE-USE", f"支出「{e['category']}」{fmt(e['amount'])} 元不在允许的用途内（{allowed}），"
              "课后服务经费专款专用，不得挪作他用", r.at(e, "category"), int(e["amount"]))


@rule("FEE-MATERIALS", "收取耗材费须明确耗材标准", source="篇2 三(二)", severity="warning")
def check_materials(r: Rules) -> None:
    """A materials charge needs a stated standard (课程!耗材标准)."""
    enr, courses = r.data["enrollment"], r.data["courses"]
    stated = {(s, c) for s, c, m in zip(courses["school"], courses["course"], courses["materials_standard"])
              if isinstance(m, str) and m.strip()}
    for (school, course), rows in enr[enr["materials"] > 0].groupby(["school", "course"], sort=False):
        if (school, course) not in stated:
            total = int(rows["materials"].sum())
            r.add("FEE-MATERIALS", f"课程「{course or '未写课程'}」收取耗材费（{len(rows)} 人次，合计 "
                  f"{fmt(total)} 元），但「课程」表未写明耗材具体标准", r.at(rows.iloc[0], "materials"), total)


def check_duplicates(r: Rules) -> None:
    """STUDENT-DUPLICATE (a shared reading rule): one school's students in two files, a resent workbook
    with changes, would be counted twice."""
    enr = r.data["enrollment"]
    files = enr.groupby("key")["_tab"].nunique()
    dup = enr[enr["key"].isin(files.index[files > 1])]
    for school, rows in dup.groupby("school", sort=False):
        first = r.data.tables[int(rows["_tab"].min())].file
        for tab, later in rows[rows["_tab"] != rows["_tab"].min()].groupby("_tab"):
            e = later.iloc[0]
            r.add("STUDENT-DUPLICATE", f"{later['student_id'].nunique()} 名学生（如学号 {e['student_id']}）在"
                  f"「{first}」和「{r.data.tables[int(tab)].file}」中都有报名记录，会被重复计算；"
                  "若是重发的文件，请只保留一份", r.at(e, "student_id"))


@rule("FEE-HARDSHIP", "家庭经济困难学生免费", source="篇1 二(四)；N4", keys=("fees.hardship_materials_exempt",))
def check_hardship(r: Rules, students: pd.DataFrame) -> None:
    """Hardship students pay nothing, whether charged or actually paid."""
    enr = r.data["enrollment"]
    poor = set(students.loc[students["hardship"], "key"].to_numpy(dtype=object))
    charged = enr[enr["key"].isin(poor)]
    amount = charged["fee"] + (charged["materials"] if r.cfg["hardship_materials_exempt"] else 0)
    for (_, e), a in zip(charged[amount > 0].iterrows(), amount[amount > 0]):
        r.add("FEE-HARDSHIP", f"家庭经济困难学生应免费，学号 {e['student_id']} 被收取 {fmt(a)} 元",
              r.at(e, "fee" if e["fee"] > 0 else "materials"), int(a), 0, e["key"])
    pay = r.data["payments"]
    first_paid = pay[pay["amount"] > 0].drop_duplicates("key").set_index("key")
    for _, s in students[students["hardship"] & (students["net"] > 0)].iterrows():
        p = first_paid.loc[s["key"]]
        r.add("FEE-HARDSHIP", f"家庭经济困难学生应免费，学号 {s['student_id']} 实缴 {fmt(s['net'])} 元",
              {**r.data.where(p["_tab"], "amount", p["_row"]), "school": s["school"]}, int(s["net"]), 0, s["key"])


@rule("FEE-STUDENT", "缴费的学生须有本学期报名记录")
def check_student(r: Rules, students: pd.DataFrame) -> None:
    pay = r.data["payments"]
    for _, p in pay[~pay["enrolled"]].iterrows():
        r.add("FEE-STUDENT", f"学号 {p['student_id']} 没有 {r.data.term.label} 的报名记录，却有缴费 {fmt(p['amount'])} 元",
              r.at(p, "student_id"), int(p["amount"]), student=p["key"])


@rule("FEE-PAID", "实缴不超过应缴金额")
def check_paid(r: Rules, students: pd.DataFrame) -> None:
    pay = r.data["payments"]
    over = students[students["enrolled"] & ~students["hardship"] & (students["net"] > students["due"])]
    last = pay.drop_duplicates("key", keep="last").set_index("key")
    for _, s in over.iterrows():
        p = last.loc[s["key"]]
        r.add("FEE-PAID", f"学号 {s['student_id']} 实缴 {fmt(s['net'])} 元，多于应缴 {fmt(s['due'])} 元，"
              f"多收 {fmt(s['net'] - s['due'])} 元应退还",
              {**r.data.where(p["_tab"], "amount", p["_row"]), "school": s["school"]}, int(s["net"]), int(s["due"]),
              s["key"])


@rule("FEE-SUBSIDY", "普惠托管按参与学生数获得政府保障经费，每生每学期不低于 {fees.subsidy_per_student} 元",
      source="篇2 三(二)", keys=("fees.subsidy_per_student",))
def check_subsidy(r: Rules, school) -> None:
    """The government's support reaches the per-student minimum for 普惠托管."""
    if school.subsidy_received is None or school.subsidy_received >= school.subsidy_due:
        return
    sub = r.data["subsidy"]
    rows = sub[sub["school"] == school.name]
    where = r.at(rows.iloc[0], "amount") if len(rows) else {"file": school.files, "sheet": "补助", "school": school.name}
    r.add("FEE-SUBSIDY", f"{school.name} 政府保障经费到位 {fmt(school.subsidy_received)} 元，低于应保障 "
          f"{fmt(school.subsidy_due)} 元（普惠托管 {school.basic} 人 × {fmt(r.money('subsidy_per_student'))} 元/学期·生），"
          f"差额 {fmt(school.subsidy_short)} 元", where, school.subsidy_received, school.subsidy_due)


@rule("FEE-BALANCE", "收支公示；结余超过 {fees.surplus_allowed} 元时提示（不得营利）", source="篇1 二(四)",
      severity="warning", keys=("fees.surplus_allowed",))
def check_balance(r: Rules, school) -> None:
    """Non-profit: a surplus above the allowed amount is flagged for publication."""
    limit = r.money("surplus_allowed")
    if school.balance > limit:
        r.add("FEE-BALANCE", f"{school.name} 收入 {fmt(school.income)} 元，支出 {fmt(school.spending_total)} 元，"
              f"结余 {fmt(school.balance)} 元；课后服务不得营利，结余应说明用途并公示",
              {"file": school.files, "sheet": "支出", "school": school.name}, school.balance, limit)


ROWS = (check_cap, check_basic, check_once, check_account, check_use, check_materials, check_duplicates)
STUDENTS = (check_hardship, check_student, check_paid)
SCHOOLS = (check_subsidy, check_balance)

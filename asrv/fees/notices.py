"""What a school's 收费公示 and 收支公示 say: only true statements.

A notice states the policy (naming the document, never an internal label such as 篇2) and, where
this term's records break it, says so with the figure and that it is being corrected: a notice
that said "不超过 600 元" beside a FEE-CAP error of 700 would be false. Spending outside the
allowed uses stays in the 收支公示, marked as under correction: leaving it out would publish totals
that do not add up and hide money a parent may ask about, so a clerk would rather show it.
"""
from __future__ import annotations

import datetime as dt

from .. import registry
from ..profile import Profile
from .money import cents, fmt_thousands as money
from .sheets import BASIC
from .summary import SchoolSummary

CORRECTING = "，学校正在整改，整改结果另行公示。"
OTHER = "不符合规定用途的支出（整改中）"


def zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def basis(profile: Profile, *rule_ids: str) -> str:
    """`根据《…》二(四)、四(二)，`: the documents behind the rules as the public reads them, each named
    once with its clauses; "" when the profile gives none."""
    parts = documents(profile, *rule_ids)
    return f"根据{'、'.join(parts)}，" if parts else ""


def documents(profile: Profile, *rule_ids: str) -> list[str]:
    """The documents behind the rules, each by name once with its clauses."""
    clauses: dict[str, list[str]] = {}
    for rid in rule_ids:
        for token in registry.get(rid).cited(profile).replace(";", "；").split("；"):
            doc, _, clause = token.strip().partition(" ")
            if doc:
                have = clauses.setdefault(doc, [])
                have += [clause] if clause and clause not in have else []
    return [profile.cite(f"{doc} {'、'.join(c)}".strip(), public=True) for doc, c in clauses.items()]


def checked(*found: str) -> str:
    """What the check of this term's records found against a statement, as one sentence; "" if nothing."""
    found = tuple(f for f in found if f)
    return f"经核查，本学期{'；'.join(found)}{CORRECTING}" if found else ""


class Found:
    """This school's findings of one run, counted the way a notice says them."""

    def __init__(self, result, school: SchoolSummary):
        self.findings = [f for f in result.findings if f.school == school.name]
        self.problems = _problems_by_school(result).get(school.name, [])

    def of(self, rule_id: str) -> list:
        return [f for f in self.findings if f.rule == rule_id]

    def students(self, rule_id: str) -> int:
        return sum(rule_id in p.split("、") for p in self.problems)

    def amounts(self, rule_id: str) -> list[int]:
        return [cents(f.value.amount) for f in self.of(rule_id) if f.value is not None]


def _problems_by_school(result) -> dict[str, list[str]]:
    """Each school's per-student `problems`, split once per students frame: two notices of a hundred
    schools would otherwise scan the whole district's students two hundred times."""
    st = result.students
    if st is None:
        return {}
    cached = result.__dict__.get("_problems_by_school")
    if cached is None or cached[0] is not st:
        some = st[st["problems"] != ""]  # a student without problems counts under no rule
        cached = (st, {name: list(p) for name, p in some["problems"].groupby(some["school"], sort=False)})
        result.__dict__["_problems_by_school"] = cached
    return cached[1]


def charges_context(result, s: SchoolSummary, profile: Profile) -> dict:
    cfg, found = profile.section("fees"), Found(result, s)
    cap_cells = {(f.file, f.sheet, f.cell) for f in found.of("FEE-CAP")}
    courses = [_course(c, cap_cells) for c in s.courses if c.mode != BASIC]
    basic = (f"{basis(profile, 'FEE-BASIC', 'FEE-SUBSIDY')}普惠托管由本校教职工提供安全看护、作业辅导、课外阅读、体育艺术"
             f"等基本服务，不向家长收费；政府按实际参与学生数、不低于每生每学期 {cfg['subsidy_per_student']} 元的标准予以"
             f"保障。本学期参加 {s.basic} 人。")
    if found.students("FEE-BASIC"):
        basic += checked(f"有 {found.students('FEE-BASIC')} 名学生的普惠托管被收取费用（合计 "
                         f"{money(sum(found.amounts('FEE-BASIC')))} 元），应予退还")
    cap = (f"{basis(profile, 'FEE-CAP')}个性化课程由家长自愿选择参加，每生每学期收费合计不超过 {cfg['cap']} 元（不含"
           "耗材费）；需使用耗材的，耗材标准如下表所列，由家长自行购买或在学校监督下委托开课单位购买。")
    over, students = found.students("FEE-CAP"), ""
    if over:
        standards = {c.fee_at for c in s.courses}
        highest = max(cents(f.value.amount) for f in found.of("FEE-CAP") if (f.file, f.sheet, f.cell) not in standards)
        students = f"有 {over} 名学生的个性化课程收费合计超过上述标准（最高 {money(highest)} 元），超收部分应予退还"
    standard = "表中标明「超过上限」的课程收费标准应予调整" if any(c["over"] for c in courses) else ""
    cap += checked(students, standard)
    paying = (f"{basis(profile, 'FEE-ONCE', 'FEE-ACCOUNT')}个性化课程费用每生每学期只收取一次，一律缴入学校财务专户，"
              "专款专用；学校不通过家长委员会、第三方机构或个人代收任何费用。退课的按规定退费。")
    once = found.students("FEE-ONCE")
    paying += checked(f"有 {once} 名学生被多次收费" if once else "", _account(found) if found.of("FEE-ACCOUNT") else "")
    hardship = (f"{basis(profile, 'FEE-HARDSHIP')}家庭经济困难学生参加课后服务一律免费"
                f"{'（含耗材费）' if cfg['hardship_materials_exempt'] else ''}。本学期享受免费的家庭经济困难学生 {s.hardship} 人。")
    if found.students("FEE-HARDSHIP"):
        hardship += checked(f"有 {found.students('FEE-HARDSHIP')} 名家庭经济困难学生被收取费用，应予退还")
    return {**_common(result, s, profile), "basic": basic, "cap": cap, "courses": courses, "paying": paying,
            "hardship": hardship}


def _course(c, cap_cells: set) -> dict:
    over = c.fee_at is not None and c.fee_at in cap_cells
    fee = "—" if c.fee is None else money(c.fee) + ("（超过上限，整改中）" if over else "")
    if c.materials_standard:
        materials = c.materials_standard
    elif c.materials_each:  # charged, but no standard written: say what is charged, not "未写明"
        low, high = c.materials_each
        each = money(low) if low == high else f"{money(low)}—{money(high)}"
        materials = f"每生 {each} 元（耗材清单待补充公示）"
    else:
        materials = "无"
    return {"course": c.course, "fee": fee, "over": over, "materials_standard": materials, "time": c.time,
            "content": c.content, "provider": c.provider, "students": c.students}


def _account(found: Found) -> str:
    """What FEE-ACCOUNT found, as one clause: `有 4 笔缴费（合计 1,200.00 元）未缴入…`."""
    paid = found.amounts("FEE-ACCOUNT")
    if paid:
        return f"有 {len(paid)} 笔缴费（合计 {money(sum(paid))} 元）未缴入或无法确认缴入学校财务专户"
    return "缴费记录未写明收款方，无法确认均已缴入学校财务专户"


def accounts_context(result, s: SchoolSummary, profile: Profile) -> dict:
    cfg, found = profile.section("fees"), Found(result, s)
    paid_note = f"应收 {money(s.due)}，未缴 {money(s.outstanding)}"
    if found.of("FEE-ACCOUNT"):
        paid_note += f"；其中{_account(found)}，正在整改"
    income = [
        {"label": "家长缴费", "amount": money(s.paid), "note": paid_note},
        {"label": "退费", "amount": money(-s.refunded), "note": f"{s.refund_students} 人退课退费"},
        {"label": "政府保障经费（普惠托管）", "amount": money(s.subsidy_income), "note": _subsidy(s, cfg)},
    ]
    spending = [{"label": c, "amount": money(v), "note": "", "other": False} for c, v in s.spending.items()]
    if s.spending_other:
        n = len(found.of("FEE-USE"))
        spending.append({"label": OTHER, "amount": money(s.spending_other), "other": True,
                         "note": f"{f'共 {n} 笔，' if n else ''}不属于规定的经费使用范围（{'、'.join(cfg['categories'])}），"
                                 "学校正在整改，整改结果另行公示"})
    if s.balance > 0:
        balance = f"结余 {money(s.balance)} 元，{cfg['surplus_use']}。"
    elif s.balance < 0:
        balance = f"支出超过收入 {money(-s.balance)} 元。"
    else:
        balance = "收支相抵，无结余。"
    intro = ("课后服务坚持公益性、非营利性，经费纳入学校财务专户管理、专款"
             "专用。现将本学期课后服务经费收支情况公示如下（单位：元）。")
    return {**_common(result, s, profile), "intro": intro, "income": income, "income_total": money(s.income),
            "spending": spending, "spending_total": money(s.spending_total),
            "balance": f"收入合计 {money(s.income)} 元，支出合计 {money(s.spending_total)} 元；{balance}"}


def _subsidy(s: SchoolSummary, cfg: dict) -> str:
    due = f"应保障 {money(s.subsidy_due)}（{s.basic} 人 × {cfg['subsidy_per_student']} 元）"
    if s.subsidy_received is None:
        return due + ("，未提供到账记录，按应保障额计" if cfg["subsidy_assume_received"] else "，未提供到账记录，按 0 计")
    if s.subsidy_short:
        return f"{due}，已到位 {money(s.subsidy_received)}，尚差 {money(s.subsidy_short)} 元未到位"
    return f"{due}，已全额到位"


def _common(result, s: SchoolSummary, profile: Profile) -> dict:
    return {"school": s.name, "term": result.term.title}

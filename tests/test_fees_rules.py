"""Each fee rule at, just inside and just outside its limit (spec/rules.md "Fees")."""
from __future__ import annotations

from decimal import Decimal

import pytest

from asrv.profile import load_profile
from test_fees_support import check, expense, payment, student, write_book

PROFILE = load_profile("default")


def run(tmp_path, **sheets):
    sheets.setdefault("payments", [])
    path = write_book(tmp_path / "fees.xlsx", **sheets)
    return check([path], PROFILE)


def rules_of(result, rule):
    return [f for f in result.findings if f.rule == rule]


@pytest.mark.parametrize("fees, found", [
    ((300, 300), False),            # at the cap
    ((299.99, 300), False),         # just inside
    ((300, 300.01), True),          # just outside
    ((350, 350), True),             # two personalised courses at 350 each
])
def test_cap(tmp_path, fees, found):
    enr = [student("1", course=f"课{i}", fee=f) for i, f in enumerate(fees)]
    enr.append(student("1", course="书法", fee=0, materials=80))  # materials never count
    r = run(tmp_path, enrollment=enr, payments=[])
    hits = rules_of(r, "FEE-CAP")
    assert bool(hits) is found
    if found:
        total = sum(Decimal(str(f)) for f in fees)
        assert hits[0].value.amount == f"{total:.2f}" and hits[0].value.limit == "600.00"
        assert hits[0].where == "报名!H3" and "篇2 三(二)" in hits[0].message
        assert hits[0].severity == "error"


def test_cap_in_course_standard(tmp_path):
    r = run(tmp_path, enrollment=[student("1")], courses=[{"course": "合唱", "fee": 600},
                                                          {"course": "机器人", "fee": 600.01}])
    hits = rules_of(r, "FEE-CAP")
    assert [h.where for h in hits] == ["课程!B3"]


@pytest.mark.parametrize("received, found", [(300, False), (300.01, False), (299.99, True)])
def test_subsidy(tmp_path, received, found):
    enr = [student("1", mode="普惠托管", fee=0), student("2", mode="普惠托管", fee=0), student("3")]
    r = run(tmp_path, enrollment=enr, subsidy=[{"term": "2026秋", "amount": received}])
    assert r.per_school[0].subsidy_due == 30000  # 2 students × 150 元, in 分
    hits = rules_of(r, "FEE-SUBSIDY")
    assert bool(hits) is found
    if found:
        assert hits[0].value.limit == "300.00" and hits[0].where == "补助!B2"


def test_subsidy_due_without_sheet(tmp_path):
    r = run(tmp_path, enrollment=[student("1", mode="普惠托管", fee=0)])
    assert not rules_of(r, "FEE-SUBSIDY")
    assert r.per_school[0].subsidy_received is None and r.per_school[0].subsidy_income == 15000


@pytest.mark.parametrize("fee, found", [(0, False), (0.01, True)])
def test_basic_not_charged(tmp_path, fee, found):
    r = run(tmp_path, enrollment=[student("1", mode="普惠托管", fee=fee)])
    hits = rules_of(r, "FEE-BASIC")
    assert bool(hits) is found
    assert all(h.severity == "warning" for h in hits)


@pytest.mark.parametrize("amounts, where", [((), None), ((300,), None), ((150, 150), "缴费!E3"),
                                             ((300, -300, 300), "缴费!E4"), ((300, -300), None)])
def test_once(tmp_path, amounts, where):
    r = run(tmp_path, enrollment=[student("1")], payments=[payment("1", a) for a in amounts])
    hits = rules_of(r, "FEE-ONCE")
    assert [h.where for h in hits] == ([where] if where else [])  # at the second collection


def test_once_duplicate_course(tmp_path):
    r = run(tmp_path, enrollment=[student("1"), student("1")], payments=[payment("1", 600)])
    assert [h.where for h in rules_of(r, "FEE-ONCE")] == ["报名!G3"]


def test_refund_is_netted(tmp_path):
    enr = [student("1", course="合唱", fee=300), student("2", fee=250)]
    r = run(tmp_path, enrollment=enr, payments=[payment("1", 600), payment("1", -300), payment("2", 250)])
    assert not rules_of(r, "FEE-ONCE") and not rules_of(r, "FEE-PAID")
    s = r.per_school[0]
    assert (s.paid, s.refunded, s.net, s.outstanding, s.refund_students) == (85000, 30000, 55000, 0, 1)
    one = r.students.set_index("student_id").loc["1"]
    assert (one["paid"], one["refunded"], one["net"], one["outstanding"]) == (60000, 30000, 30000, 0)


@pytest.mark.parametrize("fee, materials, found", [(0, 0, False), (0.01, 0, True), (0, 0.01, True)])
def test_hardship_charged(tmp_path, fee, materials, found):
    r = run(tmp_path, enrollment=[student("1", fee=fee, materials=materials, hardship="是")])
    hits = rules_of(r, "FEE-HARDSHIP")
    assert bool(hits) is found
    if found:
        assert hits[0].value.amount == "0.01" and hits[0].value.limit == "0.00"
        assert hits[0].where == ("报名!H2" if fee else "报名!I2")


def test_hardship_materials_reading(tmp_path):
    profile = PROFILE.with_values(**{"fees.hardship_materials_exempt": False})
    path = write_book(tmp_path / "f.xlsx", enrollment=[student("1", fee=0, materials=40, hardship="是")],
                      payments=[])
    assert not rules_of(check([path], profile), "FEE-HARDSHIP")


@pytest.mark.parametrize("amounts, found", [((0.01, -0.01), False), ((0.01,), True)])
def test_hardship_paid(tmp_path, amounts, found):
    r = run(tmp_path, enrollment=[student("1", fee=0, hardship="是")],
            payments=[payment("1", a) for a in amounts])
    hits = [h for h in rules_of(r, "FEE-HARDSHIP") if h.sheet == "缴费"]
    assert bool(hits) is found
    assert r.per_school[0].hardship == 1


@pytest.mark.parametrize("payee, found", [
    ("学校财务专户", False), ("一小课后服务专户", False), ("三(2)班家委会", True), ("某某培训机构", True),
    ("王老师", True), ("张三", True), ("", True)])
def test_account(tmp_path, payee, found):
    r = run(tmp_path, enrollment=[student("1")], payments=[payment("1", 300, payee=payee)])
    hits = rules_of(r, "FEE-ACCOUNT")
    assert bool(hits) is found
    if found:
        assert hits[0].where == "缴费!F2" and "篇1 四(二)" in hits[0].message


def test_account_without_payee_column(tmp_path):
    pay = [{k: v for k, v in payment("1", 300).items() if k != "payee"}]
    r = run(tmp_path, enrollment=[student("1")], payments=pay)
    assert [h.where for h in rules_of(r, "FEE-ACCOUNT")] == ["缴费!A1"]


@pytest.mark.parametrize("category, found", [
    ("人员劳务报酬", False), ("水电费", False), ("消耗品购置", False), ("场地器材维护", False),
    ("劳务费", False), ("电费", False), ("教师聚餐", True), ("购买礼品", True)])
def test_use(tmp_path, category, found):
    r = run(tmp_path, enrollment=[student("1")], expenses=[expense(category, 100)])
    hits = rules_of(r, "FEE-USE")
    assert bool(hits) is found
    s = r.per_school[0]
    assert s.spending_total == 10000 and s.spending_other == (10000 if found else 0)


@pytest.mark.parametrize("materials, standard, found", [(0, "", False), (0.01, "", True),
                                                        (0.01, "画材一套 80 元", False)])
def test_materials(tmp_path, materials, standard, found):
    enr = [student("1", course="绘画", fee=250, materials=materials)]
    r = run(tmp_path, enrollment=enr, courses=[{"course": "绘画", "fee": 250, "materials_standard": standard}])
    hits = rules_of(r, "FEE-MATERIALS")
    assert bool(hits) is found
    assert all(h.severity == "warning" and h.where == "报名!I2" for h in hits)


@pytest.mark.parametrize("spent, found", [(300, False), (300.01, False), (299.99, True)])
def test_balance(tmp_path, spent, found):
    r = run(tmp_path, enrollment=[student("1")], payments=[payment("1", 300)],
            expenses=[expense("人员劳务报酬", spent)])
    hits = rules_of(r, "FEE-BALANCE")
    assert bool(hits) is found
    if found:
        assert hits[0].value.amount == "0.01" and hits[0].severity == "warning"


def test_paid_consistency(tmp_path):
    r = run(tmp_path, enrollment=[student("1", fee=300)],
            payments=[payment("1", 300.01), payment("9", 100)])
    assert [h.where for h in rules_of(r, "FEE-PAID")] == ["缴费!E2"]
    assert [h.where for h in rules_of(r, "FEE-STUDENT")] == ["缴费!C3"]
    stray = r.students.set_index("student_id").loc["9"]
    assert stray["modes"] == "（未报名）" and stray["net"] == 10000


def test_profile_cap_override(tmp_path):
    path = write_book(tmp_path / "f.xlsx", enrollment=[student("1", fee=500)], payments=[])
    strict = PROFILE.with_values(**{"fees.cap": 400})
    assert rules_of(check([path], strict), "FEE-CAP")
    assert not rules_of(check([path], PROFILE), "FEE-CAP")


def test_every_finding_names_its_school(tmp_path):
    r = run(tmp_path, enrollment=[student("1", fee=700), student("2", mode="普惠托管", fee=10)],
            payments=[payment("1", 700, payee="家委会")], expenses=[expense("聚餐", 10)])
    assert {f.rule for f in r.findings} >= {"FEE-CAP", "FEE-BASIC", "FEE-ACCOUNT", "FEE-USE"}
    assert all(f.school == "一小" for f in r.findings if f.rule.startswith("FEE-"))


@pytest.mark.parametrize("level", ["warning", "off"])
def test_level_from_the_profile_by_rule_id(tmp_path, level):
    path = write_book(tmp_path / "f.xlsx", enrollment=[student("1", fee=700)], payments=[])
    hits = rules_of(check([path], PROFILE.with_values(**{"rules.FEE-CAP": level})), "FEE-CAP")
    assert [h.severity for h in hits] == ([] if level == "off" else ["warning"])


def test_subsidy_short_is_said_with_the_figure(tmp_path):
    enr = [student(str(i), mode="普惠托管", fee=0) for i in range(3)]
    r = run(tmp_path, enrollment=enr, subsidy=[{"term": "2026秋", "amount": 300}])
    assert r.per_school[0].subsidy_short == 15000
    assert "差额 150.00 元" in rules_of(r, "FEE-SUBSIDY")[0].message


def test_one_schools_students_in_two_files(tmp_path):
    a = write_book(tmp_path / "a.xlsx", enrollment=[student("1"), student("2")], payments=[])
    b = write_book(tmp_path / "b.xlsx", enrollment=[student("2", fee=250), student("3")], payments=[])
    hits = rules_of(check([a, b], PROFILE), "STUDENT-DUPLICATE")
    assert [(h.file, h.where, h.school) for h in hits] == [("b.xlsx", "报名!D2", "一小")]
    assert "1 名学生" in hits[0].message and "a.xlsx" in hits[0].message


def test_rows_of_other_terms_are_left_out_and_an_unreadable_term_is_said_at_its_cell(tmp_path):
    # Row 2 this term, 3 another, 4 blank, 5 unreadable, 6 this term written another way.
    enr = [student("1"), student("2", term="2025秋"), student("3", term=None), student("4", term="明年"),
           student("5", term="2026-2027-1")]
    r = run(tmp_path, enrollment=enr, payments=[])
    hits = rules_of(r, "CELL-TERM")
    assert [h.where for h in hits] == ["报名!A4", "报名!A5"]
    assert hits[0].message.startswith("「学期」空白") and hits[0].value is None
    assert "实际为「明年」" in hits[1].message and hits[1].value == "明年"
    assert not r.per_school  # the file cannot be used: nothing is totalled from it
    good = run(tmp_path, enrollment=[enr[0], enr[1], enr[4]], payments=[])
    assert sorted(good.students["student_id"]) == ["1", "5"]

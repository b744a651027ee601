"""Staff sign-in against the schedule (--schedule) and billing against attended days (--fees)."""
from __future__ import annotations

import pytest

from asrv.attendance import Options, run
from asrv.profile import load_profile
from test_attendance_support import SCHOOL, at, cell, clean, sid, write
from test_schedule_support import week, write_book

PROFILE = load_profile("default")
FEES_HEAD = {"报名": ["学期", "学号", "模式", "收费"], "缴费": ["学期", "学号", "金额"]}


@pytest.fixture
def schedule(tmp_path):
    """王芳 runs 三(2)班托管 16:10–17:30 on every weekday; its 教师 cells are 安排!L2…L6."""
    return write_book(tmp_path / "安排.xlsx", week(school=SCHOOL, group="三(2)班托管", start="16:10", end="17:30",
                                                 staff="王芳"))


def check(tmp_path, book, profile=PROFILE, **options):
    return run([str(write(tmp_path / "考勤.xlsx", book))], profile, options=Options(**options))


# ---- ATT-STAFF-SIGNIN ----

def test_a_scheduled_teacher_without_a_sign_in(tmp_path, schedule):
    book = clean()
    del book["教师签到"][1]                                      # Tuesday 09-08
    r = check(tmp_path, book, schedule=[str(schedule)])
    found = [f for f in r.findings if f.rule == "ATT-STAFF-SIGNIN"]
    assert [(f.file, f.where) for f in found] == [("安排.xlsx", "安排!L3")]
    assert "王芳 2026-09-08（周二）" in found[0].message
    assert {f.role for f in r.files} == {"", "安排"} and all(f.used for f in r.files)


def test_a_name_typed_with_a_space_is_the_same_teacher(tmp_path, schedule):
    book = clean()
    book["教师签到"][1]["姓名"] = "王 芳"
    assert at(check(tmp_path, book, schedule=[str(schedule)]).findings, "ATT-STAFF-SIGNIN") == set()


def test_no_sign_in_data_at_all_is_said_once(tmp_path, schedule):
    book = clean()
    del book["教师签到"]
    found = [f for f in check(tmp_path, book, schedule=[str(schedule)]).findings if f.rule == "ATT-STAFF-SIGNIN"]
    assert len(found) == 1 and found[0].severity == "warning" and "没有教师签到记录" in found[0].message


def test_without_schedule_no_sign_in_rule_runs(tmp_path):
    book = clean()
    del book["教师签到"][1]
    assert at(check(tmp_path, book).findings, "ATT-STAFF-SIGNIN") == set()


# ---- ATT-STAFF-LATE ----

@pytest.mark.parametrize("column, value, found", [("签到时间", "16:10", False), ("签到时间", "16:11", True),
                                                  ("签退时间", "17:30", False), ("签退时间", "17:29", True)])
def test_signed_in_by_the_start_and_out_after_the_end(tmp_path, schedule, column, value, found):
    book = clean()
    book["教师签到"][2][column] = value
    r = check(tmp_path, book, schedule=[str(schedule)])
    assert at(r.findings, "ATT-STAFF-LATE") == ({cell("教师签到", column, 2)} if found else set())


def test_the_schedule_of_another_school_is_not_this_schools(tmp_path):
    other = write_book(tmp_path / "安排.xlsx", week(school="第二中学", group="七(1)班", staff="李明") +
                       week(school=SCHOOL, group="三(2)班托管", start="16:10", end="17:30", staff="王芳"))
    r = check(tmp_path, clean(), schedule=[str(other)])
    assert r.findings == []


# ---- ATT-FEE-DAYS ----

def _fees(tmp_path, paid: dict, fee=300, extra=()):
    rows = {"报名": [{"学期": "2026秋", "学号": sid(i), "模式": "普惠托管", "收费": fee} for i in range(4)] + list(extra),
            "缴费": [{"学期": "2026秋", "学号": s, "金额": a} for s, a in paid.items()]}
    return str(write(tmp_path / "收费.xlsx", rows, FEES_HEAD))


def _one_day_away(book):
    book["考勤"][0]["状态"] = "请假"                   # sid(0): 9 of 10 days
    del book["离校"][0]


@pytest.mark.parametrize("paid, found", [(270, False), (270.01, True), (300, True)])
def test_paid_more_than_the_attended_days(tmp_path, paid, found):
    book = clean()
    _one_day_away(book)
    r = check(tmp_path, book, fees=[_fees(tmp_path, {sid(0): paid})])
    assert at(r.findings, "ATT-FEE-DAYS") == ({"缴费!C2"} if found else set())
    if found:
        assert "按出勤 9/10 天应收 270.00 元" in r.findings[0].message


def test_full_pro_rating_bills_any_attended_term_in_full(tmp_path):
    book = clean()
    _one_day_away(book)
    full = PROFILE.with_values(**{"attendance.fees.pro_rating": "full"})
    assert check(tmp_path, book, profile=full, fees=[_fees(tmp_path, {sid(0): 300})]).findings == []


@pytest.mark.parametrize("fee, found", [(300, True), (0, False)])
def test_billed_without_one_attended_day(tmp_path, fee, found):
    book = clean()
    for r in book["考勤"]:
        if r["学号"] == sid(1):
            r["状态"] = "请假"
    book["离校"] = [d for d in book["离校"] if d["学号"] != sid(1)]
    extra = [{"学期": "2026秋", "学号": sid(1), "模式": "普惠托管", "收费": fee}]
    r = check(tmp_path, book, fees=[_fees(tmp_path, {}, fee=0, extra=extra)])
    assert at(r.findings, "ATT-FEE-DAYS") == ({"报名!D6"} if found else set())


def test_billed_but_not_on_the_roster(tmp_path):
    extra = [{"学期": "2026秋", "学号": "X1", "模式": "普惠托管", "收费": 100}]
    r = check(tmp_path, clean(), fees=[_fees(tmp_path, {}, extra=extra)])
    assert [f.message.split("（")[0] for f in r.findings] == ["学号 X1 报名表收费 100.00 元，但不在课后服务名单中、没有出勤"]


def test_rows_of_another_term_and_mode_are_not_billed_by_attendance(tmp_path):
    extra = [{"学期": "2026春", "学号": "X1", "模式": "普惠托管", "收费": 100},
             {"学期": "2026秋", "学号": "X2", "模式": "个性化课程", "收费": 100}]
    assert check(tmp_path, clean(), fees=[_fees(tmp_path, {}, extra=extra)]).findings == []


def test_a_fee_file_that_cannot_be_read_is_a_finding_and_exit_2(tmp_path):
    bad = write(tmp_path / "收费.xlsx", {"缴费": [{"学号": sid(0), "金额": 1}]}, FEES_HEAD)
    r = check(tmp_path, clean(), fees=[str(bad)])
    assert r.exit_code() == 2 and any(f.rule == "READ-SHEET" and f.file == "收费.xlsx" for f in r.findings)
    assert [f.used for f in r.files] == [True, False]

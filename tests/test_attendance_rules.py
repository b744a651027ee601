"""Each attendance rule: a violating case, one just inside the limit (no finding) and one just outside."""
from __future__ import annotations

import datetime as dt

import pytest

from asrv.attendance import Options, run
from asrv.profile import load_profile
from test_attendance_support import DAYS, HEAD, at, cell, clean, rows_of, sid, write

PROFILE = load_profile("default")


def check(tmp_path, book, profile=PROFILE, **options):
    path = write(tmp_path / "考勤.xlsx", book)
    return run([str(path)], profile, options=Options(**options))


def only(result, rule: str) -> set[str]:
    return at(result.findings, rule)


def test_clean_fortnight_has_no_finding(tmp_path):
    r = check(tmp_path, clean())
    assert r.findings == [] and r.exit_code() == 0
    rates = r.school_rates()["第一实验小学"]
    assert rates["attendance_rate"] == 1.0 and rates["handover_completeness"] == 1.0 and rates["records"] == 40


# ---- ATT-UNREPORTED-ABSENCE ----

@pytest.mark.parametrize("told, found", [(None, True), ("16:30", False), (dt.datetime(2026, 9, 7, 23, 59), False),
                                         (dt.datetime(2026, 9, 8, 0, 0), True)])
def test_absence_needs_the_parent_told_that_day(tmp_path, told, found):
    book = clean()
    book["考勤"][0].update(状态="缺勤", 告知家长时间=told)
    del book["离校"][0]
    r = check(tmp_path, book)
    assert only(r, "ATT-UNREPORTED-ABSENCE") == ({cell("考勤", "告知家长时间", 0)} if found else set())
    assert r.school_rates()["第一实验小学"]["unreported_absences"] == int(found)


def test_leave_is_not_an_unreported_absence(tmp_path):
    book = clean()
    book["考勤"][0]["状态"] = "病假"      # read as 请假
    del book["离校"][0]
    assert check(tmp_path, book).findings == []


# ---- ATT-NOT-ON-ROSTER ----

def test_a_record_of_a_student_not_enrolled(tmp_path):
    book = clean()
    book["考勤"][2]["学号"] = "99999"
    r = check(tmp_path, book)
    assert only(r, "ATT-NOT-ON-ROSTER") == {cell("考勤", "学号", 2)}
    assert any("学号 99999（三(2)班托管）不在课后服务名单中" in f.message for f in r.findings)


def test_enrolled_but_recorded_in_another_group(tmp_path):
    book = clean()
    book["考勤"][1]["服务班"] = "四(1)班托管"
    assert only(check(tmp_path, book), "ATT-NOT-ON-ROSTER") == {cell("考勤", "服务班", 1)}


def test_the_same_group_spelled_otherwise_is_on_the_roster(tmp_path):
    book = clean()
    book["考勤"][1]["服务班"] = "三（2）班托管"
    assert only(check(tmp_path, book), "ATT-NOT-ON-ROSTER") == set()


def test_a_departure_of_a_student_not_enrolled(tmp_path):
    book = clean()
    book["离校"].append({**book["离校"][0], "学号": "88888"})
    assert only(check(tmp_path, book), "ATT-NOT-ON-ROSTER") == {cell("离校", "学号", len(book["离校"]) - 1)}


# ---- ATT-NO-RECORD ----

def test_an_enrolled_student_with_no_row_on_a_service_day(tmp_path):
    book = clean()
    i = rows_of(book, "考勤", 学号=sid(1), 日期=DAYS[1])[0]
    del book["考勤"][i]
    r = check(tmp_path, book)
    assert only(r, "ATT-NO-RECORD") == {cell("名单", "学号", 1)}
    assert "2026-09-08" in r.findings[0].message


@pytest.mark.parametrize("days, found", [("周一、周三、周四、周五", False), ("周一至周五", True), ("周二", True)])
def test_only_the_students_own_days_are_expected(tmp_path, days, found):
    book = clean()
    book["名单"][1]["参加日"] = days
    for i in reversed(rows_of(book, "考勤", 学号=sid(1))):
        if book["考勤"][i]["日期"].weekday() == 1:       # every Tuesday missing
            del book["考勤"][i]
    assert bool(only(check(tmp_path, book), "ATT-NO-RECORD")) == found


def test_a_whole_group_missing_on_a_day_is_one_finding(tmp_path):
    book = clean()
    other = clean(group="四(1)班托管")
    for k in ("名单", "考勤", "离校", "授权接送人"):
        for r in other[k]:
            r["学号"] = "9" + r["学号"]
        book[k] += other[k]
    book["考勤"] = [r for r in book["考勤"] if not (r["服务班"] == "四(1)班托管" and r["日期"] == DAYS[0])]
    r = check(tmp_path, book)
    assert only(r, "ATT-NO-RECORD") == {cell("名单", "服务班", 4)}
    assert "没有任何考勤记录（名单中应到 4 人）" in r.findings[0].message


# ---- ATT-DUPLICATE and STUDENT-DUPLICATE ----

def test_two_rows_for_one_student_day(tmp_path):
    book = clean()
    book["考勤"].append(dict(book["考勤"][5]))
    r = check(tmp_path, book)
    assert only(r, "ATT-DUPLICATE") == {cell("考勤", "学号", len(book["考勤"]) - 1)}
    assert r.school_rates()["第一实验小学"]["records"] == 40     # counted once


@pytest.mark.parametrize("days, found", [("周一、周二", True), ("周六", False)])
def test_a_student_twice_on_the_roster_on_the_same_weekday(tmp_path, days, found):
    book = clean()
    book["名单"].append({**book["名单"][0], "服务班": "四(1)班托管", "参加日": days})
    assert bool(only(check(tmp_path, book), "STUDENT-DUPLICATE")) == found


# ---- ATT-NO-DEPARTURE ----

def test_present_with_no_departure(tmp_path):
    book = clean()
    del book["离校"][3]
    r = check(tmp_path, book)
    assert only(r, "ATT-NO-DEPARTURE") == {cell("考勤", "状态", 3)}
    assert r.school_rates()["第一实验小学"]["handover_completeness"] == round(39 / 40, 4)


@pytest.mark.parametrize("status, found", [("请假", False), ("早退", True), ("迟到", True)])
def test_who_needs_a_departure(tmp_path, status, found):
    book = clean()
    book["考勤"][3]["状态"] = status
    del book["离校"][3]
    assert bool(only(check(tmp_path, book), "ATT-NO-DEPARTURE")) == found


@pytest.mark.parametrize("change, where", [
    ({"交接教师": None}, ("离校", "交接教师")), ({"离校时间": None}, ("离校", "离校时间")),
    ({"接送人": None}, ("离校", "接送人")), ({"接送人": None, "方式": "自行离校"}, None),
    ({"接送人": None, "方式": "交门卫"}, None)])
def test_a_departure_needs_time_picker_and_teacher(tmp_path, change, where):
    book = clean()
    book["离校"][4].update(change)
    book["授权接送人"].append({"学号": sid(0), "接送人": "学生0", "关系": "本人"})
    expected = {cell(where[0], where[1], 4)} if where else set()
    assert only(check(tmp_path, book), "ATT-NO-DEPARTURE") == expected


def test_departures_written_in_the_attendance_sheet(tmp_path):
    book = clean()
    heads = dict(HEAD)
    heads["考勤"] = heads["考勤"] + ["离校时间", "方式", "接送人", "交接教师"]
    for a, d in zip(book["考勤"], book["离校"]):
        a.update({k: d[k] for k in ("离校时间", "方式", "接送人", "交接教师")})
    book["考勤"][2]["交接教师"] = None
    del book["离校"]
    path = write(tmp_path / "一表.xlsx", book, heads)
    r = run([str(path)], PROFILE)
    assert at(r.findings, "ATT-NO-DEPARTURE") == {cell("考勤", "交接教师", 2, heads)}


def test_no_departure_sheet_nor_columns_is_unusable(tmp_path):
    book = clean()
    del book["离校"]
    r = check(tmp_path, book)
    assert r.exit_code() == 2 and r.findings[0].rule == "READ-SHEET" and "离校" in r.findings[0].message


# ---- ATT-PICKUP-UNAUTHORISED ----

def test_picked_up_by_someone_not_authorised(tmp_path):
    book = clean()
    book["离校"][5]["接送人"] = "王阿姨"
    r = check(tmp_path, book)
    assert only(r, "ATT-PICKUP-UNAUTHORISED") == {cell("离校", "接送人", 5)}
    assert "王阿姨" in r.findings[0].message


@pytest.mark.parametrize("until, found", [(DAYS[0], False), (DAYS[0] - dt.timedelta(days=1), True), (None, False)])
def test_an_authorisation_valid_until_a_day(tmp_path, until, found):
    book = clean(days=DAYS[:1])
    book["授权接送人"][0]["有效期"] = until
    r = check(tmp_path, book)
    assert only(r, "ATT-PICKUP-UNAUTHORISED") == ({cell("离校", "接送人", 0)} if found else set())
    if found:
        assert "到期" in r.findings[0].message


def test_a_name_with_the_relation_in_brackets_is_the_same_person(tmp_path):
    book = clean()
    book["离校"][0]["接送人"] = "家长0（父亲）"
    assert only(check(tmp_path, book), "ATT-PICKUP-UNAUTHORISED") == set()


@pytest.mark.parametrize("relation, found", [("本人", False), ("父亲", True)])
def test_leaving_alone_needs_the_parents_consent(tmp_path, relation, found):
    book = clean()
    book["离校"][0].update(方式="自行离校", 接送人=None)
    book["授权接送人"].append({"学号": sid(0), "接送人": "学生0", "关系": relation})
    assert only(check(tmp_path, book), "ATT-PICKUP-UNAUTHORISED") == ({cell("离校", "方式", 0)} if found else set())


def test_without_a_guardians_sheet_nobody_is_unauthorised(tmp_path):
    book = clean()
    book["离校"][5]["接送人"] = "王阿姨"
    del book["授权接送人"]
    assert only(check(tmp_path, book), "ATT-PICKUP-UNAUTHORISED") == set()


# ---- ATT-LATE-PICKUP ----

@pytest.mark.parametrize("left, way, found", [("18:00", "家长接", False), ("18:01", "家长接", True),
                                              ("18:30", "交门卫", False)])
def test_late_pickup_after_end_and_grace(tmp_path, left, way, found):
    book = clean()
    book["离校"][6].update(离校时间=left, 方式=way)
    r = check(tmp_path, book)
    assert only(r, "ATT-LATE-PICKUP") == ({cell("离校", "离校时间", 6)} if found else set())
    assert r.school_rates()["第一实验小学"]["late_pickups"] == int(found)


def test_late_pickup_takes_the_end_from_the_schedule(tmp_path):
    from test_schedule_support import week, write_book
    sched = write_book(tmp_path / "安排.xlsx", week(school="第一实验小学", group="三(2)班托管", start="16:10",
                                                 end="17:40", staff="王芳"))
    book = clean()
    book["离校"][0]["离校时间"] = "18:10"
    book["离校"][1]["离校时间"] = "18:11"
    r = check(tmp_path, book, schedule=[str(sched)])
    assert only(r, "ATT-LATE-PICKUP") == {cell("离校", "离校时间", 1)}


# ---- ATT-BACKFILL and ATT-ENTRY-EARLY ----

@pytest.mark.parametrize("delay, rule", [(1, None), (2, "ATT-BACKFILL"), (0, None), (-1, "ATT-ENTRY-EARLY")])
def test_entry_date(tmp_path, delay, rule):
    book = clean()
    book["考勤"][9]["录入日期"] = book["考勤"][9]["日期"] + dt.timedelta(days=delay)
    r = check(tmp_path, book)
    assert {f.rule for f in r.findings} == ({rule} if rule else set())
    if rule:
        assert r.findings[0].where == cell("考勤", "录入日期", 9) and r.findings[0].severity == "warning"


def test_a_batch_entered_late_is_one_finding(tmp_path):
    book = clean()
    for i in rows_of(book, "考勤", 日期=DAYS[2]):
        book["考勤"][i]["录入日期"] = DAYS[2] + dt.timedelta(days=5)
    r = check(tmp_path, book)
    assert len(r.findings) == 1 and "同批共 4 行" in r.findings[0].message


def test_backfill_days_come_from_the_profile(tmp_path):
    book = clean()
    book["考勤"][0]["录入日期"] = DAYS[0] + dt.timedelta(days=1)
    strict = PROFILE.with_values(**{"attendance.backfill_days": 0})
    assert only(check(tmp_path, book, profile=strict), "ATT-BACKFILL") == {cell("考勤", "录入日期", 0)}


# ---- ATT-RATE-LOW ----

@pytest.mark.parametrize("away, found", [(8, False), (9, True)])
def test_group_rate_below_the_minimum(tmp_path, away, found):
    book = clean()   # 4 students × 10 days = 40 records; 80 % is 32
    for r in book["考勤"][:away]:
        r["状态"] = "请假"
    book["离校"] = book["离校"][away:]
    r = check(tmp_path, book)
    assert only(r, "ATT-RATE-LOW") == ({cell("考勤", "服务班", 0)} if found else set())
    assert r.school_rates()["第一实验小学"]["attendance_rate"] == (40 - away) / 40

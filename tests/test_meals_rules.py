"""Each lunch rule: a violating case, one just inside the limit (no finding) and one just outside."""
from __future__ import annotations

import datetime as dt

import pytest

from asrv.meals import run
from asrv.profile import load_profile
from test_meals_support import DAYS, at, cell, clean, write

PROFILE = load_profile("default")


def check(tmp_path, book, profile=PROFILE):
    return run([str(write(tmp_path / "午餐.xlsx", book))], profile)


def test_clean_fortnight_has_no_finding(tmp_path):
    r = check(tmp_path, clean())
    assert r.findings == [] and r.exit_code() == 0
    rates = r.school_rates()["第一实验小学"]
    assert rates == {"meal_days": 10, "needed": 800, "served": 800, "provision_rate": 1.0, "accompanied_days": 10,
                     "accompany_coverage": 1.0, "leader_days": 10, "leader_coverage": 1.0, "open_issues": 0}


# ---- MEAL-RATE ----

@pytest.mark.parametrize("served, found", [(40, False), (39, True), (41, False)])
def test_served_below_needed(tmp_path, served, found):
    book = clean()
    book["就餐"][0]["供餐人数"] = served
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-RATE") == ({cell("就餐", "供餐人数", 0)} if found else set())
    assert r.school_rates()["第一实验小学"]["provision_rate"] == round((760 + min(served, 40)) / 800, 4)  # over-serving offsets nothing


def test_the_provision_minimum_comes_from_the_profile(tmp_path):
    book = clean()
    book["就餐"][0]["供餐人数"] = 38                  # 95 %
    lenient = PROFILE.with_values(**{"meals.provision_minimum": 0.95})
    assert at(check(tmp_path, book, lenient).findings, "MEAL-RATE") == set()
    book["就餐"][0]["供餐人数"] = 37
    assert at(check(tmp_path, book, lenient).findings, "MEAL-RATE") == {cell("就餐", "供餐人数", 0)}


# ---- MEAL-NO-DATA ----

def test_a_calendar_meal_day_without_figures(tmp_path):
    book = clean()
    book["就餐"] = [r for r in book["就餐"] if r["日期"] != DAYS[3]]
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-NO-DATA") == {cell("开餐日历", "是否开餐", 3)} and r.exit_code() == 0


def test_a_closed_day_needs_nothing(tmp_path):
    book = clean()
    book["开餐日历"][3]["是否开餐"] = "否"
    book["就餐"] = [r for r in book["就餐"] if r["日期"] != DAYS[3]]
    book["陪餐"] = [r for r in book["陪餐"] if r["日期"] != DAYS[3]]
    book["留样"] = [r for r in book["留样"] if r["日期"] != DAYS[3]]
    r = check(tmp_path, book)
    assert r.findings == [] and r.school_rates()["第一实验小学"]["meal_days"] == 9


# ---- MEAL-ACCOMPANY ----

def test_a_meal_day_without_an_accompanying_record(tmp_path):
    book = clean()
    del book["陪餐"][4]
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-ACCOMPANY") == {cell("开餐日历", "是否开餐", 4)}
    assert r.school_rates()["第一实验小学"]["accompany_coverage"] == 0.9


def test_without_a_calendar_the_meal_days_come_from_the_need(tmp_path):
    book = clean()
    del book["开餐日历"]
    del book["陪餐"][4]
    for r in book["就餐"]:
        if r["日期"] == DAYS[5]:
            r.update(需要人数=0, 供餐人数=0)           # no need that day: not a meal day
    book["陪餐"] = [r for r in book["陪餐"] if r["日期"] != DAYS[5]]
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-ACCOMPANY") == {cell("就餐", "日期", 8)}
    assert r.school_rates()["第一实验小学"]["meal_days"] == 9


# ---- MEAL-ACCOMPANY-ROLE ----

@pytest.mark.parametrize("title, found", [("副校长", False), ("副校长兼教导主任", False), ("教导主任", True),
                                          ("校长助理", True), ("", True)])
def test_the_accompanying_person_is_a_school_leader(tmp_path, title, found):
    book = clean()
    book["陪餐"][2]["职务"] = title or None
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-ACCOMPANY-ROLE") == ({cell("陪餐", "职务", 2)} if found else set())


def test_a_leader_beside_a_teacher_is_enough(tmp_path):
    book = clean()
    book["陪餐"].append({**book["陪餐"][2], "陪餐人": "王丽", "职务": "班主任"})
    assert at(check(tmp_path, book).findings, "MEAL-ACCOMPANY-ROLE") == set()


# ---- MEAL-ISSUE-OPEN ----

@pytest.mark.parametrize("change, where", [
    ({"问题": "汤偏咸"}, ("整改措施", "整改措施和整改日期")),
    ({"问题": "汤偏咸", "整改措施": "减盐"}, ("整改日期", "没有整改日期")),
    ({"问题": "汤偏咸", "整改措施": "减盐", "整改日期": dt.date(2026, 9, 10)}, None),
    ({"问题": "无"}, None), ({"卫生": "差", "问题": None}, ("整改措施", "「卫生差」")),
    ({"饭菜质量": "一般"}, None)])
def test_a_problem_found_is_put_right(tmp_path, change, where):
    book = clean()
    book["陪餐"][1].update(change)
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-ISSUE-OPEN") == ({cell("陪餐", where[0], 1)} if where else set())
    if where:
        assert where[1] in r.findings[0].message and r.school_rates()["第一实验小学"]["open_issues"] == 1


# ---- MEAL-SAMPLE ----

@pytest.mark.parametrize("grams, found", [(125, False), (124.9, True), (None, True)])
def test_sample_weight(tmp_path, grams, found):
    book = clean()
    book["留样"][0]["留样量(克)"] = grams
    assert at(check(tmp_path, book).findings, "MEAL-SAMPLE") == ({cell("留样", "留样量(克)", 0)} if found else set())


@pytest.mark.parametrize("kept_for, found", [(dt.timedelta(hours=48), False),
                                             (dt.timedelta(hours=47, minutes=59), True)])
def test_sample_kept_hours(tmp_path, kept_for, found):
    book = clean()
    s = book["留样"][1]
    s["销毁时间"] = s["留样时间"] + kept_for
    r = check(tmp_path, book)
    assert at(r.findings, "MEAL-SAMPLE") == ({cell("留样", "销毁时间", 1)} if found else set())
    if found:
        assert "只保存 47 小时 59 分" in r.findings[0].message


def test_a_bare_time_is_on_the_samples_own_day(tmp_path):
    book = clean()
    book["留样"][1].update(留样时间="11:30", 销毁时间=None)
    assert check(tmp_path, book).findings == []          # not destroyed yet: nothing to check
    book["留样"][1].update(销毁时间="18:00")
    assert at(check(tmp_path, book).findings, "MEAL-SAMPLE") == {cell("留样", "销毁时间", 1)}


def test_a_meal_day_without_samples(tmp_path):
    book = clean()
    book["留样"] = [s for s in book["留样"] if s["日期"] != DAYS[6]]
    assert at(check(tmp_path, book).findings, "MEAL-SAMPLE") == {cell("开餐日历", "是否开餐", 6)}


def test_without_a_samples_sheet_samples_are_not_checked(tmp_path):
    book = clean()
    del book["留样"]
    assert check(tmp_path, book).findings == []

"""Each rule: a violating row, a row just inside and just outside its limit, per profile where it differs."""
import pytest

from asrv import schedule
from asrv.findings import InputError
from asrv.profile import load_profile
from test_schedule_support import person, session, week, write_book


def run(tmp_path, sessions, staff=None, schools=None, profile="default", name="s.xlsx"):
    path = write_book(tmp_path / name, sessions, staff, schools)
    return schedule.run([path], load_profile(profile))


def hits(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_clean_schedule_gives_no_findings(tmp_path):
    rows = week() + week(group="四(1)班", grade="四年级", start="16:00", end="16:40", activity="作业辅导",
                         category="作业辅导", staff="李强", room="401") \
        + week(group="四(1)班", grade="四年级", start="16:40", end="17:30", activity="足球", category="体育",
               staff="李强", room="操场") \
        + week(school="二中", stage="初中", grade="七年级", group="七(1)班", start="17:00", end="18:30",
               staff="赵六", room="701", activity="科技社团", category="科普")
    result = run(tmp_path, rows, schools=[["一小", "小学", "16:00", "17:30"]])
    assert result.findings == []


# ---- SCH-DAY ----------------------------------------------------------------------------------

def test_sch_day_weekend_flagged_at_weekday_cell(tmp_path):
    r = run(tmp_path, [session(day="周五"), session(day="周六", group="三(2)班", room="302")])
    [f] = hits(r, "SCH-DAY")
    assert (f.sheet, f.cell, f.value, f.severity) == ("安排", "E3", "周六", "error")
    assert f.message.endswith("（篇1 三(二)）") and "周六" in f.message


def test_sch_day_range_cell_gives_one_finding(tmp_path):
    r = run(tmp_path, [session(day="周一至周日")])
    [f] = hits(r, "SCH-DAY")
    assert f.value == "周六、周日"


@pytest.mark.parametrize("profile,source", [("hefei", "篇2 三(二)"), ("national", "篇1 三(二)")])
def test_sch_day_cites_profile_clause(tmp_path, profile, source):
    r = run(tmp_path, [session(day="Sat")], profile=profile)
    assert hits(r, "SCH-DAY")[0].message.endswith(f"（{source}）")


# ---- SCH-END ----------------------------------------------------------------------------------

@pytest.mark.parametrize("profile,stage,end,bad", [
    ("default", "小学", "18:00", False), ("default", "小学", "18:01", True),
    ("default", "初中", "18:30", False), ("default", "初中", "18:31", True),
    ("hefei", "初中", "18:00", False), ("hefei", "初中", "18:01", True),
    ("hefei", "小学", "18:00", False), ("hefei", "小学", "18:01", True),
])
def test_sch_end_limits(tmp_path, profile, stage, end, bad):
    grade = "三年级" if stage == "小学" else "八年级"
    r = run(tmp_path, [session(stage=stage, grade=grade, start="17:00", end=end)], profile=profile)
    found = hits(r, "SCH-END")
    assert bool(found) == bad
    if bad:
        limit = {"小学": "18:00", "初中": "18:30" if profile == "default" else "18:00"}[stage]
        clause = "篇1 三(二)" if profile == "default" else "篇2 三(二)"
        assert found[0].message == f"结束时间 {end} 晚于{stage}上限 {limit}（{clause}）"
        assert found[0].cell == "G2" and found[0].value == end


def test_sch_end_stage_inferred_from_grade(tmp_path):
    r = run(tmp_path, [session(stage="", grade="初二", start="17:00", end="18:20")])
    assert not hits(r, "SCH-END")  # 初中: 18:30
    r = run(tmp_path, [session(stage="", grade="", group="五(3)班", start="17:00", end="18:20")])
    assert hits(r, "SCH-END")      # 五(3)班 -> 小学: 18:00


# ---- SCH-END-MIN ------------------------------------------------------------------------------

@pytest.mark.parametrize("end,bad", [("17:30", False), ("17:29", True), ("18:00", False)])
def test_sch_end_min_national(tmp_path, end, bad):
    r = run(tmp_path, week(start="15:30", end=end), schools=[["一小", "小学", "15:30", "17:30"]],
            profile="national")
    found = hits(r, "SCH-END-MIN")
    assert bool(found) == bad
    if bad:
        assert len(found) == 5 and "早于当地下班时间 17:30" in found[0].message
        assert "中办发〔2021〕40号" in found[0].message


def test_sch_end_min_uses_the_group_last_session_and_is_off_by_default(tmp_path):
    rows = week(start="15:30", end="16:30") + week(start="16:30", end="17:40", activity="足球", room="操场")
    school = [["一小", "小学", "15:30", "17:30"]]
    assert not hits(run(tmp_path, rows, schools=school, profile="national"), "SCH-END-MIN")
    assert not hits(run(tmp_path, week(end="17:00"), schools=school), "SCH-END-MIN")


def test_sch_end_min_without_off_work_is_a_warning(tmp_path):
    r = run(tmp_path, week(start="15:30", end="17:30"), profile="national")
    [f] = hits(r, "SCH-END-MIN")
    assert f.severity == "warning" and "下班时间" in f.message


# ---- SCH-LEN ----------------------------------------------------------------------------------

@pytest.mark.parametrize("end,bad", [("17:30", False), ("17:31", True)])
def test_sch_len_default_max_90(tmp_path, end, bad):
    r = run(tmp_path, [session(start="16:00", end=end)])
    found = hits(r, "SCH-LEN")
    assert bool(found) == bad
    if bad:
        assert found[0].value == 91 and "超过 90 分钟上限（篇1 三(二)）" in found[0].message


def test_sch_len_sums_sessions_across_rows_once_for_overlaps(tmp_path):
    two = [session(start="16:00", end="16:50"), session(start="16:50", end="17:31", room="302", staff="李四")]
    [f] = hits(run(tmp_path, two), "SCH-LEN")
    assert f.cell == "G3" and f.value == 91
    parallel = [session(start="16:00", end="17:30"), session(start="16:00", end="17:30", room="302", staff="李四")]
    assert not hits(run(tmp_path, parallel), "SCH-LEN")


def test_union_minutes_counts_each_minute_once_and_keeps_the_first_row_ending_last():
    import pandas as pd

    from asrv.schedule.rules_time import GROUP_DAY, union_minutes
    nan = float("nan")
    rows = [("A", 1, 960, 1000, 1), ("A", 1, 970, 990, 2), ("A", 1, 1010, 1040, 3), ("A", 1, 1020, 1040, 4),
            ("B", 1, 900, 930, 5), ("A", 2, 960, nan, 6), ("A", 2, 980, 1000, 7)]
    s = pd.DataFrame([{"file": "s.xlsx", "school": "一小", "group": g, "day": d, "start": float(a), "end": float(b),
                       "row": r} for g, d, a, b, r in rows])
    got = union_minutes(s.sample(frac=1, random_state=3), GROUP_DAY)
    assert list(got.columns) == [*GROUP_DAY, "start", "end", "row", "minutes"]
    assert got[["group", "day", "row", "minutes"]].values.tolist() == [["A", 1, 3, 70.0], ["A", 2, 7, 20.0],
                                                                      ["B", 1, 5, 30.0]]
    assert union_minutes(s.iloc[:0], GROUP_DAY).empty


def test_sch_len_is_per_group_and_per_day(tmp_path):
    rows = [session(start="16:00", end="17:00"), session(start="17:00", end="17:40", group="三(2)班", room="302"),
            session(day="周二", start="16:50", end="17:30", staff="李四", room="303")]
    assert not hits(run(tmp_path, rows), "SCH-LEN")


@pytest.mark.parametrize("end,bad", [("18:00", False), ("17:59", True)])
def test_sch_len_national_at_least_120(tmp_path, end, bad):
    r = run(tmp_path, week(start="16:00", end=end), profile="national")
    found = hits(r, "SCH-LEN")
    assert bool(found) == bad
    if bad:
        assert len(found) == 5 and found[0].value == 119  # one per weekday row
        assert "不足 120 分钟" in found[0].message and "中办发〔2021〕40号" in found[0].message


def test_sch_len_national_has_no_upper_limit(tmp_path):
    r = run(tmp_path, week(start="15:00", end="17:30"), profile="national")
    assert not hits(r, "SCH-LEN")


# ---- SCH-STUDY --------------------------------------------------------------------------------

@pytest.mark.parametrize("stage,grade,end,bad", [
    ("小学", "三年级", "16:40", False), ("小学", "三年级", "16:41", True),
    ("初中", "八年级", "16:45", False), ("初中", "八年级", "16:46", True),
])
def test_sch_study_one_class_period(tmp_path, stage, grade, end, bad):
    r = run(tmp_path, [session(stage=stage, grade=grade, start="16:00", end=end, activity="作业辅导",
                               category="作业辅导")])
    found = hits(r, "SCH-STUDY")
    assert bool(found) == bad
    if bad:
        limit = 40 if stage == "小学" else 45
        assert f"超过一个课时（{stage} {limit} 分钟）（篇1 三(三)）" in found[0].message
        assert found[0].cell == "H2"


def test_sch_study_sums_homework_help_and_questions(tmp_path):
    rows = [session(start="16:00", end="16:20", activity="作业辅导", category=""),
            session(start="16:20", end="16:41", activity="答疑", category="答疑", room="302")]
    [f] = hits(run(tmp_path, rows), "SCH-STUDY")
    assert f.value == 41 and f.cell == "H3"


# ---- SCH-HOMEWORK -----------------------------------------------------------------------------

@pytest.mark.parametrize("grade,group,homework,bad", [
    ("二年级", "二(1)班", "是", True), ("三年级", "三(1)班", "是", False), ("二年级", "二(1)班", "否", False),
    ("", "二(3)班", "是", True), ("一年级", "一(1)班", "是", True),
])
def test_sch_homework_grades_one_two(tmp_path, grade, group, homework, bad):
    r = run(tmp_path, [session(grade=grade, group=group, homework=homework)])
    found = hits(r, "SCH-HOMEWORK")
    assert bool(found) == bad
    if bad:
        assert found[0].cell == "K2" and found[0].message.endswith("（篇1 三(三)）")


# ---- SCH-TEACHING -----------------------------------------------------------------------------

@pytest.mark.parametrize("activity,category,cell", [
    ("数学", "学科教学", "I2"), ("数学刷题", "作业辅导", "H2"), ("英语新课", "", "H2"), ("物理补课", "", "H2"),
    ("数学游戏", "益智", None), ("集体授课", "其他", "H2"),
])
def test_sch_teaching(tmp_path, activity, category, cell):
    r = run(tmp_path, [session(activity=activity, category=category)])
    found = hits(r, "SCH-TEACHING")
    assert [f.cell for f in found] == ([cell] if cell else [])


@pytest.mark.parametrize("profile,source", [("default", "篇1 三(三)"), ("hefei", "篇2 五(二)"),
                                            ("national", "教基厅函〔2023〕26号")])
def test_sch_teaching_cites_clause(tmp_path, profile, source):
    r = run(tmp_path, [session(category="学科教学")], profile=profile)
    assert hits(r, "SCH-TEACHING")[0].message.endswith(f"（{source}）")


# ---- SCH-AFTER-DISMISSAL ----------------------------------------------------------------------

@pytest.mark.parametrize("start,bad", [("16:30", False), ("16:29", True)])
def test_sch_after_dismissal_warning(tmp_path, start, bad):
    r = run(tmp_path, [session(start=start, end="17:30")], schools=[["一小", "小学", "16:30", ""]])
    found = hits(r, "SCH-AFTER-DISMISSAL")
    assert bool(found) == bad
    if bad:
        assert found[0].severity == "warning" and found[0].cell == "F2"
        assert "早于放学时间 16:30" in found[0].message


def test_sch_after_dismissal_per_stage(tmp_path):
    schools = [["一校", "小学", "16:00", ""], ["一校", "初中", "17:00", ""]]
    rows = [session(school="一校", start="16:10", end="17:00"),
            session(school="一校", stage="初中", grade="七年级", group="七(1)班", start="16:10", end="17:00",
                    room="701", staff="李四")]
    [f] = hits(run(tmp_path, rows, schools=schools), "SCH-AFTER-DISMISSAL")
    assert f.cell == "F3"


# ---- SCH-SCOPE, SCH-FIVE-DAYS (national only) ---------------------------------------------------

@pytest.mark.parametrize("profile,bad", [("default", False), ("hefei", False), ("national", True)])
def test_sch_scope(tmp_path, profile, bad):
    r = run(tmp_path, [session(activity="晚自习", category="自习")], profile=profile)
    assert bool(hits(r, "SCH-SCOPE")) == bad


def test_sch_scope_clean_activity(tmp_path):
    assert not hits(run(tmp_path, [session(activity="课外阅读")], profile="national"), "SCH-SCOPE")


@pytest.mark.parametrize("profile,days,missing", [
    ("national", ["周一", "周二", "周三", "周四", "周五"], None), ("national", ["周一", "周二", "周三", "周四"], "周五"),
    ("default", ["周一"], None),
])
def test_sch_five_days(tmp_path, profile, days, missing):
    r = run(tmp_path, [session(day=d) for d in days], profile=profile)
    found = hits(r, "SCH-FIVE-DAYS")
    assert [f.value for f in found] == ([missing] if missing else [])
    if missing:
        assert found[0].cell == "D2" and "5 个上学日" in found[0].message


# ---- STAFF ------------------------------------------------------------------------------------

def test_staff_known(tmp_path):
    r = run(tmp_path, [session(staff="王芳、李四")], staff=[person("王芳")])
    [f] = hits(r, "STAFF-KNOWN")
    assert (f.cell, f.value) == ("L2", "李四") and f.message.endswith("（篇1 三(五)）")


@pytest.mark.parametrize("bad_record,bad", [("是", True), ("否", False), ("", False)])
def test_staff_record(tmp_path, bad_record, bad):
    r = run(tmp_path, [session()], staff=[person("王芳", bad=bad_record)])
    found = hits(r, "STAFF-RECORD")
    assert bool(found) == bad
    if bad:
        assert (found[0].sheet, found[0].cell) == ("人员", "G2")


@pytest.mark.parametrize("profile,kind,org_kind,admitted,cell", [
    ("default", "第三方机构", "校外培训机构", "是", "D2"),   # banned outright
    ("default", "第三方机构", "体育俱乐部", "否", None),
    ("hefei", "第三方机构", "校外培训机构", "是", None),     # admitted vendors allowed
    ("hefei", "第三方机构", "校外培训机构", "否", "H2"),
    ("hefei", "第三方机构", "体育俱乐部", "", "H2"),
    ("national", "外聘专业人员", "培训学校", "否", "H2"),
    ("national", "第三方机构", "体育俱乐部", "是", None),
])
def test_staff_training_org(tmp_path, profile, kind, org_kind, admitted, cell):
    staff = [person("王芳", kind, "某机构", org_kind, "是", "是", admitted=admitted)]
    r = run(tmp_path, [session(mode="个性化课程")], staff=staff, profile=profile)
    assert [f.cell for f in hits(r, "STAFF-TRAINING-ORG")] == ([cell] if cell else [])


@pytest.mark.parametrize("kind,qualified,contract,cells", [
    ("外聘专业人员", "是", "是", []), ("外聘专业人员", "是", "否", ["F2"]), ("退休教师", "", "是", ["E2"]),
    ("志愿者", "否", "", ["E2", "F2"]), ("本校教职工", "", "", []),
])
def test_staff_external(tmp_path, kind, qualified, contract, cells):
    r = run(tmp_path, [session(mode="个性化课程")], staff=[person("王芳", kind, "", "", qualified, contract)])
    assert sorted(f.cell for f in hits(r, "STAFF-EXTERNAL")) == cells


@pytest.mark.parametrize("profile,mode,kind,bad", [
    ("hefei", "", "外聘专业人员", True), ("hefei", "普惠托管", "退休教师", True),
    ("hefei", "个性化课程", "外聘专业人员", False), ("hefei", "普惠托管", "本校教职工", False),
    ("default", "普惠托管", "外聘专业人员", False),
])
def test_staff_basic_own(tmp_path, profile, mode, kind, bad):
    r = run(tmp_path, [session(mode=mode)], staff=[person("王芳", kind, "", "", "是", "是")], profile=profile)
    found = hits(r, "STAFF-BASIC-OWN")
    assert bool(found) == bad
    if bad:
        assert found[0].cell == "L2" and found[0].message.endswith("（篇2 三(二)）")


# ---- CONFLICT ---------------------------------------------------------------------------------

@pytest.mark.parametrize("second_start,bad", [("17:00", False), ("16:59", True)])
def test_conflict_staff(tmp_path, second_start, bad):
    rows = [session(start="16:00", end="17:00"),
            session(group="三(2)班", start=second_start, end="17:30", room="302")]
    found = hits(run(tmp_path, rows), "CONFLICT-STAFF")
    assert bool(found) == bad
    if bad:
        assert (found[0].cell, found[0].value) == ("L3", "王芳") and "第 2 行" in found[0].message


def test_conflict_staff_multi_day_rows_give_one_finding(tmp_path):
    rows = [session(day="周一至周五", start="16:00", end="17:00"),
            session(day="周一至周三", group="三(2)班", start="16:30", end="17:10", room="302")]
    [f] = hits(run(tmp_path, rows), "CONFLICT-STAFF")
    assert "周一、周二、周三" in f.message


@pytest.mark.parametrize("room,school,second_start,bad", [
    ("301", "一小", "16:59", True), ("301", "一小", "17:00", False), ("操场", "一小", "16:30", False),
    ("301", "二小", "16:30", False),
])
def test_conflict_room(tmp_path, room, school, second_start, bad):
    rows = [session(start="16:00", end="17:00", room=room),
            session(school=school, group="三(2)班", start=second_start, end="17:30", room=room, staff="李四")]
    found = hits(run(tmp_path, rows), "CONFLICT-ROOM")
    assert bool(found) == bad
    if bad:
        assert found[0].cell == "M3"


# ---- input problems ---------------------------------------------------------------------------

def test_bad_time_cell_makes_the_file_unusable_with_findings_at_its_cells(tmp_path):
    r = run(tmp_path, [session(), session(start="下午五点半", room="302"), session(end="16:00", room="303")])
    cells = {(f.rule, f.cell) for f in r.findings}
    assert ("CELL-TIME", "F3") in cells and ("CELL-TIME", "G4") in cells
    assert [f.file for f in r.unusable] == ["s.xlsx"] and r.exit_code() == 2 and not r.writable
    assert {f.school for f in r.findings} == {"一小"}


def test_range_in_start_cell_and_time_column(tmp_path):
    r = run(tmp_path, [session(start="16:00-17:31", end="")])
    [f] = hits(r, "SCH-LEN")
    assert f.cell == "F2" and f.value == 91


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    good = write_book(tmp_path / "good.xlsx", [session(day="周六")])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    r = schedule.run([bad, good], load_profile("default"))
    assert [f.file for f in r.unusable] == ["bad.xlsx"]
    assert {f.rule for f in r.findings} == {"READ-FILE", "SCH-DAY"}
    assert r.exit_code() == 2 and r.writable and r.rows == 1


def test_all_files_unreadable_is_exit_2_and_nothing_to_write(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"x")
    r = schedule.run([bad], load_profile("default"))
    assert r.exit_code() == 2 and not r.usable and not r.writable
    [f] = r.findings
    assert (f.rule, f.file, f.school) == ("READ-FILE", "bad.xlsx", "bad")


def test_rule_switched_off_or_mistyped_in_a_district_profile(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session(day="周六")])
    off = tmp_path / "off.toml"
    off.write_text('[rules]\nSCH-DAY = "off"\n', encoding="utf-8")
    assert not hits(schedule.run([path], load_profile(off)), "SCH-DAY")
    warn = tmp_path / "warn.toml"
    warn.write_text('[rules]\nSCH-DAY = "warning"\n', encoding="utf-8")
    assert hits(schedule.run([path], load_profile(warn)), "SCH-DAY")[0].severity == "warning"
    typo = tmp_path / "typo.toml"
    typo.write_text('[rules]\nSCH-DAY = "fatal"\n', encoding="utf-8")
    with pytest.raises(InputError, match="SCH-DAY"):
        load_profile(typo)


def test_conflict_staff_same_name_in_two_schools_is_two_people(tmp_path):
    rows = [session(start="16:00", end="17:00"),
            session(school="二小", group="三(2)班", start="16:30", end="17:30", room="302")]
    assert not hits(run(tmp_path, rows), "CONFLICT-STAFF")


def test_a_clash_is_looked_for_only_where_two_rows_of_one_key_may_overlap():
    import numpy as np
    import pandas as pd

    from asrv.schedule.rules_staff import _may_overlap
    keys = ["file", "school", "room", "day"]

    def frame(*rows):
        return pd.DataFrame([dict(zip(["room", "day", "start", "end"], r), file="a.xlsx", school="甲校") for r in rows])
    assert _may_overlap(frame(("操场", 1, 960, 1020), ("操场", 1, 990, 1050)), keys)
    assert not _may_overlap(frame(("操场", 1, 960, 1020), ("操场", 1, 1020, 1080)), keys)  # one ends as the next starts
    assert not _may_overlap(frame(("操场", 1, 960, 1020), ("操场", 2, 990, 1050), ("礼堂", 1, 990, 1050)), keys)
    assert not _may_overlap(frame(("操场", 1, 960, np.nan), ("操场", 1, 990, 1050)), keys)  # no end: overlaps nothing
    assert _may_overlap(frame(("操场", 1, 960, np.nan), ("操场", 1, 900, 1050), ("操场", 1, 1000, 1010)), keys)


def test_rows_of_one_key_are_one_line_naming_their_weekdays_in_order():
    import pandas as pd

    from asrv.schedule.days import with_days
    f = pd.DataFrame({"file": ["a", "a", "b", "a"], "at": ["B3", "B3", "B3", "C4"], "day": [5, 1, 2, 3],
                      "row": [3, 3, 3, 4]})
    got = with_days(f, ["file", "at"])
    assert got[["file", "at", "days"]].values.tolist() == [["a", "B3", "周一、周五"], ["b", "B3", "周二"], ["a", "C4", "周三"]]
    assert with_days(f.iloc[:0], ["file"]).empty

"""Reading one schedule file: which school(s) it holds and how that was found, the frames the fees
ledger reads, and inputs that name nothing to read."""
import subprocess
import sys

import openpyxl
import pytest

from asrv import schedule
from asrv.profile import load_profile
from asrv.schedule.load import load, read_file
from district_helpers import lock_file
from test_schedule_support import session, week, write_book

PROFILE = load_profile("default")


@pytest.mark.parametrize("column,title,school,source", [
    ("东城小学", None, "东城小学", "学校列"),
    ("", "西城小学2026年秋季课后服务安排表", "西城小学", "标题行"),
    ("", "学校：南城实验学校", "南城实验学校", "标题行"),
    ("", None, "北城小学_安排", "文件名"),
])
def test_the_school_of_a_file_and_how_it_was_found(tmp_path, column, title, school, source):
    path = write_book(tmp_path / "北城小学_安排.xlsx", week(school=column), title=title)
    got = load(path, PROFILE)
    assert (got.school, got.source) == (school, source)
    assert set(got.sessions["school"]) == {school}
    r = schedule.run([path], PROFILE)
    assert [(f.school, f.school_source) for f in r.files] == [(school, source)]
    assert [s.school for s in r.by_school] == [school] and r.by_school[0].rows == 5


def test_a_school_cell_beside_a_label_above_the_header(tmp_path):
    path = write_book(tmp_path / "x.xlsx", week(school=""))
    wb = openpyxl.load_workbook(path)
    wb["安排"].insert_rows(1)
    wb["安排"]["A1"], wb["安排"]["B1"] = "填报单位", "河西小学"
    wb.save(path)
    assert load(path, PROFILE).school == "河西小学"


def test_a_file_of_several_schools_keeps_them_apart(tmp_path):
    rows = week(school="一小") + week(school="二小") + [session(school="二小", day="周日")]
    path = write_book(tmp_path / "两校.xlsx", rows)
    r = schedule.run([path], PROFILE)
    assert [(f.school, f.school_source) for f in r.files] == [("一小、二小", "学校列")]
    per = {s.school: (s.rows, s.errors, s.rules) for s in r.by_school}
    assert per == {"一小": (5, 0, {}), "二小": (6, 1, {"SCH-DAY": 1})}  # same class, teacher, room: no conflict
    assert r.summary()["schools"] == 2 and r.summary()["rows"] == 11


def test_read_file_keeps_the_shape_the_fees_ledger_reads(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session(day="周一至周三", staff="王芳、李四")])
    sessions, staff, schools = read_file(path, PROFILE)
    assert len(sessions) == 3 and list(sessions["day"]) == [1, 2, 3]
    r = sessions.iloc[0]
    assert (r.school, r.stage, r.start, r.end, r.staff, r.at_staff, r.file, r.sheet) == \
        ("一小", "小学", 990.0, 1050.0, ("王芳", "李四"), "L2", "s.xlsx", "安排")
    assert list(staff["name"]) == ["李四", "王芳"] and set(staff["kind"]) == {"本校教职工"}
    assert schools.empty and list(schools.columns) == ["file", "school", "stage", "dismissal", "off_work"]


def test_a_folder_holding_only_a_lock_file_is_not_a_clean_run(tmp_path):
    lock_file(tmp_path)
    r = schedule.run([tmp_path], PROFILE)
    assert r.exit_code() == 2 and not r.writable
    assert {f.rule for f in r.findings} == {"READ-SKIPPED", "OPTION-FILES"}


def test_cli_module_imports_no_pandas():
    code = "import sys, asrv.cli.main; sys.exit('pandas' in sys.modules or 'openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0

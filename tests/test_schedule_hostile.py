"""Hostile and broken schedule workbooks (issue 15): findings at their cells, never a traceback or
"内部错误"; a file that cannot be used is exit 2 and writes nothing."""
import datetime as dt
import json
import random

import pytest
from typer.testing import CliRunner

from asrv import schedule
from asrv.cli.main import app
from asrv.profile import load_profile
from test_schedule_support import drop_columns, person, session, week, write_book

runner = CliRunner()


def run(path, profile="default"):
    return schedule.run([path], load_profile(profile))


def cli(path, tmp_path, *args):
    r = runner.invoke(app, ["check-schedule", str(path), "--json", "--out", str(tmp_path / "o"), *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "内部错误" not in r.output and "Traceback" not in r.output
    return r.exit_code, json.loads(r.stdout)


def where(result):
    return {(f.rule, f"{f.sheet}!{f.cell}") for f in result.findings}


@pytest.mark.parametrize("profile", ["default", "national"])
def test_school_sheet_without_dismissal_and_off_work_columns(tmp_path, profile):
    # Was: 'float' object has no attribute 'hour'.
    start = "15:30" if profile == "national" else "16:00"   # a clean length in both (≥ 120, ≤ 90 minutes)
    path = write_book(tmp_path / "s.xlsx", week(start=start, end="17:30"), schools=[["一小", "小学", "16:00", "17:30"]])
    drop_columns(path, "学校", ["放学时间", "下班时间"])
    code, data = cli(path, tmp_path, "--profile", profile)
    assert code == 0
    rules = [f["rule"] for f in data["findings"]]
    # Without 下班时间 the national SCH-END-MIN cannot be checked, and says so; 放学时间 is simply not checked.
    assert rules == (["SCH-END-MIN"] if profile == "national" else [])
    if profile == "national":
        assert data["findings"][0]["severity"] == "warning" and "下班时间" in data["findings"][0]["message"]


def test_schedule_sheet_without_start_and_end_columns(tmp_path):
    # Was: 'float' object has no attribute 'hour'.
    path = drop_columns(write_book(tmp_path / "s.xlsx", week()), "安排", ["开始时间", "结束时间"])
    code, data = cli(path, tmp_path)
    assert code == 2 and not (tmp_path / "o").exists()
    [f] = data["findings"]
    assert (f["rule"], f["sheet"], f["cell"], f["school"]) == ("READ-COLUMN", "安排", "A1", "一小")
    assert "开始时间" in f["message"] and data["files"][0]["used"] is False


def test_only_a_start_column_points_at_the_start_cell(tmp_path):
    path = drop_columns(write_book(tmp_path / "s.xlsx", [session()]), "安排", ["结束时间"])
    r = run(path)
    assert where(r) == {("CELL-TIME", "安排!F2")} and "缺少「结束时间」" in r.findings[0].message


@pytest.mark.parametrize("kw,cell", [({"start": 25}, "安排!F2"), ({"end": 1e9}, "安排!G2"),
                                     ({"start": -3}, "安排!F2"), ({"day": 3.7}, "安排!E2"),
                                     ({"start": True}, "安排!F2")])
def test_a_number_where_a_time_is_expected_is_a_finding_at_its_cell(tmp_path, kw, cell):
    path = write_book(tmp_path / "s.xlsx", [session(**kw)])
    code, data = cli(path, tmp_path)
    assert code == 2
    assert [(f["rule"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]][0][1] == cell
    assert all(f["rule"].startswith("CELL-") for f in data["findings"])


def test_numbers_in_the_school_sheet_times(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session()], schools=[["一小", "小学", 99, 1e9]])
    r = run(path)
    assert where(r) == {("CELL-TIME", "学校!C2"), ("CELL-TIME", "学校!D2")}
    assert r.exit_code() == 2


def test_required_cells_left_blank_are_findings_not_none(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session(), session(group="", day="周二")],
                      staff=[person("王芳"), person(""), ["李四", "", "", "", "", "", "", ""]])
    r = run(path)
    assert where(r) == {("CELL-BLANK", "安排!D3"), ("CELL-BLANK", "人员!A3"), ("CELL-BLANK", "人员!B4")}
    assert {f.cell: f.message for f in r.findings}["D3"] == "缺少「服务班」"
    assert not any("None" in f.message for f in r.findings)


def test_a_blank_school_cell_in_a_file_of_several_schools_is_not_guessed(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session(school="一小"), session(school="二小"), session(school="")])
    r = run(path)
    [f] = r.findings
    assert (f.rule, f.cell) == ("SCHOOL-UNKNOWN", "A4") and "一小、二小" in f.message


HOSTILE = [True, False, dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, 17, 0), "#DIV/0!", "x" * 3000, 0, -5,
           1e300, 0.5, "16:00-", "[/]", "[bold red]红[/bold red]", "周八", "=1+1", 17.3]


def test_random_hostile_cells_never_crash(tmp_path):
    """Random hostile values in every column of every sheet: exit 0, 1 or 2, every error at a cell."""
    rng = random.Random(15)
    for i in range(40):
        rows = [session(), session(day="周二", start="16:00", end="17:10", staff="李四")]
        staff = [person("王芳"), person("李四", "外聘专业人员", "某馆", "事业单位", "是", "是")]
        schools = [["一小", "小学", "16:00", "17:30"]]
        for _ in range(3):
            table = rng.choice([rows, staff, schools])
            row = rng.choice(table)
            row[rng.randrange(len(row))] = rng.choice(HOSTILE)
        path = write_book(tmp_path / f"h{i}.xlsx", rows, staff, schools)
        for profile in ("default", "national"):
            code, data = cli(path, tmp_path, "--profile", profile)
            assert code in (0, 1, 2)
            assert all(f["cell"] or f["rule"] == "SCH-END-MIN" for f in data["findings"] if f["severity"] == "error")
            assert all(f["school"] for f in data["findings"])

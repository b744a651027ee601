"""`asrv check-attendance` through the CLI: the sample's planted problems, a district batch with the usual
accidents, JSON and piped output, the outputs read back (no student names at district level)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from template_helpers import unmark
from xlsx_read import table
from asrv.cli.main import app
from district_helpers import SCHOOLS, accidents
from test_attendance_support import clean, write

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
PLANTED = {
    ("ATT-UNREPORTED-ABSENCE", "考勤!H113"), ("ATT-NOT-ON-ROSTER", "考勤!D321"), ("ATT-NO-RECORD", "名单!D28"),
    ("ATT-NO-DEPARTURE", "考勤!F56"), ("ATT-NO-DEPARTURE", "离校!H123"), ("ATT-NO-DEPARTURE", "考勤!F321"),
    ("ATT-PICKUP-UNAUTHORISED", "离校!G76"), ("ATT-LATE-PICKUP", "离校!E185"), ("ATT-BACKFILL", "考勤!J249"),
    ("ATT-RATE-LOW", "考勤!C2"), ("ATT-STAFF-SIGNIN", "安排!L7"), ("ATT-STAFF-LATE", "教师签到!C26"),
    ("ATT-FEE-DAYS", "报名!H8"), ("ATT-FEE-DAYS", "缴费!F11"),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_attendance", ROOT / "sample_data" / "make_attendance.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path_factory.mktemp("sample") / "attendance.xlsx"
    module.main(target)
    return target


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def invoke(*args):
    return runner.invoke(app, ["check-attendance", *map(str, args)])


def test_sample_finds_exactly_the_planted_problems(sample, tmp_path):
    r = invoke(sample, "--schedule", ROOT / "sample_data" / "schedule.xlsx", "--fees", sample, "--json",
               "--out", tmp_path / "o")
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    assert {(f["rule"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]} == PLANTED
    assert all(f["school"] == "第一实验小学" and f["message"].endswith("）") for f in data["findings"])
    school = data["schools"][0]
    assert school["school"] == "第一实验小学" and school["unreported_absences"] == 1
    assert school["attendance_rate"] == round(298 / 320, 4) and school["late_pickups"] == 1
    assert [f["role"] if "role" in f else "" for f in data["files"]] == ["", "安排", "收费"]
    assert len(data["groups"]) == 4 * 10 and {"school", "group", "date", "rate"} <= set(data["groups"][0])
    assert sorted(Path(p).name for p in data["written"]) == ["学生出勤天数.xlsx", "考勤汇总.xlsx"]


def test_district_workbook_names_no_student(sample, tmp_path):
    out = tmp_path / "o"
    assert invoke(sample, "--out", out).exit_code == 1
    names = {r[4].value for r in openpyxl.load_workbook(sample)["名单"].iter_rows(min_row=2)}
    assert len(names) == 32
    wb = openpyxl.load_workbook(out / "考勤汇总.xlsx")
    assert wb.sheetnames == ["学校汇总", "考勤汇总", "接送情况", "问题"]
    text = {str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None}
    assert not any(n in t for n in names for t in text)
    daily = table(wb["考勤汇总"])
    assert daily[0][:6] == ("学校", "日期", "服务班", "应到", "考勤记录", "实到")
    first = daily[1]
    assert wb["考勤汇总"]["A1"].value.startswith("第一实验小学 课后服务考勤汇总")
    assert first[2] == "一(1)班" and first[3:6] == (8, 8, 6) and first[-1] == 0.75
    students = openpyxl.load_workbook(out / "第一实验小学" / "学生出勤天数.xlsx")["学生出勤天数"]
    masked = [r[2] for r in table(students)[1:]]
    assert len(masked) == 33 and all("*" in n or len(n) <= 1 for n in masked if n)
    assert not names & set(masked)


def test_no_mask_shows_the_names_at_school_level(sample, tmp_path):
    out = tmp_path / "o"
    invoke(sample, "--out", out, "--no-mask")
    names = {r[4].value for r in openpyxl.load_workbook(sample)["名单"].iter_rows(min_row=2)}
    ws = openpyxl.load_workbook(out / "第一实验小学" / "学生出勤天数.xlsx").active
    assert names <= {r[2] for r in ws.iter_rows(min_row=3, values_only=True)}


def test_piped_output_is_one_line_per_finding(sample, tmp_path):
    r = invoke(sample, "--out", tmp_path / "o")
    lines = r.stdout.strip("\n").split("\n")
    # Without --schedule and --fees: no sign-in and fee findings, and the late pickup of 四(1)班 (17:51)
    # is within the profile's 17:30 + 30 minutes when the schedule's 17:20 end is not known.
    assert len(lines) == len(PLANTED) - 5
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert lines[0].split("\t")[:3] == ["错误", "ATT-NO-RECORD", "第一实验小学"]


def test_district_batch_with_a_corrupt_file_a_lock_file_and_a_copy(tmp_path):
    folder = tmp_path / "各校"
    folder.mkdir()
    paths = []
    for n, school in enumerate(SCHOOLS[:3]):
        book = clean(school=school)
        if n == 1:
            book["考勤"][0].update(状态="缺勤")
            del book["离校"][0]
        paths.append(write(folder / f"{school}.xlsx", book))
    accidents(folder, paths[0])
    r = invoke(folder, "--json", "--out", tmp_path / "o")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    used = {Path(f["path"]).name: f["used"] for f in data["files"]}
    assert used == {"第1小学.xlsx": True, "第2小学.xlsx": True, "第3小学.xlsx": True, "损坏的学校.xlsx": False}
    rules = {(f["rule"], f["file"]) for f in data["findings"]}
    assert ("READ-FILE", "损坏的学校.xlsx") in rules and ("ATT-UNREPORTED-ABSENCE", "第2小学.xlsx") in rules
    assert {f["rule"] for f in data["findings"] if f["file"].startswith(("~$", "第1小学（"))} == {"READ-SKIPPED"}
    assert [s["school"] for s in data["schools"]] == SCHOOLS[:3]
    assert {s["school"]: s["unreported_absences"] for s in data["schools"]} == {"第1小学": 0, "第2小学": 1, "第3小学": 0}
    assert (tmp_path / "o" / "考勤汇总.xlsx").exists() and (tmp_path / "o" / "第3小学" / "学生出勤天数.xlsx").exists()


def test_an_unusable_single_file_writes_nothing(tmp_path):
    (tmp_path / "坏.xlsx").write_bytes(b"not a workbook")
    r = invoke(tmp_path / "坏.xlsx", "--out", tmp_path / "o")
    assert r.exit_code == 2 and "Traceback" not in r.output and not (tmp_path / "o").exists()


def test_template_is_read_back_clean(tmp_path):
    assert runner.invoke(app, ["template", "attendance", "-o", str(tmp_path / "t.xlsx")]).exit_code == 0
    r = invoke(unmark(tmp_path / "t.xlsx"), "--json", "--out", tmp_path / "o")
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []


def test_rules_are_listed(tmp_path):
    listed = runner.invoke(app, ["rules", "--json"])
    ids = {r["id"] for r in json.loads(listed.stdout)["rules"] if r["family"] == "attendance"}
    assert {"ATT-UNREPORTED-ABSENCE", "ATT-NOT-ON-ROSTER", "ATT-NO-RECORD", "ATT-NO-DEPARTURE",
            "ATT-PICKUP-UNAUTHORISED", "ATT-LATE-PICKUP", "ATT-BACKFILL", "ATT-RATE-LOW", "ATT-STAFF-SIGNIN",
            "ATT-FEE-DAYS"} <= ids


def test_school_option_names_the_school_of_a_single_file(tmp_path):
    book = clean()
    for rows in book.values():
        for r in rows:
            r.pop("学校", None)
    path = write(tmp_path / "sheet.xlsx", book)
    default = json.loads(invoke(path, "--json", "--out", tmp_path / "o").stdout)
    assert default["files"][0]["school"] == "sheet" and default["files"][0]["school_source"] == "文件名"
    given = json.loads(invoke(path, "--json", "--school", "东城小学", "--out", tmp_path / "o").stdout)
    assert [s["school"] for s in given["schools"]] == ["东城小学"] and given["files"][0]["school_source"] == "--school"


@pytest.mark.parametrize("profile", ["hefei", "national"])
def test_other_profiles_check_the_same_duties(sample, tmp_path, profile):
    r = invoke(sample, "--profile", profile, "--json", "--out", tmp_path / "o")
    assert r.exit_code == 1
    assert len(json.loads(r.stdout)["findings"]) == len(PLANTED) - 5


@pytest.mark.parametrize("title, source", [("东城小学2026秋课后服务考勤", "标题行"), ("学校：东城小学", "标题行")])
def test_school_from_a_title_above_the_header(tmp_path, title, source):
    from asrv.attendance.load import read_file
    book = clean()
    for rows in book.values():
        for r in rows:
            r.pop("学校", None)
    path = write(tmp_path / "考勤.xlsx", book)
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        ws.insert_rows(1)
        ws["A1"] = title
    wb.save(path)
    got = read_file(path)
    assert (got.school, got.school_source) == ("东城小学", source)
    assert got.tables["attendance"].where("status", 3)["cell"] == "E3"   # rows keep their Excel numbers

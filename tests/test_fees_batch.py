"""A district's folder in one run (issue 10): 30 schools with the same 学号, a corrupt file, a file
missing a sheet, a lock file and a resent copy. Every bad file is named, the others processed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.profile import load_profile
from district_helpers import SCHOOLS, accidents
from test_fees_support import check, expense, payment, reconcile, student, summary_items, write_book

runner = CliRunner()
PROFILE = load_profile()
SUMMARY = "收费汇总_2026-2027-1.xlsx"


def size(k: int) -> int:
    return k % 5 + 2


def school_book(folder: Path, k: int) -> Path:
    """School k: students 1…size(k) (the same 学号 in every school), each 普惠托管 + 合唱 at 100+k 元,
    paid in full. Odd schools write a 学校 column, even ones leave the school to the file name."""
    name = SCHOOLS[k - 1]
    own = (lambda row: {**row, "school": name}) if k % 2 else (lambda row: {x: v for x, v in row.items() if x != "school"})
    enr = [own(student(str(i), mode="普惠托管", fee=0)) for i in range(1, size(k) + 1)]
    enr += [own(student(str(i), course="合唱", fee=100 + k)) for i in range(1, size(k) + 1)]
    pay = [own(payment(str(i), 100 + k)) for i in range(1, size(k) + 1)]
    spend = [own(expense("教师聚餐" if k == 5 else "人员劳务报酬", 1200 if k == 5 else 50))]
    return write_book(folder / f"{name}.xlsx", enrollment=enr, payments=pay, expenses=spend)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("district") / "各校收费"
    d.mkdir()
    books = [school_book(d, k) for k in range(1, 31)]
    accidents(d, books[0])
    write_book(d / "第31小学.xlsx", enrollment=[student("1")])  # no 缴费 sheet
    return d


@pytest.fixture(scope="module")
def run_json(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    r = runner.invoke(app, ["fees", str(folder), "--term", "2026秋", "--date", "2026-12-01", "--out", str(out), "--json"])
    return r, json.loads(r.stdout), out


def test_every_bad_file_is_named_and_the_others_processed(run_json):
    r, data, _ = run_json
    assert r.exit_code == 2 and data["ok"] is False and data["exit_code"] == 2
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert {n for n, f in files.items() if not f["used"]} == {"损坏的学校.xlsx", "第31小学.xlsx"}
    assert sum(f["used"] for f in files.values()) == 30
    by_file = {(f["file"], f["rule"]) for f in data["findings"]}
    assert {("损坏的学校.xlsx", "READ-FILE"), ("第31小学.xlsx", "READ-SHEET"), ("~$第1小学.xlsx", "READ-SKIPPED"),
            ("第1小学（重发）.xlsx", "READ-SKIPPED")} <= by_file
    assert "第1小学（重发）.xlsx" not in files  # the same bytes as 第1小学.xlsx: read once
    assert [f["school_source"] for n, f in sorted(files.items()) if n in ("第2小学.xlsx", "第3小学.xlsx")] == \
        ["文件名", "学校列"]


def test_schools_are_kept_apart(run_json):
    _, data, _ = run_json
    schools = {s["school"]: s for s in data["schools"]}
    assert set(schools) == set(SCHOOLS)
    for k, name in enumerate(SCHOOLS, 1):  # the same 学号 1… in every school: never merged
        s = schools[name]
        assert s["participants"] == {"普惠托管": size(k), "个性化课程": size(k)}, name
        assert s["due"] == s["net_collected"] == f"{size(k) * (100 + k)}.00", name
    total = sum(size(k) * (100 + k) for k in range(1, 31))
    assert data["district"]["due"] == f"{total}.00" and data["district"]["school"] == "全区合计"


def test_findings_carry_their_school(run_json):
    _, data, _ = run_json
    use = [f for f in data["findings"] if f["rule"] == "FEE-USE"]
    assert [(f["school"], f["file"], f["sheet"], f["cell"], f["amount"]) for f in use] == \
        [("第5小学", "第5小学.xlsx", "支出", "D2", "1200.00")]
    assert all(f["school"] for f in data["findings"] if f["rule"].startswith("FEE-"))


def test_outputs_of_the_usable_files_are_written(run_json):
    _, data, out = run_json
    names = {Path(p).name for p in data["written"]}
    assert SUMMARY in names and len(names) == 1 + 30 * 2 * 4  # two notices a school, four formats each
    assert "收支公示_第17小学_2026-2027-1.md" in names
    sums = reconcile(out / SUMMARY)  # each school to the cent, and the 全区合计 sheet
    assert len(sums) == 30
    assert summary_items(out / SUMMARY, "全区合计")["全区合计"]["普惠托管参加人数"]["人数"] == \
        sum(size(k) for k in range(1, 31))


def test_piped_output_is_one_line_per_finding(folder, run_json, tmp_path):
    _, data, _ = run_json
    r = runner.invoke(app, ["fees", str(folder), "--term", "2026秋", "--date", "2026-12-01", "--out", str(tmp_path)])
    lines = r.stdout.splitlines()
    assert r.exit_code == 2 and len(lines) == len(data["findings"])
    assert all(len(ln.split("\t")) == 6 for ln in lines)
    use = [ln for ln in lines if "第5小学.xlsx" in ln and "支出!D2" in ln]
    assert len(use) == 1 and "支出「教师聚餐」1200.00 元" in use[0]
    assert any(ln.startswith("错误\tREAD-FILE\t") and "损坏的学校.xlsx" in ln for ln in lines)


def test_several_schools_in_one_file(tmp_path):
    enr = [student("1", school="东城小学"), student("1", school="西城小学", fee=200), student("2", school="西城小学")]
    pay = [payment("1", 300, school="东城小学"), payment("1", 200, school="西城小学"), payment("2", 300, school="")]
    r = check([write_book(tmp_path / "两校.xlsx", enrollment=enr, payments=pay)], PROFILE)
    assert [(s.name, s.due, s.net) for s in r.per_school] == [("东城小学", 30000, 30000), ("西城小学", 50000, 50000)]
    assert (r.files[0].school, r.files[0].school_source) == ("东城小学、西城小学", "学校列")
    # a blank 学校 for a 学号 both schools have cannot be placed: the file is reported, never guessed
    pay[2] = payment("1", 300, school="")
    r = check([write_book(tmp_path / "两校2.xlsx", enrollment=enr, payments=pay)], PROFILE)
    assert not r.files[0].used and [(f.rule, f.where) for f in r.findings] == [("SCHOOL-UNKNOWN", "缴费!B4")]


def test_school_from_the_title_row_else_the_file_name(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "报名"
    ws.append(["东城小学2026-2027学年第一学期课后服务报名表"])
    ws.append(["学号", "模式", "课程", "收费"])
    ws.append(["1", "个性化课程", "合唱", 300])
    wb.create_sheet("缴费").append(["学号", "金额", "收款方"])
    wb.save(tmp_path / "报送.xlsx")
    r = check([tmp_path / "报送.xlsx"], PROFILE)
    assert (r.files[0].school, r.files[0].school_source) == ("东城小学", "标题行") and r.schools == ["东城小学"]
    given = check([tmp_path / "报送.xlsx"], PROFILE, school="西城小学")
    assert given.schools == ["西城小学"] and given.files[0].school_source == "--school"


def test_school_option_is_for_a_single_file(tmp_path):
    a = write_book(tmp_path / "a.xlsx", enrollment=[student("1")], payments=[payment("1", 300)])
    b = write_book(tmp_path / "b.xlsx", enrollment=[student("1", school="二小")], payments=[payment("1", 300, school="二小")])
    r = check([a, b], PROFILE, school="三小")
    assert r.schools == ["二小", "一小"]  # each from its own workbook, in pinyin order
    assert [f.rule for f in r.findings if f.rule == "OPTION"] == ["OPTION"]


def test_terminal_table_of_a_district_ends_with_the_total(folder, tmp_path):
    r = runner.invoke(app, ["fees", str(folder), "--term", "2026秋", "--format", "table", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "全区合计" in r.stdout and "第30小学" in r.stdout
    assert "未能使用的文件（2 个）" in r.stdout

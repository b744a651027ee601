"""`asrv enroll` over a district: each school's places among its own students, a catalogue per school
or for all, the accidents of a district folder, and hostile catalogue text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.enroll import Options, run
from asrv.out import SheetOut, write_workbook
from asrv.profile import load_profile
from district_helpers import SCHOOLS
from test_survey_batch import district, students
from xlsx_read import table

runner = CliRunner()


def catalogue(path: Path, header: list, rows: list) -> Path:
    write_workbook(path, [SheetOut("目录", header, rows)])
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("district")
    district(d / "调查表")
    catalogue(d / "目录.xlsx", ["项目", "适用年级", "上限", "下限"], [["机器人", "3-6", 2, 0], ["书法", "", 10, 0]])
    return d


def test_a_catalogue_for_all_gives_every_school_the_full_capacity(folder):
    result = run([folder / "调查表"], load_profile(), options=Options(catalog=[str(folder / "目录.xlsx")], seed=7))
    assert result.exit_code() == 2  # the corrupt file
    assert len(result.per_school) == 30
    for s in result.per_school:
        robot, calligraphy = s.activities
        assert {p.school for p in s.students} == {s.school}
        assert len(s.students) == students(SCHOOLS.index(s.school) + 1)
        assert len(robot.roster) == 2 and len(calligraphy.roster) == len(s.students) - 2
        assert sorted(p.lottery for p in s.students) == list(range(1, len(s.students) + 1))


def test_cli_over_the_district_writes_each_school_and_says_which_files_it_used(folder, tmp_path):
    out = tmp_path / "o"
    res = runner.invoke(app, ["enroll", str(folder / "调查表"), "--catalog", str(folder / "目录.xlsx"), "--seed", "7",
                              "--out", str(out), "--json"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["损坏的学校.xlsx"]["used"] is False and files["目录.xlsx"]["role"] == "目录"
    assert files["目录.xlsx"]["used"] and files["第1小学.xlsx"]["school"] == "第1小学"
    assert len(data["schools"]) == 30 and data["seed"] == 7
    first = next(s for s in data["schools"] if s["school"] == "第1小学")
    assert {st["school"] for st in first["students"]} == {"第1小学"}
    assert (out / "第1小学" / "录取通知.html").exists() and (out / "第30小学" / "班级名单.xlsx").exists()
    rows = table(load_workbook(out / "全区汇总.xlsx")["学校"])[1:]
    # every applicant placed: 2 in 机器人, the rest in 书法
    assert len(rows) == 30 and all(r[3] == r[1] == students(SCHOOLS.index(r[0]) + 1) for r in rows)
    res = runner.invoke(app, ["enroll", str(folder / "调查表"), "--catalog", str(folder / "目录.xlsx"), "--seed", "7",
                              "--out", str(tmp_path / "p")])
    lines = res.stdout.splitlines()
    assert len(lines) == len(data["findings"]) and sum("损坏的学校.xlsx" in line for line in lines) == 1


def test_a_catalogue_with_a_school_column_applies_per_school(tmp_path):
    district(tmp_path / "调查表")
    rows = [["第1小学", "机器人", 1], ["第2小学", "机器人", 3], ["", "书法", 10], ["第99小学", "围棋", 5]]
    cat = catalogue(tmp_path / "目录.xlsx", ["学校", "项目", "上限"], rows)
    result = run([tmp_path / "调查表"], load_profile(), options=Options(catalog=[str(cat)], seed=1))
    by = {s.school: {a.activity.name: len(a.roster) for a in s.activities} for s in result.per_school}
    assert by["第1小学"] == {"机器人": 1, "书法": students(1) - 1}
    assert by["第2小学"] == {"机器人": 3, "书法": students(2) - 3}
    assert by["第3小学"] == {"书法": students(3)}  # only the rows for every school
    (other,) = [f for f in result.findings if f.rule == "CATALOG-SCHOOL"]
    assert other.school == "第99小学" and other.severity == "warning"


NAME = "=HYPERLINK(\"http://x\",\"点我\")"


def _one_school(tmp_path: Path, classes=("三(1)班",)) -> Path:
    rows = [[f"{i}", f"学生{i}", c, "是", NAME, "书法"] for i, c in enumerate(classes, 1)]
    path = tmp_path / "s.xlsx"
    write_workbook(path, [SheetOut("意向调查", ["学号", "姓名", "班级", "是否参加", "意向1", "意向2"], rows)])
    return path


def test_blank_capacity_and_minimum_is_a_finding_at_its_cell_not_an_internal_error(tmp_path):
    cat = catalogue(tmp_path / "c.xlsx", ["项目", "上限", "下限"], [["书法", 5, 0], ["机器人", None, None]])
    res = runner.invoke(app, ["enroll", str(_one_school(tmp_path)), "--catalog", str(cat), "--seed", "1",
                              "--out", str(tmp_path / "o"), "--json"])
    assert res.exit_code == 2 and "内部错误" not in res.stdout
    findings = json.loads(res.stdout)["findings"]
    where = [(f["rule"], f["file"], f["sheet"], f["cell"]) for f in findings]
    assert where == [("CATALOG-CAPACITY", "c.xlsx", "目录", "B3")]
    assert not (tmp_path / "o").exists()


def test_notes_with_workbook_text_stay_text(tmp_path):
    name = NAME
    cat = catalogue(tmp_path / "c.xlsx", ["项目", "上限"], [[name, 1], ["书法", 5]])
    survey = _one_school(tmp_path, classes=("三(1)班", "三(1)班", "=1+2"))
    res = runner.invoke(app, ["enroll", str(survey), "--catalog", str(cat), "--seed", "1",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.stdout
    for book in ("活动名单.xlsx", "候补名单.xlsx", "班级名单.xlsx"):
        wb = load_workbook(tmp_path / "o" / book)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (book, ws.title, c.coordinate, c.value)
    notes = [ws["A2"].value for ws in load_workbook(tmp_path / "o" / "候补名单.xlsx")]  # below the title row
    assert notes == [f"活动「{name}」：候补 2 人，有空位时按候补序递补"]


def test_class_lists_go_by_grade_then_number(tmp_path):
    classes = ("三(10)班", "三(2)班", "二(1)班", "五(1)班", "四(3)班")
    cat = catalogue(tmp_path / "c.xlsx", ["项目", "上限"], [["书法", 10]])
    res = runner.invoke(app, ["enroll", str(_one_school(tmp_path, classes)), "--catalog", str(cat), "--seed", "1",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 0
    assert load_workbook(tmp_path / "o" / "班级名单.xlsx").sheetnames == ["二(1)班", "三(2)班", "三(10)班", "四(3)班",
                                                                        "五(1)班"]
    everyone = table(load_workbook(tmp_path / "o" / "活动名单.xlsx")["全部学生"])[1:]
    assert [r[2] for r in everyone] == ["二(1)班", "三(2)班", "三(10)班", "四(3)班", "五(1)班"]


@pytest.mark.parametrize("seed", [-1, None])
def test_a_seed_is_required_and_non_negative(tmp_path, seed):
    from asrv.findings import InputError
    cat = catalogue(tmp_path / "c.xlsx", ["项目", "上限"], [["书法", 10]])
    with pytest.raises(InputError) as exc:
        run([_one_school(tmp_path)], load_profile(), options=Options(catalog=[str(cat)], seed=seed))
    assert [f.rule for f in exc.value.findings] == ["ENROLL-SEED"]
    if seed is not None:
        res = runner.invoke(app, ["enroll", str(_one_school(tmp_path)), "--catalog", str(cat), "--seed", str(seed),
                                  "--json", "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and json.loads(res.stdout)["findings"][0]["rule"] == "ENROLL-SEED"


def test_same_file_name_in_school_folders_keeps_the_schools_apart(tmp_path):
    """A district's folders hold `东关小学/问卷数据.xlsx`, `城北小学/问卷数据.xlsx`: the file name
    names no school, the folder does, so each folder is its own school (not one called 问卷数据)."""
    sample = Path(__file__).resolve().parents[1] / "sample_data"
    surveys = sorted(sample.glob("district/*/问卷数据.xlsx"))
    assert len(surveys) > 2
    result = run([str(p) for p in surveys], load_profile(), options=Options(catalog=[str(sample / "catalog.xlsx")], seed=1))
    assert sorted(s.school for s in result.per_school) == sorted(p.parent.name for p in surveys)

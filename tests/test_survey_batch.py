"""`asrv survey` over a district folder: schools kept apart (学号 are school-internal), the usual
accidents reported and passed over, per-school outputs and a district summary."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.io.keys import school_order
from asrv.out import SheetOut, write_workbook
from asrv.profile import load_profile
from asrv.survey import Options, run
from district_helpers import SCHOOLS, accidents

HEADER = ["学号", "姓名", "年级", "班级", "是否参加", "意向活动", "特殊群体"]


def students(k: int) -> int:
    """School k (1-based) has 3 to 6 students, 学号 301, 302, … as in every other school."""
    return 3 + k % 4


def school_rows(k: int) -> list[list]:
    rows = [[str(300 + i), f"学生{k}_{i}", "三年级", f"{1 + i % 2}班", "是", "机器人┋书法", "以上都不是"]
            for i in range(1, students(k) + 1)]
    if k == 4:  # one finding at a cell: 第4小学.xlsx 意向调查!G3 (under a title row)
        rows[0][-1] = "单亲家庭"
    return rows


def write_school(folder: Path, k: int) -> Path:
    """Three ways a school names itself: a title row, a 学校 column, or only the file name."""
    name = SCHOOLS[k - 1]
    rows = school_rows(k)
    if k % 3 == 0:
        return _book(folder / f"{k:02d}.xlsx", ["学校", *HEADER], [[name, *r] for r in rows])
    notes = [f"{name}2026年秋季课后服务意向调查"] if k % 3 == 1 else []
    return _book(folder / f"{name}.xlsx", HEADER, rows, notes)


def _book(path: Path, header: list, rows: list, notes: list | None = None) -> Path:
    write_workbook(path, [SheetOut("意向调查", header, rows, notes=notes or [])])
    return path


def district(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = [write_school(folder, k) for k in range(1, len(SCHOOLS) + 1)]
    return {"first": files[0], **accidents(folder, files[1])}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("district") / "调查表"
    district(d)
    return d


def test_schools_are_kept_apart_and_every_answer_counts(folder):
    result = run([folder], load_profile())
    assert result.schools == sorted(SCHOOLS, key=school_order)  # each school once, in pinyin order
    counts = {s.school: s.answered for s in result.per_school}
    assert counts == {name: students(k) for k, name in enumerate(SCHOOLS, 1)}
    assert not [f for f in result.findings if f.rule == "SURVEY-DUP"]  # 301 of one school is not 301 of another
    sources = {f.school: f.school_source for f in result.files if f.used}
    assert (sources["第1小学"], sources["第2小学"], sources["第3小学"]) == ("标题行", "文件名", "学校列")
    assert result.answered == sum(students(k) for k in range(1, 31))


def test_accidents_are_findings_and_the_rest_is_processed(folder):
    result = run([folder], load_profile())
    assert result.exit_code() == 2
    bad = [f for f in result.files if not f.used]
    assert [f.file for f in bad] == ["损坏的学校.xlsx"]
    by_file = {f.file: f for f in result.findings}
    assert by_file["损坏的学校.xlsx"].rule == "READ-FILE"
    assert by_file["~$第1小学.xlsx"].rule == "READ-SKIPPED"
    assert "内容完全相同" in by_file["第2小学（重发）.xlsx"].message
    assert result.writable


def test_cli_writes_each_school_and_the_district_summary(folder, tmp_path):
    out = tmp_path / "o"
    res = CliRunner().invoke(app, ["survey", str(folder), "--out", str(out), "--json"])
    assert res.exit_code == 2
    data = json.loads(res.stdout)
    assert not data["ok"] and data["exit_code"] == 2
    used = {Path(f["path"]).name: f["used"] for f in data["files"]}
    assert used["损坏的学校.xlsx"] is False and used["第1小学.xlsx"] is True and len(used) == 31
    assert {s["school"]: s["answered"] for s in data["schools"]}["第5小学"] == students(5)
    assert data["district"]["schools"] == 30
    assert (out / "第7小学" / "调查汇总.xlsx").exists() and (out / "第7小学" / "调查报告.html").exists()
    assert "第7小学课后服务意向调查报告" in (out / "第7小学" / "调查报告.html").read_text("utf-8")
    summary = load_workbook(out / "全区汇总.xlsx")
    rows = {r[0]: r for r in summary["学校"].iter_rows(min_row=2, values_only=True)}
    assert rows["第3小学"][1] == "学校列" and rows["第3小学"][3] == students(3)
    assert rows["合计"][3] == sum(students(k) for k in range(1, 31))
    problems = [r for r in summary["问题"].iter_rows(min_row=2, values_only=True)]
    assert any(r[3] == "损坏的学校.xlsx" for r in problems)


def test_piped_output_is_one_line_per_finding(folder, tmp_path):
    res = CliRunner().invoke(app, ["survey", str(folder), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    lines = res.stdout.splitlines()
    assert len(lines) == len(run([folder], load_profile()).findings) == 4  # never wrapped, never cut
    corrupt = [line for line in lines if "损坏的学校.xlsx" in line]
    assert len(corrupt) == 1 and corrupt[0].split()[:2] == ["错误", "READ-FILE"]
    (group,) = [line for line in lines if "第4小学.xlsx" in line and "意向调查!G3" in line]
    assert group.split()[:3] == ["提示", "SURVEY-GROUP", "第4小学"] and "单亲家庭" in group


def test_one_file_with_a_school_column_is_split_by_school(tmp_path):
    rows = [["东城小学", "301", "甲", "三年级", "1班", "是", "", ""], ["西城小学", "301", "乙", "三年级", "1班", "是", "", ""],
            ["", "302", "丙", "三年级", "1班", "是", "", ""]]
    path = _book(tmp_path / "全区.xlsx", ["学校", *HEADER], rows)
    result = run([path], load_profile())
    assert {s.school: s.answered for s in result.per_school} == {"东城小学": 1, "西城小学": 1}
    (unknown,) = [f for f in result.findings if f.rule == "SCHOOL-UNKNOWN"]
    assert (unknown.cell, unknown.severity) == ("A4", "error") and result.exit_code() == 1
    assert result.files[0].school == "" and result.files[0].school_source == "学校列"


def test_school_option_names_a_single_file(tmp_path):
    path = _book(tmp_path / "导出.xlsx", HEADER, school_rows(1))
    result = run([path], load_profile(), options=Options(school="示例小学"))
    assert result.schools == ["示例小学"] and result.files[0].school_source == "--school"

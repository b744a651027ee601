"""`asrv survey`: survey sheets as schools have them, the report's numbers, charts and outputs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from template_helpers import unmark
from xlsx_read import table
from asrv.cli.main import app
from asrv.findings import InputError
from asrv.io import Field, SheetSpec, open_workbook, read_sheet
from asrv.io.grades import grade_number as parse_grade
from asrv.out import SheetOut, write_workbook
from asrv.profile import load_profile
from asrv.survey import Options, run
from asrv.survey.catalog import load_catalog
from asrv.survey.parse import class_label, parse_grades, split_answers

REAL = Path(__file__).resolve().parents[2] / "shared" / "real_inputs"
CCA = REAL / "afterschool_cca_schedule__Harrow-Nanning_25-26_S2_CCA_List.xlsx"
EXPORT_HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、学生学号", "2、学生姓名",
                 "Q3. 年级", "4、学生班级", "5、是否参加课后服务", "6、每周参加哪几天（多选）", "7、希望的接孩子时间",
                 "8、意向活动（按意愿排序）", "9、是否属于以下群体（多选）", "10、您对课后服务的意见建议"]


def export_rows() -> list[list]:
    meta = lambda n, t: [n, t, "95秒", "微信", "N/A", "117.1.2.3(河南-鹤壁)"]  # noqa: E731
    return [
        meta(1, "2026/8/25 08:01:00") + ["301", "张小明", "三年级", "1班", 1, "周一┋周三", "17:30",
                                         "机器人┋书法", "留守儿童", "希望多一些体育活动"],
        meta(2, "2026/8/25 08:02:00") + ["302", "李思", "3", "(1)班", 2, "(跳过)", "(跳过)", "(跳过)",
                                         "以上都不是", "无"],
        meta(3, "2026/8/25 08:03:00") + ["101", "王雨涵", "一年级", "2班", 1, "5", "下午5点半",
                                         "书法|绘画", "进城务工人员随迁子女┋家庭经济困难", "(跳过)"],
        meta(4, "2026/8/25 08:04:00") + ["102", "赵一诺", "一年级", "2班", 1, "周五", "18:00",
                                         "绘画、书法,机器人", "(跳过)", "接送时间能否延长"],
        meta(5, "2026/8/26 09:00:00") + ["301", "张小明", "三年级", "1班", 1, "周一┋周三┋周五", "18:00",
                                         "书法", "留守儿童", "费用请提前公示"],
        meta(6, "2026/8/25 10:00:00") + ["303", "欧阳晨", "三年级", "1班", 1, "周二", "17:00", "围棋┋舞蹈",
                                         "残疾儿童", "(跳过)"],
    ]


def summarize(files, catalog=None, profile=None):
    """The one school of a run (the survey's own `run`, as the CLI calls it)."""
    result = run(files, profile or load_profile(), options=Options(catalog=[catalog] if catalog else []))
    assert len(result.per_school) == 1, result.schools
    return result.per_school[0]


@pytest.fixture()
def export(tmp_path) -> Path:
    path = tmp_path / "问卷导出.xlsx"
    write_workbook(path, [SheetOut("Sheet1", EXPORT_HEADER, export_rows())])
    return path


@pytest.fixture()
def catalog(tmp_path) -> Path:
    path = tmp_path / "目录.xlsx"
    write_workbook(path, [SheetOut("目录", ["项目", "适用年级", "上限", "下限"],
                                   [["机器人", "G3-G6", 1, 0], ["书法", "", 2, 0], ["绘画", "一至三年级", 5, 0],
                                    ["围棋", "三年级", 5, 2]])])
    return path


def test_online_export_read_with_numbered_headers_codes_and_separators(export, catalog):
    result = run([export], load_profile(), options=Options(catalog=[str(catalog)]))
    r = result.per_school[0]
    assert (r.school, result.files[0].school_source) == ("问卷导出", "文件名")
    assert (r.answered, r.wants) == (5, 4)  # 301 answered twice: counted once
    assert [(x.label, x.answered, x.wants) for x in r.by_grade] == [("一年级", 2, 2), ("三年级", 3, 2)]
    assert [x.label for x in r.by_class] == ["一(2)班", "三(1)班"]
    demand = {d.name: (d.first, d.any, d.capacity) for d in r.demand}
    # 301's later answer (书法 only) counts; 102 wrote three options with 、 and ,
    assert demand == {"机器人": (0, 1, 1), "书法": (2, 3, 2), "绘画": (1, 2, 5), "围棋": (1, 1, 5)}
    assert dict((g, w) for g, _, w in r.groups) == {"残疾儿童": 1, "留守儿童": 1, "进城务工人员随迁子女": 1,
                                                    "家庭经济困难学生": 1}
    assert dict(r.days) == {"周一": 1, "周二": 1, "周三": 1, "周五": 2, "每周5天": 1}
    assert dict(r.pickup) == {"17:00": 1, "17:30": 1, "18:00": 2}
    assert r.comments == {"一(2)班": ["接送时间能否延长"], "三(1)班": ["费用请提前公示"]}
    dup = r.duplicates[0]
    assert (dup.key, dup.kept, dup.dropped) == ("301", "问卷导出.xlsx 第6行", ["问卷导出.xlsx 第2行"])
    assert any(f.rule == "SURVEY-DUP" and "第 6 行为准" in f.message and f.school == "问卷导出"
               for f in result.findings)
    assert any(f.rule == "SURVEY-CHOICE" and f.value == "舞蹈" and f.cell == "N7" for f in result.findings)


def test_later_submission_wins_even_when_rows_are_out_of_order(tmp_path):
    rows = export_rows()
    rows[0], rows[4] = rows[4], rows[0]  # the later answer now comes first in the sheet
    path = tmp_path / "s.xlsx"
    write_workbook(path, [SheetOut("Sheet1", EXPORT_HEADER, rows)])
    r = summarize([path])
    assert r.duplicates[0].kept == "s.xlsx 第2行"
    assert {d.name: d.first for d in r.demand}["书法"] == 2


def test_report_outputs_native_charts_and_inline_svg(export, catalog, tmp_path):
    res = CliRunner().invoke(app, ["survey", str(export), "--catalog", str(catalog), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    wb = load_workbook(tmp_path / "o" / "调查汇总.xlsx")
    charts = wb["图表"]._charts
    assert len(charts) == 2 and all(type(c).__name__ == "BarChart" for c in charts)
    assert [list(r) for r in table(wb["年级"])][1:3] == [["一年级", 2, 2, 1], ["三年级", 3, 2, 2 / 3]]
    needs = {r[0]: r[1:4] for r in table(wb["活动需求"])[1:]}
    assert needs["书法"] == (2, 3, 2)
    html = (tmp_path / "o" / "调查报告.html").read_text("utf-8")
    assert html.count("<svg") == 2
    assert not re.search(r"<script|src=|href=|@import|url\(", html, re.I)
    assert "张*明" in html and "张小明" not in html  # the duplicate list names the student, masked


def test_json_and_exit_code(export):
    res = CliRunner().invoke(app, ["survey", str(export), "--json", "--out", str(export.parent / "o")])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["ok"] and data["files"][0]["used"] and data["files"][0]["school"] == "问卷导出"
    school = data["schools"][0]
    assert school["answered"] == 5 and school["wants"] == 4
    assert school["duplicates"][0]["id"] == "301"
    assert {a["name"] for a in school["activities"]} == {"书法", "机器人", "绘画", "围棋", "舞蹈"}
    assert data["district"]["answered"] == 5


def test_missing_class_column_stops_with_exit_2(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("学号,姓名,是否参加\n1,张三,是\n", "utf-8")
    result = run([path], load_profile())
    assert [f.rule for f in result.findings] == ["READ-COLUMN"] and result.exit_code() == 2
    assert not result.files[0].used and not result.per_school
    res = CliRunner().invoke(app, ["survey", str(path), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and not (tmp_path / "o").exists()


def test_bad_yes_no_answer_is_reported_with_its_cell(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("学号,班级,是否参加\n1,一(1)班,是\n2,一(1)班,也许\n", "utf-8")
    result = run([path], load_profile())
    assert [(f.rule, f.cell, f.school) for f in result.findings] == [("CELL-CHOICE", "C3", "bad")]
    assert result.exit_code() == 2


@pytest.mark.parametrize("header", ["3、班级", "Q3. 班级", "q3、班级", "第3题 班级", "3. 班级（必填）", "3）班级"])
def test_shared_reader_strips_question_numbers(tmp_path, header):
    path = tmp_path / "h.csv"
    path.write_text(f"序号,{header},50米×8往返跑\n1,一(1)班,1\n", "utf-8")
    spec = SheetSpec("t", "h", (Field("klass", "班级"), Field("run", "50米×8往返跑")))
    problems: list = []
    table = read_sheet(open_workbook(path), spec, problems)
    assert not problems and table.letters == {"klass": "B", "run": "C"}


@pytest.mark.parametrize("text, grades", [
    ("1-3", {1, 2, 3}), ("三年级", {3}), ("1,2,3", {1, 2, 3}), ("G1-G3", {1, 2, 3}), ("一至三年级", {1, 2, 3}),
    ("G1, G2, …, G6", {1, 2, 3, 4, 5, 6}), ("3~4", {3, 4}), ("三、四年级", {3, 4}), ("高年级", {5, 6}),
    ("", None), ("全校", None), ("Grade 5", {5}),
])
def test_grade_eligibility_forms(text, grades):
    assert parse_grades(text) == (None if grades is None else frozenset(grades))


@pytest.mark.parametrize("text", ["七八九十", "3-1", "幼儿园"])
def test_bad_grade_eligibility_is_refused(text):
    with pytest.raises(ValueError):
        parse_grades(text)


@pytest.mark.parametrize("grade, klass, expect", [
    ("三年级", "2班", (3, "三(2)班")), ("3", "(2)班", (3, "三(2)班")), (None, "三(2)班", (3, "三(2)班")),
    (None, "3(2)班", (3, "三(2)班")), ("", "三年级2班", (3, "三(2)班")), (None, "302班", (3, "三(2)班")),
    ("G3", "2", (3, "三(2)班")), ("初一", "1班", (7, "七(1)班")), (None, "火箭班", (None, "火箭班")),
])
def test_grade_and_class_in_one_or_two_columns(grade, klass, expect):
    assert class_label(grade, klass) == expect


def test_multi_choice_splitting_keeps_a_known_name_whole():
    assert split_answers("机器人┋书法|绘画、围棋,舞蹈") == ["机器人", "书法", "绘画", "围棋", "舞蹈"]
    assert split_answers("书法、绘画", known={"书法、绘画"}) == ["书法、绘画"]
    assert split_answers("(跳过)") == []
    assert parse_grade("初二") == 8 and parse_grade("abc") is None


@pytest.mark.parametrize("kind, header", [("survey", "是否参加"), ("catalog", "适用年级")])
def test_blank_templates(tmp_path, kind, header):
    target = tmp_path / f"{kind}.xlsx"
    res = CliRunner().invoke(app, ["template", kind, "--out", str(target)])
    assert res.exit_code == 0, res.output
    wb = load_workbook(target)
    first = wb.worksheets[0]
    assert header in [c.value for c in first[1]]
    assert "填写说明" in wb.sheetnames


def test_blank_templates_read_back(tmp_path):
    runner = CliRunner()
    for kind in ("survey", "catalog"):
        assert runner.invoke(app, ["template", kind, "--out", str(tmp_path / f"{kind}.xlsx")]).exit_code == 0
        unmark(tmp_path / f"{kind}.xlsx")
    r = summarize([tmp_path / "survey.xlsx"], tmp_path / "catalog.xlsx")
    assert (r.answered, r.wants) == (1, 1)
    assert {d.name: d.first for d in r.demand} == {"机器人": 1}


@pytest.mark.skipif(not CCA.exists(), reason="real input not present")
def test_real_school_activity_list_reads_as_a_catalogue():
    # Four activities are listed twice (two sessions under one name): parents could not tell
    # which one they chose, so each is reported and the file is not used; the other 115 rows read.
    with pytest.raises(InputError) as exc:
        load_catalog(CCA, load_profile())
    assert [(f.rule, f.cell) for f in exc.value.findings] == [("CATALOG-DUP", c) for c in ("A8", "A11", "A19", "A89")]
    lenient = load_profile().with_values(**{"rules.CATALOG-DUP": "warning"})
    acts = load_catalog(CCA, lenient).activities
    assert len(acts) == 115
    assert all(a.capacity is None for a in acts)  # the list has no capacities: enroll must refuse it
    grades = [a.grades for a in acts]
    assert frozenset(range(1, 13)) in grades
    assert all(g is None or g <= frozenset(range(1, 13)) for g in grades)


def test_classes_are_listed_by_grade_then_number_not_by_character_code(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("学号,班级,是否参加,意见建议\n1,三(10)班,是,甲\n2,三(2)班,是,乙\n3,二(1)班,否,丙\n4,十(1)班,是,丁\n", "utf-8")
    r = summarize([path])
    assert [x.label for x in r.by_class] == ["二(1)班", "三(2)班", "三(10)班", "十(1)班"]
    assert list(r.comments) == ["二(1)班", "三(2)班", "三(10)班", "十(1)班"]


def test_a_blank_capacity_and_minimum_is_a_demand_without_places(tmp_path, export):
    catalog = tmp_path / "c.csv"
    catalog.write_text("项目,适用年级,上限,下限\n书法,,,\n机器人,,3,\n", "utf-8")
    r = summarize([export], catalog)
    assert {d.name: (d.capacity, d.minimum) for d in r.demand} == {"书法": (None, 0), "机器人": (3, 0)}

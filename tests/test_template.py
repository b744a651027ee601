"""`asrv template KIND`: a blank workbook a clerk sends to schools, readable by our own reader."""
from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

import json

from asrv import score
from asrv.blank import KINDS, blank_sheets, specs_for
from asrv.cli.main import app
from asrv.examples import collecting, read_filled
from asrv.io import open_workbook, read_sheet
from asrv.out import write_workbook
from asrv.profile import load_profile
from asrv.score import sheets as S


@pytest.fixture(scope="module")
def classes_template(tmp_path_factory):
    target = tmp_path_factory.mktemp("tpl") / "模板.xlsx"
    result = CliRunner().invoke(app, ["template", "classes", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists()
    return target


def _validations(ws) -> dict[str, str]:
    """Header of the validated column -> the list formula."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        out[ws[f"{col}1"].value] = dv.formula1
    return out


def test_every_sheet_with_headers_and_one_example(classes_template):
    wb = openpyxl.load_workbook(classes_template)
    assert wb.sheetnames == [s.title for s in S.ALL] + ["填写说明"]
    for spec in S.ALL:
        ws = wb[spec.title]
        assert [c.value for c in ws[1]] == [f.header for f in spec.fields]
        assert ws.max_row == 2, spec.title  # exactly one example row
        assert ws.freeze_panes == ("B2" if len(spec.fields) > 8 else "A2"), spec.title  # 获奖: 班级 in view
    assert wb["班级"]["A2"].value == "三(2)班（示例）"
    assert wb["获奖"]["A2"].value == "三(2)班（示例）"


def test_dropdowns(classes_template):
    wb = openpyxl.load_workbook(classes_template)
    awards = _validations(wb["获奖"])
    assert {"类型", "级别", "等第", "教育部门组织"} <= set(awards)
    assert awards["级别"] == '"段级,校级,区级,市级,省级,国家级"'
    assert awards["类型"] == '"团体,个人"' and awards["教育部门组织"] == '"是,否"'
    assert awards["等第"] == '"一等奖,二等奖,三等奖"'
    assert _validations(wb["评分"])["项目"] == '"班级建设,学风,教育教学,体育达标,班级网页,班级特色"'
    assert _validations(wb["事件"])["类型"] == '"重大事件,严重违法违纪,事故,偷窃,抢劫,进网吧"'
    assert _validations(wb["班级"])["年级"].startswith('"一年级,二年级')
    assert _validations(wb["体测"])["等级"] == '"优秀,良好,及格,不及格"'
    assert "班级" not in _validations(wb["班级"])


def test_instructions_sheet(classes_template):
    ws = openpyxl.load_workbook(classes_template)["填写说明"]
    text = [[c.value for c in row] for row in ws.iter_rows()]
    flat = {v for row in text for v in row if v}
    assert {s.title for s in S.ALL} <= flat
    assert "环境卫生达标次数" in flat and "必填" in flat and "可选" in flat
    assert any("填写说明" in str(row[0]) for row in text[:3])


def test_example_rows_are_marked_and_skipped_with_a_warning(classes_template):
    book = open_workbook(classes_template)
    problems: list = []
    with collecting() as examples:
        for spec in S.ALL:
            assert len(read_sheet(book, spec, problems)) == 1, spec.title  # the row is there
            table = read_filled(book, spec, problems)
            assert table is not None and len(table) == 0, spec.title
    assert problems == []
    assert len(examples) == len(S.ALL)
    first = examples[0]
    assert (first.rule, first.severity, first.sheet, first.cell) == ("READ-EXAMPLE", "warning", "班级", "A2")
    assert "示例行" in first.message and "未计入" in first.message


def test_a_school_that_leaves_the_examples_in_is_scored_without_them(tmp_path):
    sheets = {s.title: s for s in blank_sheets("classes")}
    sheets["班级"].rows.append(["四(1)班", "四年级", "李老师", 40])
    for item, points in (("班级建设", 18), ("学风", 17), ("教育教学", 15)):
        sheets["评分"].rows.append(["四(1)班", item, "班主任", points])
    path = tmp_path / "东城小学_评价.xlsx"
    write_workbook(path, list(sheets.values()))
    result = score.run([path], load_profile("default"), options=score.Options(quota=1))
    examples = [f for f in result.findings if f.rule == "READ-EXAMPLE"]
    assert {f.sheet for f in examples} == {s.title for s in S.ALL}
    assert all(f.severity == "warning" for f in examples)
    assert {f.school for f in result.findings} == {"东城小学_评价"}  # the school the workbook was found to be
    text = json.dumps(result.payload(), ensure_ascii=False)
    assert "四(1)班" in text and "三(2)班" not in text
    assert result.exit_code() == 0


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_reads_back_with_only_example_warnings(kind, tmp_path):
    target = tmp_path / f"{kind}.xlsx"
    result = CliRunner().invoke(app, ["template", kind, "--out", str(target)])
    assert result.exit_code == 0, result.output
    book = open_workbook(target)
    problems: list = []
    with collecting() as examples:
        for spec in specs_for(kind):
            table = read_filled(book, spec, problems)
            assert table is not None and len(table) == 0
    assert problems == []
    assert len(examples) == sum(1 for s in specs_for(kind) if s.example)


def test_id_columns_are_text_and_closed_words_have_dropdowns(tmp_path):
    wb = {}
    for kind in ("fees", "survey", "catalog", "fitness", "attendance", "district"):
        target = tmp_path / f"{kind}.xlsx"
        assert CliRunner().invoke(app, ["template", kind, "-o", str(target)]).exit_code == 0
        wb[kind] = openpyxl.load_workbook(target)
    # The example cell and the whole column, for the rows still to fill.
    assert wb["fees"]["报名"]["D2"].number_format == "@" == wb["fees"]["报名"].column_dimensions["D"].number_format
    assert wb["fees"]["报名"].column_dimensions["C"].number_format == "General"  # 班级 is not an ID
    assert wb["fitness"]["体测成绩"].column_dimensions["C"].number_format == "@"   # 学籍号
    assert wb["survey"]["意向调查"].column_dimensions["B"].number_format == "@"     # 学号
    assert _validations(wb["fees"]["支出"])["类别"] == '"人员劳务报酬,水电费,消耗品购置,场地器材维护"'
    assert _validations(wb["survey"]["意向调查"])["年级"].startswith('"一年级')
    assert _validations(wb["survey"]["意向调查"])["满意度"] == '"满意,基本满意,不满意,不了解"'
    assert _validations(wb["catalog"]["目录"])["模式"] == '"普惠托管,个性化课程"'
    assert "科普" in _validations(wb["catalog"]["目录"])["类别"]
    assert _validations(wb["district"]["指标"])["方式"] == '"自动,评分,否决"'
    # An open list offers the usual words and lets others through.
    open_list = next(dv for dv in wb["catalog"]["目录"].data_validations.dataValidation
                     if str(dv.sqref).startswith("C"))
    assert open_list.errorStyle == "information"


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "已填写.xlsx"
    target.write_bytes(b"filled")
    result = CliRunner().invoke(app, ["template", "classes", "-o", str(target)])
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert target.read_bytes() == b"filled"
    assert CliRunner().invoke(app, ["template", "classes", "-o", str(target), "--force"]).exit_code == 0
    assert openpyxl.load_workbook(target).sheetnames[0] == "班级"


def test_unknown_kind_exits_2_writing_nothing(tmp_path):
    target = tmp_path / "x.xlsx"
    result = CliRunner().invoke(app, ["template", "nosuch", "-o", str(target)])
    assert result.exit_code == 2
    assert not target.exists() and "Traceback" not in result.output


@pytest.mark.parametrize("kind,command", [("attendance", "check-attendance"), ("meals", "check-meals")])
def test_a_blank_template_checks_without_an_internal_error(kind, command, tmp_path):
    """A school that sends the template back unfilled has only example rows: every sheet is empty
    after they are skipped, which must give warnings, not 内部错误 (it did for check-attendance)."""
    target = tmp_path / f"{kind}.xlsx"
    assert CliRunner().invoke(app, ["template", kind, "-o", str(target)]).exit_code == 0
    result = CliRunner().invoke(app, [command, str(target), "--out", str(tmp_path / "out"), "--json"])
    assert "内部错误" not in result.output and result.exit_code in (0, 1), result.output
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "READ-EXAMPLE" in rules and "INTERNAL" not in rules

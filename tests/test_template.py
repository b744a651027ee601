"""`asrv template KIND`: a blank workbook a clerk sends to schools, readable by our own reader."""
from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.blank import KINDS, specs_for
from asrv.cli.main import app
from asrv.io import open_workbook, read_sheet
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
        assert ws.freeze_panes == "A2"
    assert wb["班级"]["A2"].value == "三(2)班"


def test_dropdowns(classes_template):
    wb = openpyxl.load_workbook(classes_template)
    awards = _validations(wb["获奖"])
    assert {"类型", "级别", "等第", "教育部门组织"} <= set(awards)
    assert awards["级别"] == '"段级,校级,区级,市级,省级,国家级"'
    assert awards["类型"] == '"团体,个人"' and awards["教育部门组织"] == '"是,否"'
    assert awards["等第"] == '"一等奖,二等奖,三等奖"'
    assert "项目" in _validations(wb["评分"])
    assert _validations(wb["体测"])["等级"] == '"优秀,良好,及格,不及格"'
    assert "班级" not in _validations(wb["班级"])


def test_instructions_sheet(classes_template):
    ws = openpyxl.load_workbook(classes_template)["填写说明"]
    text = [[c.value for c in row] for row in ws.iter_rows()]
    flat = {v for row in text for v in row if v}
    assert {s.title for s in S.ALL} <= flat
    assert "环境卫生达标次数" in flat and "必填" in flat and "可选" in flat
    assert any("填写说明" in str(row[0]) for row in text[:3])


def test_written_template_reads_back_clean(classes_template):
    book = open_workbook(classes_template)
    problems: list = []
    for spec in S.ALL:
        table = read_sheet(book, spec, problems)
        assert table is not None and len(table) == 1, spec.title
    assert problems == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_reads_back_clean(kind, tmp_path):
    target = tmp_path / f"{kind}.xlsx"
    result = CliRunner().invoke(app, ["template", kind, "--out", str(target)])
    assert result.exit_code == 0, result.output
    book = open_workbook(target)
    problems: list = []
    for spec in specs_for(kind):
        assert read_sheet(book, spec, problems) is not None
    assert problems == []


def test_unknown_kind_exits_2_writing_nothing(tmp_path):
    target = tmp_path / "x.xlsx"
    result = CliRunner().invoke(app, ["template", "nosuch", "-o", str(target)])
    assert result.exit_code == 2
    assert not target.exists() and "Traceback" not in result.output

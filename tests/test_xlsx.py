"""The XlsxWriter workbook writer: safe text, cell types, streaming, page setup, drop-downs, charts."""
from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
import shutil
import subprocess
import time
import zipfile
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest

from asrv.io import open_workbook
from asrv.out import CLOCK, MINSEC, MONEY, PERCENT, SCORE, ChartOut, SheetOut, write_workbook
from asrv.out.xlsx import STREAM_CELLS
from asrv.out.xlsx_format import CUT_MARK, MAX_TEXT, PLACEHOLDER, sheet_titles


def written(tmp_path, *sheets, name="x.xlsx"):
    p = tmp_path / name
    write_workbook(p, list(sheets))
    return p


def test_text_that_readers_turn_into_formulas_is_stored_as_text(tmp_path):
    risky = ["=1+1", "\t=1+1", "\r=HYPERLINK(\"http://x\")", " =SUM(A1)", "＝1+1", "\u3000@A1", "+86 138", "-5分"]
    p = written(tmp_path, SheetOut("结果", ["说明"], [[v] for v in risky], notes=["=HYPERLINK(\"http://x\",\"点\")"],
                                  heading=["+学校"]))
    ws = openpyxl.load_workbook(p)["结果"]
    assert ws["A1"].value == "+学校" and ws["A2"].value == "=HYPERLINK(\"http://x\",\"点\")"
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix and ws["A1"].quotePrefix and ws["A1"].font.b
    risky[2] = "\n=HYPERLINK(\"http://x\")"  # a lone carriage return is a line break
    for i, v in enumerate(risky, start=4):
        c = ws.cell(i, 1)
        assert (c.value, c.data_type, c.quotePrefix) == (v, "s", True)
    assert not ws.cell(3, 1).quotePrefix  # the header
    rows, _ = open_workbook(p).grid("结果")
    assert [r[0] for r in rows[3:]] == risky
    plain = written(tmp_path, SheetOut("表", ["说明"], [["正常文字"]]), name="plain.xlsx")
    assert not openpyxl.load_workbook(plain)["表"]["A2"].quotePrefix


def test_characters_a_cell_cannot_hold_become_visible_and_long_text_is_cut(tmp_path):
    long = "长" * 40000
    p = written(tmp_path, SheetOut("表", ["说明", "长文"], [["a\x00b\x07c\x1b[31m红\x1b[0m", long],
                                                       ["制表\t换行\n回车\r\n换行\r保留", "短"], ["坏\udc80字\uffff", None]]))
    ws = openpyxl.load_workbook(p)["表"]
    assert ws["A2"].value == f"a{PLACEHOLDER}b{PLACEHOLDER}c{PLACEHOLDER}[31m红{PLACEHOLDER}[0m"
    assert ws["A3"].value == "制表\t换行\n回车\n换行\n保留"
    assert ws["A4"].value == f"坏{PLACEHOLDER}字{PLACEHOLDER}"
    cut = ws["B2"].value
    assert len(cut) == MAX_TEXT and cut.endswith(CUT_MARK) and cut.startswith("长" * 100)


def test_sheet_titles_are_made_safe_and_unique():
    names = ["a/b:c*?[x]\\", "很" * 40, "成绩", "成绩", "Sheet", "sheet", "'引号'", "", "History"]
    got = sheet_titles(names)
    assert got[0] == "a_b_c___x__" and got[1] == "很" * 31
    assert got[2:6] == ["成绩", "成绩_2", "Sheet", "sheet_2"]
    assert got[6:] == ["引号", "工作表", "History_"]
    assert all(len(t) <= 31 for t in got) and len({t.lower() for t in got}) == len(got)
    assert sheet_titles(["排名", "获奖记录"]) == ["排名", "获奖记录"]  # safe names stay


def test_unsafe_duplicate_titles_still_write_and_charts_find_their_data(tmp_path):
    data = SheetOut("数据:1", ["项目", "人数"], [["甲", 3], ["乙", 5]])
    again = SheetOut("数据:1", ["项目"], [["丙"]])
    board = SheetOut("图", [], [], charts=[ChartOut("人数", "项目", ["人数"], data="数据:1", anchor="B2")])
    wb = openpyxl.load_workbook(written(tmp_path, data, again, board))
    assert wb.sheetnames == ["数据_1", "数据_1_2", "图"]
    (chart,) = wb["图"]._charts
    assert chart.series[0].val.numRef.f.replace("'", "") == "数据_1!$B$2:$B$3"  # the first sheet of that name


class Level(str, enum.Enum):
    GOOD = "良好"


def test_cell_types_read_back(tmp_path):
    when = dt.datetime(2026, 3, 5, 8, 30)
    row = [True, False, np.bool_(True), None, float("nan"), float("inf"), pd.NaT, "", Decimal("1.25"), np.int64(7),
           np.float64(2.5), pd.Timestamp("2026-03-05 08:30"), dt.date(2026, 3, 5), dt.time(17, 30),
           dt.timedelta(minutes=3, seconds=40), when.replace(tzinfo=dt.timezone.utc), ["列", "表"], Level.GOOD]
    ws = openpyxl.load_workbook(written(tmp_path, SheetOut("表", [f"c{i}" for i in range(len(row))], [row])))["表"]
    got = [c.value for c in ws[2]]
    assert got[:8] == ["是", "否", "是", None, None, None, None, None]
    assert got[8:11] == [1.25, 7, 2.5] and ws["I2"].data_type == "n"
    assert got[11] == when and got[12] == dt.datetime(2026, 3, 5) and ws["M2"].number_format == "yyyy-mm-dd"
    assert got[13] == dt.time(17, 30) and got[14] == dt.timedelta(minutes=3, seconds=40)
    assert got[15] == when  # the time zone is dropped, the clock time kept
    assert got[16:] == ["['列', '表']", "良好"]


def test_number_formats_marks_and_short_rows(tmp_path):
    sheet = SheetOut("表", ["班级", "总分", "金额", "比例", "备注"],
                     [["一(1)班", 8, 1234.5, 0.25, "x"], ["一(2)班", 9.125], ["一(3)班", None, None, None, "y", "表外"]],
                     number_formats={"总分": SCORE, "金额": MONEY, "比例": PERCENT}, marks={1: "veto", 2: "good"})
    ws = openpyxl.load_workbook(written(tmp_path, sheet))["表"]
    assert (ws["B2"].number_format, ws["C2"].number_format, ws["D2"].number_format) == ("0.00", "#,##0.00", "0.0%")
    assert ws["B4"].number_format == "0.00"  # a blank cell of a formatted column keeps the format for typing in
    for cell in ("A3", "B3", "C3", "E3"):  # the whole width of a marked row, past a short row's end
        assert ws[cell].fill.fgColor.rgb.endswith("F8CBAD"), cell
    assert ws["C4"].fill.fgColor.rgb.endswith("C6EFCE") and ws["C3"].number_format == "#,##0.00"
    assert ws["F4"].value == "表外" and ws["F4"].fill.fgColor.rgb.endswith("C6EFCE")  # past the header, still marked
    assert ws["A2"].fill.fgColor.rgb in (None, "00000000")
    assert SCORE == "0.00" and "#" not in SCORE.split(".")[-1]


def test_title_rows_page_setup_and_frozen_name_columns(tmp_path):
    wide = SheetOut("学生成绩", ["学号", "姓名"] + [f"项目{i}" for i in range(10)], [["1", "张三"] + [1] * 10],
                    heading=["示例市实验小学 体测成绩", "2026年6月"], notes=["说明"], freeze_columns=2)
    narrow = SheetOut("参数", ["项目", "值"], [["名额", 5]])
    told = SheetOut("窄但横", ["项目"], [["x"]], landscape=True)
    wb = openpyxl.load_workbook(written(tmp_path, wide, narrow, told))
    ws = wb["学生成绩"]
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value, ws["A4"].value] == ["示例市实验小学 体测成绩", "2026年6月",
                                                                             "说明", "学号"]
    assert {"A1:L1", "A2:L2"} <= {str(r) for r in ws.merged_cells.ranges} and ws["A1"].font.b
    assert ws.freeze_panes == "C5" and ws.auto_filter.ref == "A4:L5"
    assert ws.print_title_rows == "$4:$4"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)  # 1 wide is the default, omitted
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页" and ws.print_options.gridLines
    assert wb["参数"].page_setup.orientation == "portrait" and wb["参数"].freeze_panes == "A2"
    assert wb["窄但横"].page_setup.orientation == "landscape"


def test_dropdowns_inline_and_on_a_hidden_sheet_when_too_long(tmp_path):
    many = [f"选项{i:03d}" for i in range(60)]  # far over Excel's 255 characters
    sheet = SheetOut("表", ["等级", "活动", "备注"], [["优秀", "选项001", "x"]],
                     validations={"等级": ["优秀", "良好"], "活动": many, "备注": ["甲,乙", "丙"]})
    wb = openpyxl.load_workbook(written(tmp_path, sheet))
    assert wb.sheetnames == ["表", "_选项"] and wb["_选项"].sheet_state == "veryHidden"
    rules = {str(dv.sqref).split(":")[0]: dv for dv in wb["表"].data_validations.dataValidation}
    assert rules["A2"].formula1 == '"优秀,良好"' and str(rules["A2"].sqref) == "A2:A501"
    assert rules["B2"].formula1 == "'_选项'!$A$1:$BH$1" and rules["C2"].formula1 == "'_选项'!$A$2:$B$2"
    assert [c.value for c in wb["_选项"][1]] == many and wb["_选项"]["A2"].value == "甲,乙"
    assert rules["A2"].showErrorMessage and rules["A2"].error.startswith("请从下拉列表中选择")


def test_native_charts_in_the_same_pass(tmp_path):
    data = SheetOut("年级", ["年级", "答卷", "需要"], [["一年级", 3, 2], ["二年级", 4, 1], ["合计", 7, 3]],
                    charts=[ChartOut("横向", 1, [2], type="bar")])
    board = SheetOut("图表", [], [], notes=["图表说明"],
                     charts=[ChartOut("各年级", "年级", ["答卷", "需要"], data="年级", rows=2, anchor="A3",
                                      y_title="人数")])
    wb = openpyxl.load_workbook(written(tmp_path, board, data))
    (col,) = wb["图表"]._charts
    assert col.type == "col" and "".join(r.t for p in col.title.tx.rich.p for r in p.r) == "各年级"
    assert [s.val.numRef.f for s in col.series] == ["年级!$B$2:$B$3", "年级!$C$2:$C$3"]  # the 合计 row left out
    assert col.series[0].cat.strRef.f == "年级!$A$2:$A$3" and col.series[1].tx.strRef.f == "年级!$C$1"
    (bar,) = wb["年级"]._charts
    assert bar.type == "bar" and bar.series[0].val.numRef.f == "年级!$B$2:$B$4"
    assert bar.anchor._from.col == 4 and bar.anchor._from.row == 0  # right of the table
    assert wb["图表"]["A1"].value == "图表说明" and wb["图表"].freeze_panes is None


def test_survey_chart_sheet_keeps_its_charts_and_titles(tmp_path):
    from asrv.survey.charts import Chart, charts_sheet
    charts = [Chart("各年级答卷与需要服务人数", "年级", ["一年级"], [("答卷人数", 2, [1]), ("需要服务", 3, [1])]),
              Chart("各活动报名与名额", "活动需求", ["书法", "围棋"], [("第一志愿", 2, [1, 2]), ("名额上限", 4, [3, 4])])]
    sheets = [charts_sheet(charts), SheetOut("年级", ["年级", "答卷人数", "需要服务"], [["一年级", 1, 1], ["合计", 1, 1]]),
              SheetOut("活动需求", ["活动", "第一志愿人数", "全部志愿人数", "名额上限"], [["书法", 1, 1, 3], ["围棋", 2, 2, 4]])]
    wb = openpyxl.load_workbook(written(tmp_path, *sheets))
    assert wb.sheetnames[0] == "图表"
    got = wb["图表"]._charts
    assert ["".join(r.t for p in c.title.tx.rich.p for r in p.r) for c in got] == [c.title for c in charts]
    assert [c.anchor._from.row for c in got] == [2, 20]  # A3 and A21, as before
    assert [s.val.numRef.f for s in got[1].series] == ["活动需求!$B$2:$B$3", "活动需求!$D$2:$D$3"]


@pytest.mark.parametrize("packed,stamp", [(10**9, (1980, 1, 1, 0, 0, 0)), (0, (1980, 1, 31, 0, 0, 0))],
                         ids=["parts-in-memory", "parts-in-files"])
def test_large_workbooks_are_streamed_in_row_order_and_byte_stable(tmp_path, monkeypatch, packed, stamp):
    """Rows streamed to files; the parts packed in memory up to PACK_CELLS, through files above it
    (XlsxWriter dates the zip entries of each way differently, and each the same every time)."""
    from asrv.out import xlsx
    monkeypatch.setattr(xlsx, "PACK_CELLS", packed)
    n = STREAM_CELLS + 10
    rows = [[f"{i:06d}", f"=学生{i}", i * 0.5, dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)] for i in range(n)]

    def book(name):
        return written(tmp_path, SheetOut("学生", ["学号", "姓名", "分数", "日期"], rows, number_formats={"分数": SCORE},
                                          marks={n - 1: "veto"}, validations={"学号": [f"{i}" for i in range(120)]},
                                          charts=[ChartOut("分数", 1, [3], rows=20)]), name=name)
    first = book("a.xlsx")
    with zipfile.ZipFile(first) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
        assert 't="inlineStr"' in sheet_xml and "xl/sharedStrings.xml" not in z.namelist()
        assert {i.date_time for i in z.infolist()} == {stamp}
        assert "xl/worksheets/sheet2.xml" in z.namelist()  # the 120 choices went to the hidden sheet
    wb = openpyxl.load_workbook(first, read_only=True)
    got = list(wb["学生"].iter_rows(min_row=n, max_row=n + 1, values_only=True))
    wb.close()
    assert got == [(*r[:3], dt.datetime.combine(r[3], dt.time())) for r in rows[-2:]]  # 学号, text, score, date
    time.sleep(2.1)  # zip entry times have a two-second resolution
    assert hashlib.sha256(book("b.xlsx").read_bytes()).digest() == hashlib.sha256(first.read_bytes()).digest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temporary file left


def test_small_workbooks_use_shared_strings(tmp_path):
    with zipfile.ZipFile(written(tmp_path, SheetOut("表", ["列"], [["甲"], ["甲"]]))) as z:
        assert "xl/sharedStrings.xml" in z.namelist()
        assert b"inlineStr" not in z.read("xl/worksheets/sheet1.xml")


def test_a_failed_write_leaves_no_file_and_no_temporary_folder(tmp_path):
    with pytest.raises(KeyError):
        write_workbook(tmp_path / "x.xlsx", [SheetOut("表", ["列"], [[1]] * (STREAM_CELLS + 1), marks={3: "没有这种"})])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice or poppler absent")
def test_printed_by_libreoffice_one_page_wide_header_on_every_page_and_formats_shown(tmp_path):
    # 30 columns × 120 rows printed in vertical strips before: now landscape, one page wide.
    cols = ["学号", "姓名"] + [f"第{i}项成绩" for i in range(28)]
    wide = SheetOut("成绩", cols, [[f"{i:04d}", "张三"] + [i + j / 10 for j in range(28)] for i in range(120)])
    shown = SheetOut("格式", ["用时", "得分", "金额", "比例", "时刻"], [[220 / 86400, 8, 1234.5, 0.256, dt.time(17, 30)]],
                     number_formats={"用时": MINSEC, "得分": SCORE, "金额": MONEY, "比例": PERCENT, "时刻": CLOCK},
                     heading=["示例市实验小学"])
    p = written(tmp_path, wide, shown)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(p)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    pdf = str(tmp_path / "x.pdf")
    pages = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")[:-1]
    sizes = [line.split()[3:6:2] for line in subprocess.run(["pdfinfo", "-f", "1", "-l", "99", pdf], check=True,
             capture_output=True, text=True).stdout.splitlines() if re.match(r"Page +\d+ size", line)]
    *table, last = pages
    assert 1 <= len(table) <= 4
    assert all("学号" in t and "第27项成绩" in t for t in table)  # the header on each page, every column on it
    assert [float(w) > float(h) for w, h in sizes] == [True] * len(table) + [False]  # landscape, then portrait
    assert re.search(r"3′40″ +8\.00 +1,234\.50 +25\.6% +17:30", last) and "示例市实验小学" in last
    assert "第 1 页" in table[0]

"""Hostile and broken workbooks: each becomes a finding for its file, never an abort or a traceback."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from asrv.findings import InputError
from asrv.io import SheetSpec, Field, open_workbook, read_sheet
from asrv.io.inputs import collect
from asrv.profile import load_profile

REAL = Path(__file__).resolve().parents[2] / "shared" / "real_inputs"
SPEC = SheetSpec("ratings", "评分", (Field("class", "班级"), Field("score", "分数", kind="number")))


def book(path: Path, rows=(("班级", "分数"), ("三(1)班", 5))) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分"
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def edit_sheet(path: Path, change) -> Path:
    """Rewrite xl/worksheets/sheet1.xml through `change(bytes) -> bytes`."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    tmp.replace(path)
    return path


def refused(path: Path, profile=None) -> str:
    with pytest.raises(InputError) as exc:
        wb = open_workbook(path, profile)
        read_sheet(wb, SPEC, [])
    [finding] = exc.value.findings
    assert finding.file == path.name
    return finding.message


def corner_value(path: Path) -> Path:
    return edit_sheet(book(path), lambda x: x.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))


def test_a_value_at_the_last_cell_is_a_finding_not_an_abort(tmp_path):
    path = corner_value(tmp_path / "角落.xlsx")
    assert "第 1048576 行" in refused(path) and "限度" in refused(path)
    # In a child process: calamine would abort the interpreter (rc 134) if it were asked to read it.
    code = "import sys; from asrv.io import open_workbook\ntry:\n open_workbook(sys.argv[1])\nexcept Exception: sys.exit(7)"
    p = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, timeout=60)
    assert p.returncode == 7, p.stderr[-300:]


def test_a_stray_format_in_the_corner_is_not_content(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分"
    ws.append(["班级", "分数"])
    ws.append(["三(1)班", 5])
    ws["XFD1048576"].font = openpyxl.styles.Font(bold=True)
    wb.save(tmp_path / "格式.xlsx")
    problems: list = []
    t = read_sheet(open_workbook(tmp_path / "格式.xlsx"), SPEC, problems)
    assert problems == [] and t.df["score"].tolist() == [5.0]


def test_a_zip_bomb_is_refused_by_size_and_ratio(tmp_path):
    path = book(tmp_path / "炸弹.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (3 << 20))  # 3 MB of zeros: a ratio of ~1000
    assert "压缩比异常" in refused(path)
    small = tmp_path / "小.toml"
    small.write_text("[limits]\nmax_inflated_mb = 1\n", encoding="utf-8")
    assert "超过 1 MB" in refused(path, load_profile(small))


def test_damaged_xml_encryption_and_a_page_saved_as_xls(tmp_path):
    bad = edit_sheet(book(tmp_path / "坏.xlsx"), lambda x: x[: len(x) // 2])
    assert "损坏" in refused(bad)
    enc = tmp_path / "加密.xlsx"
    enc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))
    assert "密码" in refused(enc)
    page = tmp_path / "导出.xls"
    page.write_text("<html><table><tr><td>班级</td></tr></table></html>", encoding="utf-8")
    assert "不是 Excel 工作簿" in refused(page)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real_inputs is not here")
def test_a_real_xls_named_xlsx_is_read_by_its_content(tmp_path):
    renamed = tmp_path / "考勤.xlsx"
    shutil.copyfile(REAL / "attendance_card_import__GKICMP_AttendRecordImport.xls", renamed)
    rows, _ = open_workbook(renamed).grid("Sheet1")
    assert rows[0][:2] == ["卡号", "姓名"]


def test_an_error_value_is_reported_at_its_cell(tmp_path):
    path = edit_sheet(book(tmp_path / "错误值.xlsx"), lambda x: re.sub(
        rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', x))
    problems: list = []
    read_sheet(open_workbook(path), SPEC, problems)
    assert [(f.rule, f.where) for f in problems] == [("CELL-ERROR", "评分!B2")]


def test_a_hidden_sheet_does_not_shadow_the_visible_one(tmp_path):
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "评分"
    hidden.append(["班级", "分数"])
    hidden.append(["三(1)班", 1])
    hidden.sheet_state = "hidden"
    visible = wb.create_sheet("评分 ")
    visible.append(["班级", "分数"])
    visible.append(["三(1)班", 7])
    wb.save(tmp_path / "隐藏.xlsx")
    t = read_sheet(open_workbook(tmp_path / "隐藏.xlsx"), SPEC, [])
    assert t.sheet == "评分 " and t.df["score"].tolist() == [7.0]


def test_a_second_column_with_values_the_first_lacks_is_an_error(tmp_path):
    path = book(tmp_path / "两列.xlsx", [("班级", "分数", "分数"), ("三(1)班", 5, None), ("三(2)班", None, 6)])
    problems: list = []
    read_sheet(open_workbook(path), SPEC, problems)
    assert [(f.rule, f.where) for f in problems] == [("READ-DUP-COLUMN", "评分!C1")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_skipped_never_read(tmp_path):
    book(tmp_path / "好.xlsx")
    os.mkfifo(tmp_path / "pipe.xlsx")
    got = collect([tmp_path])
    assert [p.name for p in got.paths] == ["好.xlsx"]
    assert any("不是普通文件" in f.message and f.file == "pipe.xlsx" for f in got.findings)


def test_lock_files_copies_and_earlier_outputs_are_skipped(tmp_path):
    good = book(tmp_path / "一小.xlsx")
    shutil.copyfile(good, tmp_path / "一小（重发）.xlsx")
    (tmp_path / "~$一小.xlsx").write_bytes(b"\0" * 100)
    (tmp_path / "结果.xlsx").write_bytes(good.read_bytes() + b"")
    (tmp_path / ".asrv-fitness.json").write_text('{"files": ["结果.xlsx"]}', encoding="utf-8")
    got = collect([tmp_path])
    assert [p.name for p in got.paths] == ["一小.xlsx"]
    said = {f.file: f.message for f in got.findings}
    assert "锁定文件" in said["~$一小.xlsx"] and "内容完全相同" in said["一小（重发）.xlsx"]
    assert "上次写出" in said["结果.xlsx"]

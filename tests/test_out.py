"""Outputs: atomic writes, formula-safe formatted workbooks, masking, publication periods."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import openpyxl
import pytest

from asrv.findings import InputError
from asrv.io import open_workbook
from asrv.out import Outputs, SheetOut, mask_id, mask_name, write_workbook
from asrv.workdays import publication_period


def visible(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def everything(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_outputs_all_or_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        with Outputs(out, "t") as o:
            o.write_text("a.txt", "甲")
            o.write("b.xlsx", lambda p: write_workbook(p, [SheetOut("表", ["列"], [[1]])]))
            raise RuntimeError("boom")
    assert everything(tmp_path) == []  # no folder, no target, no temporary file

    with Outputs(out, "t") as o:
        a = o.write_text("a.txt", "甲")
        assert not a.exists()  # nothing appears before the run succeeds
        o.write("b.xlsx", lambda p: write_workbook(p, [SheetOut("表", ["列"], [[1]])]))
    assert visible(out) == ["a.txt", "b.xlsx"] and everything(tmp_path) == ["out", "out/.asrv-t.json", "out/a.txt",
                                                                          "out/b.xlsx"]
    assert a.read_text(encoding="utf-8") == "甲"


def test_outputs_failing_writer_leaves_old_file(tmp_path):
    (tmp_path / "a.txt").write_text("旧", encoding="utf-8")

    def fail(p):
        p.write_text("半", encoding="utf-8")
        raise OSError(28, "No space left on device")
    with pytest.raises(InputError, match="磁盘已满"):
        with Outputs(tmp_path, "t") as o:
            o.write("a.txt", fail)
    assert everything(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "旧"


def test_a_run_replaces_the_previous_runs_files_as_a_whole(tmp_path):
    with Outputs(tmp_path, "fitness") as o:
        for name in ("体测成绩.xlsx", "东城小学/体测_一(1)班.html", "东城小学/体测_一(2)班.html"):
            o.write_text(name, "旧")
    (tmp_path / "别人的文件.txt").write_text("留着", encoding="utf-8")
    with Outputs(tmp_path, "score") as o:  # another command's outputs in the same folder are its own
        o.write_text("评分结果.xlsx", "分")
    with Outputs(tmp_path, "fitness") as o:
        o.write_text("体测成绩.xlsx", "新")
        o.write_text("东城小学/体测_一(1)班.html", "新")
    assert everything(tmp_path) == [".asrv-fitness.json", ".asrv-score.json", "东城小学", "东城小学/体测_一(1)班.html",
                                    "体测成绩.xlsx", "别人的文件.txt", "评分结果.xlsx"]
    assert (tmp_path / "体测成绩.xlsx").read_text("utf-8") == "新"


def test_outputs_refuse_an_input_a_file_at_out_and_a_blocked_target(tmp_path):
    source = tmp_path / "体测成绩.xlsx"
    source.write_text("输入", encoding="utf-8")
    with pytest.raises(InputError, match="输入文件"):
        with Outputs(tmp_path, "fitness", inputs=[source]) as o:
            o.write_text("体测成绩.xlsx", "输出")
    assert source.read_text("utf-8") == "输入"
    # The same file by another name: a symbolic link and a hard link in --out are the input too.
    (tmp_path / "链接").mkdir()
    (tmp_path / "链接" / "体测成绩.xlsx").symlink_to(source)
    os.link(source, tmp_path / "硬链接.xlsx")
    for name in ("链接/体测成绩.xlsx", "硬链接.xlsx"):
        with pytest.raises(InputError, match="输入文件"):
            with Outputs(tmp_path, "fitness", inputs=[source]) as o:
                o.write_text(name, "输出")
    assert source.read_text("utf-8") == "输入"
    with pytest.raises(InputError, match="是一个文件"):
        with Outputs(source, "fitness") as o:
            o.write_text("x.txt", "x")
    (tmp_path / "out" / "b.txt").mkdir(parents=True)  # a folder where a file must go
    (tmp_path / "out" / "a.txt").write_text("旧", encoding="utf-8")
    with pytest.raises(InputError, match="文件夹"):
        with Outputs(tmp_path / "out", "t") as o:
            o.write_text("a.txt", "新")
            o.write_text("b.txt", "新")
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == "旧"
    assert not [p for p in tmp_path.iterdir() if "asrv-tmp" in p.name]


def test_outputs_take_the_users_umask(tmp_path):
    import os
    old = os.umask(0o022)
    try:
        with Outputs(tmp_path, "t") as o:
            o.write_text("a.txt", "甲")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_formula_like_text_stays_text(tmp_path):
    risky = ["=1+1", "+8613800000000", "-5分", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]
    p = tmp_path / "x.xlsx"
    write_workbook(p, [SheetOut("结果", ["说明", "分数"], [[v, 1] for v in risky])])
    ws = openpyxl.load_workbook(p)["结果"]
    for i, v in enumerate(risky, start=2):
        assert ws.cell(i, 1).value == v
        assert ws.cell(i, 1).data_type == "s"
    rows, _ = open_workbook(p).grid("结果")
    assert [r[0] for r in rows[1:]] == risky


def test_layout_widths_freeze_formats_marks_and_dropdowns(tmp_path):
    p = tmp_path / "x.xlsx"
    long_name = "省中小学生艺术展演（器乐合奏）"
    write_workbook(p, [SheetOut(
        "排名", ["班级", "项目", "总分", "日期", "等级"],
        [["三(2)班", long_name, 101.5, dt.date(2026, 3, 5), "是"], ["三(1)班", "x", 99, None, True]],
        number_formats={"总分": "0.0"}, marks={1: "veto"}, validations={"等级": ["优秀", "良好"]},
        notes=["标题行"], merge_notes=True)])
    ws = openpyxl.load_workbook(p)["排名"]
    assert ws.freeze_panes == "A3"
    assert ws["A1"].value == "标题行" and "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == ["班级", "项目", "总分", "日期", "等级"]
    assert ws.column_dimensions["B"].width >= 2 * len(long_name)
    assert 6 <= ws.column_dimensions["A"].width < ws.column_dimensions["B"].width
    assert ws["C3"].number_format == "0.0" and ws["C3"].value == 101.5
    assert ws["D3"].value.date() == dt.date(2026, 3, 5)
    assert ws["E4"].value == "是"  # a bool is written as 是/否
    assert ws["A4"].fill.fgColor.rgb.endswith("F8CBAD") and not ws["A3"].fill.fgColor.rgb.endswith("F8CBAD")
    (dv,) = ws.data_validations.dataValidation
    assert dv.formula1 == '"优秀,良好"' and str(dv.sqref).startswith("E3:")


def test_workbook_bytes_do_not_depend_on_the_clock(tmp_path):
    def digest(name):
        p = tmp_path / name
        write_workbook(p, [SheetOut("表", ["日期"], [[dt.date(2026, 3, 5)]], notes=["题"])])
        return hashlib.sha256(p.read_bytes()).hexdigest()
    first = digest("a.xlsx")
    time.sleep(2.1)  # zip entry times have a two-second resolution
    assert digest("b.xlsx") == first


@pytest.mark.parametrize("name,masked", [
    ("张小明", "张*明"), ("张三", "张*"), ("欧阳小明", "欧**明"), ("李", "李"), ("", ""), (None, ""),
    (" 王五 ", "王*"),
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_mask_id_inside_text():
    assert mask_id("身份证号110105201001011234已登记") == "身份证号110105********1234已登记"
    assert mask_id("号码 11010520100101123X。") == "号码 110105********123X。"
    assert mask_id("学籍号G110105201001011234") == "学籍号G110105********1234"
    for keep in ("电话 13800138000", "编号 1234567890123456789012", "2026-03-05", None):
        assert mask_id(keep) == ("" if keep is None else keep)


def test_publication_period():
    d = dt.date
    plain = {"statutory": False}
    # Friday counts; the weekend does not.
    assert _span(publication_period(d(2026, 6, 12), 5, plain)) == (d(2026, 6, 12), d(2026, 6, 18))
    # Starting on a Saturday: the period starts on Monday.
    assert _span(publication_period(d(2026, 6, 13), 5, plain)) == (d(2026, 6, 15), d(2026, 6, 19))
    assert _span(publication_period(d(2026, 6, 15), 5, {**plain, "holidays": ["2026-06-19"]})) == \
        (d(2026, 6, 15), d(2026, 6, 22))
    assert _span(publication_period(d(2026, 6, 18), 3, {**plain, "extra_workdays": ["2026-06-20"]})) == \
        (d(2026, 6, 18), d(2026, 6, 20))
    assert _span(publication_period(d(2026, 6, 15), 1, plain)) == (d(2026, 6, 15), d(2026, 6, 15))


def test_publication_period_statutory_calendar():
    d = dt.date
    # 国庆 2026: 10-01…10-07 off, Saturday 10-10 is a make-up working day (调休).
    p = publication_period(d(2026, 9, 30), 5)
    assert _span(p) == (d(2026, 9, 30), d(2026, 10, 12)) and p.unknown_years == []
    # 端午 2026-06-19 is a holiday.
    assert _span(publication_period(d(2026, 6, 18), 2)) == (d(2026, 6, 18), d(2026, 6, 22))
    # A year the package does not know: weekends and 元旦 are still off, and the year is named.
    p = publication_period(d(2026, 12, 28), 5)
    assert _span(p) == (d(2026, 12, 28), d(2027, 1, 4)) and p.unknown_years == [2027]


def _span(p):
    return p.first, p.last


def test_a_failed_move_puts_the_previous_set_back_and_removes_new_folders(tmp_path, monkeypatch):
    from asrv.out.atomic import OutputError
    out = tmp_path / "out"
    with Outputs(out, "fitness") as o:
        o.write_text("体测成绩.xlsx", "旧")
        o.write_text("甲小学/体测_一(1)班.html", "旧")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == "体测成绩.xlsx" and ".replaced" not in str(src) + str(dst):  # the new file's move
            raise OSError(28, "No space left on device")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="原有文件未改动"):
        with Outputs(out, "fitness") as o:
            o.write_text("乙小学/体测_一(1)班.html", "新")  # a folder new to --out: moved in one rename
            o.write_text("甲小学/体测_一(1)班.html", "新")
            o.write_text("体测成绩.xlsx", "新")
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before and not (out / "乙小学").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]

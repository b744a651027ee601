"""Issue 15, the cases no other test covers, each on a generated file: aborts, raw control
characters on the terminal, dates pandas cannot hold, outputs at a read-only place or over an
input, stale per-class reports, a FIFO in a folder, a real .xls under another extension, Markdown
and formula text from names."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv import fitness, meals
from asrv.cli.main import app
from asrv.profile import load_profile
from score_helpers import classes, full_marks, score_book, write_book as score_workbook
from test_fitness_support import GOOD, student, write as fitness_book
from test_meals_support import clean as meals_sheets, write as meals_book
from test_reader_guard import SPEC, book, edit_sheet, refused

runner = CliRunner()


def invoke(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "内部错误" not in r.output and "Traceback" not in r.output
    return r


# ---- process aborts ----

def test_a_corner_cell_whose_address_is_not_its_first_attribute_is_refused(tmp_path):
    path = edit_sheet(book(tmp_path / "角落.xlsx"), lambda x: x.replace(
        b"</sheetData>", b'<row r="1048576"><c t="inlineStr" r="XFD1048576"><is><t>x</t></is></c></row></sheetData>'))
    assert "第 1048576 行" in refused(path)
    code = "import sys; from asrv.io import open_workbook\ntry:\n open_workbook(sys.argv[1])\nexcept Exception: sys.exit(7)"
    p = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, timeout=120)
    assert p.returncode == 7, p.stderr[-300:]


def test_one_school_file_with_a_corner_cell_does_not_stop_the_batch(tmp_path):
    good = score_workbook(tmp_path / "一小.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")})
    bad = score_workbook(tmp_path / "二小.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")})
    edit_sheet(bad, lambda x: x.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                                          b'<is><t>x</t></is></c></row></sheetData>'))
    r = invoke("score", tmp_path, "--quota", "1", "--date", "2026-06-22", "--json", "--out", tmp_path / "o")
    data = json.loads(r.stdout)
    assert r.exit_code == 2
    assert {f["path"].split("/")[-1]: f["used"] for f in data["files"]} == {"一小.xlsx": True, "二小.xlsx": False}
    assert [f["rule"] for f in data["findings"] if f["file"] == "二小.xlsx"] == ["READ-LIMIT"]
    assert (tmp_path / "o" / "一小_评分结果.xlsx").is_file() and good.is_file()


# ---- tracebacks and the terminal ----

def test_escape_sequences_and_bells_never_reach_the_terminal(tmp_path):
    sheets = meals_sheets()
    sheets["陪餐"][0]["问题"] = "_x001B_[31m饭菜偏咸_x001B_[0m_x0007_"  # how OOXML stores ESC and BEL
    path = meals_book(tmp_path / "m.xlsx", sheets)
    for fmt in ("table", "plain", "csv"):
        r = invoke("check-meals", path, "--format", fmt, "--out", tmp_path / fmt)
        assert r.exit_code in (0, 1)
        assert "\x1b" not in r.output and "\x07" not in r.output


def test_control_characters_in_values_are_written_as_visible_placeholders(tmp_path):
    sheets = meals_sheets()
    sheets["陪餐"][0]["问题"] = "饭菜_x0007_偏咸_x0000_"
    sheets["陪餐"][0]["整改措施"] = "_x001B_调整"
    path = meals_book(tmp_path / "m.xlsx", sheets)
    result = meals.run([path], load_profile())
    written = meals.write(result, tmp_path / "o")
    texts = [c for p in written if p.suffix == ".xlsx"
             for ws in openpyxl.load_workbook(p) for row in ws.iter_rows(values_only=True) for c in row
             if isinstance(c, str)]
    assert not any(ch in t for t in texts for ch in "\x00\x07\x1b")


# ---- dates beyond what pandas holds ----

# Before 1900 a date has no Excel serial: it reaches the reader as a bare time, refused all the same.
@pytest.mark.parametrize("day,says", [("2263-01-01", "1900 至 2100 年间"), ("1850-05-05", "应为日期")])
def test_a_date_out_of_range_is_a_finding_at_its_cell(tmp_path, day, says):
    import datetime as dt
    sheets = meals_sheets()
    sheets["就餐"][0]["日期"] = dt.date.fromisoformat(day)  # was: OutOfBoundsDatetime
    path = meals_book(tmp_path / "m.xlsx", sheets)
    result = meals.run([path], load_profile())
    [f] = [f for f in result.findings if f.sheet == "就餐" and f.cell == "A2"]
    assert f.rule == "CELL-DATE" and says in f.message


# ---- outputs all or nothing ----

def _fitness_input(folder: Path, classes_=("一(1)班", "一(2)班"), name="体测成绩.xlsx") -> Path:
    return fitness_book(folder / name, [student(GOOD, k, f"S{i}", f"学生{i}") for i, k in enumerate(classes_)])


def test_out_on_a_read_only_disk_is_exit_2_in_chinese_and_leaves_nothing(tmp_path, monkeypatch):
    import tempfile
    path = _fitness_input(tmp_path / "in")

    def read_only(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    r = invoke("fitness", path, "--out", tmp_path / "o", "--json")
    data = json.loads(r.stdout)
    assert r.exit_code == 2 and data["ok"] is False
    assert [f["rule"] for f in data["findings"]][-1] == "OUTPUT" and "只读" in data["findings"][-1]["message"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_full_disk_while_writing_keeps_the_previous_run(tmp_path, monkeypatch):
    from asrv.out import atomic
    out = tmp_path / "o"
    assert invoke("fitness", _fitness_input(tmp_path / "a"), "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(path, mode):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic.os, "chmod", full)
    r = invoke("fitness", _fitness_input(tmp_path / "b", ("一(3)班",)), "--out", out, "--json")
    assert r.exit_code == 2 and "磁盘已满" in json.loads(r.stdout)["findings"][-1]["message"]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.rglob("*asrv-tmp*")]


def test_a_move_that_fails_half_way_puts_every_previous_output_back(tmp_path, monkeypatch):
    from asrv.out import Outputs
    from asrv.out.atomic import OutputError
    out = tmp_path / "o"
    with Outputs(out, "t") as o:
        for i in range(5):
            o.write_text(f"{i}.txt", "旧")
    before = {p.name: p.read_text("utf-8") for p in out.iterdir()}
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 6:  # the third output's move, after two were already replaced
            raise OSError(errno.EACCES, "Permission denied")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match="原有文件未改动"):
        with Outputs(out, "t") as o:
            for i in range(4):
                o.write_text(f"{i}.txt", "新")
    monkeypatch.undo()
    assert {p.name: p.read_text("utf-8") for p in out.iterdir()} == before
    assert not [p for p in tmp_path.rglob("*asrv-tmp*")]


def test_a_run_never_writes_over_its_own_input(tmp_path):
    folder = tmp_path / "in"
    path = _fitness_input(folder)
    before = path.read_bytes()
    r = invoke("fitness", path, "--out", folder, "--json")
    assert r.exit_code == 2 and "输入文件" in json.loads(r.stdout)["findings"][-1]["message"]
    assert path.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["体测成绩.xlsx"]


def test_a_smaller_run_leaves_no_stale_per_class_reports(tmp_path):
    out = tmp_path / "o"
    fitness.write(fitness.run([_fitness_input(tmp_path / "a")], load_profile()), out)
    reports = lambda: sorted(p.name for p in out.rglob("体测_*.html"))  # noqa: E731
    assert len(reports()) == 2
    fitness.write(fitness.run([_fitness_input(tmp_path / "b", ("一(1)班",))], load_profile()), out)
    assert len(reports()) == 1 and "一(1)班" in reports()[0]
    assert not [p for p in tmp_path.rglob("*asrv-tmp*")]


def test_a_very_long_class_name_makes_a_short_file_name(tmp_path):
    long = "一(1)班" + "（" + "很长的班级名称" * 60 + "）"
    path = _fitness_input(tmp_path / "in", (long,))
    result = fitness.run([path], load_profile())
    written = fitness.write(result, tmp_path / "o")
    assert all(len(p.name.encode()) <= 255 for p in written)
    assert any(p.name.startswith("体测_一(1)班") for p in written)


def test_template_into_a_folder_leaves_no_temporary_file(tmp_path):
    r = invoke("template", "classes", "-o", tmp_path)
    assert r.exit_code == 0, r.output
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") or "tmp" in p.name] == []
    assert any(p.suffix == ".xlsx" for p in tmp_path.iterdir())


# ---- silent misreads and special files ----

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_does_not_hang_check_schedule(tmp_path):
    from test_schedule_support import session, write_book as schedule_book
    schedule_book(tmp_path / "一小.xlsx", [session()])
    os.mkfifo(tmp_path / "pipe.xlsx")
    # In a child process with a timeout: reading a FIFO would block for ever.
    p = subprocess.run([sys.executable, "-m", "asrv", "check-schedule", str(tmp_path), "--json",
                        "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    data = json.loads(p.stdout)
    assert p.returncode in (0, 1), p.stderr
    assert any(f["file"] == "pipe.xlsx" and "不是普通文件" in f["message"] for f in data["findings"])


def test_a_real_xls_named_xlsx_is_read_by_its_content(tmp_path):
    import xlwt
    wb = xlwt.Workbook()
    ws = wb.add_sheet("评分")
    for r, row in enumerate([("班级", "分数"), ("三(1)班", 5), ("三(2)班", 7.5)]):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.save(str(tmp_path / "旧.xls"))
    renamed = tmp_path / "旧.xlsx"
    (tmp_path / "旧.xls").rename(renamed)
    from asrv.io import open_workbook, read_sheet
    problems: list = []
    t = read_sheet(open_workbook(renamed), SPEC, problems)
    assert problems == [] and t.df["score"].tolist() == [5.0, 7.5]


def test_a_hidden_sheet_does_not_shadow_the_visible_one_in_score(tmp_path):
    path = score_workbook(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班", building=10)})
    wb = openpyxl.load_workbook(path)
    wb["评分"].sheet_state = "hidden"
    visible = wb.create_sheet("评分 ")
    for row in [["班级", "项目", "评价者", "分数"], *full_marks("三(1)班", building=20)]:
        visible.append(row)
    wb.save(path)
    from asrv import score
    import datetime as dt
    r = score.run([path], load_profile(), options=score.Options(date=dt.date(2026, 6, 22)))
    hidden = score_book(tmp_path / "h.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班", building=10)})
    [mine], [low] = r.per_school[0].classes, hidden.per_school[0].classes
    assert mine.base - low.base == pytest.approx(10)


# ---- text written from names ----

@pytest.mark.parametrize("prefix", ["\t=", "\r=", " =", "＝", "+", "-", "@"])
def test_enroll_notes_keep_formula_like_activity_names_as_text(tmp_path, prefix):
    from asrv.out import SheetOut, write_workbook
    name = f"{prefix}HYPERLINK(\"http://x\",\"点我\")"
    cat = tmp_path / "c.xlsx"
    write_workbook(cat, [SheetOut("目录", ["项目", "上限"], [[name, 1], ["书法", 5]])])
    survey = tmp_path / "s.xlsx"
    write_workbook(survey, [SheetOut("意向调查", ["学号", "姓名", "班级", "是否参加", "意向1", "意向2"],
                                     [[f"{i}", f"学生{i}", "三(1)班", "是", name, "书法"] for i in (1, 2)])])
    r = invoke("enroll", survey, "--catalog", cat, "--seed", "1", "--out", tmp_path / "o")
    assert r.exit_code in (0, 1), r.output
    for p in (tmp_path / "o").glob("*.xlsx"):
        wb = openpyxl.load_workbook(p)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (p.name, ws.title, c.coordinate, c.value)


def test_newlines_and_strikes_in_names_stay_inside_the_markdown_table(tmp_path):
    import datetime as dt
    from asrv import score
    rows = [["三(1)班", "三年级", "王\n~~老师~~|", 40]]
    path = score_workbook(tmp_path / "c.xlsx", {"班级": rows, "评分": full_marks("三(1)班")})
    result = score.run([path], load_profile(), options=score.Options(date=dt.date(2026, 6, 22), quota=1))
    [md] = [p for p in score.write(result, tmp_path / "o") if p.suffix == ".md"]
    text = md.read_text("utf-8")
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert table and all(line.endswith("|") for line in table)
    assert "~~老师~~" not in text

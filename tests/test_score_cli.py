"""`asrv score` end to end: exit codes, outputs, bad input, JSON, the notice's golden files."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from score_helpers import award, classes, full_marks, write_book
from golden_files import assert_notice_golden
from xlsx_read import records

runner = CliRunner()


def small_book(tmp_path: Path) -> Path:
    names = ("三(1)班", "三(2)班", "三(3)班")
    return write_book(tmp_path / "classes.xlsx", {
        "班级": classes(*names),
        "评分": full_marks(names[0]) + full_marks(names[1], building=15) + full_marks(names[2], building=15),
        "获奖": [award("三(1)班", "个人", "书法", "区级", "一等奖", student="张小明"),
                 award("三(2)班", "团体", "text:=HYPERLINK(\"x\")", "校级", "一等奖")],
        "体测": [["三(3)班", "李四", "不及格"], ["三(1)班", "王五", "良好"], ["三(2)班", "赵六", "及格"]],
    }, titles={"班级": "东城小学 2025—2026学年 班级名册"})


def rows_of(ws) -> list[dict]:
    return records(ws)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_score_writes_workbook_and_notice(tmp_path):
    book = small_book(tmp_path)
    out = tmp_path / "out"
    r = runner.invoke(app, ["score", str(book), "--quota", "1", "--date", "2026-06-19", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "已写出" in r.output and "东城小学_评分结果.xlsx" in r.output
    assert sorted(p.name for p in out.iterdir()) == [".asrv-score.json", "东城小学_公示.docx", "东城小学_公示.html",
                                                    "东城小学_公示.md", "东城小学_公示_微信.html", "东城小学_评分结果.xlsx"]
    wb = openpyxl.load_workbook(out / "东城小学_评分结果.xlsx")
    assert wb.sheetnames == ["排名", "获奖记录", "问题", "参数"]
    ws = wb["排名"]
    rows = rows_of(ws)
    assert [(r["学校"], r["名次"], r["班级"], r["推荐"]) for r in rows] == [
        ("东城小学", 1, "三(1)班", "是"), ("东城小学", 2, "三(2)班", "否"), ("东城小学", 3, "三(3)班", "否")]
    assert rows[2]["一票否决"].startswith("是") and ws.freeze_panes == "E3"  # header and 学校, 名次, 班级, 年级 kept in view
    assert ws["A1"].value == "东城小学 优秀班集体评价结果（2025-2026学年）  制表日期：2026年6月19日"
    assert ws.page_setup.orientation == "landscape"
    assert {ws.cell(row=3, column=c).number_format for c in range(7, 18)} == {"0.00"}  # never 0.##
    assert rows[0]["总分"] == 80 + 10 + 6  # full marks, fitness 10 × 1/1 passed, 区级一等奖 6
    awards = rows_of(wb["获奖记录"])
    assert {a["学校"] for a in awards} == {"东城小学"}
    event = wb["获奖记录"].cell(row=4, column=6)
    assert event.value == '=HYPERLINK("x")' and event.data_type == "s"  # text, never a formula
    assert all(f["学校"] == "东城小学" for f in rows_of(wb["问题"]))
    params = {r["项目"]: r["值"] for r in rows_of(wb["参数"])}
    assert params["学校"] == "东城小学" and params["学校名称来源"] == "标题行" and params["学年"].startswith("2025-09-01")
    html = (out / "东城小学_公示.html").read_text("utf-8")
    assert "张*明" in html and "张小明" not in html
    assert "2026年6月22日至2026年6月26日" in html  # 5 working days: 端午 (06-19) and a weekend skipped


def test_notice_matches_golden(tmp_path):
    book = small_book(tmp_path)
    out = tmp_path / "out"
    r = runner.invoke(app, ["score", str(book), "--quota", "2", "--date", "2026-06-19", "--out", str(out)])
    assert r.exit_code == 0, r.output
    texts = assert_notice_golden(out, "东城小学_公示", "score_notice")
    for text in texts.values():  # the document by name, the period, the channel, the seal
        assert "《优秀班集体考核方案》" in text and "篇3" not in text and "2026年6月22日至2026年6月26日" in text
        assert "学校德育处" in text and "张*明" in text.replace("\\", "")


def test_no_mask_shows_names(tmp_path):
    out = tmp_path / "out"
    runner.invoke(app, ["score", str(small_book(tmp_path)), "--no-mask", "--date", "2026-06-19", "--out", str(out)])
    assert "张小明" in (out / "东城小学_公示.md").read_text("utf-8")


def test_rerun_gives_same_content(tmp_path):
    book = small_book(tmp_path)
    args = ["score", str(book), "--date", "2026-06-19", "--out"]
    runner.invoke(app, args + [str(tmp_path / "a")])
    runner.invoke(app, args + [str(tmp_path / "b")])
    for name in ("东城小学_公示.md", "东城小学_公示.html", "东城小学_公示.docx", "东城小学_公示_微信.html",
                 "东城小学_评分结果.xlsx"):
        assert sha(tmp_path / "a" / name) == sha(tmp_path / "b" / name)


def test_json_output(tmp_path):
    r = runner.invoke(app, ["score", str(small_book(tmp_path)), "--json", "--date", "2026-06-19",
                            "--out", str(tmp_path / "o")])
    data = json.loads(r.stdout)
    assert set(data) == {"ok", "exit_code", "files", "schools", "notices", "findings", "written"}
    assert data["ok"] is True and [f["used"] for f in data["files"]] == [True] and len(data["written"]) == 5
    assert data["notices"] == {"state": "final", "note": ""}
    (school,) = data["schools"]
    assert (school["school"], school["file"], school["year"], school["quota"]) == ("东城小学", "classes.xlsx",
                                                                                  "2025-2026", 3)
    assert school["classes"][0]["class"] == "三(1)班" and school["classes"][2]["vetoed"] is True
    assert all(set(f) == {"rule", "severity", "school", "file", "sheet", "cell", "message"} for f in data["findings"])


def test_bad_input_lists_every_problem_and_writes_nothing(tmp_path):
    book = write_book(tmp_path / "bad.xlsx", {
        "班级": classes("三(1)班", "三(2)班") + [["三(1)班", "三年级", "x", "四十"]],
        "评分": full_marks("三(1)班") + [["三(2)班", "纪律", "班主任", 5], ["三(2)班", "学风", "语文", 30]],
        "获奖": [award("三(1)班", "团体", "合唱", "乡级", "一等奖"), award("三(1)班", "团体", "舞蹈", "区级", "特等奖"),
                 award("三(1)班", "个人", "足球", "区级", "一等奖", count="四", date="2026-13-45")],
        "体测": [["三(1)班", "张三", "很好"], ["五(1)班", "李四", "及格"]],
        "事件": [["三(2)班", "2026-03-01", "事故", "150%", ""]],
    })
    before = sha(book)
    out = tmp_path / "out"
    r = runner.invoke(app, ["score", str(book), "--out", str(out)])
    assert r.exit_code == 2
    text = r.output
    for where in ("班级!D4", "班级!A4", "评分!B7", "评分!D8", "获奖!E2", "获奖!F3", "获奖!H4", "获奖!I4",
                  "体测!C2", "体测!A3", "事件!D2"):
        assert where in text, where
    assert "Traceback" not in text
    assert not out.exists()
    assert sha(book) == before


@pytest.mark.parametrize("content,expect", [(b"not a workbook at all", "无法读取工作簿"), (None, "找不到文件")])
def test_unreadable_file(tmp_path, content, expect):
    path = tmp_path / "x.xlsx"
    if content is not None:
        path.write_bytes(content)
    r = runner.invoke(app, ["score", str(path), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and expect in r.output and "Traceback" not in r.output


def test_missing_sheet_and_column(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "班级"
    wb.active.append(["年级", "班主任"])
    wb.save(tmp_path / "m.xlsx")
    r = runner.invoke(app, ["score", str(tmp_path / "m.xlsx"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert "缺少「班级」列" in r.output and "缺少工作表「评分」" in r.output


def test_subprocess_module_entry(tmp_path):
    book = small_book(tmp_path)
    p = subprocess.run([sys.executable, "-m", "asrv", "score", str(book), "--json", "--date", "2026-06-19",
                        "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["schools"][0]["classes"][0]["rank"] == 1
    p = subprocess.run([sys.executable, "-m", "asrv", "score", str(tmp_path / "nope.xlsx")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "找不到文件" in p.stdout and "Traceback" not in p.stdout + p.stderr


def test_template_filled_by_hand_scores(tmp_path):
    blank = tmp_path / "模板.xlsx"
    assert runner.invoke(app, ["template", "classes", "-o", str(blank)]).exit_code == 0
    wb = openpyxl.load_workbook(blank)
    wb["班级"].append(["三(3)班", "三年级", "李老师", 44])
    for item, score_ in (("班级建设", 17), ("学风", 21), ("教育教学", 13), ("班级网页", 9), ("班级特色", 8)):
        wb["评分"].append(["三(3)班", item, "教导处", score_])
    wb["达标次数"].append(["三(3)班", 8, 15])
    wb["获奖"].append(["三(3)班", "团体", None, "拔河", "段级", None, 1, None, "2026/5/4", "是"])
    wb.save(blank)
    r = runner.invoke(app, ["score", str(blank), "--json", "--date", "2026-06-19", "--out", str(tmp_path / "o")])
    assert r.exit_code == 0, r.output
    got = {c["class"]: c for c in json.loads(r.stdout)["schools"][0]["classes"]}
    assert got["三(3)班"]["total"] == 17 + 21 + 13 + 9 + 8 + 8 + 15 + 2
    assert set(got) == {"三(3)班"}  # the example row （示例） left in is not scored, and said
    said = [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "READ-EXAMPLE"]
    assert len(said) == 7 and all(f["severity"] == "warning" for f in said)


def test_debug_shows_traceback(tmp_path):
    args = [sys.executable, "-m", "asrv", "score", str(small_book(tmp_path)), "--year", "2025-2027"]
    p = subprocess.run([*args, "--debug"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" in p.stderr and "--year「2025-2027」" in p.stderr
    p = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr and "--year「2025-2027」" in p.stderr


def test_json_on_exit_2_names_the_file_and_writes_nothing(tmp_path):
    bad = tmp_path / "第9小学.xlsx"
    bad.write_bytes(b"PK\x03\x04 cut off")
    out = tmp_path / "o"
    r = runner.invoke(app, ["score", str(bad), "--json", "--out", str(out)])
    data = json.loads(r.stdout)
    assert r.exit_code == 2 and data["ok"] is False and data["written"] == [] and data["schools"] == []
    assert [(f["path"], f["used"]) for f in data["files"]] == [(str(bad), False)]
    assert data["findings"][0]["file"] == "第9小学.xlsx" and "已损坏" in data["findings"][0]["message"]
    assert not out.exists()


def test_school_option_with_several_files_is_a_usage_error(tmp_path):
    book = small_book(tmp_path)
    other = write_book(tmp_path / "b.xlsx", {"班级": classes("一(1)班"), "评分": full_marks("一(1)班")})
    r = runner.invoke(app, ["score", str(book), str(other), "--school", "某小学", "--json", "--out", str(tmp_path / "o")])
    data = json.loads(r.stdout)
    assert r.exit_code == 2 and data["findings"][0]["rule"] == "OPTION" and "--school" in data["findings"][0]["message"]

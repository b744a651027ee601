"""What every command shares in the CLI: Chinese usage errors with suggestions, one JSON document
even when the run cannot start, plain lines for pipes, --out problems as findings, a closed pipe."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asrv.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / "sample_data" / "schedule.xlsx"
runner = CliRunner()


@pytest.mark.parametrize("args, says", [
    (["score", "x.xlsx", "--quotaa", "3"], "没有 --quotaa 这个选项，你是不是要输入 --quota？"),
    (["scor", "x.xlsx"], "没有「scor」这个命令，你是不是要输入 score？"),
    (["score", "x.xlsx", "--quota", "三"], "--quota 的值有误：应为整数"),
    (["fees", "x.xlsx"], "缺少选项 --term"),
    (["check-schedule", str(SCHEDULE), "--format", "xml"], "--format 应为 table、plain、csv、json 之一"),
])
def test_usage_errors_are_chinese_with_a_suggestion(args, says):
    r = runner.invoke(app, args)
    assert r.exit_code == 2 and says in r.output, r.output
    assert "Error" not in r.output and "Usage" not in r.output and "Traceback" not in r.output


def test_help_is_chinese():
    r = runner.invoke(app, ["score", "--help"])
    assert r.exit_code == 0 and "用法：asrv score [选项]" in r.output and "显示此帮助并退出" in r.output
    assert "Show this message" not in r.output and "Options" not in r.output


def test_json_is_one_document_even_when_the_run_cannot_start(tmp_path):
    bad = tmp_path / "区.toml"
    bad.write_text('[score]\nquota = "五"\n', encoding="utf-8")
    r = runner.invoke(app, ["check-schedule", str(SCHEDULE), "--profile", str(bad), "--json"])
    data = json.loads(r.stdout)
    assert r.exit_code == 2 and data["ok"] is False and data["findings"][0]["rule"] == "PROFILE"
    r = runner.invoke(app, ["score", str(ROOT / "sample_data" / "classes.xlsx"), "--date", "9999-12-31", "--json"])
    assert json.loads(r.stdout)["findings"][0]["rule"] == "OPTION-DATE" and r.exit_code == 2


def test_out_at_a_file_is_exit_2_in_chinese(tmp_path):
    target = tmp_path / "结果.txt"
    target.write_text("旧", encoding="utf-8")
    r = runner.invoke(app, ["check-schedule", str(SCHEDULE), "--out", str(target)])
    assert r.exit_code == 2 and "是一个文件" in r.output and target.read_text("utf-8") == "旧"


def test_piped_output_is_one_tab_separated_line_per_finding(tmp_path):
    r = runner.invoke(app, ["check-schedule", str(SCHEDULE), "--out", str(tmp_path / "o")])
    lines = [line for line in r.stdout.splitlines() if line]
    assert r.exit_code == 1 and len(lines) == 11
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert any(line.split("\t")[3:5] == ["schedule.xlsx", "安排!G10"] for line in lines)


def test_the_program_says_every_line_and_ends_with_its_exit_code(tmp_path):
    """`asrv` ends its process at once after the run (asrv.cli.main.entry): every finding line is
    still written out, the exit code is the run's, and the outputs are complete."""
    r = runner.invoke(app, ["check-schedule", str(SCHEDULE), "--out", str(tmp_path / "a")])
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a clerk's terminal runs it
    p = subprocess.run([sys.executable, "-m", "asrv", "check-schedule", str(SCHEDULE), "--out", str(tmp_path / "b")],
                       capture_output=True, text=True, cwd=ROOT, timeout=120, env=buffered)
    assert (p.returncode, p.stdout) == (r.exit_code, r.stdout) == (1, r.stdout) and p.stdout.count("\n") == 11
    assert "已写出" in p.stderr and "Traceback" not in p.stderr
    assert sorted(f.name for f in (tmp_path / "b").iterdir()) == sorted(f.name for f in (tmp_path / "a").iterdir())
    assert (tmp_path / "b" / "安排检查报告.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_closed_pipe_ends_without_a_traceback():
    p = subprocess.run(f"{sys.executable} -m asrv rules | head -1", shell=True, capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert p.stdout.startswith("READ-FILE") and "Traceback" not in p.stderr, p.stderr


def test_many_written_files_are_counted_per_folder_and_the_output_folder_named(tmp_path):
    from asrv.cli.show import LIST_WRITTEN, written_lines
    out = tmp_path / "体测"
    paths = [out / "体测成绩.xlsx", *(out / f"第{s}小学" / f"体测_{c}班.html" for s in (1, 2) for c in range(12)),
             out / "第3小学" / "体测_一(1)班.html"]
    assert len(paths) > LIST_WRITTEN
    assert written_lines(paths) == [f"  {out / '体测成绩.xlsx'}", f"  {out / '第1小学'}{os.sep}（12 个文件）",
                                    f"  {out / '第2小学'}{os.sep}（12 个文件）", f"  {paths[-1]}"]
    few = paths[:LIST_WRITTEN]
    assert written_lines(few) == [f"  {p}" for p in few]


def test_a_run_says_how_many_class_reports_it_wrote_in_each_school_folder(tmp_path):
    r = runner.invoke(app, ["fitness", str(ROOT / "sample_data" / "fitness.xlsx"), "--out", str(tmp_path),
                            "--format", "plain"])
    reports = list((tmp_path / "示例市实验小学").glob("*.html"))
    assert r.exit_code == 0 and len(reports) > 3
    assert f"{tmp_path / '示例市实验小学'}{os.sep}（{len(reports)} 个文件）" in r.stderr
    assert str(tmp_path / "体测成绩.xlsx") in r.stderr and str(reports[0]) not in r.stderr

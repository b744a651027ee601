"""`asrv check-schedule`, `asrv rules`, `asrv template schedule` through the CLI, outputs read back."""
import importlib.util
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from test_schedule_support import session, week, write_book
from golden_files import assert_golden
from template_helpers import unmark
from xlsx_read import table
from asrv.io.keys import school_order

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
PLANTED = {("SCH-HOMEWORK", "安排!K3"), ("CONFLICT-STAFF", "安排!L8"), ("SCH-END", "安排!G10"),
           ("SCH-LEN", "安排!G10"), ("SCH-DAY", "安排!E11"), ("STAFF-TRAINING-ORG", "人员!E7"),
           ("STAFF-EXTERNAL", "人员!G12"), ("SCH-STUDY", "安排!H14"), ("SCH-TEACHING", "安排!I15"),
           ("SCH-AFTER-DISMISSAL", "安排!F16"), ("STAFF-KNOWN", "安排!L17")}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_schedule", ROOT / "sample_data" / "make_schedule.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write(tmp_path_factory.mktemp("sample") / "schedule.xlsx")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """The default ./asrv-out lands in the test's own folder, never in the repository."""
    monkeypatch.chdir(tmp_path)


def run_json(*args):
    result = runner.invoke(app, ["check-schedule", *map(str, args), "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_sample_finds_exactly_the_planted_problems(sample):
    code, data = run_json(sample)
    assert code == 1
    assert {(f["rule"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]} == PLANTED
    assert {k: data["summary"][k] for k in ("schools", "files", "rows", "errors", "warnings")} == \
        {"schools": 2, "files": 1, "rows": 16, "errors": 10, "warnings": 1}
    assert set(data["findings"][0]) == {"rule", "severity", "school", "file", "sheet", "cell", "message"}
    assert {s["school"]: (s["errors"], s["warnings"], s["rows"]) for s in data["schools"]} == \
        {"第一实验小学": (6, 0, 10), "第二中学": (4, 1, 6)}
    assert data["files"] == [{"path": str(sample), "school": "第一实验小学、第二中学", "school_source": "学校列",
                              "used": True}]
    assert all(f["message"].endswith("）") for f in data["findings"] if not f["rule"].startswith("CONFLICT-"))


def test_outputs_workbook_and_html(sample, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["check-schedule", str(sample), "--out", str(out)])
    assert result.exit_code == 1
    assert "第一实验小学" in result.stdout and "SCH-END" in result.stdout
    wb = openpyxl.load_workbook(out / "安排检查结果.xlsx")
    assert wb.sheetnames == ["问题", "统计", "全区合计", "安排"]
    rows = table(wb["问题"])
    # The layout every command's 问题 sheet shares, with the school in front.
    assert rows[0] == ("学校", "级别", "规则", "文件", "位置", "值", "说明")
    schools = [r[0] for r in rows[1:]]
    assert schools == sorted(schools, key=school_order) and len(set(schools)) == 2  # by school, pinyin order
    first_school = [r for r in rows[1:] if r[0] == "第一实验小学"]
    levels = [r[1] for r in first_school]
    assert levels == sorted(levels, key=lambda x: x != "错误")  # errors before warnings
    assert ("第一实验小学", "错误", "SCH-END", "schedule.xlsx", "安排!G10", "18:10") == rows[1:][
        [r[2] for r in rows[1:]].index("SCH-END")][:6]
    head, *counted = table(wb["统计"])
    counts = {r[0]: r for r in counted}
    assert counts["第二中学"][head.index("错误")] == 4 and counts["第二中学"][head.index("提示")] == 1
    assert counts["第一实验小学"][head.index("SCH-DAY")] == 1
    assert counts["第一实验小学"][head.index("学校来源")] == "学校列"
    total = dict(table(wb["全区合计"])[1:])  # one item per row
    assert (total["学校数"], total["文件数"], total["安排行数"], total["错误"], total["提示"]) == (2, 1, 16, 10, 1)
    assert total["SCH-DAY"] == 1 and total["STAFF-KNOWN"] == 1
    sched = table(wb["安排"])
    by_row = {r[2]: r[-1] for r in sched[1:]}
    assert by_row[10] == "SCH-END、SCH-LEN" or set(by_row[10].split("、")) == {"SCH-END", "SCH-LEN"}
    assert by_row[2] is None and by_row[13] is None  # clean rows stay unmarked
    html = (out / "安排检查报告.html").read_text("utf-8")
    assert "第二中学" in html and "晚于小学上限 18:00（篇1 三(二)）" in html


def test_html_is_escaped(tmp_path):
    path = write_book(tmp_path / "x.xlsx", [session(school="<b>校</b>", day="周六")])
    result = runner.invoke(app, ["check-schedule", str(path), "--out", str(tmp_path / "o")])
    html = (tmp_path / "o" / "安排检查报告.html").read_text("utf-8")
    assert result.exit_code == 1 and "&lt;b&gt;校&lt;/b&gt;" in html and "<b>校</b>" not in html


def test_clean_file_exits_0_and_warnings_exit_1_only_when_strict(tmp_path):
    assert not (tmp_path / "asrv-out").exists()
    clean = write_book(tmp_path / "clean.xlsx", week())
    code, data = run_json(clean)
    assert (code, data["ok"], data["findings"], data["summary"]["errors"]) == (0, True, [], 0)
    warn = write_book(tmp_path / "warn.xlsx", [session(start="15:50", end="17:00")],
                      schools=[["一小", "小学", "16:00", ""]])
    assert run_json(warn)[0] == 0
    assert (tmp_path / "asrv-out" / "安排检查结果.xlsx").exists()  # --json writes the files too
    result = runner.invoke(app, ["check-schedule", str(warn), "--json", "--strict", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1


def test_unreadable_file_exit_2_others_still_checked_and_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_book(folder / "a.xlsx", week())
    write_book(folder / "b.xlsx", [session(day="周日")])
    (folder / "c.xlsx").write_bytes(b"broken")
    out = tmp_path / "out"
    result = runner.invoke(app, ["check-schedule", str(folder), "--out", str(out)])
    assert result.exit_code == 2
    assert (out / "安排检查结果.xlsx").exists()
    code, data = run_json(folder, "--out", out)
    assert code == 2 and data["summary"]["files"] == 3 and data["summary"]["files_unusable"] == 1
    assert {f["rule"] for f in data["findings"]} == {"READ-FILE", "SCH-DAY"}
    assert [f["path"] for f in data["files"] if not f["used"]] == [str(folder / "c.xlsx")]


def test_glob_and_profile_option(tmp_path):
    for i in range(3):
        write_book(tmp_path / f"s{i}.xlsx", [session(school=f"第{i + 1}中学", stage="初中", grade="七年级",
                                                     start="17:00", end="18:20")])
    code, data = run_json(tmp_path / "s*.xlsx")
    assert code == 0 and data["summary"]["files"] == 3 and data["summary"]["rows"] == 3
    code, data = run_json(tmp_path / "s*.xlsx", "--profile", "hefei")
    assert code == 1 and [f["rule"] for f in data["findings"]] == ["SCH-END"] * 3


def test_district_profile_file(tmp_path):
    prof = tmp_path / "district.toml"
    prof.write_text('extends = "default"\n[schedule.length]\nmax_minutes = 60\n', encoding="utf-8")
    path = write_book(tmp_path / "s.xlsx", [session(start="16:00", end="17:01")])
    code, data = run_json(path, "--profile", prof)
    assert code == 1 and data["findings"][0]["rule"] == "SCH-LEN" and "超过 60 分钟" in data["findings"][0]["message"]


def test_input_error_exits_2_and_writes_nothing(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [session(start="半夜")])
    out = tmp_path / "out"
    result = runner.invoke(app, ["check-schedule", str(path), "--out", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "Traceback" not in result.output


def test_rules_lists_every_rule_with_profiles():
    result = runner.invoke(app, ["rules", "--json"])
    assert result.exit_code == 0
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert len([r for r, d in rules.items() if d["family"] == "schedule"]) == 17
    assert {d["family"] for d in rules.values()} >= {"read", "score", "fitness", "schedule", "fees", "survey", "enroll"}
    assert rules["FEE-CAP"]["source"] == "篇2 三(二)" and rules["FEE-CAP"]["default"] == "error"
    assert rules["FEE-MATERIALS"]["default"] == "warning" and len(rules["FEE-HARDSHIP"]["profiles"]) == 3
    assert rules["SCH-SCOPE"]["profiles"] == ["national"] and rules["SCH-SCOPE"]["default"] == "off"
    assert rules["STAFF-BASIC-OWN"]["profiles"] == ["hefei"]
    assert rules["SCH-END"]["source"] == "篇1 三(二)" and len(rules["SCH-END"]["profiles"]) == 3
    assert rules["SCH-AFTER-DISMISSAL"]["default"] == "warning"
    table = runner.invoke(app, ["rules"])
    assert table.exit_code == 0 and "CONFLICT-ROOM" in table.stdout


def test_template_schedule_is_a_clean_schedule(tmp_path):
    target = tmp_path / "schedule_模板.xlsx"
    result = runner.invoke(app, ["template", "schedule", "--out", str(target)])
    assert result.exit_code == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["安排", "人员", "学校", "填写说明"]
    assert next(wb["安排"].iter_rows(values_only=True))[:5] == ("学校", "学段", "年级", "服务班", "星期")
    code, data = run_json(unmark(target))
    assert (code, data["findings"], data["summary"]["rows"]) == (0, [], 1)


def test_staff_sheet_missing_is_exit_2(tmp_path):
    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "安排"
    wb.active.append(["服务班", "星期", "开始时间", "结束时间", "内容"])
    wb.active.append(["三(1)班", "周一", "16:00", "17:00", "阅读"])
    wb.save(path)
    result = runner.invoke(app, ["check-schedule", str(path), "--json", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "人员" in result.output and not (tmp_path / "o").exists()


def test_html_report_matches_golden(sample, tmp_path):
    """The principal's report for the sample."""
    out = tmp_path / "out"
    assert runner.invoke(app, ["check-schedule", str(sample), "--out", str(out)]).exit_code == 1
    got = (out / "安排检查报告.html").read_text("utf-8")
    assert_golden(got, "schedule_report.html")


def test_rules_with_a_district_profile(tmp_path):
    prof = tmp_path / "district.toml"
    prof.write_text('extends = "national"\n[rules]\nSCH-SCOPE = "warning"\n', encoding="utf-8")
    result = runner.invoke(app, ["rules", "--json", "--profile", str(prof)])
    rules = {r["id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rules["SCH-SCOPE"]["levels"]["district"] == "warning"
    assert rules["SCH-SCOPE"]["profiles"] == ["district", "national"]


def test_fifty_schools_in_one_run(tmp_path):
    # Issue 4: fifty schools (~2,000 rows) checked in one run. The timing lives in bench_schedule.py;
    # here every planted late end is found once, in the right file and cell, and nothing else is.
    import random
    from bench_schedule import school_rows
    from asrv import schedule
    from asrv.profile import load_profile
    rng = random.Random(4)
    planted = set()
    for i in range(50):
        rows, staff = school_rows(i, rng)
        name = f"school_{i:02d}.xlsx"
        write_book(tmp_path / name, rows, staff)
        planted |= {(name, f"G{r + 2}") for r, row in enumerate(rows) if row[6] == "18:10"}
    result = schedule.run([tmp_path], load_profile("default"))
    assert result.summary()["files"] == 50 and len(result.by_school) == 50
    late = {(f.file, f.cell) for f in result.findings if f.rule == "SCH-END"}
    assert planted and late == planted


def test_table_and_csv_show_workbook_text_as_text(tmp_path):
    import csv
    import io
    path = write_book(tmp_path / "s.xlsx", [session(school="[bold]红[/]小学", day="周六")])
    table = runner.invoke(app, ["check-schedule", str(path), "--format", "table", "--out", str(tmp_path / "a")])
    assert table.exit_code == 1
    assert "[bold]红[/]小学" in table.stdout and "SCH-DAY" in table.stdout
    got = runner.invoke(app, ["check-schedule", str(path), "--format", "csv", "--out", str(tmp_path / "b")])
    rows = list(csv.reader(io.StringIO(got.stdout)))
    assert rows[0] == ["级别", "规则", "学校", "文件", "位置", "说明"]
    assert [r[:5] for r in rows[1:]] == [["错误", "SCH-DAY", "[bold]红[/]小学", "s.xlsx", "安排!E2"]]

"""`asrv check-meals` through the CLI: the sample's planted problems, the monthly summary read back, a
district batch with the usual accidents, JSON and piped output."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from template_helpers import unmark
from asrv.cli.main import app
from district_helpers import SCHOOLS, accidents
from test_meals_support import clean, write
from xlsx_read import table

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
PLANTED = {("MEAL-RATE", "就餐!G22"), ("MEAL-ACCOMPANY", "开餐日历!D16"), ("MEAL-ACCOMPANY-ROLE", "陪餐!E8"),
           ("MEAL-ISSUE-OPEN", "陪餐!I11"), ("MEAL-SAMPLE", "留样!E48"), ("MEAL-SAMPLE", "开餐日历!D20"),
           ("MEAL-NO-DATA", "开餐日历!D21")} | {("MEAL-SAMPLE", f"留样!G{r}") for r in range(50, 54)}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_meals", ROOT / "sample_data" / "make_meals.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path_factory.mktemp("sample") / "meals.xlsx"
    module.main(target)
    return target


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def invoke(*args):
    return runner.invoke(app, ["check-meals", *map(str, args)])


def test_sample_finds_exactly_the_planted_problems(sample, tmp_path):
    r = invoke(sample, "--json", "--out", tmp_path / "o")
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    assert {(f["rule"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]} == PLANTED
    assert [(m["month"], m["meal_days"]) for m in data["months"]] == [("2026-09", 8), ("2026-10", 7)]
    school = data["schools"][0]
    assert school["provision_rate"] == round((5824 - 2 + 4368) / (5824 + 4368), 4)
    assert school["accompany_coverage"] == round(14 / 15, 4) and school["leader_coverage"] == round(13 / 15, 4)


def test_monthly_summary_read_back(sample, tmp_path):
    assert invoke(sample, "--out", tmp_path / "o").exit_code == 1
    wb = openpyxl.load_workbook(tmp_path / "o" / "午餐汇总.xlsx")
    assert wb.sheetnames == ["学校月汇总", "每日", "问题"]
    rows = table(wb["学校月汇总"])[1:]
    assert [r[:5] for r in rows] == [("第一实验小学", "2026-09", 8, 5824, 5822), ("第一实验小学", "2026-10", 7, 4368, 4368)]
    assert rows[1][5] == 1 and rows[1][7] == pytest.approx(6 / 7)
    assert wb["学校月汇总"]["F4"].number_format == "0.0%"  # below the title row, the note and the header


def test_piped_output_is_one_line_per_finding(sample, tmp_path):
    lines = invoke(sample, "--out", tmp_path / "o").stdout.strip("\n").split("\n")
    assert len(lines) == len(PLANTED) and all(len(line.split("\t")) == 6 for line in lines)


def test_district_batch_with_a_corrupt_file_a_lock_file_and_a_copy(tmp_path):
    folder = tmp_path / "各校午餐"
    folder.mkdir()
    paths = []
    for n, school in enumerate(SCHOOLS[:3]):
        book = clean(school=school)
        if n == 2:
            book["就餐"][0]["供餐人数"] = 30
        paths.append(write(folder / f"{school}.xlsx", book))
    accidents(folder, paths[0])
    r = invoke(folder, "--json", "--out", tmp_path / "o")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert {Path(f["path"]).name: f["used"] for f in data["files"]} == {
        "第1小学.xlsx": True, "第2小学.xlsx": True, "第3小学.xlsx": True, "损坏的学校.xlsx": False}
    assert [(f["rule"], f["school"]) for f in data["findings"] if f["rule"].startswith("MEAL")] == [("MEAL-RATE", "第3小学")]
    assert {s["school"]: s["provision_rate"] for s in data["schools"]} == {"第1小学": 1.0, "第2小学": 1.0,
                                                                           "第3小学": round(790 / 800, 4)}
    assert (tmp_path / "o" / "午餐汇总.xlsx").exists()


def test_template_is_read_back_clean(tmp_path):
    assert runner.invoke(app, ["template", "meals", "-o", str(tmp_path / "t.xlsx")]).exit_code == 0
    left_in = invoke(tmp_path / "t.xlsx", "--json", "--out", tmp_path / "o")  # nothing but examples: nothing to check
    assert {f["rule"] for f in json.loads(left_in.stdout)["findings"]} == {"READ-EXAMPLE"}
    r = invoke(unmark(tmp_path / "t.xlsx"), "--json", "--out", tmp_path / "o")
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []


def test_a_workbook_without_the_accompany_sheet_is_unusable(tmp_path):
    book = clean()
    del book["陪餐"]
    r = invoke(write(tmp_path / "午餐.xlsx", book), "--format", "plain", "--out", tmp_path / "o")
    assert r.exit_code == 2 and "READ-SHEET" in r.output and "陪餐" in r.output and "Traceback" not in r.output

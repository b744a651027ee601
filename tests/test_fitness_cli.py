"""`asrv fitness` end to end on the sample school, through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.fitness import has_raw_measurements, ratings_by_class, score_fitness
from asrv.profile import load_profile
from golden_files import assert_golden

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "fitness.xlsx"
ITEMS = {"bmi", "vital_capacity", "run_50m", "sit_and_reach", "rope_skipping_1min", "sit_ups_1min",
         "shuttle_run_50m_x8", "standing_long_jump", "pull_ups", "run_1000m", "run_800m"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("fit")
    res = CliRunner().invoke(app, ["fitness", str(SAMPLE), "--out", str(out), "--json"])
    return res, out


def test_json_has_exactly_the_promised_shape(sample):
    res, _ = sample
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"students", "classes", "findings"}
    s = data["students"][0]
    assert set(s) == {"file", "row", "class", "student_id", "name", "grade", "sex", "items", "standard_score",
                      "bonus", "total", "rating"}
    assert set(s["items"]) == ITEMS and s["file"] == "fitness.xlsx" and s["row"] == 2
    assert len(data["students"]) == 240 and len(data["classes"]) == 24


def test_sample_vetoes_the_planted_classes(sample):
    res, _ = sample
    classes = {c["class"]: c for c in json.loads(res.stdout)["classes"]}
    vetoed = {name for name, c in classes.items() if c["ratings"]["不及格"]}
    assert vetoed == {"二(2)班", "六(3)班"}
    assert classes["六(3)班"]["ratings"]["不及格"] == 2 and len(classes["六(3)班"]["failed_names"]) == 2
    assert (classes["四(1)班"]["tested"], classes["四(1)班"]["exempt"]) == (9, 1)
    # 六(3)班: 3 优秀, 3 良好, 2 及格, 2 不及格 of 10 tested; 及格率 counts 及格 and above.
    c = classes["六(3)班"]
    assert c["ratings"] == {"优秀": 3, "良好": 3, "及格": 2, "不及格": 2}
    assert c["rates"] == {"优秀": 30.0, "良好": 30.0, "及格": 20.0, "不及格": 20.0} and c["pass_rate"] == 80.0
    # 四(1)班: 7 及格 of 9 tested = 77.78 → 77.8%.
    assert classes["四(1)班"]["rates"]["及格"] == 77.8


def test_class_report_matches_golden(sample):
    _, out = sample
    got = (out / "体测_六(3)班.html").read_text("utf-8")
    assert_golden(got, "fitness_class.html")


def test_workbook_read_back(sample):
    _, out = sample
    wb = openpyxl.load_workbook(out / "体测成绩.xlsx")
    assert wb.sheetnames == ["学生成绩", "班级汇总", "年级汇总", "问题"]
    ws = wb["班级汇总"]
    header = [c.value for c in ws[2]]
    rows = {r[1]: dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["六(3)班"]["不及格人数"] == 2 and rows["六(3)班"]["实测"] == 10
    assert rows["四(1)班"]["免测"] == 1 and rows["一(1)班"]["不及格学生（一票否决）"] in (None, "")
    students = wb["学生成绩"]
    header = [c.value for c in students[2]]
    first = dict(zip(header, next(students.iter_rows(min_row=3, values_only=True))))
    assert first["班级"] == "一(1)班" and first["等级"] in ("优秀", "良好", "及格", "不及格")
    assert first["学年总分"] == first["标准分"] + first["附加分"]


def test_class_report_masks_names_unless_asked(sample, tmp_path):
    _, out = sample
    html = (out / "体测_六(3)班.html").read_text("utf-8")
    r = score_fitness([SAMPLE], load_profile("default"))
    failing = ratings_by_class(r)["六(3)班"]["failed_names"]
    assert "不及格学生（2 人）" in html
    assert all(n not in html for n in failing)
    res = CliRunner().invoke(app, ["fitness", str(SAMPLE), "--out", str(tmp_path), "--no-mask"])
    assert res.exit_code == 0
    assert all(n in (tmp_path / "体测_六(3)班.html").read_text("utf-8") for n in failing)


def test_ratings_by_class_for_the_excellent_class_score():
    r = score_fitness([SAMPLE], load_profile("default"))
    by = ratings_by_class(r)
    assert len(by) == 24
    assert by["二(2)班"]["failed"] == 1 and by["二(2)班"]["passed"] == 9 and by["二(2)班"]["tested"] == 10
    assert by["四(1)班"] == {"tested": 9, "passed": 9, "failed": 0, "failed_names": []}


def test_error_findings_exit_1_and_unreadable_exit_2_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("年级,班级,姓名,性别,50米跑\n一年级,一(1)班,甲,男,2\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["fitness", str(bad), "--out", str(tmp_path / "o1")])
    assert res.exit_code == 1 and "FIT-RANGE" in res.output
    worse = tmp_path / "worse.csv"
    worse.write_text("年级,班级,姓名,性别,50米跑\n一年级,一(1)班,甲,男,快\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["fitness", str(worse), "--out", str(tmp_path / "o2")])
    assert res.exit_code == 2 and not (tmp_path / "o2").exists()
    assert "Traceback" not in res.output


def test_blank_template_kind():
    from asrv.blank import blank_sheets
    sheets = blank_sheets("fitness")
    assert sheets[0].columns[:5] == ["年级编号", "班级名称", "学籍号", "姓名", "性别"]
    assert sheets[0].validations["性别"] == ["男", "女"]


def test_raw_file_is_told_from_a_ratings_sheet(tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("班级,姓名,等级\n三(2)班,甲,良好\n", encoding="utf-8")
    assert has_raw_measurements(SAMPLE, load_profile("default"))
    assert not has_raw_measurements(ratings, load_profile("default"))

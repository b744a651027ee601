"""`asrv fitness` end to end on the sample school, through the CLI and the library."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv import fitness
from asrv.cli.main import app
from asrv.fitness import has_raw_measurements, ratings_by_class, score_fitness
from asrv.profile import load_profile
from golden_files import assert_golden
from test_fitness_support import GOOD, HEAD, student, write
from xlsx_read import header_row, records, table

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "fitness.xlsx"
SCHOOL = "示例市实验小学"  # the sample's title row
ITEMS = {"bmi", "vital_capacity", "run_50m", "sit_and_reach", "rope_skipping_1min", "sit_ups_1min",
         "shuttle_run_50m_x8", "standing_long_jump", "pull_ups", "run_1000m", "run_800m"}
P = load_profile("default")
runner = CliRunner()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("fit")
    res = runner.invoke(app, ["fitness", str(SAMPLE), "--out", str(out), "--json"])
    return res, out


def test_json_has_exactly_the_promised_shape(sample):
    res, _ = sample
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"ok", "exit_code", "files", "schools", "district", "classes", "students", "findings",
                         "written"}
    s = data["students"][0]
    assert set(s) == {"school", "file", "sheet", "row", "class", "student_id", "name", "grade", "sex", "items",
                      "standard_score", "bonus", "total", "rating"}
    # Row 1 is the title naming the school, row 2 the header.
    assert set(s["items"]) == ITEMS and (s["school"], s["file"], s["row"]) == (SCHOOL, "fitness.xlsx", 3)
    assert len(data["students"]) == 240 and len(data["classes"]) == 24
    assert all(c["school"] == SCHOOL for c in data["classes"]) and data["district"] is None
    assert data["files"] == [{"path": str(SAMPLE), "school": SCHOOL, "school_source": "标题行", "used": True}]
    assert [s["school"] for s in data["schools"]] == [SCHOOL] and data["schools"][0]["students"] == 240


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
    got = (out / SCHOOL / "体测_六(3)班.html").read_text("utf-8")
    assert_golden(got, "fitness_class.html")


def test_workbook_read_back(sample):
    _, out = sample
    wb = openpyxl.load_workbook(out / "体测成绩.xlsx")
    assert wb.sheetnames == ["学生成绩", "班级汇总", "年级汇总", "学校汇总", "文件", "问题"]
    ws = wb["班级汇总"]
    header, *body = table(ws)
    assert list(header[:3]) == ["学校", "年级", "班级"] and ws["A1"].value.startswith(f"{SCHOOL} 学生体质健康测试成绩")
    rows = {r[2]: dict(zip(header, r)) for r in body}
    assert rows["六(3)班"]["不及格人数"] == 2 and rows["六(3)班"]["实测"] == 10 and rows["六(3)班"]["学校"] == SCHOOL
    assert rows["四(1)班"]["免测"] == 1 and rows["一(1)班"]["不及格学生（一票否决）"] in (None, "")
    assert list(rows)[:5] == ["一(1)班", "一(2)班", "一(3)班", "一(4)班", "二(1)班"]  # grade order, not 一三二
    students = wb["学生成绩"]
    first = records(students)[0]
    assert first["学校"] == SCHOOL and first["班级"] == "一(1)班" and first["等级"] in ("优秀", "良好", "及格", "不及格")
    assert first["学年总分"] == first["标准分"] + first["附加分"]
    files = wb["文件"]
    assert list(table(files)[1][:5]) == [SCHOOL, "fitness.xlsx", str(SAMPLE), "标题行", "是"]


def test_run_times_are_shown_as_minutes_and_seconds(sample):
    # 五(1)班's first student ran 50米×8 in 1'45" (105 s): the cell holds that time, shown as 1′45″.
    _, out = sample
    ws = openpyxl.load_workbook(out / "体测成绩.xlsx")["学生成绩"]
    header = list(table(ws)[0])
    col = header.index("50米×8往返跑（分秒）")
    row = next(r for r in ws.iter_rows(min_row=header_row(ws) + 1) if r[header.index("班级")].value == "五(1)班")
    assert row[col].value == dt.timedelta(seconds=105)
    assert row[col].number_format == '[m]"′"ss"″"'


def test_class_report_masks_names_unless_asked(sample, tmp_path):
    _, out = sample
    html = (out / SCHOOL / "体测_六(3)班.html").read_text("utf-8")
    failing = ratings_by_class(score_fitness([SAMPLE], P))["六(3)班"]["failed_names"]
    assert "不及格学生（2 人）" in html
    assert all(n not in html for n in failing)
    res = runner.invoke(app, ["fitness", str(SAMPLE), "--out", str(tmp_path), "--no-mask"])
    assert res.exit_code == 0
    assert all(n in (tmp_path / SCHOOL / "体测_六(3)班.html").read_text("utf-8") for n in failing)


def test_masked_names_never_look_alike(sample):
    # 四(1)班 has two students masked 吴*; each is told apart by the last digits of the 学籍号.
    _, out = sample
    html = (out / SCHOOL / "体测_四(1)班.html").read_text("utf-8")
    names = re.findall(r'<td class="name">([^<]*)</td>', html)
    assert len(names) == 10 and len(set(names)) == 10
    assert len([n for n in names if n.startswith("吴*（…")]) == 2


def test_masks_take_more_digits_when_the_last_two_are_the_same():
    from asrv.fitness.outputs import _Class, name_labels

    def students(rows):  # one class's students, as the report takes them: a list per field
        return _Class({k: [r[j] for r in rows] for j, k in enumerate(("name", "student_id", "row"))}, {})
    rows = [("吴小明", "G0123", 5), ("吴大明", "G0223", 6), ("张三", "G9", 7), (None, None, 8)]
    assert name_labels(students(rows), mask=True) == ["吴*明（…123）", "吴*明（…223）", "张*（…G9）", "（无姓名）（第8行）"]
    assert name_labels(students(rows[:3]), mask=False) == ["吴小明", "吴大明", "张三"]
    twins = students([("吴杰", i, r) for i, r in (("G01", 2), ("G02", 3))])
    assert name_labels(twins, mask=False) == ["吴杰（…01）", "吴杰（…02）"]


def test_ratings_by_class_for_the_excellent_class_score():
    r = score_fitness([SAMPLE], P)
    by = ratings_by_class(r)
    assert len(by) == 24
    assert by["二(2)班"]["failed"] == 1 and by["二(2)班"]["passed"] == 9 and by["二(2)班"]["tested"] == 10
    assert by["四(1)班"] == {"tested": 9, "passed": 9, "failed": 0, "failed_names": []}
    assert ratings_by_class(r, school="别的学校") == {}
    assert r.letters[("fitness.xlsx", "Sheet1")]["class"] == "C"  # where `asrv score` finds a class cell


def test_error_findings_exit_1_and_unreadable_exit_2_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("年级,班级,姓名,性别,50米跑\n一年级,一(1)班,甲,男,2\n", encoding="utf-8")
    res = runner.invoke(app, ["fitness", str(bad), "--out", str(tmp_path / "o1")])
    assert res.exit_code == 1 and "FIT-RANGE\tbad\tbad.csv\tbad!E2\t" in res.stdout
    worse = tmp_path / "worse.csv"
    worse.write_text("年级,班级,姓名,性别,50米跑\n一年级,一(1)班,甲,男,快\n", encoding="utf-8")
    res = runner.invoke(app, ["fitness", str(worse), "--out", str(tmp_path / "o2")])
    assert res.exit_code == 2 and not (tmp_path / "o2").exists()
    assert "worse.csv\tworse!E2\t" in res.stdout and "Traceback" not in res.output


def test_library_shape_as_in_the_readme(tmp_path, monkeypatch):
    # The README's fitness example, run as written (from a folder holding sample_data/).
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("### `asrv fitness`"):]
    code = re.search(r"```python\n(.*?)```", section[:section.index("\n### ", 5)], re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sample_data").symlink_to(ROOT / "sample_data")
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "asrv-out" / "体测" / "体测成绩.xlsx").is_file()
    assert (tmp_path / "asrv-out" / "体测" / SCHOOL / "体测_六(3)班.html").is_file()


def test_terminal_table_per_class_and_per_school(tmp_path):
    res = runner.invoke(app, ["fitness", str(SAMPLE), "--out", str(tmp_path / "a"), "--format", "table"])
    assert res.exit_code == 0 and "六(3)班" in res.stdout and "240 名学生" in res.stdout
    # Two schools: one row each and the district total; workbook text is never read as markup.
    head = ["学校", *HEAD]
    a = write(tmp_path / "甲.xlsx", [{**student(GOOD, "一(1)班", "S1", "甲"), "学校": "[bold]甲校[/]"}], head=head)
    b = write(tmp_path / "乙校.xlsx", [student(GOOD, "一(1)班", "S1", "乙")])
    res = runner.invoke(app, ["fitness", str(a), str(b), "--out", str(tmp_path / "b"), "--format", "table"])
    assert res.exit_code == 0, res.output
    # (A narrow terminal folds long cells over lines: look for their starts.)
    assert "[bold]" in res.stdout and "乙校" in res.stdout and "全区合" in res.stdout


def test_strict_counts_warnings(tmp_path):
    path = write(tmp_path / "w.xlsx", [student(GOOD, "一(1)班", "S1", "甲", 一分钟跳绳="\\")])
    assert fitness.run([path], P).exit_code() == 0  # FIT-MISSING is a warning
    assert fitness.run([path], P, options=fitness.Options(strict=True)).exit_code() == 1


def test_blank_template_kind():
    from asrv.blank import blank_sheets
    sheets = blank_sheets("fitness")
    assert sheets[0].columns[:5] == ["年级编号", "班级名称", "学籍号", "姓名", "性别"]
    assert sheets[0].validations["性别"] == ["男", "女"]


def test_raw_file_is_told_from_a_ratings_sheet(tmp_path):
    ratings = tmp_path / "r.csv"
    ratings.write_text("班级,姓名,等级\n三(2)班,甲,良好\n", encoding="utf-8")
    assert has_raw_measurements(SAMPLE, P)
    assert not has_raw_measurements(ratings, P)

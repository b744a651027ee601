"""Reading fitness workbooks as schools have them: templates, spellings, time formats, placeholders."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from asrv.findings import InputError
from asrv.fitness import score_fitness
from asrv.io.clock import parse_minsec
from asrv.profile import load_profile

REAL = Path(__file__).resolve().parents[2] / "shared" / "real_inputs"
T2014 = REAL / "fitness_upload_template_2014__tizhi-new_2014.xls"
VARIANT = REAL / "fitness_upload_template_variant__tizhi-new_stuDataTmp.xls"
T2013 = REAL / "fitness_pre2014_district_template__tizhi-new_2013.xls"
SSS = REAL / "fitness_highschool_register__SportScoreSystem_SSS体测登记模板v1.1.0.xlsx"
YUYE = REAL / "fitness_formula_cells__YuYe10_八年级女生体测数据.xlsx"
P = load_profile("default")


def xlsx(path: Path, rows: list[list], merges: tuple[str, ...] = (), title: str = "Sheet1") -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


# ---- time formats (the README of the package says how each is read) ----

@pytest.mark.parametrize("raw, seconds", [
    (220, 220.0), ("220", 220.0), ("220\"", 220.0), (235.5, 235.5),        # seconds
    ("3'40\"", 220.0), ("3′40″", 220.0), ("3’40”", 220.0), ("3'40", 220.0),  # minutes and seconds
    ("3:40", 220.0), ("3分40秒", 220.0), ("３′４０″", 220.0),
    ("3.40", 220.0), (3.4, 220.0), ("3.4", 220.0), (3.05, 185.0),            # m.ss, and the 3.4 trap
    (4, 240.0), (dt.time(3, 40), 220.0), (dt.time(0, 3, 40), 220.0),        # 4 = 4'00"; Excel times
])
def test_each_time_format(raw, seconds):
    assert parse_minsec(raw) == seconds


@pytest.mark.parametrize("raw", ["abc", 3.75, "3'75\"", 3.456, True])
def test_bad_times_are_refused(raw):
    with pytest.raises(ValueError):
        parse_minsec(raw)


def test_times_through_a_workbook_number_3_4_is_3_40(tmp_path):
    head = ["年级", "班级", "姓名", "性别", "身高", "体重", "肺活量", "50米", "坐位体前屈", "立定跳远",
            "一分钟仰卧起坐", "800米跑（女）"]
    base = ["初二", "初二(1)班", None, "女", 158, 46, 2600, 8.15, 20, 195, 58]
    rows = [head] + [base[:2] + [f"生{i}"] + base[3:] + [t] for i, t in enumerate((3.4, "3.40", "3'40\"", 220))]
    r = score_fitness([xlsx(tmp_path / "t.xlsx", rows)], P)
    # 初二女 800米 220 s: ≤ 224 → 90 for every spelling.
    assert list(r.students["score_run_800m"]) == [90, 90, 90, 90]


# ---- the national upload template and its variants ----

def test_national_template_with_codes_and_bare_class_names(tmp_path):
    head = ["年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址", "身高",
            "体重", "肺活量", "50米跑", "立定跳远", "坐位体前屈", "50米x8往返跑", "1分钟跳绳", "800米跑(女)",
            "1000米跑(男)", "一分钟仰卧起坐", "引体向上(男)"]
    row = [13, 2, "2班", "G1", "01", "甲", 2, "2016-01-01", None, 130, 32, 1000, 10.5, None, 3.3, "\\", 100,
           "\\", "\\", 25, "\\"]
    r = score_fitness([xlsx(tmp_path / "n.xlsx", [head, row])], P)
    s = r.to_json()["students"][0]
    # The 三年级女 example of test_fitness_scoring: 71.1 及格. The bare 2班 takes its grade (三(2)班, one
    # name for the class however written, asrv.io.keys), so classes of different grades stay apart.
    assert (s["class"], s["grade"], s["sex"], s["total"], s["rating"]) == ("三(2)班", "三年级", "女", 71.1, "及格")
    assert r.findings == []


@pytest.mark.skipif(not T2014.exists(), reason="real_inputs not present")
@pytest.mark.parametrize("path", [T2014, VARIANT, T2013])
def test_real_header_only_templates_read_without_error(path):
    r = score_fitness([path], P)
    assert len(r.students) == 0 and r.findings == [] and len(r.classes) == 0


@pytest.mark.skipif(not SSS.exists(), reason="real_inputs not present")
def test_real_register_with_placeholders_reads_without_error():
    # Three 总表 sheets of `\` placeholders under a stacked two-row header and a format-hint row;
    # the 须知 and 数据复制方法 sheets (demo data) are not student data.
    r = score_fitness([SSS], P)
    assert len(r.students) == 0 and r.findings == []


@pytest.mark.skipif(not YUYE.exists(), reason="real_inputs not present")
def test_real_sheet_without_class_or_sex_is_an_input_error():
    with pytest.raises(InputError) as e:
        score_fitness([YUYE], P)
    messages = " ".join(f.message for f in e.value.findings)
    assert "班级名称" in messages and "性别" in messages


def test_stacked_header_gives_each_student_their_own_item(tmp_path):
    # As in the SSS register: 引体向上 over 仰卧起坐 and 800米 over 1000米 in one column each,
    # a format-hint row, then 高二 students; the boy's numbers are pull-ups and 1000 m, the girl's
    # sit-ups and 800 m.
    rows = [["登记区"] + [None] * 10,
            ["班级", "学号", "姓名", "性别", "立定跳远", "引体向上", "坐位体前屈", "50米", "800米", "肺活量", "身高"],
            [None, None, None, None, None, "仰卧起坐", None, None, "1000米", None, None],
            ["班级", "x", "x", "男&女", "x", "x", "x", "x.x", "x'x\"", "x", "x"],
            ["高二(1)班", 1, "男生", "男", 250, 15, 20, 7.2, "3'35\"", 4500, 175],
            ["高二(1)班", 2, "女生", "女", 190, 50, 22, 8.0, "3'34\"", 3150, 162],
            ["班级", 3, None, None, "\\", "\\", "\\", "\\", "\\", "\\", "\\"]]
    merges = ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "G2:G3", "H2:H3", "J2:J3", "K2:K3", "A1:K1")
    r = score_fitness([xlsx(tmp_path / "s.xlsx", rows, merges, title="总表-1")], P)
    s = r.students.set_index("name")
    assert len(s) == 2
    boy, girl = s.loc["男生"], s.loc["女生"]
    assert boy["pull_ups"] == 15 and boy["run_1000m"] == 215 and boy["sit_ups_1min"] != boy["sit_ups_1min"]
    assert girl["sit_ups_1min"] == 50 and girl["run_800m"] == 214 and girl["pull_ups"] != girl["pull_ups"]
    # 高二 (item_scores.csv): 男 引体向上 15 → 90 (16 = 95), 1000米 215 s (3'35") → 90 (210 = 95);
    # 女 仰卧起坐 50 → 90 (52 = 95), 800米 214 s (3'34") → 90 (208 = 95).
    assert boy["score_pull_ups"] == 90 and boy["score_run_1000m"] == 90
    assert girl["score_sit_ups_1min"] == 90 and girl["score_run_800m"] == 90
    # No weight column: BMI is missing, so both are incomplete (a warning at the name cell).
    assert {f.rule for f in r.findings} == {"FIT-MISSING"} and r.findings[0].cell == "C5"


# ---- placeholders, exempt students and implausible values ----

def _plain(tmp_path, cells: dict) -> Path:
    head = ["年级", "班级", "姓名", "性别", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳"]
    row = {"年级": "一年级", "班级": "一(1)班", "姓名": "甲", "性别": "男", "身高": 120, "体重": 22, "肺活量": 1250,
           "50米跑": 10.8, "坐位体前屈": 12.5, "一分钟跳绳": 120, **cells}
    return xlsx(tmp_path / "p.xlsx", [head, [row[h] for h in head]])


@pytest.mark.parametrize("mark", ["免测", "免体"])
def test_exempt_student_is_counted_apart(tmp_path, mark):
    r = score_fitness([_plain(tmp_path, {h: mark for h in ("身高", "体重", "肺活量", "50米跑")})], P)
    c = r.classes.iloc[0]
    assert (c["students"], c["tested"], c["exempt"], c["fail"]) == (1, 0, 1, 0)
    assert r.students["rating"].iat[0] == "免测" and r.findings == []


@pytest.mark.parametrize("placeholder", ["\\", "／", None, "未测"])
def test_not_tested_placeholders(tmp_path, placeholder):
    r = score_fitness([_plain(tmp_path, {"50米跑": placeholder})], P)
    assert r.students["status"].iat[0] == "incomplete"
    assert [f.rule for f in r.findings] == ["FIT-MISSING"] and "50米跑" in r.findings[0].message


def test_student_with_no_result_at_all_is_untested(tmp_path):
    empty = {h: "\\" for h in ("身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳")}
    r = score_fitness([_plain(tmp_path, empty)], P)
    assert r.classes.iloc[0]["untested"] == 1 and [f.rule for f in r.findings] == ["FIT-UNTESTED"]


@pytest.mark.parametrize("column, value, cell", [("50米跑", 2, "H2"), ("身高", 17, "E2")])
def test_implausible_value_is_a_finding_at_its_cell_not_a_score(tmp_path, column, value, cell):
    r = score_fitness([_plain(tmp_path, {column: value})], P)
    f = [f for f in r.findings if f.rule == "FIT-RANGE"]
    assert len(f) == 1 and f[0].cell == cell and f[0].severity == "error" and column in f[0].message
    assert r.students["rating"].iat[0] is None and r.classes.iloc[0]["tested"] == 0


def test_unreadable_cell_stops_with_every_problem(tmp_path):
    path = _plain(tmp_path, {"50米跑": "快", "性别": "未知"})
    with pytest.raises(InputError) as e:
        score_fitness([path], P)
    assert sorted(f.cell for f in e.value.findings) == ["D2", "H2"]


def test_grade_from_class_name_and_unknown_grade(tmp_path):
    head = ["班级", "姓名", "性别", "身高", "体重"]
    rows = [head, ["初一(3)班", "甲", "男", 160, 50], ["兴趣班", "乙", "女", 150, 40]]
    r = score_fitness([xlsx(tmp_path / "g.xlsx", rows)], P)
    assert list(r.students["grade"].fillna("?")) == ["7", "?"]
    assert [f.rule for f in r.findings if f.severity == "error"] == ["FIT-GRADE"]

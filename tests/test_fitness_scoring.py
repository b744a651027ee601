"""Scoring of 《国家学生体质健康标准（2014年修订）》: expectations worked out by hand from the CSVs
in asrv/data/fitness/ (the working is in the comments), never produced by the code under test."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from asrv.fitness import ratings_by_class, score_fitness
from asrv.fitness.scoring import bmi_tenths, half_up_tenths, rate
from asrv.fitness.tables import standard
from asrv.profile import load_profile

HEAD = ["年级", "班级", "姓名", "性别", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳",
        "一分钟仰卧起坐", "50米×8往返跑", "立定跳远", "引体向上", "1000米跑", "800米跑"]


def run(tmp_path: Path, rows: list[dict], profile=None):
    path = tmp_path / "fit.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEAD)
        for r in rows:
            w.writerow([r.get(h, "") for h in HEAD])
    return score_fitness([path], profile or load_profile("default"))


def student(result, i=0) -> dict:
    return result.to_json()["students"][i]


# ---- weights of each grade group (weights.csv, README "weights.csv") ----

@pytest.mark.parametrize("grade, sex, expected", [
    ("1", "male", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 30, "rope_skipping_1min": 20}),
    ("2", "female", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 30, "rope_skipping_1min": 20}),
    ("3", "male", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 20, "rope_skipping_1min": 20,
                   "sit_ups_1min": 10}),
    ("4", "female", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 20, "rope_skipping_1min": 20,
                     "sit_ups_1min": 10}),
    ("5", "male", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 10, "rope_skipping_1min": 10,
                   "sit_ups_1min": 20, "shuttle_run_50m_x8": 10}),
    ("6", "female", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 10, "rope_skipping_1min": 10,
                     "sit_ups_1min": 20, "shuttle_run_50m_x8": 10}),
    ("7", "male", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 10, "standing_long_jump": 10,
                   "pull_ups": 10, "run_1000m": 20}),
    ("12", "female", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 10, "standing_long_jump": 10,
                      "sit_ups_1min": 10, "run_800m": 20}),
    ("college_3_4", "male", {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_and_reach": 10,
                             "standing_long_jump": 10, "pull_ups": 10, "run_1000m": 20}),
])
def test_weights_of_each_grade_group(grade, sex, expected):
    assert standard().weights[(grade, sex)] == expected


def test_every_grade_and_sex_weighs_100():
    w = standard().weights
    assert len(w) == 28 and all(sum(v.values()) == 100 for v in w.values())


# ---- threshold directions (item_scores.csv, inclusive) ----

def test_higher_better_is_inclusive_and_zero_below_lowest():
    t = standard().items[("vital_capacity", "1", "male")]  # 100:1700 95:1600 … 10:500
    got = t.score(np.array([1700, 1699, 1600, 2500, 500, 499, 0]))
    assert list(got) == [100, 95, 95, 100, 10, 0, 0]


def test_lower_better_is_inclusive_and_zero_beyond_lowest():
    t = standard().items[("run_50m", "1", "male")]  # 100:10.2 95:10.3 … 78:10.8 … 10:13.6
    got = t.score(np.array([10.2, 10.25, 10.3, 9.0, 10.8, 13.6, 13.7]))
    assert list(got) == [100, 95, 95, 100, 78, 10, 0]


def test_pull_up_blank_levels_cannot_be_scored():
    t = standard().items[("pull_ups", "7", "male")]  # 初一: 9 → 80, 8 → 76 (78 blank), 0 → 0
    assert list(t.score(np.array([9, 8, 1, 0]))) == [80, 76, 30, 0]


# ---- every bonus table (bonus.csv and the README's reading of it) ----

def _bonus(item, grade, sex, values):
    return list(standard().bonus[(item, grade, sex)].score(np.array(values, dtype=float)))


def test_rope_bonus_one_point_per_two_extra_skips_cap_20():
    # 一年级男 100 points at 109: 110 → 0, 111 → 1, 112 → 1, 149 → 20, 200 → 20; exactly 109 → 0.
    assert _bonus("rope_skipping_1min", "1", "male", [109, 110, 111, 112, 149, 200]) == [0, 0, 1, 1, 20, 20]
    # 三年级女 100 points at 139 (own sex's table, not the boys'): 141 → 1, 179 → 20.
    assert _bonus("rope_skipping_1min", "3", "female", [139, 141, 179]) == [0, 1, 20]
    assert {k[1] for k in standard().bonus if k[0] == "rope_skipping_1min"} == {"1", "2", "3", "4", "5", "6"}


def test_pull_up_bonus_one_per_pull_up_cap_10():
    # 初一男 100 points at 13: 14 → 1, 22 → 9, 23 → 10, 40 → 10.
    assert _bonus("pull_ups", "7", "male", [13, 14, 22, 23, 40]) == [0, 1, 9, 10, 10]


def test_female_sit_up_bonus_table():
    # 初二女 100 points at 51: +2 → 1, +4 → 2, +6 → 3, +7 → 4, +8 → 5, +13 → 10; +1 and +3 add nothing new.
    assert _bonus("sit_ups_1min", "8", "female", [51, 52, 53, 54, 55, 57, 58, 59, 64, 70]) == \
        [0, 0, 1, 1, 2, 3, 4, 5, 10, 10]


def test_1000m_bonus_table():
    # 初一男 100 points at 235 s: 4 s faster (231) → 1, 8 → 2, 12 → 3, 16 → 4, 20 → 5, 23 → 6, 35 (200) → 10.
    assert _bonus("run_1000m", "7", "male", [235, 232, 231, 227, 223, 219, 215, 212, 200, 150]) == \
        [0, 0, 1, 2, 3, 4, 5, 6, 10, 10]


def test_800m_bonus_table():
    # 初二女 100 points at 210 s: 5 s per point up to 50 s → 10.
    assert _bonus("run_800m", "8", "female", [210, 206, 205, 200, 195, 160, 100]) == [0, 0, 1, 2, 3, 10, 10]


def test_no_bonus_for_primary_sit_ups_or_shuttle_or_boys_sit_ups():
    keys = set(standard().bonus)
    assert ("sit_ups_1min", "5", "female") not in keys and ("shuttle_run_50m_x8", "5", "male") not in keys
    assert ("sit_ups_1min", "7", "male") not in keys and ("pull_ups", "7", "female") not in keys


# ---- rating boundaries (ratings.csv academic_year_total) and exact half-up ----

def test_rating_boundaries():
    totals = np.array([1200, 900, 899, 800, 799, 600, 599, 0])  # tenths of a point
    assert list(rate(totals)) == ["优秀", "优秀", "良好", "良好", "及格", "及格", "不及格", "不及格"]


def test_half_up_to_one_decimal_is_exact():
    # 89.95 → 90.0 (not 89.9 as binary floats may give), 89.94 → 89.9, 71.15 → 71.2.
    assert list(half_up_tenths(np.array([8995, 8994, 7115, 10000]))) == [900, 899, 712, 1000]


def test_bmi_rounds_half_up_before_the_band():
    # 18.15 exactly: 100 cm, 18.15 kg → 18.2; 120 cm 22 kg = 15.277… → 15.3; 17.5 kg / 1.0 m² = 17.5.
    got = bmi_tenths(np.array([100.0, 120.0, 100.0, np.nan]), np.array([18.15, 22.0, 17.5, 30.0]))
    assert list(got[:3]) == [182, 153, 175] and np.isnan(got[3])


# ---- one hand-worked student per grade group ----

def test_grades_1_2_example(tmp_path):
    # 一年级男 120 cm 22 kg: BMI 22/1.44 = 15.28 → 15.3, normal 13.5–18.1 → 100.
    # 肺活量 1250 ≥ 1240 → 78; 50米 10.8 ≤ 10.8 → 78; 坐位体前屈 12.5 ≥ 12.0 → 85; 跳绳 120 ≥ 109 → 100.
    # 100×15 + 78×15 + 78×20 + 85×30 + 100×20 = 8780 → 87.8; 跳绳 +11 over 109 → bonus 5 (119 → 5).
    r = run(tmp_path, [{"年级": "一年级", "班级": "一(1)班", "姓名": "甲", "性别": "男", "身高": 120, "体重": 22,
                        "肺活量": 1250, "50米跑": 10.8, "坐位体前屈": 12.5, "一分钟跳绳": 120}])
    s = student(r)
    assert s["items"]["bmi"] == 100 and s["items"]["vital_capacity"] == 78 and s["items"]["run_50m"] == 78
    assert s["items"]["sit_and_reach"] == 85 and s["items"]["rope_skipping_1min"] == 100
    assert (s["standard_score"], s["bonus"], s["total"], s["rating"]) == (87.8, 5, 92.8, "优秀")


def test_grades_3_4_example(tmp_path):
    # 三年级女 130 cm 32 kg: 32/1.69 = 18.93 → 18.9, overweight 18.7–21.1 → 80.
    # 肺活量 1000 ≥ 980 → 66; 50米 10.5 (> 10.4, ≤ 10.6) → 74; 坐位体前屈 3.3 → 62; 跳绳 100 ≥ 95 → 76;
    # 仰卧起坐 25 ≥ 24 → 68. 80×15 + 66×15 + 74×20 + 62×20 + 76×20 + 68×10 = 7110 → 71.1, no bonus.
    r = run(tmp_path, [{"年级": "三年级", "班级": "三(2)班", "姓名": "乙", "性别": "女", "身高": 130, "体重": 32,
                        "肺活量": 1000, "50米跑": 10.5, "坐位体前屈": 3.3, "一分钟跳绳": 100, "一分钟仰卧起坐": 25}])
    s = student(r)
    assert s["items"] == {"bmi": 80, "vital_capacity": 66, "run_50m": 74, "sit_and_reach": 62,
                          "rope_skipping_1min": 76, "sit_ups_1min": 68, "shuttle_run_50m_x8": None,
                          "standing_long_jump": None, "pull_ups": None, "run_1000m": None, "run_800m": None}
    assert (s["standard_score"], s["bonus"], s["total"], s["rating"]) == (71.1, 0, 71.1, "及格")


def test_grades_5_6_example(tmp_path):
    # 五年级男 145 cm 50 kg: 50/2.1025 = 23.78 → 23.8, overweight 21.5–24.1 → 80.
    # 肺活量 2000 ≥ 1930 → 74; 50米 9.0 → 78; 坐位体前屈 -3.0 ≥ -3.6 → 50; 跳绳 150 ≥ 148 → 100;
    # 仰卧起坐 30 → 72; 50米×8 1'45" = 105 s ≤ 105 → 85.
    # 80×15 + 74×15 + 78×20 + 50×10 + 100×10 + 72×20 + 85×10 = 7660 → 76.6; 跳绳 150 ≥ 150 → bonus 1.
    r = run(tmp_path, [{"年级": "五年级", "班级": "五(1)班", "姓名": "丙", "性别": "1", "身高": 145, "体重": 50,
                        "肺活量": 2000, "50米跑": 9.0, "坐位体前屈": -3.0, "一分钟跳绳": 150,
                        "一分钟仰卧起坐": 30, "50米×8往返跑": "1'45\""}])
    s = student(r)
    assert s["items"]["shuttle_run_50m_x8"] == 85 and s["items"]["sit_and_reach"] == 50
    assert (s["standard_score"], s["bonus"], s["total"], s["rating"]) == (76.6, 1, 77.6, "及格")


def test_junior_example_male(tmp_path):
    # 初一男 160 cm 50 kg: 50/2.56 = 19.53 → 19.5, normal 15.5–22.1 → 100.
    # 肺活量 3000 ≥ 2900 → 80; 50米 8.3 ≤ 8.4 → 78; 坐位体前屈 0.0 → 64; 立定跳远 200 ≥ 195 → 80;
    # 引体向上 8 → 76 (78 is blank); 1000米 3'50" = 230 ≤ 235 → 100.
    # 100×15 + 80×15 + 78×20 + 64×10 + 80×10 + 76×10 + 100×20 = 8460 → 84.6;
    # bonus: 1000米 5 s faster → 1 (231), 引体向上 below 13 → 0. Total 85.6 良好.
    r = run(tmp_path, [{"年级": "初一", "班级": "初一(3)班", "姓名": "丁", "性别": "男", "身高": 160, "体重": 50,
                        "肺活量": 3000, "50米跑": 8.3, "坐位体前屈": 0, "立定跳远": 200, "引体向上": 8,
                        "1000米跑": "3'50\""}])
    s = student(r)
    assert s["items"]["pull_ups"] == 76 and s["items"]["run_1000m"] == 100
    assert (s["standard_score"], s["bonus"], s["total"], s["rating"]) == (84.6, 1, 85.6, "良好")


def test_junior_example_female_with_both_bonuses(tmp_path):
    # 初二女 158 cm 46 kg: 46/2.4964 = 18.43 → 18.4, normal → 100. 肺活量 2600 → 80;
    # 50米 8.15 (≤ 8.2) → 90; 坐位体前屈 20.0 ≥ 19.3 → 90; 立定跳远 195 ≥ 194 → 95; 仰卧起坐 58 → 100;
    # 800米 3.15 (m.ss) = 195 s → 100. 1500+1200+1800+900+950+1000+2000 = 9350 → 93.5.
    # bonus: 仰卧起坐 +7 over 51 → 4; 800米 15 s faster than 210 → 3. Total 100.5.
    r = run(tmp_path, [{"年级": "初二", "班级": "初二(1)班", "姓名": "戊", "性别": "2", "身高": 158, "体重": 46,
                        "肺活量": 2600, "50米跑": 8.15, "坐位体前屈": 20, "立定跳远": 195, "一分钟仰卧起坐": 58,
                        "800米跑": "3.15"}])
    s = student(r)
    assert (s["standard_score"], s["bonus"], s["total"], s["rating"]) == (93.5, 7, 100.5, "优秀")


def test_failing_student_vetoes_the_class_and_exempt_is_apart(tmp_path):
    # 一年级女 120 cm 18.7 kg: 18.7/1.44 = 12.99 → 13.0 ≤ 13.2 underweight → 80. 肺活量 100 < 500,
    # 50米 20 > 13.x, 坐位体前屈 -10, 跳绳 0 < 2: all below the 10-point level → 0.
    # 80×15 = 1200 → 12.0 不及格.
    rows = [{"年级": "一年级", "班级": "一(2)班", "姓名": "己", "性别": "女", "身高": 120, "体重": 18.7,
             "肺活量": 100, "50米跑": 20, "坐位体前屈": -10, "一分钟跳绳": 0},
            {"年级": "一年级", "班级": "一(2)班", "姓名": "庚", "性别": "女", "身高": "免测", "体重": "免测",
             "肺活量": "免测", "50米跑": "免测", "坐位体前屈": "免测", "一分钟跳绳": "免测"}]
    r = run(tmp_path, rows)
    s = student(r)
    assert (s["total"], s["rating"]) == (12.0, "不及格")
    assert student(r, 1)["rating"] == "免测"
    c = r.to_json()["classes"][0]
    assert (c["tested"], c["exempt"], c["ratings"]["不及格"], c["failed_names"]) == (1, 1, 1, ["己"])
    assert ratings_by_class(r) == {"一(2)班": {"tested": 1, "passed": 0, "failed": 1, "failed_names": ["己"]}}


def test_missing_item_is_incomplete_or_zero_by_profile(tmp_path):
    row = {"年级": "一年级", "班级": "一(1)班", "姓名": "辛", "性别": "男", "身高": 120, "体重": 22,
           "肺活量": 1250, "50米跑": 10.8, "坐位体前屈": 12.5, "一分钟跳绳": "\\"}
    r = run(tmp_path, [row])
    assert student(r)["rating"] is None and [f.rule for f in r.findings] == ["FIT-MISSING"]
    assert "一分钟跳绳" in r.findings[0].message and r.findings[0].cell == "C2"
    # zero: 8780 − 100×20 = 6780 → 67.8 及格.
    r = run(tmp_path, [row], load_profile("default").with_values(**{"fitness.missing_items": "zero"}))
    assert (student(r)["total"], student(r)["rating"]) == (67.8, "及格")

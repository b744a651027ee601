"""Small districts built for one point each: the batch contract, --json, the register and rubric
checks, kinds recognised by their sheets, the folder's school, and the shared per-school numbers."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asrv import district, schedule
from asrv.cli.main import app
from asrv.district.kinds import kinds_of
from asrv.io import open_workbook
from asrv.out import SheetOut, write_workbook
from asrv.profile import load_profile
from district_helpers import assessment_district, corrupt, lock_file

P = load_profile("default")
SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
DAY = dt.date(2026, 12, 28)


def run(root: Path, **kw):
    return district.run([str(root)], P, options=district.Options(term="2026秋", date=DAY, **kw))


def rules(result) -> set[str]:
    return {f.rule for f in result.findings}


def test_a_corrupt_file_is_reported_and_the_district_goes_on(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees survey", "二小": "schedule fees survey"})
    corrupt(root / "二小" / "收费补充.xlsx")
    lock_file(root / "一小")
    result = run(root)
    assert result.exit_code() == 2 and result.writable
    bad = [u for u in result.files if not u.used]
    assert [(u.path.name, u.school) for u in bad] == [("收费补充.xlsx", "二小")]
    read = next(f for f in result.findings if f.rule == "READ-FILE")
    assert (read.school, read.file) == ("二小", "二小/收费补充.xlsx")
    assert any(f.rule == "READ-SKIPPED" and f.school == "一小" for f in result.findings)   # the lock file
    assert [s.school for s in result.per_school] == ["一小", "二小"] and result.school("二小").items["D5"].score == 15
    written = district.write(result, tmp_path / "out")
    assert (tmp_path / "out" / "反馈单_二小.html") in written


def test_cli_json_parses_and_carries_every_school(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees survey", "二小": "schedule survey"})
    got = CliRunner().invoke(app, ["district", str(root), "--term", "2026秋", "--json", "--date", "2026-12-28",
                                   "--out", str(tmp_path / "out"), "--pool", "100.00"])
    data = json.loads(got.stdout)
    assert got.exit_code == data["exit_code"] == 0 and data["written"]
    by = {s["school"]: s for s in data["schools"]}
    assert set(by) == {"一小", "二小"}
    one = by["一小"]
    assert set(one) >= {"school", "score", "band", "rank", "items", "rates", "funding"}
    assert set(one["items"]) == {f"D{i}" for i in range(1, 9)} and one["items"]["D5"]["score"] == 15
    assert by["二小"]["items"]["D5"]["missing"] == "收费工作簿" and by["二小"]["missing"] == ["收费工作簿"]
    assert sum(float(s["funding"]) for s in data["schools"]) == 100.00
    rate = data["district"]["rates"]["participation"]
    assert rate["numerator"] == sum(s["rates"]["participation"]["numerator"] for s in data["schools"])
    assert data["district"]["rates"]["coverage"]["value"] == 1.0


def test_register_checks_missing_and_unknown_schools_and_rows(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees", "外校": "schedule fees"},
                               register=["一小", "三小"],
                               ratings=[["一小", "D1", 9, None, "", "", ""], ["一小", "D6", 9, 4, "组", "", "台账"],
                                        ["四小", "D1", 9, 9, "组", "", "x"], ["一小", "D9", 1, 1, "组", "", "x"]],
                               satisfaction=[["一小", 100, 120, 90, 10, 5, 0]])
    result = run(root)
    found = {(f.rule, f.school) for f in result.findings}
    assert ("DIST-MISSING-SCHOOL", "三小") in found and ("DIST-UNKNOWN-SCHOOL", "外校") in found
    assert ("DIST-UNKNOWN-SCHOOL", "四小") in found and result.unassessed == ["外校"]
    assert [s.school for s in result.per_school] == ["一小", "三小"]        # the register's schools, in its order
    one = result.school("一小")
    assert {"DIST-SELF-ONLY", "DIST-EVIDENCE-MISSING", "DIST-RATE-IMPOSSIBLE", "DIST-RUBRIC",
            "DIST-SELF-REVIEW-GAP"} <= rules(result)
    impossible = next(f for f in result.findings if f.rule == "DIST-RATE-IMPOSSIBLE")
    assert (impossible.file, impossible.where) == ("考核.xlsx", "满意度!C2")   # 有效 120 > 发放 100
    assert one.items["D6"].score == 4 and one.items["D1"].score == 9
    assert "DIST-RATING-MISSING" in {f.rule for f in result.school("三小").items["D1"].findings}


def test_more_own_staff_serving_than_the_register_has_is_impossible(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees"}, staff=5)
    result = run(root)
    f = next(f for f in result.findings if f.rule == "DIST-RATE-IMPOSSIBLE")
    assert (f.school, f.file, f.where) == ("一小", "考核.xlsx", "学校!D2") and "12 人多于" in f.message
    assert result.per_school[0].rates["teachers"].text().startswith("12 ÷ 5")


def test_no_district_workbook_assesses_every_folder_and_says_so(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees", "二小": "schedule fees"})
    (root / "考核.xlsx").unlink()
    result = run(root)
    assert "DIST-REGISTER" in rules(result) and result.exit_code() == 1
    assert {s.school for s in result.per_school} == {"一小", "二小"}
    assert all(f.rule == "DIST-RATE-IMPOSSIBLE" for s in result.per_school for f in s.items["D7"].findings)


def test_a_rubric_sheet_replaces_the_profiles_and_is_checked(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees survey"})
    from asrv.district import sheets as D
    rubric = [["D2", "服务时间", "上学日、结束时间", 50, "自动", ""], ["D7", "参与率", "参与率", 40, "自动", ""],
              ["X1", "特色", "特色项目", 5, "自动", ""], ["V1", "安全", "安全事故", 0, "否决", ""]]
    path = root / "考核.xlsx"
    rows = {"学校": [["一小", "小学", 122, 24, "城区"]], "评分": [["一小", "X1", 5, 4, "组", "", "照片"]]}
    write_workbook(path, [SheetOut(D.SCHOOLS.title, [f.header for f in D.SCHOOLS.fields], rows["学校"]),
                          SheetOut(D.RUBRIC.title, [f.header for f in D.RUBRIC.fields], rubric),
                          SheetOut(D.RATINGS.title, [f.header for f in D.RATINGS.fields], rows["评分"])])
    result = run(root)
    assert list(result.rubric) == ["D2", "D7", "X1", "V1"] and result.rubric_source == "考核.xlsx 指标"
    s = result.per_school[0]
    assert set(s.items) == {"D2", "D7", "X1"} and s.items["D2"].points == 50 and s.items["X1"].score == 4
    messages = [f.message for f in result.findings if f.rule == "DIST-RUBRIC"]
    assert any("X1" in m and "按评分处理" in m for m in messages) and any("95 分" in m for m in messages)


def test_compare_not_found_is_said_and_nothing_compared(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees"})
    result = run(root, compare="2025秋", out=tmp_path / "out" / "2026秋")
    f = next(f for f in result.findings if f.rule == "DIST-COMPARE")
    assert "2025秋/考核结果.xlsx" in f.message and not result.changes and not result.previous


def test_the_folder_is_the_school_unless_its_workbooks_name_it(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees", "二小": "fees"}, register=["一小", "二小"])
    (root / "一小").rename(root / "一小（新校区）")     # the workbooks' 学校 column names 一小
    (root / "二小").rename(root / "第二小学")          # ... and 二小's too
    (root / "三小").mkdir()
    write_workbook(root / "三小" / "安排.xlsx", schedule_sheets_of("一小"))
    result = run(root)
    assert [s.school for s in result.per_school] == ["一小", "二小"]
    assert ("DIST-FOLDER-SCHOOLS", "一小") in {(f.rule, f.school) for f in result.findings}   # 三小 folder says 一小


def schedule_sheets_of(school: str):
    import random
    import make_district as m
    return m.schedule_sheets(random.Random(1), school, "小学", m.roster(random.Random(1), 9, "小学", 1, 5))


def test_no_weight_anywhere_leaves_the_pool_unallotted(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule"}, vetoes=[["一小", "2026-11-01", "违规收费", "是", ""]])
    result = run(root)
    assert result.per_school[0].band == "不合格" and result.per_school[0].funding == 0
    assert {"DIST-FUNDING", "DIST-VETO"} <= rules(result)


@pytest.mark.parametrize("name, kinds", [("schedule", ["schedule"]), ("fees", ["fees"]), ("survey", ["survey"]),
                                         ("catalog", ["catalog"]), ("attendance", ["fees", "attendance"]),
                                         ("meals", ["meals"]), ("fitness", ["fitness"]), ("classes", ["classes"])])
def test_kinds_are_recognised_by_their_sheets(name, kinds):
    assert kinds_of(open_workbook(SAMPLES / f"{name}.xlsx"), P) == kinds


def test_schedule_counts_each_schools_own_staff_once():
    r = schedule.run([str(SAMPLES / "schedule.xlsx")], P)
    # 第一实验小学: 张丽 王芳 孙悦 陈刚 (刘强 外聘, 赵敏 机构); 第二中学: 李明 吴静 郑涛 (周强 退休, 钱多 外聘)
    assert r.own_staff() == {"第一实验小学": 4, "第二中学": 3}


def test_survey_gives_five_day_keys_and_satisfaction_answers(tmp_path):
    from asrv import survey
    rows = [["1", "三年级", "1班", "是", "周一至周五", "满意"], ["2", "三年级", "1班", "是", "5", "基本满意"],
            ["3", "三年级", "1班", "是", "周一┋周三", "不满意"], ["4", "三年级", "1班", "否", "", "不了解"]]
    write_workbook(tmp_path / "一小.xlsx", [SheetOut("意向调查", ["学号", "年级", "班级", "是否参加", "参加天数", "满意度"],
                                                      rows)])
    [s] = survey.run([str(tmp_path / "一小.xlsx")], P).per_school
    assert s.five_day == ["1", "2"] and s.satisfaction == {"满意": 1, "基本满意": 1, "不满意": 1, "不了解": 1}


def test_outputs_inside_the_district_folder_are_not_a_school(tmp_path):
    root = assessment_district(tmp_path / "区", {"一小": "schedule fees"})
    first = run(root, out=root / "结果" / "2026秋")
    district.write(first, root / "结果" / "2026秋")
    again = run(root, out=root / "结果" / "2026秋")
    assert [s.school for s in again.per_school] == ["一小"] and "DIST-UNKNOWN-SCHOOL" not in rules(again)
    district.write(again, root / "旧结果")
    assert "DIST-UNKNOWN-SCHOOL" not in rules(run(root))     # a folder holding a run's manifest

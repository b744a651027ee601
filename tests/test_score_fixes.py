"""The silent wrong results and crashes of the old `asrv score` (issues 10 and 15), one case each."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from asrv import score
from asrv.findings import InputError
from asrv.profile import load_profile
from asrv.out.names import UniqueNames
from score_helpers import award, cells, classes, full_marks, score_book, write_book

P = load_profile()
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


def raw_fitness(path: Path, keep: set[str], title: str | None = None) -> Path:
    """The sample's raw national-template file cut down to some classes (班级名称 is column C)."""
    wb = openpyxl.load_workbook(SAMPLE / "fitness.xlsx")
    ws = wb.active
    for merged in list(ws.merged_cells.ranges):  # the title row is merged; rows move under it
        ws.unmerge_cells(str(merged))
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=3).value == "班级名称")
    for r in range(ws.max_row, header, -1):
        if ws.cell(row=r, column=3).value not in keep:
            ws.delete_rows(r)
    ws.delete_rows(1, header - 1)  # the sample's title row names its own school
    if title:
        ws.insert_rows(1)
        ws.cell(row=1, column=1).value = title
    wb.save(path)
    return path


def ratings_fitness(path: Path, rows: list[list], title: str | None = None) -> Path:
    return write_book(path, {"体测": rows}, {"体测": title} if title else None)


def by_class(school):
    return {c.class_name: c for c in school.classes}


def test_fitness_file_covering_some_classes_warns_for_the_others(tmp_path):
    names = ("二(2)班", "三(1)班", "四(1)班", "五(1)班")
    fit = raw_fitness(tmp_path / "体测.xlsx", {"二(2)班", "三(1)班"})
    r = score_book(tmp_path / "c.xlsx", {
        "班级": classes(*names), "评分": [row for n in names for row in full_marks(n)],
        # The workbook's own rows count where the file has none; where it has, the file wins.
        "体测": [["四(1)班", "甲", "不及格"], ["二(2)班", "乙", "良好"]],
    }, fitness=[str(fit)], year="2025-2026")
    s = by_class(r.per_school[0])
    assert s["二(2)班"].vetoed and s["二(2)班"].veto_count == 1      # from the raw file
    assert not s["三(1)班"].vetoed and s["三(1)班"].items["fitness"] == 10
    assert s["四(1)班"].vetoed                                       # from the workbook's 体测 sheet
    assert not s["五(1)班"].vetoed and s["五(1)班"].items["fitness"] == 0
    missing = [f for f in r.findings if f.rule == "SCORE-FITNESS-MISSING"]
    assert [(f.file, f.where, f.severity) for f in missing] == [("c.xlsx", "班级!A5", "warning")]
    assert "五(1)班" in missing[0].message and "体测.xlsx" in missing[0].message
    assert ("班级", "A5") in cells(r.findings, "SCORE-ITEM-MISSING")  # 体育达标 0: said, not silent


def test_no_fitness_data_at_all_is_said_once(tmp_path):
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")})
    missing = [f for f in r.findings if f.rule == "SCORE-FITNESS-MISSING"]
    assert len(missing) == 1 and missing[0].cell == "" and "没有体测数据" in missing[0].message


def test_fitness_file_of_another_school_is_an_error_not_matched_by_class_name(tmp_path):
    other = ratings_fitness(tmp_path / "体测成绩.xlsx", [["三(1)班", "张三", "不及格"]], title="第2小学 体测成绩")
    sheets = {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")}
    r = score_book(tmp_path / "c.xlsx", sheets, titles={"班级": "第1小学 班级名册"}, fitness=[str(other)])
    s = r.per_school[0]
    assert s.school == "第1小学" and not s.classes[0].vetoed
    wrong = [f for f in r.findings if f.rule == "SCORE-FITNESS-SCHOOL"]
    assert len(wrong) == 1 and wrong[0].severity == "error" and wrong[0].file == "体测成绩.xlsx"
    assert "第2小学" in wrong[0].message and r.exit_code() == 1
    assert ("班级", "A3") in cells(r.findings, "SCORE-FITNESS-MISSING")
    # A school named only in the file name is checked too.
    named = ratings_fitness(tmp_path / "第2小学_体测.xlsx", [["三(1)班", "张三", "不及格"]])
    r = score_book(tmp_path / "c.xlsx", sheets, titles={"班级": "第1小学 班级名册"}, fitness=[str(named)])
    assert [f.file for f in r.findings if f.rule == "SCORE-FITNESS-SCHOOL"] == ["第2小学_体测.xlsx"]
    # The same school matches, whichever way each file names it.
    mine = ratings_fitness(tmp_path / "第1小学_体测.xlsx", [["三(1)班", "张三", "不及格"]])
    r = score_book(tmp_path / "c.xlsx", sheets, titles={"班级": "第1小学 班级名册"}, fitness=[str(mine)])
    assert r.per_school[0].classes[0].vetoed and r.exit_code() == 0


def test_many_schools_each_get_their_own_fitness_file(tmp_path):
    (tmp_path / "评价").mkdir()
    for school, rating in (("第1小学", "不及格"), ("第2小学", "良好")):
        write_book(tmp_path / "评价" / f"{school}.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")},
                   {"班级": f"{school}班级名册"})
        ratings_fitness(tmp_path / f"{school}_体测.xlsx", [["三(1)班", "张三", rating]], title=f"{school}体测成绩")
    fit = [str(tmp_path / "第1小学_体测.xlsx"), str(tmp_path / "第2小学_体测.xlsx")]
    r = score.run([tmp_path / "评价"], P, options=score.Options(fitness=fit))
    vetoed = {s.school: s.classes[0].vetoed for s in r.per_school}
    assert vetoed == {"第1小学": True, "第2小学": False}  # same class name, each school's own file
    owners = {f.file: f.school for f in r.files if f.role == "体测"}
    assert owners == {"第1小学_体测.xlsx": "第1小学", "第2小学_体测.xlsx": "第2小学"}
    assert r.exit_code() == 0


def test_publication_date_does_not_move_the_academic_year(tmp_path):
    awards = [award("三(1)班", "团体", "合唱", "区级", "一等奖", date="2026-04-01"),
              award("三(1)班", "个人", "书法", "校级", "一等奖", student="张三", date="2025-11-02"),
              award("三(1)班", "团体", "舞蹈", "区级", "二等奖", date="2025-05-20")]
    sheets = {"班级": classes("三(1)班"), "评分": full_marks("三(1)班"), "获奖": awards}
    r = score_book(tmp_path / "c.xlsx", sheets, date=dt.date(2026, 9, 30))
    s = r.per_school[0]
    assert (s.year, s.year_source) == ((dt.date(2025, 9, 1), dt.date(2026, 8, 31)), "多数获奖日期所在学年")
    assert s.classes[0].team_bonus == 10 and s.classes[0].individual_bonus == 2
    outside = [f for f in r.findings if f.rule == "SCORE-AWARD-YEAR"]
    assert [(f.where, f.value) for f in outside] == [("获奖!I4", "2025-05-20")]  # listed, at its date cell
    r = score_book(tmp_path / "c.xlsx", sheets, date=dt.date(2026, 9, 30), year="2024-2025")
    assert r.per_school[0].year_source == "--year 指定" and r.per_school[0].classes[0].team_bonus == 8
    assert cells(r.findings, "SCORE-AWARD-YEAR") == {("获奖", "I2"), ("获奖", "I3")}
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")},
                   date=dt.date(2026, 9, 30))
    assert r.per_school[0].year[0] == dt.date(2026, 9, 1)  # no award dated: the date's year


def test_deduction_above_100_percent_or_negative_is_an_error_at_its_cell(tmp_path):
    path = write_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班"),
                                            "事件": [["三(1)班", "2026-03-01", "事故", 1.5, ""],
                                                     ["三(1)班", "2026-03-02", "事故", -0.1, ""],
                                                     ["三(1)班", "2026-03-03", "事故", 0.05, ""]]})
    wb = openpyxl.load_workbook(path)
    wb["事件"]["D2"].number_format = "0%"  # shown as 150 % in Excel, stored as 1.5
    wb.save(path)
    r = score.run([path], P)
    assert r.exit_code() == 2 and not r.per_school
    assert cells(r.findings, "INCIDENT-DEDUCTION") == {("事件", "D2"), ("事件", "D3")}
    assert all(f.severity == "error" and f.school for f in r.findings if f.rule == "INCIDENT-DEDUCTION")


def test_deduction_spellings(tmp_path):
    for value, building in (("10%", 18), (0.1, 18), (10, 18), ("100%", 0), (None, 18)):
        r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班"),
                                             "事件": [["三(1)班", "2026-03-01", "事故", value, ""]]})
        assert r.per_school[0].classes[0].items["class_building"] == building, value


def test_class_that_is_a_number_is_a_finding_not_a_crash(tmp_path):
    r = score_book(tmp_path / "c.xlsx", {"班级": [[0.5, "三年级", "x", 40]] + classes("三(1)班"),
                                         "评分": full_marks("三(1)班")})
    assert r.exit_code() == 2
    assert cells(r.findings, "SCORE-CLASS-NAME") == {("班级", "A2")}
    assert "0.5" in next(f.message for f in r.findings if f.rule == "SCORE-CLASS-NAME")


def test_class_names_with_suffixes_are_classes_of_their_own(tmp_path):
    names = ("五(1)班", "五(1)班（英语实验班2）", "三(4)班", "三(4)班-2")
    ratings = full_marks(names[0]) + full_marks(names[1], building=10) + full_marks(names[2], building=5) \
        + full_marks(names[3], building=0)
    r = score_book(tmp_path / "c.xlsx", {"班级": classes(*names), "评分": ratings})
    assert r.exit_code() == 0, [f.message for f in r.errors]
    totals = {c.class_name: c.base for c in r.per_school[0].classes}
    # The reader folds full-width brackets (（ → (), as it does for every text cell.
    assert totals == {"五(1)班": 80, "五(1)班(英语实验班2)": 70, "三(4)班": 65, "三(4)班-2": 60}
    assert not [f for f in r.findings if f.rule == "CLASS-DUPLICATE"]


def test_duplicate_class_within_a_school_is_reported_at_its_cell(tmp_path):
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(2)班") + [["三（2）班", "三年级", "y", 40]],
                                         "评分": full_marks("三(2)班")})
    dup = [f for f in r.findings if f.rule == "CLASS-DUPLICATE"]
    assert [(f.where, f.file) for f in dup] == [("班级!A3", "c.xlsx")] and "第 2 行" in dup[0].message


def test_school_option_is_for_one_file_only(tmp_path):
    sheets = {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")}
    a = write_book(tmp_path / "a.xlsx", sheets)
    b = write_book(tmp_path / "b.xlsx", {"班级": classes("三(2)班"), "评分": full_marks("三(2)班")})
    assert score.run([a], P, options=score.Options(school="西城小学")).per_school[0].school == "西城小学"
    with pytest.raises(InputError) as e:  # the run cannot start
        score.run([a, b], P, options=score.Options(school="西城小学"))
    assert e.value.findings[0].rule == "OPTION" and "--school 只能用于单个文件" in e.value.findings[0].message


def test_two_workbooks_of_one_school_use_the_first(tmp_path):
    for name, cls in (("a.xlsx", "三(1)班"), ("b.xlsx", "三(2)班")):
        write_book(tmp_path / name, {"班级": classes(cls), "评分": full_marks(cls)}, {"班级": "东城小学 班级名册"})
    r = score.run([tmp_path], P)
    assert [s.school for s in r.per_school] == ["东城小学"] and r.exit_code() == 2
    assert [(f.file, f.used) for f in r.files] == [("a.xlsx", True), ("b.xlsx", False)]
    assert [f.file for f in r.findings if f.rule == "SCORE-SCHOOL-DUPLICATE"] == ["b.xlsx"]


def test_school_names_make_safe_short_file_names(tmp_path):
    names = UniqueNames()
    assert names('东城/实验:小学*?"<>|\n') == "东城_实验_小学"
    assert names("东城_实验_小学") == "东城_实验_小学_2"  # unique within the run
    long = "很" * 200 + "小学"
    assert len(names(long)) == 60
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")},
                   school="东城\\实验/小学" + "长" * 100)
    written = score.write(r, tmp_path / "out")
    assert {p.name for p in written} == {f"东城_实验_小学{'长' * 52}_{k}" for k in ("评分结果.xlsx", "公示.html", "公示.docx",
                                                                                "公示_微信.html", "公示.md")}
    assert all(p.exists() for p in written)


def test_profile_school_names_a_single_file_that_names_none(tmp_path):
    profile = P.with_values(**{"score.school": "西城小学"})
    sheets = {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")}
    r = score_book(tmp_path / "classes.xlsx", sheets, profile=profile)
    assert (r.per_school[0].school, r.per_school[0].school_source) == ("西城小学", "配置")
    r = score_book(tmp_path / "classes.xlsx", sheets, profile=profile, titles={"班级": "东城小学 班级名册"})
    assert r.per_school[0].school == "东城小学"  # the workbook's own title wins
    write_book(tmp_path / "b.xlsx", {"班级": classes("三(2)班"), "评分": full_marks("三(2)班")})
    r = score.run([tmp_path / "classes.xlsx", tmp_path / "b.xlsx"], profile)
    assert sorted(s.school for s in r.per_school) == ["b", "东城小学"]  # many files: never one name for all


def test_fitness_workbook_read_from_its_fitness_sheet_not_its_first(tmp_path):
    both = write_book(tmp_path / "全校汇总.xlsx", {"班级": classes("三(1)班"), "体测": [["三(1)班", "张三", "不及格"]]})
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班")},
                   fitness=[str(both)])
    assert r.exit_code() == 0 and r.per_school[0].classes[0].vetoed


def test_award_without_prize_or_place_when_the_profile_allows_it(tmp_path):
    lax = P.with_values(**{"rules.AWARD-PRIZE": "off"})
    r = score_book(tmp_path / "c.xlsx", {"班级": classes("三(1)班"), "评分": full_marks("三(1)班"),
                                         "获奖": [award("三(1)班", "团体", "合唱", "区级"),
                                                  award("三(1)班", "团体", "拔河", "段级")]}, profile=lax)
    s = r.per_school[0]
    assert s.classes[0].team_bonus == 0 and all("未填" in a.reason for a in s.awards)

"""`asrv enroll`: the fairness properties of the allotment, reproducibility, cancellation, outputs."""
from __future__ import annotations

import csv
import itertools
import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.enroll import Options, run
from asrv.enroll.match import deferred_acceptance, with_minimums
from asrv.profile import load_profile
from golden_files import assert_notice_golden

GROUPS = ["残疾儿童", "留守儿童", "随迁子女", "家庭经济困难"]
GRADE_FORMS = ["1-3", "三年级", "1,2,3", "G1-G3", "4-6", "", "G4, G5, G6", "一至六年级"]


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def enroll(surveys, catalog, seed, profile):
    """The one school of a run, as the CLI calls `run`."""
    result = run(surveys, profile, options=Options(catalog=[str(catalog)], seed=seed))
    assert result.exit_code() < 2, [f.message for f in result.findings]
    (school,) = result.per_school
    return school


def make_case(directory: Path, students: int, activities: int, seed: int = 1,
              yes: float = 0.75) -> tuple[Path, Path]:
    """A generated school: popular and unpopular activities, grade limits, priority groups."""
    rng = random.Random(seed)
    names = [f"活动{k:02d}" for k in range(activities)]
    weights = [rng.choice((1, 2, 5, 12)) for _ in names]
    cat_rows = []
    for k, n in enumerate(names):
        cap = rng.randint(3, max(4, students // activities // 2))
        cat_rows.append([n, GRADE_FORMS[k % len(GRADE_FORMS)], cap, rng.choice((0, 0, 3, cap))])
    catalog = write_csv(directory / "catalog.csv", ["项目", "适用年级", "上限", "下限"], cat_rows)
    rows = []
    for i in range(students):
        g = rng.randint(1, 6)
        picks = []
        for _ in range(rng.randint(0, 4)):
            c = rng.choices(names, weights)[0]
            if c not in picks:
                picks.append(c)
        group = rng.choice(GROUPS) if rng.random() < 0.15 else "以上都不是"
        rows.append([f"S{i:05d}", f"学生{i}", f"{g}年级", f"{rng.randint(1, 4)}班",
                     "1" if rng.random() < yes else "2", "┋".join(picks), group])
    survey = write_csv(directory / "survey.csv",
                       ["学号", "姓名", "3、年级", "4、班级", "5、是否参加课后服务", "6、意向活动", "7、特殊群体"], rows)
    return survey, catalog


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    d = tmp_path_factory.mktemp("case")
    survey, catalog = make_case(d, 400, 12, seed=1)
    r = enroll([survey], catalog, 2026, load_profile())
    # The case must exercise what the tests check: cancellations, priority students waiting.
    assert sum(a.cancelled for a in r.activities) >= 2 and r.rounds >= 3
    assert any(p.priority_group and p.waiting for p in r.students)
    return survey, catalog, r


def test_students_of_a_cancelled_activity_are_placed_again(case):
    _, _, r = case
    gone = {a.activity.name: a.activity for a in r.activities if a.cancelled}
    fits = lambda p, c: gone[c].grades is None or p.grade in gone[c].grades  # noqa: E731
    moved = [p for p in r.students
             if any(c in gone and fits(p, c) for c in p.choices[:(p.choice_rank or 99) - 1])]
    assert any(p.activity for p in moved)
    for p in moved:
        c = next(c for c in p.choices if c in gone and fits(p, c))
        assert f"「{c}」报名不足" in p.reason and "人已取消" in p.reason


def _tier(p, order=("残疾", "留守", "随迁", "困难")):
    return order.index(p.priority_group) if p.priority_group else len(order)


def test_no_roster_over_capacity_and_every_applicant_has_basic_service(case):
    survey, _, r = case
    for a in r.activities:
        assert len(a.roster) <= a.activity.capacity
        assert not (a.cancelled and a.roster)
        for p in a.roster:
            assert a.activity.grades is None or p.grade in a.activity.grades
    with survey.open(encoding="utf-8") as f:
        wanting = {row["学号"] for row in csv.DictReader(f) if row["5、是否参加课后服务"] == "1"}
    assert {p.id for p in r.students} == wanting
    assert all(p.basic for p in r.students)
    assert all(p.reason for p in r.students)


def test_order_puts_priority_groups_first_in_the_profile_order(case):
    _, _, r = case
    ranked = sorted(r.students, key=lambda p: p.position)
    assert [p.position for p in ranked] == list(range(1, len(ranked) + 1))
    assert [_tier(p) for p in ranked] == sorted(_tier(p) for p in ranked)
    for tier in {_tier(p) for p in ranked}:
        draws = [p.lottery for p in ranked if _tier(p) == tier]
        assert draws == sorted(draws)


def test_no_justified_envy_for_any_pair(case):
    """Nobody wants another's place while being ahead of them; no place left empty that someone wanted."""
    _, _, r = case
    by_name = {a.activity.name: a for a in r.activities}
    rank = lambda p, c: p.choices.index(c) if c in p.choices else 99  # noqa: E731
    for s, t in itertools.permutations(r.students, 2):
        if t.activity is None or s.position > t.position:
            continue
        if rank(s, t.activity) < (rank(s, s.activity) if s.activity else 99):
            a = by_name[t.activity].activity
            eligible = a.grades is None or s.grade in a.grades
            assert not eligible, f"{s.id} envies {t.id} for {t.activity}"
    for s in r.students:  # non-wastefulness
        for c in s.choices[: (s.choice_rank or 99) - 1]:
            a = by_name[c]
            fits = a.activity.grades is None or s.grade in a.activity.grades
            if fits and not a.cancelled:
                assert len(a.roster) == a.activity.capacity


def test_a_priority_student_is_never_displaced_by_a_non_priority_one(case):
    _, _, r = case
    for a in r.activities:
        if not a.roster:
            continue
        worst_in = max(_tier(p) for p in a.roster)
        for p in a.waiting:
            assert _tier(p) >= worst_in
            if p.priority_group:
                assert all(q.priority_group for q in a.roster), f"{p.id} waits behind a non-priority student"


def test_waiting_lists_hold_those_who_wanted_it_more_in_order(case):
    _, _, r = case
    for a in r.activities:
        assert [p.position for p in a.waiting] == sorted(p.position for p in a.waiting)
        for k, p in enumerate(a.waiting, 1):
            assert p.waiting[a.activity.name] == k
            assert p.activity is None or p.choices.index(a.activity.name) < p.choice_rank - 1


def test_deferred_acceptance_equals_serial_dictatorship_under_one_order():
    rng = random.Random(3)
    for _ in range(200):
        n, m = rng.randint(1, 30), rng.randint(1, 6)
        prefs = [rng.sample(range(m), rng.randint(0, m)) for _ in range(n)]
        rank = rng.sample(range(n), n)
        cap = [rng.randint(0, 5) for _ in range(m)]
        left, expect = cap[:], [-1] * n
        for s in sorted(range(n), key=lambda s: rank[s]):
            for a in prefs[s]:
                if left[a] > 0:
                    left[a] -= 1
                    expect[s] = a
                    break
        assert deferred_acceptance(prefs, rank, cap) == expect


def test_cancelled_activity_releases_its_students_to_their_next_choices():
    # A (min 3) gets 2 first choices and is cancelled; its students go to B. C (min 3) has 2 on
    # their own and reaches 3 only with a student released by D (min 5, cancelled first).
    prefs = [[0, 1], [0, 1], [2], [2], [3, 2], [3, 1]]
    out = with_minimums(prefs, list(range(6)), capacity=[5, 5, 5, 5], minimum=[3, 0, 3, 5])
    assert set(out.cancelled) == {0, 3}
    assert out.cancelled[0] == 0 or out.cancelled[0] == 3
    assert out.assign == [1, 1, 2, 2, 2, 1]


def test_cancellation_end_to_end_reason_names_it(tmp_path):
    catalog = write_csv(tmp_path / "c.csv", ["项目", "适用年级", "上限", "下限"],
                        [["围棋", "", 10, 5], ["书法", "1-6", 10, 0]])
    survey = write_csv(tmp_path / "s.csv", ["学号", "姓名", "班级", "是否参加", "意向1", "意向2"],
                       [[f"{i}", f"学生{i}", "三(1)班", "是", "围棋", "书法"] for i in range(3)])
    r = enroll([survey], catalog, 1, load_profile())
    go, calligraphy = r.activities
    assert go.cancelled and not go.roster
    assert len(calligraphy.roster) == 3
    assert all(p.activity == "书法" and p.choice_rank == 2 for p in r.students)
    assert all(p.reason.startswith("第一志愿「围棋」报名不足5人已取消，按抽签序号第") for p in r.students)


def test_reason_for_a_full_first_choice_reads_as_the_brief(tmp_path):
    catalog = write_csv(tmp_path / "c.csv", ["项目", "适用年级", "上限"], [["机器人", "3-6", 1], ["书法", "", 5]])
    survey = write_csv(tmp_path / "s.csv", ["学号", "姓名", "年级", "班级", "是否参加", "意向活动"],
                       [["1", "甲", "三年级", "1班", "1", "机器人┋书法"], ["2", "乙", "三年级", "1班", "1", "机器人|书法"],
                        ["3", "丙", "一年级", "1班", "1", "机器人、书法"]])
    r = enroll([survey], catalog, 5, load_profile())
    by = {p.id: p for p in r.students}
    winner, loser = sorted((by["1"], by["2"]), key=lambda p: p.lottery)
    assert winner.reason == f"按抽签序号第{winner.lottery}位录取第一志愿「机器人」"
    assert loser.reason == f"第一志愿「机器人」已满（候补第1位），按抽签序号第{loser.lottery}位录取第二志愿「书法」"
    assert by["3"].reason.startswith("第一志愿「机器人」只招三至六年级（本生一年级），按抽签序号")


def test_priority_order_follows_the_profile(tmp_path):
    catalog = write_csv(tmp_path / "c.csv", ["项目", "上限"], [["机器人", 1]])
    rows = [["1", "甲", "1班", "一年级", "是", "机器人", "家庭经济困难"],
            ["2", "乙", "1班", "一年级", "是", "机器人", "留守儿童"]]
    survey = write_csv(tmp_path / "s.csv", ["学号", "姓名", "班级", "年级", "是否参加", "意向1", "特殊群体"], rows)
    r = enroll([survey], catalog, 1, load_profile())
    assert {p.id: p.activity for p in r.students} == {"1": None, "2": "机器人"}
    assert "属优先保障的留守儿童" in next(p for p in r.students if p.id == "2").reason
    district = tmp_path / "d.toml"
    district.write_text('extends = "default"\n[enroll]\npriority_order = ["困难", "残疾", "留守", "随迁"]\n', "utf-8")
    r = enroll([survey], catalog, 1, load_profile(str(district)))
    assert {p.id: p.activity for p in r.students} == {"1": "机器人", "2": None}


def _cells(folder: Path) -> dict:
    out = {}
    for f in sorted(folder.glob("*.xlsx")):
        wb = load_workbook(f)
        # Below each sheet's title row (学校 课后服务活动名单  制表日期：…).
        assert all("课后服务" in ws["A1"].value and "制表日期" in ws["A1"].value for ws in wb), f.name
        out[f.name] = {ws.title: [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] for ws in wb}
    return out


def test_same_seed_same_rosters_different_seed_different_draw(tmp_path):
    survey, catalog = make_case(tmp_path, 120, 6, seed=11)
    runner = CliRunner()
    runs = {}
    for name, seed in (("a", 9), ("b", 9), ("c", 10)):
        res = runner.invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", str(seed),
                                  "--out", str(tmp_path / name), "--json"])
        assert res.exit_code == 0, res.output
        runs[name] = {k: v for k, v in json.loads(res.stdout).items() if k != "written"}  # paths differ
    assert runs["a"] == runs["b"]
    assert _cells(tmp_path / "a") == _cells(tmp_path / "b")
    assert (tmp_path / "a" / "录取通知.md").read_text("utf-8") == (tmp_path / "b" / "录取通知.md").read_text("utf-8")
    a, c = runs["a"]["schools"][0], runs["c"]["schools"][0]
    assert [s["lottery"] for s in a["students"]] != [s["lottery"] for s in c["students"]]
    assert _cells(tmp_path / "a") != _cells(tmp_path / "c")


def test_json_shape(tmp_path):
    survey, catalog = make_case(tmp_path, 30, 4, seed=2)
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "3", "--json",
                                   "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["seed"] == 3 and data["ok"] and data["files"][0]["used"]
    school = data["schools"][0]
    assert school["school"] == "survey" and school["applicants"] == len(school["students"])
    assert set(school["students"][0]) >= {"school", "id", "class", "basic", "activity", "choice_rank",
                                          "priority_group", "reason"}
    assert all(s["basic"] is True for s in school["students"])
    assert set(school["activities"][0]) >= {"name", "capacity", "enrolled", "waiting", "cancelled"}
    assert {i["file"] for i in school["inputs"]} == {"survey.csv", "catalog.csv"}
    assert (tmp_path / "o" / "活动名单.xlsx").exists()


def _golden_case(tmp_path: Path) -> tuple[Path, Path]:
    catalog = write_csv(tmp_path / "目录.csv", ["项目", "适用年级", "上限", "下限"],
                        [["机器人", "3-6", 1, 0], ["书法", "", 3, 0], ["围棋", "三年级", 4, 3]])
    survey = write_csv(tmp_path / "调查.csv",
                       ["序号", "提交答卷时间", "1、学号", "2、姓名", "3、年级", "4、班级", "5、是否参加", "6、意向活动",
                        "7、特殊群体"],
                       [[1, "2026/8/25 8:01:00", "301", "张小明", "三年级", "1班", 1, "机器人┋书法", "(跳过)"],
                        [2, "2026/8/25 8:02:00", "302", "李思", "三年级", "1班", 1, "机器人┋围棋┋书法", "留守儿童"],
                        [3, "2026/8/25 8:03:00", "303", "王雨涵", "三年级", "2班", 1, "机器人┋书法", "以上都不是"],
                        [4, "2026/8/25 8:04:00", "101", "赵一诺", "一年级", "1班", 1, "机器人┋书法", "(跳过)"],
                        [5, "2026/8/25 8:05:00", "102", "欧阳晨", "一年级", "1班", 2, "(跳过)", "(跳过)"],
                        [6, "2026/8/25 8:06:00", "304", "周杰", "三年级", "2班", 1, "围棋", "随迁子女"],
                        [7, "2026/8/26 9:00:00", "303", "王雨涵", "三年级", "2班", 1, "书法┋机器人", "以上都不是"]])
    return survey, catalog


def assert_public(notice: str) -> None:
    """What a public notice may not say (issue 11): a child's priority group, 学号 or full name, and
    the jargon of the method; the draw is one plain sentence, the digests a footnote."""
    body, _, footnote = notice.partition("注1：")
    assert "SHA-256" in footnote and "调查.csv" in footnote and "SHA-256" not in body
    for line in body.splitlines():
        if "*" in line:  # a line naming children (masked)
            assert not any(g in line for g in ("残疾", "留守", "随迁", "困难")), line
            assert not any(sid in line for sid in ("301", "302", "303", "304", "101")), line
    for word in ("numpy", "PCG64", "延迟接受", "篇1", "算法", "残疾", "留守", "随迁", "困难"):
        assert word not in notice
    assert "抽签顺序由本公示的抽签种子 37 确定，任何人都可按注1的方法复算" in body  # the draw in one sentence
    assert "把“抽签种子|学校|学号”用 SHA-256 算出一串字符，按从小到大排列；任何人都可用公开的种子复算" in footnote


def test_notice_matches_golden_and_masks_names(tmp_path):
    survey, catalog = _golden_case(tmp_path)
    # Published on the eve of 国庆: the period skips the holiday and counts the 调休 Saturday 2026-10-10 as a working day.
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "37",
                                   "--school", "示例小学", "--date", "2026-09-30", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    for fmt, got in assert_notice_golden(tmp_path / "out", "录取通知", "enroll_notice").items():
        assert "张*明" in got.replace("\\*", "*") and "张小明" not in got and "欧阳晨" not in got, fmt
        assert_public(got.replace("\\", ""))
        assert "公示期：2026年9月30日至2026年10月12日（5个工作日）" in got, fmt
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "37",
                                   "--no-mask", "--out", str(tmp_path / "plain")])
    assert "张小明" in (tmp_path / "plain" / "录取通知.html").read_text("utf-8")


def test_outputs_per_activity_waiting_and_class(tmp_path):
    survey, catalog = _golden_case(tmp_path)
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "37",
                                   "--out", str(tmp_path / "out")])
    assert res.exit_code == 0
    cells = _cells(tmp_path / "out")
    rosters = cells["活动名单.xlsx"]
    assert {"汇总", "全部学生", "机器人", "书法", "围棋"} <= set(rosters)
    everyone = rosters["全部学生"]
    assert everyone[0][:5] == ["学号", "姓名", "班级", "基础服务", "录取活动"]
    assert sorted(r[0] for r in everyone[1:]) == ["101", "301", "302", "303", "304"]  # 102 declined
    assert all(r[3] == "是" for r in everyone[1:])
    wang = next(r for r in everyone if r[0] == "303")
    assert wang[4] == "书法" and wang[5] == 1  # the later answer (书法 first) counts
    assert len(rosters["机器人"]) - 2 == 1  # a note line, the header, one student
    assert set(cells["班级名单.xlsx"]) == {"一(1)班", "三(1)班", "三(2)班"}
    waiting = cells["候补名单.xlsx"]
    assert "机器人" in waiting and waiting["机器人"][1][0] == "候补序"


@pytest.mark.parametrize("rows, rule", [
    ([["机器人", "1-3", None, 0]], "CATALOG-CAPACITY"),
    ([["机器人", "七八九十", 5, 0]], "CATALOG-GRADES"),
    ([["机器人", "1-3", 5, 9]], "CATALOG-MIN"),
])
def test_bad_catalogue_stops_with_exit_2_and_writes_nothing(tmp_path, rows, rule):
    catalog = write_csv(tmp_path / "c.csv", ["项目", "适用年级", "上限", "下限"], rows)
    survey = write_csv(tmp_path / "s.csv", ["学号", "班级", "是否参加", "意向1"], [["1", "一(1)班", "是", "机器人"]])
    result = run([survey], load_profile(), options=Options(catalog=[str(catalog)], seed=1))
    assert rule in {f.rule for f in result.findings} and result.exit_code() == 2
    assert [f.file for f in result.files if not f.used] == ["c.csv"] and not result.per_school
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "1",
                                   "--out", str(tmp_path / "out")])
    assert res.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_a_typo_in_the_priority_order_stops_the_run(tmp_path):
    survey, catalog = _golden_case(tmp_path)
    district = tmp_path / "d.toml"
    district.write_text('[enroll]\npriority_order = ["残疾", "留守儿童", "随迁", "困难"]\n', "utf-8")
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(catalog), "--seed", "1",
                                   "--profile", str(district), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "priority_order" in res.output
    assert not (tmp_path / "o").exists()


REAL_CCA = Path(__file__).resolve().parents[2] / "shared" / "real_inputs" / \
    "afterschool_cca_schedule__Harrow-Nanning_25-26_S2_CCA_List.xlsx"


@pytest.mark.skipif(not REAL_CCA.exists(), reason="real input not present")
def test_a_real_activity_list_without_places_is_refused_at_its_cells(tmp_path):
    survey, _ = _golden_case(tmp_path)
    res = CliRunner().invoke(app, ["enroll", str(survey), "--catalog", str(REAL_CCA), "--seed", "1", "--json",
                                   "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "内部错误" not in res.stdout
    data = json.loads(res.stdout)
    catalogue = [f for f in data["findings"] if f["file"] == REAL_CCA.name]
    assert {f["rule"] for f in catalogue} == {"CATALOG-DUP", "CATALOG-CAPACITY"}  # every problem at once
    assert sum(f["rule"] == "CATALOG-CAPACITY" for f in catalogue) == 115
    assert all(f["cell"][0].isalpha() for f in catalogue)
    assert not (tmp_path / "o").exists()

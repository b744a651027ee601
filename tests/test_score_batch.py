"""A district's folder in one `asrv score` run (issue 10): thirty schools with the same class names,
a corrupt file, an Excel lock file and a file sent twice. Each school is ranked on its own."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from district_helpers import SCHOOLS, accidents
from golden_files import assert_notice_golden
from score_helpers import award, full_marks, write_book
from xlsx_read import table

NAMES = ("三(1)班", "三(2)班", "三(3)班")
VETOED = "第7小学"        # its best class has a student below standard
LATE = "第5小学"          # one award of the year before, at 获奖!I2
runner = CliRunner()


def best(i: int) -> str:
    return NAMES[i % 3]


def school_book(folder: Path, i: int, school: str) -> Path:
    ratings = [row for n in NAMES for row in full_marks(n, building=20 if n == best(i) else 10 + i % 5)]
    fitness = [[n, f"学生{k}", "不及格" if school == VETOED and n == best(i) and k == 0 else "及格"]
               for n in NAMES for k in range(2)]
    sheets = {"班级": [[n, "三年级", f"{school}{n}老师", 40] for n in NAMES], "评分": ratings, "体测": fitness,
              "达标次数": [[n, 10, 20] for n in NAMES]}
    if school == LATE:
        sheets["获奖"] = [award(NAMES[0], "团体", "合唱", "区级", "一等奖", date="2025-05-20"),
                        award(NAMES[1], "团体", "舞蹈", "校级", "三等奖", date="2026-04-01"),
                        award(NAMES[2], "团体", "朗诵", "校级", "三等奖", date="2026-05-01")]
    # Every third school names itself only by its file name, the others in the 班级 title row.
    titles = {"班级": f"{school}2025—2026学年班级名册"} if i % 3 else None
    return write_book(folder / f"{school}.xlsx", sheets, titles)


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("district") / "各校评价"
    folder.mkdir()
    for i, school in enumerate(SCHOOLS):
        school_book(folder, i, school)
    accidents(folder, folder / "第2小学.xlsx")
    return folder


def expected(i: int, school: str) -> str:
    """The recommended class with quota 1: the best, unless vetoed (then the next, tied ones all)."""
    return best(i) if school != VETOED else "、".join(n for n in NAMES if n != best(i))


@pytest.fixture(scope="module")
def json_run(district, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    r = runner.invoke(app, ["score", str(district), "--quota", "1", "--date", "2026-06-22", "--json", "--out", str(out)])
    return r, json.loads(r.stdout), out


def test_each_school_ranked_on_its_own(json_run):
    r, data, _ = json_run
    assert r.exit_code == 2 and data["ok"] is False and data["exit_code"] == 2
    schools = {s["school"]: s for s in data["schools"]}
    assert list(schools) == SCHOOLS  # pinyin, then natural numbers: 第2小学 before 第10小学
    for i, name in enumerate(SCHOOLS):
        s = schools[name]
        assert [c["class"] for c in s["classes"]].count("三(1)班") == 1 and len(s["classes"]) == 3
        chosen = "、".join(c["class"] for c in s["classes"] if c["recommended"])
        assert chosen == expected(i, name), name
        assert s["quota"] == 1 and s["year"] == "2025-2026" and s["file"] == f"{name}.xlsx"
    assert [c["vetoed"] for c in schools[VETOED]["classes"] if c["class"] == best(SCHOOLS.index(VETOED))] == [True]


def test_files_used_and_not_used(json_run):
    _, data, _ = json_run
    used = {Path(f["path"]).name: f for f in data["files"]}
    assert set(used) == {f"{s}.xlsx" for s in SCHOOLS} | {"损坏的学校.xlsx"}  # the copy and lock file are skipped
    assert not used["损坏的学校.xlsx"]["used"] and all(f["used"] for n, f in used.items() if n != "损坏的学校.xlsx")
    assert used["第2小学.xlsx"]["school_source"] == "标题行" and used["第1小学.xlsx"]["school_source"] == "文件名"
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(f["file"], []).append(f)
    bad = by_file["损坏的学校.xlsx"]
    assert [(f["rule"], f["severity"]) for f in bad] == [("READ-FILE", "error")] and "已损坏" in bad[0]["message"]
    assert [f["rule"] for f in by_file["~$第1小学.xlsx"]] == ["READ-SKIPPED"]
    assert [f["rule"] for f in by_file["第2小学（重发）.xlsx"]] == ["READ-SKIPPED"]
    late = [f for f in data["findings"] if f["rule"] == "SCORE-AWARD-YEAR"]
    assert [(f["school"], f["file"], f["sheet"], f["cell"]) for f in late] == [(LATE, f"{LATE}.xlsx", "获奖", "I2")]
    assert all(f["school"] for f in data["findings"] if f["file"].startswith("第") and "重发" not in f["file"]
               and not f["file"].startswith("~$"))


def test_outputs_per_school_and_for_the_district(json_run):
    _, data, out = json_run
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    notice = (".html", ".docx", "_微信.html", ".md")
    per_school = {f"{s}_{k}" for s in SCHOOLS for k in ("评分结果.xlsx", *(f"公示{x}" for x in notice))}
    assert names == per_school | {"全区_优秀班集体推荐.xlsx", *(f"全区_优秀班集体推荐公示{x}" for x in notice)}
    assert sorted(Path(p).name for p in data["written"]) == sorted(names)
    wb = openpyxl.load_workbook(out / "全区_优秀班集体推荐.xlsx")
    assert wb.sheetnames == ["推荐班级", "学校汇总", "问题"]
    assert wb["推荐班级"]["A1"].value.startswith("30 所学校 优秀班集体推荐汇总")
    rows = table(wb["推荐班级"])
    assert rows[0][:3] == ("学校", "校内名次", "班级")
    got: dict[str, list[str]] = {}
    for school, _, cls, *_ in rows[1:]:
        got.setdefault(school, []).append(cls)
    assert {s: "、".join(c) for s, c in got.items()} == {s: expected(i, s) for i, s in enumerate(SCHOOLS)}
    summary = table(wb["学校汇总"])
    assert summary[0][0] == "学校" and len(summary) == 1 + 30 + 1
    assert summary[-1][2] == "损坏的学校.xlsx" and summary[-1][9].startswith("未能使用")
    problems = table(wb["问题"])
    assert problems[0][0] == "学校" and len(problems) == 1 + len(data["findings"])
    one = openpyxl.load_workbook(out / "第7小学_评分结果.xlsx")["排名"]
    assert {row[0] for row in table(one)[1:]} == {"第7小学"}
    md = (out / "全区_优秀班集体推荐公示.md").read_text("utf-8")
    rows = [line for line in md.splitlines() if line.startswith("| 第")]
    assert md.startswith("**草稿") and "# 2025-2026学年全区优秀班集体推荐名单公示" in md  # a corrupt file is an error
    assert len(rows) == 31  # 30 + tied 第7小学


def test_piped_output_one_finding_per_line(district, json_run, tmp_path):
    _, data, _ = json_run
    for args in ([], ["--format", "plain"]):  # CliRunner's stdout is not a terminal: plain by default
        r = runner.invoke(app, ["score", str(district), "--quota", "1", "--date", "2026-06-22",
                                "--out", str(tmp_path / "o"), *args])
        assert r.exit_code == 2
        lines = r.stdout.splitlines()
        assert len(lines) == len(data["findings"]) and all(line.count("\t") == 5 for line in lines)
        late = [x for x in lines if f"{LATE}.xlsx" in x and "获奖!I2" in x]
        assert len(late) == 1 and late[0].startswith("提示\tSCORE-AWARD-YEAR\t第5小学\t")
        assert [x.split("\t")[1] for x in lines if "损坏的学校.xlsx" in x] == ["READ-FILE"]
        assert "未能使用的文件（1 个）" in r.stderr


def test_district_notice_matches_golden(tmp_path):
    folder = tmp_path / "两校"
    folder.mkdir()
    for i, school in enumerate(("东城小学", "西城小学")):
        school_book(folder, i + 1, school)
    # A school whose every class is vetoed recommends none, and the notice says so.
    write_book(folder / "南城小学.xlsx", {"班级": [[n, "三年级", "", 40] for n in NAMES],
                                          "评分": [r for n in NAMES for r in full_marks(n)],
                                          "体测": [[n, "学生", "不及格"] for n in NAMES]})
    out = tmp_path / "out"
    r = runner.invoke(app, ["score", str(folder), "--quota", "1", "--date", "2026-06-19", "--out", str(out)])
    assert r.exit_code == 0, r.output
    texts = assert_notice_golden(out, "全区_优秀班集体推荐公示", "score_district")
    assert all("本校无推荐班级（参评 3 个班级）" in t and "区教育局德育科" in t for t in texts.values())

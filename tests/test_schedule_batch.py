"""A district's folder in one run (issue 10): 30 schools with the same class and teacher names, a
corrupt file, an Excel lock file and a file sent twice. Results stay per school, the corrupt file
is named with its problem, the others are checked and written, exit 2."""
import json

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from district_helpers import SCHOOLS, accidents
from test_schedule_support import person, session, week, write_book
from xlsx_read import table

runner = CliRunner()


def planted(n: int) -> set[tuple[str, str]]:
    """(rule, cell) planted in school n: a Saturday row every third school, a teacher in two places
    every fifth. Odd schools name themselves in a title row (data one row lower), even ones in 学校."""
    top = 3 if n % 2 else 2
    out = set()
    if n % 3 == 0:
        out.add(("SCH-DAY", f"安排!E{top + 5}"))
    if n % 5 == 0:
        out.add(("CONFLICT-STAFF", f"安排!L{top + 6 + (n % 3 == 0)}"))
    return out


def school_book(folder, n: int):
    name = SCHOOLS[n - 1]
    column = "" if n % 2 else name
    rows = week(school=column) + [session(school=column, group="四(1)班", grade="四年级", day="周一",
                                          start="16:30", end="17:10", staff="李强", room="401")]
    rows[5:5] = [session(school=column, group="三(2)班", day="周六")] if n % 3 == 0 else []
    if n % 5 == 0:
        rows.append(session(school=column, group="五(1)班", grade="五年级", day="周一", start="17:00",
                            end="17:30", staff="李强", room="501"))
    staff = [person("王芳"), person("李强")]
    return write_book(folder / f"{name}.xlsx", rows, staff,
                      title=f"{name}2026年秋季课后服务安排" if n % 2 else None)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district") / "各校安排"
    folder.mkdir()
    for n in range(1, 31):
        school_book(folder, n)
    bad = accidents(folder, folder / "第1小学.xlsx")
    return folder, bad


@pytest.fixture(scope="module")
def as_json(district, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    r = runner.invoke(app, ["check-schedule", str(district[0]), "--json", "--out", str(out)])
    return r.exit_code, json.loads(r.stdout), out


def test_batch_exit_2_files_used_and_not(district, as_json):
    folder, bad = district
    code, data, _ = as_json
    assert code == 2 and data["ok"] is False and data["exit_code"] == 2
    used = {f["path"]: f["used"] for f in data["files"]}
    assert len(used) == 31 and used[str(bad["corrupt"])] is False
    assert sum(used.values()) == 30 and str(bad["lock"]) not in used and str(bad["copy"]) not in used
    sources = {f["school"]: f["school_source"] for f in data["files"] if f["used"]}
    assert sources["第1小学"] == "标题行" and sources["第2小学"] == "学校列" and len(sources) == 30


def test_corrupt_lock_and_copy_are_named_with_their_problem(district, as_json):
    folder, bad = district
    _, data, _ = as_json
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(f["file"], []).append(f)
    [corrupt] = by_file["损坏的学校.xlsx"]
    assert corrupt["rule"] == "READ-FILE" and corrupt["severity"] == "error" and "无法读取工作簿" in corrupt["message"]
    [lock] = by_file["~$第1小学.xlsx"]
    assert lock["rule"] == "READ-SKIPPED" and "锁定文件" in lock["message"]
    [copy] = by_file["第1小学（重发）.xlsx"]
    assert copy["rule"] == "READ-SKIPPED" and "第1小学.xlsx" in copy["message"]


def test_findings_stay_per_school(as_json):
    _, data, _ = as_json
    got = {}
    for f in data["findings"]:
        if f["rule"].startswith(("SCH-", "CONFLICT-", "STAFF-")):
            got.setdefault(f["school"], set()).add((f["rule"], f"{f['sheet']}!{f['cell']}"))
            assert f["file"] == f"{f['school']}.xlsx"
    assert got == {SCHOOLS[n - 1]: planted(n) for n in range(1, 31) if planted(n)}
    schools = {s["school"]: s for s in data["schools"]}
    assert len(schools) == 31  # the 30, and the corrupt file under its name
    for n in range(1, 31):
        s = schools[SCHOOLS[n - 1]]
        assert (s["errors"], s["rows"]) == (len(planted(n)), 6 + (n % 3 == 0) + (n % 5 == 0))
    assert schools["损坏的学校"]["rules"] == {"READ-FILE": 1} and schools["损坏的学校"]["rows"] == 0
    total = data["summary"]
    assert total["schools"] == 31 and total["files_used"] == 30 and total["files_unusable"] == 1
    assert total["rules"] == {"CONFLICT-STAFF": 6, "READ-FILE": 1, "READ-SKIPPED": 2, "SCH-DAY": 10}
    assert total["errors"] == 17 and total["warnings"] == 2


def test_outputs_written_for_the_good_files(as_json):
    _, data, out = as_json
    assert sorted(data["written"]) == sorted(str(out / n) for n in ("安排检查结果.xlsx", "安排检查报告.html"))
    wb = openpyxl.load_workbook(out / "安排检查结果.xlsx")
    per = table(wb["统计"])
    head, rows = per[0], {r[0]: r for r in per[1:]}
    assert len(rows) == 31 and rows["第15小学"][head.index("CONFLICT-STAFF")] == 1
    assert rows["第15小学"][head.index("SCH-DAY")] == 1 and rows["第2小学"][head.index("错误")] == 0
    assert "损坏的学校.xlsx" in wb["全区合计"]["A2"].value  # the note below the title row
    total = dict(table(wb["全区合计"])[1:])  # one item per row
    assert (total["学校数"], total["文件数"], total["未能使用的文件数"], total["错误"]) == (31, 30, 1, 17)
    listed = {r[0] for r in table(wb["安排"])[1:]}
    assert len(listed) == 30 and "损坏的学校" not in listed
    html = (out / "安排检查报告.html").read_text("utf-8")
    assert "损坏的学校.xlsx" in html and "全区合计" in html and html.count('<h2 id="school-') == 31


def test_piped_output_one_line_per_finding_found_by_file_and_cell(district, as_json, tmp_path):
    _, data, _ = as_json
    r = runner.invoke(app, ["check-schedule", str(district[0]), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    assert len(lines) == len(data["findings"]) and all(line.count("\t") == 5 for line in lines)
    for n in range(1, 31):
        for rule, where in planted(n):
            hit = [line for line in lines if f"{SCHOOLS[n - 1]}.xlsx" in line and where in line]
            assert len(hit) == 1 and hit[0].split("\t")[1:3] == [rule, SCHOOLS[n - 1]]
    assert any("损坏的学校.xlsx" in line and "READ-FILE" in line for line in lines)


def test_same_file_name_in_each_school_folder(tmp_path):
    """各校安排/第1小学/安排.xlsx and 各校安排/第2小学/安排.xlsx: kept apart, named by their folder."""
    root = tmp_path / "各校安排"
    for n, staff in ((1, [person("王芳")]), (2, [person("李四")])):
        (root / SCHOOLS[n - 1]).mkdir(parents=True)
        write_book(root / SCHOOLS[n - 1] / "安排.xlsx", [session(school=SCHOOLS[n - 1], group=f"三({n})班")], staff)
    r = runner.invoke(app, ["check-schedule", str(root), "--json", "--out", str(tmp_path / "o")])
    data = json.loads(r.stdout)
    assert r.exit_code == 1
    [f] = data["findings"]  # 王芳 is on 第1小学's 人员 sheet, not on 第2小学's
    assert (f["rule"], f["school"], f["file"], f["cell"]) == ("STAFF-KNOWN", "第2小学", "第2小学/安排.xlsx", "L2")
    assert [s["files"] for s in data["schools"]] == [["第1小学/安排.xlsx"], ["第2小学/安排.xlsx"]]


def test_school_option_is_for_a_single_file(district, tmp_path):
    folder, _ = district
    one = runner.invoke(app, ["check-schedule", str(folder / "第2小学.xlsx"), "--school", "某某小学", "--json",
                              "--out", str(tmp_path / "a")])
    assert json.loads(one.stdout)["files"][0]["school"] == "某某小学"
    assert json.loads(one.stdout)["files"][0]["school_source"] == "--school"
    two = runner.invoke(app, ["check-schedule", str(folder / "第2小学.xlsx"), str(folder / "第4小学.xlsx"),
                              "--school", "某某小学", "--json", "--out", str(tmp_path / "b")])
    data = json.loads(two.stdout)
    assert [f["school"] for f in data["files"]] == ["第2小学", "第4小学"]
    assert [f["rule"] for f in data["findings"]] == ["OPTION"] and two.exit_code == 0

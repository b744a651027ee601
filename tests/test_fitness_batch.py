"""A district's folder in one run (issue 10): 30 schools with the same class names and overlapping
学号, one corrupt file, one Excel lock file, one file sent twice; every school kept apart."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv import fitness
from asrv.cli.main import app
from asrv.profile import load_profile
from district_helpers import SCHOOLS, accidents
from test_fitness_support import FAILING, GOOD, HEAD, district, school_students, student, write

runner = CliRunner()
P = load_profile("default")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("district") / "体测"
    paths = district(d, SCHOOLS)
    # 第3小学 typed one student twice (the same 学号 in a second row): the second is not counted.
    rows = school_students(0, tag="3") + [student(GOOD, "一(1)班", "S02", "学生3-2")]
    write(paths["第3小学"], rows)
    accidents(d, paths["第1小学"])
    return d


@pytest.fixture(scope="module")
def batch(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = runner.invoke(app, ["fitness", str(folder), "--out", str(out), "--json"])
    return res, json.loads(res.stdout), out


def test_exit_2_for_the_corrupt_file_but_every_school_is_processed(batch):
    res, data, _ = batch
    assert res.exit_code == 2 and data["ok"] is False
    bad = [f for f in data["files"] if not f["used"]]
    assert [Path(f["path"]).name for f in bad] == ["损坏的学校.xlsx"]
    assert sorted(f["school"] for f in data["files"] if f["used"]) == sorted(SCHOOLS)
    corrupt = [f for f in data["findings"] if f["file"] == "损坏的学校.xlsx"]
    assert corrupt and corrupt[0]["rule"] == "READ-FILE" and corrupt[0]["severity"] == "error"


def test_lock_file_and_copy_are_skipped_and_said(batch):
    _, data, _ = batch
    skipped = {f["file"]: f for f in data["findings"] if f["rule"] == "READ-SKIPPED"}
    assert set(skipped) == {"~$第1小学.xlsx", "第1小学（重发）.xlsx"}
    assert all(Path(f["path"]).name != "第1小学（重发）.xlsx" for f in data["files"])
    one = next(s for s in data["schools"] if s["school"] == "第1小学")
    assert one["students"] == 14  # counted once, not twice


def test_classes_of_one_name_stay_per_school(batch):
    _, data, _ = batch
    first = [c for c in data["classes"] if c["class"] == "一(1)班"]
    assert len(first) == 30 and all(c["students"] == 10 for c in first)
    assert {c["school"] for c in first} == set(SCHOOLS)
    fails = {c["school"]: c["ratings"]["不及格"] for c in first}
    assert fails == {s: n % 3 for n, s in enumerate(SCHOOLS, 1)}
    assert len(data["classes"]) == 90
    total = data["district"]
    assert total["school"] == "全区合计" and total["students"] == 30 * 14 and total["classes"] == 90


def test_duplicate_student_within_a_school_is_a_finding_at_its_cell(batch):
    _, data, _ = batch
    dup = [f for f in data["findings"] if f["rule"] == "FIT-DUPLICATE"]
    # Header in row 1, students in rows 2–15: the repeated S02 is row 16, 学号 in column C.
    assert [(f["school"], f["file"], f["sheet"], f["cell"]) for f in dup] == [("第3小学", "第3小学.xlsx", "Sheet", "C16")]
    assert "Sheet!C3" in dup[0]["message"] and dup[0]["severity"] == "error"
    # Overlapping 学号 across schools are not duplicates.
    assert len({(s["school"], s["student_id"]) for s in data["students"]}) == len(data["students"]) == 420


def test_classes_in_grade_then_number_order_and_schools_in_pinyin_order(batch):
    _, data, _ = batch
    assert [c["class"] for c in data["classes"] if c["school"] == "第2小学"] == ["一(1)班", "三(2)班", "三(10)班"]
    names = [s["school"] for s in data["schools"]]
    assert names == sorted(SCHOOLS, key=lambda s: int(s[1:-2]))  # 第2小学 before 第10小学


def test_school_found_from_title_row_or_file_name(batch):
    _, data, _ = batch
    how = {f["school"]: f["school_source"] for f in data["files"] if f["used"]}
    assert how["第1小学"] == "文件名" and how["第2小学"] == "标题行"


def test_outputs_per_school(batch):
    _, data, out = batch
    assert (out / "第2小学" / "体测_三(10)班.html").is_file() and (out / "第29小学" / "体测_一(1)班.html").is_file()
    assert len(list(out.glob("*/体测_*.html"))) == 90
    assert "第2小学" in (out / "第2小学" / "体测_一(1)班.html").read_text("utf-8")
    wb = openpyxl.load_workbook(out / "体测成绩.xlsx")
    assert wb.sheetnames == ["学生成绩", "班级汇总", "年级汇总", "学校汇总", "文件", "问题"]
    for name in ("学生成绩", "班级汇总", "年级汇总", "学校汇总", "文件", "问题"):
        assert "学校" in [c.value for c in _header_row(wb[name])], name
    schools = _rows(wb["学校汇总"])
    assert [r["学校"] for r in schools][-1] == "全区合计" and schools[-1]["人数"] == 420
    assert next(r for r in schools if r["学校"] == "第4小学")["不及格人数"] == 1
    classes = _rows(wb["班级汇总"])
    assert sum(1 for r in classes if r["班级"] == "一(1)班") == 30
    files = _rows(wb["文件"])
    assert {r["文件"]: r["是否使用"] for r in files}["损坏的学校.xlsx"].startswith("否")


def test_piped_output_has_one_line_per_finding_found_by_file_and_cell(folder, batch, tmp_path):
    res = runner.invoke(app, ["fitness", str(folder), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    lines = res.stdout.splitlines()
    assert len(lines) == len(batch[1]["findings"]) and all(len(line.split("\t")) == 6 for line in lines)
    dup = [line for line in lines if "第3小学.xlsx" in line and "Sheet!C16" in line]
    assert len(dup) == 1 and dup[0].split("\t")[:3] == ["错误", "FIT-DUPLICATE", "第3小学"]
    assert any("损坏的学校.xlsx" in line and "READ-FILE" in line for line in lines)


def test_the_library_takes_folders_and_globs(folder):
    r = fitness.run([str(folder / "第1*.xlsx"), str(folder / "第2小学")], P)
    # 第1*.xlsx: 第1, 第11 … 第19小学 (the copy 第1小学（重发） read once); the folder 第2小学 holds one workbook.
    assert r.schools == ["第1小学", "第2小学", "第11小学", "第13小学", "第15小学", "第17小学", "第19小学"]
    assert set(r.students["school"]) == set(r.schools) and r.exit_code() == 0


def test_school_column_with_several_schools_in_one_file(tmp_path):
    head = ["学校", "班级", "学号", "姓名", "性别", "身高", "体重", "肺活量", "50米跑", "坐位体前屈", "一分钟跳绳"]
    rows = [{**student(GOOD, "一(1)班", "S01", "甲"), "学校": "东城小学"},
            {**student(FAILING, "一(1)班", "S01", "乙"), "学校": "西城小学"}]
    r = fitness.run([write(tmp_path / "区汇总.xlsx", rows, head=head)], P)
    assert r.findings == [] and r.schools == ["东城小学", "西城小学"]
    assert [(c["school"], c["students"], c["ratings"]["不及格"]) for c in r.class_list()] == \
        [("东城小学", 1, 0), ("西城小学", 1, 1)]
    assert r.files[0].school == "东城小学、西城小学" and r.files[0].school_source == "学校列"


def test_school_option_names_a_single_file(tmp_path):
    path = write(tmp_path / "a.xlsx", school_students(1))
    r = fitness.run([path], P, options=fitness.Options(school="南湖小学"))
    assert r.schools == ["南湖小学"] and r.files[0].school_source == "--school"


def test_one_unusable_file_alone_writes_nothing_and_json_still_parses(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    res = runner.invoke(app, ["fitness", str(bad), "--out", str(tmp_path / "o"), "--json"])
    data = json.loads(res.stdout)
    assert res.exit_code == 2 and data["ok"] is False and data["files"][0]["used"] is False
    assert data["written"] == [] and not (tmp_path / "o").exists()


def _header_row(ws):
    for row in ws.iter_rows(max_row=5):
        if row[0].value == "学校":
            return row
    return ws[1]


def _rows(ws) -> list[dict]:
    header = [c.value for c in _header_row(ws)]
    start = _header_row(ws)[0].row + 1
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=start, values_only=True)]


def test_levels_come_from_the_profile_by_rule_id_and_clauses_name_the_document(tmp_path):
    rows = [student(GOOD, "一(1)班", "S1", "甲"), student(GOOD, "一(1)班", "S1", "甲"),
            student(GOOD, "一(1)班", "S2", "乙", 一分钟跳绳="\\")]
    path = write(tmp_path / "东城小学.xlsx", rows)
    r = fitness.run([path], P)
    assert {(f.rule, f.severity, f.cell) for f in r.findings} == {("FIT-DUPLICATE", "error", "C3"),
                                                                   ("FIT-MISSING", "warning", "D4")}
    missing = next(f for f in r.findings if f.rule == "FIT-MISSING")
    assert missing.message.endswith("（体质健康标准（教体艺〔2014〕5号） 说明5）") and missing.school == "东城小学"
    lenient = P.with_values(**{"rules.FIT-DUPLICATE": "warning", "rules.FIT-MISSING": "off"})
    r = fitness.run([path], lenient)
    assert [(f.rule, f.severity) for f in r.findings] == [("FIT-DUPLICATE", "warning")] and r.exit_code() == 0
    assert len(r.students) == 2  # the second record is still not counted


def test_outputs_never_overwrite_an_input_and_a_smaller_rerun_leaves_no_stale_report(tmp_path):
    folder = tmp_path / "in"
    src = write(folder / "体测成绩.xlsx", school_students(1, tag="a"), title="东城小学2025—2026学年体测")
    before = src.read_bytes()
    res = runner.invoke(app, ["fitness", str(src), "--out", str(folder)])
    assert res.exit_code == 2 and "OUTPUT" in res.stdout + res.stderr and src.read_bytes() == before
    other = write(tmp_path / "西城小学.xlsx", school_students(0, tag="b"))
    out = tmp_path / "out"
    assert runner.invoke(app, ["fitness", str(src), str(other), "--out", str(out)]).exit_code == 0
    assert (out / "东城小学" / "体测_一(1)班.html").is_file() and (out / "西城小学").is_dir()
    assert runner.invoke(app, ["fitness", str(other), "--out", str(out)]).exit_code == 0
    assert not (out / "东城小学").exists() and (out / "西城小学" / "体测_一(1)班.html").is_file()
    # The outputs folder given as input again: its own files are not read as schools' workbooks.
    r = fitness.run([out, other], P)
    assert [f.path for f in r.files if f.used] == [other]


def test_long_names_make_safe_file_names(tmp_path):
    head = ["学校", *HEAD]
    school, klass = "很" * 300 + "小学", "一(1)班（" + "实验" * 100 + "）"
    path = write(tmp_path / "a.xlsx", [{**student(GOOD, klass, "S1", "甲"), "学校": school}], head=head)
    written = fitness.write(fitness.run([path], P), tmp_path / "out")
    report = [p for p in written if p.suffix == ".html"][0]
    assert report.is_file() and len(report.name.encode()) < 255 and len(report.parent.name.encode()) < 255


def test_reports_written_in_several_processes_are_the_ones_one_process_writes(folder, tmp_path):
    from asrv.out.forked import can_fork
    if not can_fork(3):
        pytest.skip("needs fork and no other thread")
    outs = {}
    for jobs in (1, 3):
        result = fitness.run([folder], P, options=fitness.Options(jobs=jobs))
        fitness.write(result, tmp_path / str(jobs))
        outs[jobs] = {p.relative_to(tmp_path / str(jobs)): p for p in (tmp_path / str(jobs)).rglob("*") if p.is_file()}
    assert sorted(outs[1]) == sorted(outs[3]) and len(outs[1]) > 90
    for name, p in outs[1].items():
        if name.suffix == ".xlsx":
            assert _cells(p) == _cells(outs[3][name]), name
        else:
            assert p.read_bytes() == outs[3][name].read_bytes(), name


def _cells(path):
    return [[c.value for c in row] for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows()]


def test_a_class_report_escapes_the_name_it_shows_unmasked(tmp_path):
    path = write(tmp_path / "第1小学.xlsx", [student(GOOD, "一(1)班", "S1", "<b>甲&乙</b>"),
                                            student(FAILING, "一(1)班", "S2", "丙")])
    result = fitness.run([path], P, options=fitness.Options(mask=False))
    html = next(p for p in fitness.write(result, tmp_path / "out") if p.suffix == ".html").read_text("utf-8")
    assert '<td class="name">&lt;b&gt;甲&amp;乙&lt;/b&gt;</td>' in html and "<b>" not in html
    assert "<td>男</td>" in html and "<td>优秀</td>" in html and "<td>不及格</td>" in html


def test_summaries_made_in_forked_processes_are_the_ones_made_here(folder, monkeypatch):
    import sys

    import pandas as pd
    run_module = sys.modules["asrv.fitness.run"]
    here = fitness.run([str(folder)], P, options=fitness.Options(jobs=1))
    monkeypatch.setattr(run_module, "SUMMARY_FORK_STUDENTS", 1)
    forked_from = []
    real = run_module.forked_map
    monkeypatch.setattr(run_module, "forked_map", lambda fn, items, jobs: forked_from.append(jobs) or real(fn, items, jobs))
    beside = fitness.run([str(folder)], P, options=fitness.Options(jobs=2))
    from asrv.jobs import can_fork
    assert forked_from == [2] and can_fork() and len(here.schools) > 1  # made in two processes
    for name, _, _ in run_module.SUMMARIES:
        pd.testing.assert_frame_equal(getattr(beside, name), getattr(here, name), check_exact=True)
        assert len(getattr(here, name))

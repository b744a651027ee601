"""`asrv fees` end to end: exit codes, JSON, the workbook read back, notices against golden files."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from template_helpers import unmark
from asrv.cli.main import app
from asrv.findings import InputError
from asrv.profile import load_profile
from test_fees_support import (check, district, expense, payment, reconcile, sheet_rows, student, summary_items,
                               write_book)
from golden_files import FORMATS, assert_notice_golden, notice_texts

runner = CliRunner()


def cents_of(v) -> int:
    from test_fees_support import cents
    return cents(v)
SAMPLE = Path(__file__).parents[1] / "sample_data" / "fees.xlsx"
STEMS = ["收费公示_一小_2026-2027-1", "收支公示_一小_2026-2027-1"]
OUT_NAMES = ["收费汇总_2026-2027-1.xlsx", *(stem + x for stem in STEMS for x in FORMATS.values())]


def small_book(tmp_path: Path) -> Path:
    enr = [student("1", mode="普惠托管", fee=0, name="张小明"), student("1", course="合唱", fee=300, name="张小明"),
           student("2", mode="普惠托管", fee=0, name="李四"), student("2", course="绘画", fee=250, materials=80,
                                                                    name="李四"),
           student("3", course="合唱", fee=0, hardship="是", name="欧阳小雨"),
           student("4", course="合唱", fee=300, name="王五"), {**student("5", fee=300), "term": "2026春"}]
    pay = [payment("1", 300), payment("2", 330), payment("4", 600), payment("4", -300),
           {**payment("5", 300), "term": "2025-2026-2"}]
    courses = [{"term": "2026秋", "course": "合唱", "mode": "个性化课程", "fee": 300, "time": "周二 16:30-17:30",
                "content": "合唱排练", "provider": "本校"},
               {"term": "2026秋", "course": "绘画", "mode": "个性化课程", "fee": 250, "materials_standard":
                "画材一套 80 元", "time": "周五 16:30-17:30", "content": "水彩 <入门> & 创意", "provider": "本校"}]
    spend = [expense("人员劳务报酬", 800), expense("水电费", 60.5), expense("维修", 30)]
    return write_book(tmp_path / "一小.xlsx", enrollment=enr, payments=pay, expenses=spend, courses=courses,
                      subsidy=[{"term": "2026-2027学年第一学期", "amount": 300}])


def invoke(*args):
    return runner.invoke(app, ["fees", *map(str, args)])


def test_clean_run_writes_everything_and_exits_0(tmp_path):
    out = tmp_path / "out"
    r = invoke(small_book(tmp_path), "--term", "2026秋", "--date", "2026-12-28", "--out", out)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUT_NAMES)
    items = summary_items(out / OUT_NAMES[0])["一小"]  # one item per row, not one 24-column row
    count = lambda k: items[k]["人数"]  # noqa: E731
    amount = lambda k: items[k]["金额"]  # noqa: E731
    assert (count("普惠托管参加人数"), count("个性化课程参加人数"), count("家庭经济困难学生（免费）")) == (2, 4, 1)
    assert [amount(k) for k in ("应收合计", "实收", "退费", "净实收", "未缴")] == [930, 1230, 300, 930, 0]
    assert count("退费") == 1
    assert [amount(k) for k in ("政府保障应到位", "政府保障已到位", "政府保障差额", "支出合计", "结余")] == \
        [300, 300, 0, 890.5, 339.5]
    assert amount("支出：场地器材维护") == 30  # 维修 is an alias of the allowed category
    reconcile(out / OUT_NAMES[0])
    assert "全区合计" not in openpyxl.load_workbook(out / OUT_NAMES[0], read_only=True).sheetnames  # one school


def test_terms_written_three_ways_are_one(tmp_path):
    book = small_book(tmp_path)
    got = [json.loads(invoke(book, "--term", t, "--json", "--out", tmp_path / t).stdout)["schools"][0]["due"]
           for t in ("2026秋", "2026-2027-1", "2026-2027学年第一学期")]
    assert got == ["930.00"] * 3
    spring = json.loads(invoke(book, "--term", "2026春", "--json", "--out", tmp_path / "s").stdout)
    assert spring["term"]["code"] == "2025-2026-2" and spring["schools"][0]["net_collected"] == "300.00"


def test_json_amounts_are_two_decimal_strings(tmp_path):
    book = write_book(tmp_path / "一小.xlsx", enrollment=[student("1", course="机器人", fee=350),
                                                         student("1", course="编程", fee=350)],
                      payments=[payment("1", "¥700.00", payee="三(2)班家委会")])
    r = invoke(book, "--term", "2026秋", "--json", "--out", tmp_path / "o")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert set(data) >= {"schools", "findings"}
    school = data["schools"][0]
    assert school["due"] == "700.00" and school["collected"] == "700.00" and school["balance"] == "700.00"
    assert school["spending"]["人员劳务报酬"] == "0.00"
    cap = next(f for f in data["findings"] if f["rule"] == "FEE-CAP")
    assert (cap["amount"], cap["limit"], cap["sheet"], cap["cell"], cap["school"]) == \
        ("700.00", "600.00", "报名", "H3", "一小")
    assert data["term"] == {"code": "2026-2027-1", "label": "2026秋", "title": "2026-2027学年第一学期"}
    assert [(Path(f["path"]).name, f["used"], f["school"], f["school_source"]) for f in data["files"]] == \
        [("一小.xlsx", True, "一小", "学校列")]
    assert {f["rule"] for f in data["findings"]} >= {"FEE-CAP", "FEE-ACCOUNT", "FEE-BALANCE"}


def test_findings_sheet_and_marked_students(tmp_path):
    book = write_book(tmp_path / "一小.xlsx", enrollment=[student("1", fee=0.01, hardship="是")], payments=[])
    out = tmp_path / "out"
    assert invoke(book, "--term", "2026秋", "--out", out).exit_code == 1
    head, rows = sheet_rows(out / OUT_NAMES[0], "问题")
    f = next(f for f in (dict(zip(head, r)) for r in rows) if f["规则"].startswith("FEE-"))
    assert (f["规则"], f["位置"], f["金额"], f["限额"]) == ("FEE-HARDSHIP", "报名!H2", 0.01, 0)
    shead, students = sheet_rows(out / OUT_NAMES[0], "学生")
    assert dict(zip(shead, students[0]))["问题"] == "FEE-HARDSHIP"


@pytest.mark.parametrize("term, rule", [("2026x", "OPTION-TERM"), ("2027秋", "FEE-TERM")])
def test_cannot_run_exit_2_nothing_written(tmp_path, term, rule):
    out = tmp_path / "out"
    r = invoke(small_book(tmp_path), "--term", term, "--out", out, "--json")
    assert r.exit_code == 2 and not out.exists()
    data = json.loads(r.stdout)  # one JSON document, also on exit 2
    assert data["ok"] is False and [f["rule"] for f in data["findings"]] == [rule]


def test_a_bad_term_cannot_start_the_run():
    with pytest.raises(InputError) as err:
        check(["x.xlsx"], load_profile(), term="2026x")
    assert err.value.findings[0].rule == "OPTION-TERM"
    from asrv import fees
    with pytest.raises(InputError) as err:
        fees.run(["x.xlsx"], load_profile())  # no options: no term
    assert err.value.findings[0].rule == "OPTION-TERM" and "--term" in err.value.findings[0].message


def test_no_rows_of_the_term_names_the_terms_found(tmp_path):
    r = check([small_book(tmp_path)], load_profile(), term="2027秋")
    assert [f.used for f in r.files] == [False] and r.exit_code() == 2 and not r.writable
    f = r.findings[0]
    assert f.rule == "FEE-TERM" and "没有 2027秋" in f.message and "2026春、2026秋" in f.message
    assert (f.file, f.sheet, f.school) == ("一小.xlsx", "报名", "一小")


def test_bad_cells_are_input_errors(tmp_path):
    book = write_book(tmp_path / "x.xlsx", enrollment=[student("1", fee="三百"), {**student("2"), "term": "明年"}],
                      payments=[payment("1", 12.345)])
    out = tmp_path / "out"
    r = invoke(book, "--term", "2026秋", "--out", out, "--json")
    assert r.exit_code == 2 and not out.exists()
    for cell in ("H2", "A3", "E2"):
        assert cell in r.output


def test_missing_sheet_exit_2(tmp_path):
    book = write_book(tmp_path / "x.xlsx", enrollment=[student("1")])
    r = invoke(book, "--term", "2026秋", "--out", tmp_path / "out")
    assert r.exit_code == 2 and "缴费" in r.output


def test_mask_by_default(tmp_path):
    book = small_book(tmp_path)
    invoke(book, "--term", "2026秋", "--out", tmp_path / "m")
    invoke(book, "--term", "2026秋", "--out", tmp_path / "n", "--no-mask")
    names = lambda d: {r[4] for r in sheet_rows(d / OUT_NAMES[0], "学生")[1]}  # noqa: E731
    assert "张*明" in names(tmp_path / "m") and "张小明" not in names(tmp_path / "m")
    assert "张小明" in names(tmp_path / "n")
    for d in ("m", "n"):  # public notices carry no student at all
        for stem in STEMS:
            for text in notice_texts(tmp_path / d, stem).values():
                assert "张小明" not in text and "张*明" not in text and "张\\*明" not in text


def test_notices_match_golden(tmp_path):
    out = tmp_path / "out"
    assert invoke(small_book(tmp_path), "--term", "2026秋", "--date", "2026-12-28", "--out", out).exit_code == 0
    for stem, golden in zip(STEMS, ("fees_charges", "fees_accounts")):
        texts = assert_notice_golden(out, stem, golden)
        assert not any("草稿" in t for t in texts.values())  # no error finding: not a draft


def test_district_reconciles_to_the_cent(tmp_path):
    files = district(tmp_path / "d", schools=3, students=60)
    out = tmp_path / "out"
    r = invoke(*files, "--term", "2026秋", "--out", out)
    assert r.exit_code == 1  # every school spends on 聚餐
    sums = reconcile(out / OUT_NAMES[0])  # 全区合计 too
    assert len(sums) == 3 and all(d["退费"] >= 0 for d in sums.values())
    total = summary_items(out / OUT_NAMES[0], "全区合计")["全区合计"]
    assert cents_of(total["应收合计"]["金额"]) == sum(d["应收合计"] for d in sums.values())


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample_data/fees.xlsx not generated")
def test_sample_has_the_planted_problems(tmp_path):
    r = invoke(SAMPLE, "--term", "2026秋", "--date", "2026-12-01", "--json", "--out", tmp_path / "o")
    assert r.exit_code == 1
    rules = {f["rule"] for f in json.loads(r.stdout)["findings"]}
    assert rules == {"FEE-CAP", "FEE-HARDSHIP", "FEE-ONCE", "FEE-ACCOUNT", "FEE-USE", "FEE-SUBSIDY",
                     "FEE-BASIC", "FEE-MATERIALS", "FEE-BALANCE", "NOTICE-INFO"}  # the default profile has no phone


def test_template_fees_is_readable(tmp_path):
    target = tmp_path / "fees_模板.xlsx"
    assert runner.invoke(app, ["template", "fees", "-o", str(target)]).exit_code == 0
    assert openpyxl.load_workbook(target).sheetnames == ["报名", "缴费", "支出", "补助", "课程", "填写说明"]
    r = invoke(unmark(target), "--term", "2026秋", "--out", tmp_path / "o", "--json")
    assert r.exit_code in (0, 1), r.output
    assert json.loads(r.stdout)["schools"][0]["school"] == "示例小学"


@pytest.mark.skipif(not SAMPLE.exists(), reason="sample_data/fees.xlsx not generated")
def test_readme_fees_example_runs_as_written(tmp_path, monkeypatch, capsys):
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    section = readme[readme.index("### `asrv fees`"):readme.index("### `asrv survey`")]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "sample_data").symlink_to(SAMPLE.parent)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.startswith("示例市实验小学 5527001 5354000 747000 528420")
    assert (tmp_path / "asrv-out" / "收费汇总_2026-2027-1.xlsx").exists()


def test_workbook_text_is_never_read_as_markup(tmp_path):
    school = "[bold red]一小[/]"
    book = write_book(tmp_path / "x.xlsx", enrollment=[student("1", school=school)],
                      payments=[payment("1", 300, school=school)], expenses=[expense("教师聚餐[/]", 1200, school=school)])
    r = invoke(book, "--term", "2026秋", "--format", "table", "--out", tmp_path / "o")
    assert r.exit_code == 1, r.output
    assert "教师聚餐[/" in r.output and "[bold red]一小[/]" in r.output  # the cell may wrap after [/

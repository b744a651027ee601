"""The sample district end to end, through the folder: evidence to the cells of each school's files,
a missing workbook under 需补交, the planted checks, the outputs read back, the notice's golden files."""
from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from asrv import district
from asrv.district.compare import compare, read_previous
from asrv.io import open_workbook
from asrv.profile import load_profile
from golden_files import assert_notice_golden
from asrv.notice import DRAFT
from xlsx_read import table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sample_data"))
import make_district  # noqa: E402

DAY = dt.date(2026, 12, 28)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("district") / "区"
    make_district.main(root)
    result = district.run([str(root)], load_profile("default"), options=district.Options(term="2026秋", date=DAY))
    out = root.parent / "out" / "2026秋"
    return root, result, district.write(result, out), out


def test_every_deduction_names_a_cell_that_holds_what_it_says(sample):
    root, result, _, _ = sample
    d2 = result.school("第一实验小学").items["D2"]
    assert d2.score == 12 and [f.rule for f in d2.deducted] == ["SCH-END", "SCH-LEN", "SCH-DAY"]
    end = next(f for f in d2.deducted if f.rule == "SCH-END")
    assert (end.file, end.where) == ("第一实验小学/课后服务安排.xlsx", "安排!G10")
    assert f"SCH-END 第一实验小学/课后服务安排.xlsx 安排!G10：{end.message}" in d2.evidence
    rows, _ = open_workbook(root / end.file).grid("安排")
    assert rows[9][6] == "18:10" and "18:10" in end.message      # G10 is row 10, column G
    fee = next(f for f in result.school("城南小学").items["D5"].deducted)
    sheet, cell = fee.sheet, fee.cell
    book = load_workbook(root / fee.file, read_only=True)
    assert fee.rule == "FEE-CAP" and book[sheet][cell].value is not None


def test_a_school_without_a_fee_workbook_scores_0_for_fees_and_is_asked_for_it(sample):
    _, result, written, out = sample
    s = result.school("城北小学")
    assert s.items["D5"].score == 0 and s.missing == ["收费工作簿"]
    assert [f.rule for f in s.items["D5"].findings] == ["DIST-MISSING-WORKBOOK"]
    assert result.evidence["城北小学"].participants_source == "意向调查"   # participants from its survey
    page = (out / "反馈单_城北小学.html").read_text("utf-8")
    assert page.index("需补交") < page.index("收费工作簿") < page.index("各项得分")
    assert "考勤工作簿" not in page.split("各项得分")[0]    # D6 is rated instead: not asked for


def test_the_planted_checks_fire_where_they_were_planted(sample):
    _, result, _, _ = sample
    got = {(f.rule, f.school) for f in result.findings if f.rule.startswith("DIST-")}
    for pair in [("DIST-VETO", "城南小学"), ("DIST-SELF-REVIEW-GAP", "东关小学"), ("DIST-SCORE-RANGE", "柳林小学"),
                 ("DIST-EVIDENCE-MISSING", "柳林小学"), ("DIST-MISSING-SCHOOL", "白塔小学"),
                 ("DIST-UNKNOWN-KIND", "新城小学"), ("DIST-MISSING-WORKBOOK", "城北小学")]:
        assert pair in got, pair
    vetoed = result.school("城南小学")
    assert vetoed.band == "不合格" and vetoed.score > 90 and vetoed.funding == 0
    assert result.school("实验中学").items["D7"].score > 0          # folder 实验中学（初中部）, workbooks name it
    assert {u.school_source for u in result.files if u.school == "实验中学"} == {"学校列"}
    assert result.school("第一实验小学").items["D6"].method == "attendance" and result.evidence["第一实验小学"].unreported == 1
    assert not any(f.rule in ("CALENDAR-YEAR", "NOTICE-INFO") and f.school for f in result.findings)


def test_funding_adds_up_to_the_pool_and_ranks_share_ties(sample):
    _, result, _, _ = sample
    assert sum(s.funding for s in result.per_school) == result.pool_fen == 1_000_000_00
    ranks = [(s.rank, s.score) for s in result.per_school]
    assert all(a[1] >= b[1] for a, b in zip(ranks, ranks[1:]))
    ties = [s for s in result.per_school if s.score == result.school("东关小学").score]
    assert len({s.rank for s in ties}) == 1


def test_the_workbook_reads_back_as_the_result(sample):
    _, result, _, out = sample
    book = load_workbook(out / "考核结果.xlsx", read_only=True)
    assert book.sheetnames == ["排名", "指标明细", "上报汇总", "问题", "参数"]
    rows = [r for r in book["排名"].iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if r and r[0] == "排名")
    got = [(r[0], r[1], r[rows[head].index("总分")], r[rows[head].index("等次")]) for r in rows[head + 1:]]
    assert got == [(s.rank, s.school, s.score, s.band) for s in result.per_school]
    money = rows[head].index("分配资金（元）")
    assert round(sum(r[money] for r in rows[head + 1:]), 2) == 1_000_000
    lines = [r for r in book["指标明细"].iter_rows(values_only=True) if r[0] == "第一实验小学" and r[1] == "D2"]
    assert lines[0][6] == 12 and any("安排!G10" in (r[8] or "") for r in lines)
    reported = [r for r in book["上报汇总"].iter_rows(values_only=True)]
    total = next(r for r in reported if r[0] == "全区合计")
    d = result.district["participation"]
    assert total[3] == d.numerator and total[2] == d.denominator and total[4] == pytest.approx(d.value)
    problems = table(book["问题"])
    assert len(problems) - 1 == len(result.findings) and problems[0][0] == "学校"
    assert read_previous(out / "考核结果.xlsx")["西湖小学"]["score"] == result.school("西湖小学").score


def test_pages_have_inline_charts_and_nothing_fetched(sample):
    _, result, written, out = sample
    names = {p.name for p in written}
    assert {"考核结果公示.html", "考核结果公示.docx", "考核结果公示_微信.html", "考核结果公示.md", "考核总览.html"} <= names
    assert {f"反馈单_{s.school}.html" for s in result.per_school} <= names
    page = (out / "考核总览.html").read_text("utf-8")
    assert page.count("<svg") == 5 and "<script" not in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    feedback = (out / "反馈单_第一实验小学.html").read_text("utf-8")
    assert "安排!G10" in feedback and "需要整改的问题" in feedback


def test_the_notice_in_every_format(sample):
    _, result, _, out = sample
    [(stem, notice)] = result.notices
    assert stem == "考核结果公示" and notice.draft        # the sample has error findings
    texts = assert_notice_golden(out, stem, "district_notice")
    assert all(DRAFT in t.replace("\\", "") for t in texts.values())  # stamped in every format
    assert "课后服务工作考核结果公示" in texts["docx"] and "区教育局基础教育科" in texts["docx"]


def test_compare_with_the_same_term_finds_no_change(sample):
    _, result, _, out = sample
    again = dataclasses.replace(result, findings=list(result.findings), changes={}, previous="")
    compare(again, "2026秋", out.parent / "2027春")       # looks in <out 的上一级>/2026秋/
    assert again.previous.endswith("2026秋/考核结果.xlsx")
    assert {c.change for c in again.changes.values()} == {0} and len(again.changes) == len(result.per_school)
    assert all(v == 0 for c in again.changes.values() for v in c.rates.values())
    assert {c.band for c in again.changes.values()} == {s.band for s in result.per_school}


def test_readme_district_example_runs_as_written(tmp_path, monkeypatch, capsys):
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text("utf-8")
    section = readme[readme.index("### `asrv district`"):readme.index("## Python\n")]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "sample_data").symlink_to(root / "sample_data")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1 ") and lines[-1].startswith("2558 ÷ 3069 = 83.35%")
    assert (tmp_path / "asrv-out" / "区级考核" / "2026秋" / "考核总览.html").exists()


def test_school_folders_in_two_processes_give_what_one_gives(sample, tmp_path):
    """--jobs: the folders checked in worker processes, in folder order, give the same findings, files
    and outputs byte for byte."""
    root, one, written, out = sample
    two = district.run([str(root)], load_profile("default"),
                       options=district.Options(term="2026秋", date=DAY, jobs=2))
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert [f.to_json() for f in two.files] == [f.to_json() for f in one.files]
    again = district.write(two, tmp_path / "2026秋")
    assert [p.name for p in again] == [p.name for p in written]
    for p, q in zip(written, again):
        assert p.read_bytes() == q.read_bytes(), p.name

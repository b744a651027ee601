"""The 收费公示 and 收支公示 say only what is true (issue 11): amounts short or over are said with the
figure and as under correction, documents are named, dates are Chinese."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from asrv import fees
from asrv.notice import DRAFT
from asrv.profile import load_profile
from golden_files import FORMATS, assert_notice_golden, notice_texts
from test_fees_support import expense, payment, student, write_book

PROFILE = load_profile("default")
DATE = dt.date(2026, 12, 28)


def problem_book(tmp_path: Path) -> Path:
    """Every statement of the notices broken once: what the sample school plants, in small."""
    enr = [student("1", mode="普惠托管", fee=0), student("1", course="机器人", fee=350, materials=120),
           student("1", course="编程", fee=350), student("2", mode="普惠托管", fee=50),
           student("3", course="合唱", fee=0.01, hardship="是"), student("4", course="机器人", fee=350, materials=90),
           student("5", course="合唱", fee=300)]
    pay = [payment("1", 820), payment("2", 50), payment("4", 440, payee="三(2)班家委会"), payment("5", 150),
           payment("5", 150)]
    courses = [{"course": "机器人", "fee": 350, "time": "周二 16:30-17:30"}, {"course": "编程", "fee": 350},
               {"course": "合唱", "fee": 700, "materials_standard": ""}]
    spend = [expense("人员劳务报酬", 800), expense("教师聚餐", 1200)]
    return write_book(tmp_path / "一小.xlsx", enrollment=enr, payments=pay, courses=courses, expenses=spend,
                      subsidy=[{"term": "2026秋", "amount": 240}])


def notices(tmp_path: Path, book: Path, profile=PROFILE, date=DATE) -> dict[str, str]:
    result = fees.run([book], profile, options=fees.Options(term="2026秋", date=date))
    out = tmp_path / "out"
    fees.write(result, out)
    texts = {}
    for kind in ("收费公示", "收支公示"):
        (md,) = out.glob(f"{kind}_*.md")
        texts |= {kind + FORMATS[fmt]: text for fmt, text in notice_texts(out, md.stem).items()}
    return texts


@pytest.fixture
def told(tmp_path):
    return notices(tmp_path, problem_book(tmp_path))


def test_subsidy_short_is_said_not_called_arrived(told):
    # 2 students × 150 = 300 due, 240 arrived: the old notice said 「已到位」
    line = next(ln for ln in told["收支公示.md"].splitlines() if ln.startswith("| 政府保障经费"))
    assert "已到位 240.00，尚差 60.00 元未到位" in line and not line.rstrip(" |").endswith("已到位")


def test_spending_outside_the_allowed_uses_is_marked_as_under_correction(told):
    text = told["收支公示.md"]
    assert "其他（不属于规定用途）" not in text
    line = next(ln for ln in text.splitlines() if "不符合规定用途的支出" in ln)
    assert "1,200.00" in line and "正在整改" in line and "共 1 笔" in line
    # still in the totals: what is published adds up
    assert "| 支出合计 | 2,000.00 |" in text


def test_surplus_gets_a_sentence_on_its_use(tmp_path):
    book = write_book(tmp_path / "一小.xlsx", enrollment=[student("1")], payments=[payment("1", 300)],
                      expenses=[expense("人员劳务报酬", 100)])
    text = notices(tmp_path, book)["收支公示.md"]
    assert "结余 200.00 元，按规定结转下学期，继续用于课后服务，不挪作他用。" in text
    own = PROFILE.with_values(**{"fees.surplus_use": "用于购置课后服务器材"})
    assert "结余 200.00 元，用于购置课后服务器材。" in notices(tmp_path, book, own)["收支公示.md"]


def test_cap_broken_is_not_published_as_kept(told):
    text = told["收费公示.md"]
    assert "每生每学期收费合计不超过 600 元（不含耗材费）" in text  # the standard, stated
    cap = next(ln for ln in text.splitlines() if "不超过 600 元" in ln)
    assert "有 1 名学生的个性化课程收费合计超过上述标准（最高 700.00 元），超收部分应予退还" in cap
    assert cap.endswith("学校正在整改，整改结果另行公示。")
    assert "| 合唱 | 700.00（超过上限，整改中） |" in text  # a course standard over the cap


def test_materials_without_a_standard_say_what_is_charged(told):
    text = told["收费公示.md"]
    assert "未写明" not in text
    assert "| 机器人 | 350.00 | 每生 90.00—120.00 元（耗材清单待补充公示） |" in text


def test_the_other_promises_are_qualified_when_broken(told):
    text = told["收费公示.md"]
    assert "有 1 名学生的普惠托管被收取费用（合计 50.00 元）" in text
    assert "有 1 名学生被多次收费；有 1 笔缴费（合计 440.00 元）未缴入或无法确认缴入学校财务专户" in text
    assert "有 1 名家庭经济困难学生被收取费用" in text


def test_clean_records_add_no_correction(tmp_path):
    book = write_book(tmp_path / "一小.xlsx", enrollment=[student("1")], payments=[payment("1", 300)],
                      subsidy=[], expenses=[expense("人员劳务报酬", 300)])
    for text in notices(tmp_path, book).values():
        assert "整改" not in text and "经核查" not in text
    assert "收支相抵，无结余。" in notices(tmp_path, book)["收支公示.md"]


def test_documents_by_name_and_dates_in_chinese(told):
    for name, text in told.items():
        assert not re.search(r"篇\d|N\d", text), name  # internal labels stay in the findings workbook
        assert "2026年12月28日" in text and "2026-12-28" not in text, name
        assert "公示期：2026年12月28日至2027年1月4日（5个工作日）" in text, name  # 元旦 is not a working day
    assert "根据《合肥市中小学生课后服务实施意见》三(二)" in told["收费公示.md"]
    # two clauses of one document: the document is named once
    assert "《鹤壁市中小学生课后服务工作实施方案》二(四)、四(二)" in told["收支公示.md"]
    assert "（教基厅函〔2023〕26号）" in told["收费公示.md"]


def test_a_district_names_its_own_documents(tmp_path):
    own = PROFILE.with_values(**{"documents.篇2.title": "某区课后服务收费管理办法", "documents.篇2.number": "某教〔2026〕3号"})
    text = notices(tmp_path, problem_book(tmp_path), own)["收费公示.md"]
    assert "根据《某区课后服务收费管理办法》（某教〔2026〕3号）三(二)" in text


def test_problem_notices_are_drafts_and_match_golden(tmp_path):
    # The problem book has error findings: both notices are drafts, stamped in every format.
    result = fees.run([problem_book(tmp_path)], PROFILE, options=fees.Options(term="2026秋", date=DATE))
    fees.write(result, tmp_path / "out")
    for kind, golden in (("收费公示", "fees_charges_corrections"), ("收支公示", "fees_accounts_corrections")):
        texts = assert_notice_golden(tmp_path / "out", f"{kind}_一小_2026-2027-1", golden)
        assert all(DRAFT in t.replace("\\", "") for t in texts.values()), kind

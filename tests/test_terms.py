"""Terms however written, and money read exactly (the shared parse_money)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from asrv.io.terms import Term, parse_term
from asrv.io.cells import PARSERS, parse_money


@pytest.mark.parametrize("text", ["2026秋", "2026-2027-1", "2026-2027学年第一学期", "2026年秋季学期", "２０２６秋",
                                  "2026—2027学年上学期", " 2026 秋 "])
def test_autumn_spellings(text):
    assert parse_term(text) == Term(2026, 1)


@pytest.mark.parametrize("text", ["2026春", "2025-2026-2", "2025-2026学年第二学期", "2026年春季", "2025-2026学年下学期"])
def test_spring_spellings(text):
    t = parse_term(text)
    assert (t.code, t.label, t.title) == ("2025-2026-2", "2026春", "2025-2026学年第二学期")


@pytest.mark.parametrize("text", ["2026", "2026-2028-1", "2026-2027-3", "明年秋天", ""])
def test_not_a_term(text):
    with pytest.raises(ValueError):
        parse_term(text)


@pytest.mark.parametrize("raw, value", [
    ("¥1,000", "1000.00"), ("￥600", "600.00"), ("350.50元", "350.50"), ("1,200.00", "1200.00"), (600, "600.00"),
    (0.01, "0.01"), (0.1 + 0.2, "0.30"), ("-50", "-50.00"), ("(50.00)", "-50.00"), ("人民币100元", "100.00"),
    ("12.340", "12.34"), ("－５", "-5.00"),
])
def test_money_exact(raw, value):
    got = parse_money(raw)
    assert isinstance(got, Decimal) and got == Decimal(value) and str(got) == value


@pytest.mark.parametrize("raw", ["12.345", 0.001, "三百", "", True, float("nan"), "1e400"])
def test_money_refused(raw):
    with pytest.raises(ValueError):
        parse_money(raw)


def test_money_is_a_reader_kind():
    assert PARSERS["money"] is parse_money


REAL = Path("/work/shared/real_inputs/afterschool_cca_schedule__Harrow-Nanning_25-26_S2_CCA_List.xlsx")


@pytest.mark.skipif(not REAL.exists(), reason="shared real inputs not present")
def test_real_fee_column_through_the_reader():
    """A real school's CCA list: fees typed as ¥1,000 and ¥0, and a price-on-request text."""
    from asrv.findings import Finding
    from asrv.io import Field, SheetSpec, open_workbook, read_sheet
    spec = SheetSpec("cca", "Parent's 25-26 S2 CCA List", (
        Field("activity", "CCA Name"), Field("fee", "费用", kind="money", minimum=0)))
    problems: list[Finding] = []
    table = read_sheet(open_workbook(REAL), spec, problems)
    fees = [v for v in table.df["fee"] if v is not None]
    assert {str(v) for v in fees} == {"0.00", "500.00", "1000.00"}
    assert all(isinstance(v, Decimal) for v in fees)
    assert len(problems) == 36 and all(p.rule == "CELL-NUMBER" and p.cell.startswith("H") for p in problems)
    assert "定制课包" in problems[0].message

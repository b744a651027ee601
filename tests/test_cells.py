"""Cell parsers: what people type, turned into values or a Chinese reason."""
from __future__ import annotations

import datetime as dt
import math

import pytest

from asrv.io.cells import clean_text, is_blank, parse_date, parse_int, parse_number, parse_rate


@pytest.mark.parametrize("raw,want", [
    (18, 18.0), (18.5, 18.5), ("18", 18.0), (" 18.5 ", 18.5), ("１８", 18.0), ("1,200", 1200.0),
    ("18分", 18.0), ("45人", 45.0), ("3次", 3.0), ("-2", -2.0),
])
def test_parse_number(raw, want):
    assert parse_number(raw) == want


@pytest.mark.parametrize("raw", ["十八", "", "18 分 多", True, "nan", "inf", "1.2.3"])
def test_parse_number_refuses(raw):
    with pytest.raises(ValueError, match="应为数字"):
        parse_number(raw)


def test_parse_int():
    assert parse_int("45") == 45 and parse_int(45.0) == 45
    with pytest.raises(ValueError, match="整数"):
        parse_int("45.5")


@pytest.mark.parametrize("raw", ["85%", "８５％", " 85 % ", 0.85, "0.85", 85, "85", 85.0])
def test_parse_rate_three_forms(raw):
    assert parse_rate(raw) == pytest.approx(0.85)


def test_parse_rate_edges():
    assert parse_rate(1) == 1.0 and parse_rate("100%") == 1.0 and parse_rate(100) == 1.0
    assert parse_rate(0) == 0.0 and parse_rate("0%") == 0.0
    assert parse_rate("120%") == pytest.approx(1.2)  # the range check is the reader's, per field
    for bad in ("高", "%", "八成"):
        with pytest.raises(ValueError, match="85%"):
            parse_rate(bad)


@pytest.mark.parametrize("raw", [
    dt.date(2026, 3, 5), dt.datetime(2026, 3, 5, 14, 30), "2026-03-05", "2026/3/5", "2026.3.5",
    "2026年3月5日", "2026年3月5", "20260305", " 2026-3-5 ", "２０２６－０３－０５", "2026-03-05 00:00:00",
    (dt.date(2026, 3, 5) - dt.date(1899, 12, 30)).days, 46086.0,
])
def test_parse_date_forms(raw):
    assert parse_date(raw) == dt.date(2026, 3, 5)


@pytest.mark.parametrize("raw", ["2026-02-30", "三月五日", "5/3/2026", "2026-03", 0, -5, True])
def test_parse_date_refuses(raw):
    with pytest.raises(ValueError, match="日期"):
        parse_date(raw)


def test_clean_text_and_blank():
    assert clean_text(3.0) == "3" and clean_text(3.5) == "3.5"
    # Full-width forms fold, except Chinese sentence punctuation, which is shown again in notices.
    assert clean_text(" 三（２）班 ") == "三(2)班"
    assert clean_text("课间追逐，一名学生骨折：已处理！\u3000") == "课间追逐，一名学生骨折：已处理！"
    assert clean_text("ＡＢＣ１２３") == "ABC123"
    assert clean_text(dt.date(2026, 3, 5)) == "2026-03-05"
    assert clean_text(dt.datetime(2026, 3, 5, 17, 30)) == "2026-03-05 17:30:00"
    assert all(is_blank(v) for v in (None, "", "  ", float("nan")))
    assert not any(is_blank(v) for v in (0, "0", "-", math.inf))
    import numpy as np

    class Text(str):
        pass
    # a skipped survey answer, numpy's NaN and text of a str subclass are asked the same way
    assert all(is_blank(v) for v in ("(跳过)", " （空） ", np.float64("nan"), Text("  "), Text("（跳过）")))
    assert not any(is_blank(v) for v in (np.float64(0), Text("甲"), "跳过"))

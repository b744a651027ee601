"""Turning what people type into values: numbers as text, rates, dates, yes/no, closed lists.

Each parser maps one raw cell to a value or raises ValueError with the Chinese reason;
the reader applies it once per distinct raw value, so a 150,000-row sheet costs little.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = [
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]


# Online survey tools write these for a question the respondent skipped or never saw.
_SKIPPED = {"(跳过)", "（跳过）", "(空)", "（空）"}


def is_blank(v: object) -> bool:
    t = type(v)
    if t is str:  # the usual cell first: asked once per distinct value of every column read
        s = v.strip()
        return not s or s in _SKIPPED
    if v is None:
        return True
    if t is float or isinstance(v, float):
        return math.isnan(v)
    return isinstance(v, str) and (v.strip() == "" or v.strip() in _SKIPPED)


# Chinese sentence punctuation survives NFKC folding: the text is shown again in Chinese notices.
# Everything else folds (（２） → (2), ＡＢＣ → ABC), so 三（２）班 and 三(2)班 stay one class.
_KEEP = re.compile(r"([，：；！？])")


def clean_text(v: object) -> str:
    """Text as shown in Excel: 3.0 typed as a number is `3`, stray spaces dropped.

    Full-width forms fold except Chinese sentence punctuation, which readers of notices expect.
    """
    if type(v) is str:  # the usual cell: called once per distinct text of every text column read
        s = v
    elif isinstance(v, float) and v.is_integer():
        return str(int(v))
    elif isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10] if not isinstance(v, dt.datetime) or not (v.hour or v.minute) else v.isoformat(" ")
    else:
        s = str(v)
    if _KEEP.search(s) is None:  # most texts: nothing to keep apart from the folding
        return unicodedata.normalize("NFKC", s).strip()
    parts = _KEEP.split(s)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts)).strip()


def parse_number(v: object) -> float:
    if isinstance(v, bool):
        raise ValueError("应为数字")
    if isinstance(v, (int, float)):
        return float(v)
    s = unicodedata.normalize("NFKC", str(v)).strip().replace(",", "")
    s = re.sub(r"(分|人|次|元)$", "", s)
    try:
        x = float(s)
    except ValueError:
        raise ValueError("应为数字") from None
    if math.isnan(x) or math.isinf(x):
        raise ValueError("应为数字")
    return x


def parse_int(v: object) -> float:
    x = parse_number(v)
    if not float(x).is_integer():
        raise ValueError("应为整数")
    return x


def parse_rate(v: object) -> float:
    """`85%`, `0.85` and `85` are one rate. A bare number above 1 is read as a percentage."""
    if isinstance(v, str) and unicodedata.normalize("NFKC", v).strip().endswith("%"):
        s = unicodedata.normalize("NFKC", v).strip()[:-1]
        try:
            return parse_number(s) / 100
        except ValueError:
            raise ValueError("应为比例，如 85%、0.85 或 85") from None
    try:
        x = parse_number(v)
    except ValueError:
        raise ValueError("应为比例，如 85%、0.85 或 85") from None
    return x / 100 if x > 1 else x


# Dates a school's records can hold; outside them a date is a typing slip (2263 for 2026), and
# pandas cannot even hold years past 2262.
DATE_YEARS = (1900, 2100)


def parse_date(v: object) -> dt.date:
    day = _date(v)
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
        raise ValueError(f"应为 {DATE_YEARS[0]} 至 {DATE_YEARS[1]} 年间的日期")
    return day


def _date(v: object) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        # An Excel serial day number, when the cell was not formatted as a date.
        if 1 <= v < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(v))
        raise ValueError("应为日期")
    s = unicodedata.normalize("NFKC", str(v)).strip()
    for pat in _DATE_PATTERNS:
        m = pat.fullmatch(s) or (pat.match(s) if " " in s else None)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise ValueError("应为日期，如 2026-03-05、2026/3/5 或 2026年3月5日")


CENT = Decimal("0.01")
_MONEY = re.compile(r"[+-]?\d+(\.\d+)?")
_CURRENCY = re.compile(r"¥|元整|元|人民币|rmb|cny", re.IGNORECASE)


def parse_money(v: object) -> Decimal:
    """`¥1,000`, `1000元`, `1,000.50`, `-50`, `(50.00)` -> Decimal yuan to the cent (分).

    Never through a binary float: an Excel number is taken by its shortest repr, so the
    formula noise of 0.1+0.2 rounds to 0.30, while a real fraction of a cent is refused.
    """
    if isinstance(v, bool):
        raise ValueError("应为金额")
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise ValueError("应为金额")
        d = Decimal(repr(v))
        tolerance = Decimal("0.000001")
    elif isinstance(v, int):
        d, tolerance = Decimal(v), Decimal(0)
    else:
        s = unicodedata.normalize("NFKC", str(v)).strip().replace(",", "").replace(" ", "")
        s = _CURRENCY.sub("", s.replace("\u2212", "-"))
        negative = s.startswith("(") and s.endswith(")")  # accounting style (50.00)
        s = s[1:-1] if negative else s
        if not _MONEY.fullmatch(s):
            raise ValueError("应为金额，如 600、¥1,000 或 350.50元")
        d, tolerance = (-Decimal(s) if negative else Decimal(s)), Decimal(0)
    if abs(d) >= Decimal("1e12"):
        raise ValueError("金额过大")
    try:
        q = d.quantize(CENT, ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError("应为金额") from None
    if abs(d - q) > tolerance:
        raise ValueError("金额应精确到分（最多两位小数）")
    return q


PARSERS = {"number": parse_number, "int": parse_int, "rate": parse_rate, "date": parse_date,
           "money": parse_money}


from . import clock, grades  # noqa: E402,F401  (register the clock and grade kinds in PARSERS)

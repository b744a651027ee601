"""School terms, however a clerk writes them: 2026秋 = 2026-2027-1 = 2026-2027学年第一学期."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_AUTUMN = ("秋", "秋季", "秋季学期", "上", "上学期", "第一学期", "1", "一")
_SPRING = ("春", "春季", "春季学期", "下", "下学期", "第二学期", "2", "二")
# 2026秋 / 2026年秋季学期 / 2026 秋
_SEASON = re.compile(r"(\d{4})年?(秋季学期|春季学期|秋季|春季|秋|春)")
# 2026-2027-1 / 2026-2027学年第一学期 / 2026—2027学年度下学期 / 2026~2027(1)
_YEARS = re.compile(r"(\d{4})[-~/至到]?(\d{4})(?:学年度|学年)?[-~/(]?(第一学期|第二学期|上学期|下学期|[12一二])\)?(?:学期)?")


@dataclass(frozen=True, order=True)
class Term:
    """One term of one school year. Autumn (1) opens the year `start`; spring (2) closes it."""

    start: int
    half: int  # 1 autumn, 2 spring

    @property
    def code(self) -> str:
        """The canonical spelling, used in file names and JSON: `2026-2027-1`."""
        return f"{self.start}-{self.start + 1}-{self.half}"

    @property
    def label(self) -> str:
        """How people say it: `2026秋`, `2027春`."""
        return f"{self.start}秋" if self.half == 1 else f"{self.start + 1}春"

    @property
    def title(self) -> str:
        """As written in notices: `2026-2027学年第一学期`."""
        return f"{self.start}-{self.start + 1}学年第{'一' if self.half == 1 else '二'}学期"

    def __str__(self) -> str:
        return self.code


def parse_term(value: object) -> Term:
    """Read a term; ValueError with the Chinese reason when it is not one."""
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    s = s.replace("—", "-").replace("–", "-")
    m = _SEASON.fullmatch(s)
    if m:
        year, season = int(m.group(1)), m.group(2)
        return Term(year, 1) if season.startswith("秋") else Term(year - 1, 2)
    m = _YEARS.fullmatch(s)
    if m:
        first, second, half = int(m.group(1)), int(m.group(2)), m.group(3)
        if second != first + 1:
            raise ValueError(f"学年应为相邻两年，如 {first}-{first + 1}")
        return Term(first, 1 if half in _AUTUMN else 2)
    raise ValueError("应为学期，如 2026秋、2026-2027-1 或 2026-2027学年第一学期")


_SCHOOL_YEAR = re.compile(r"(\d{4})\s*[-—~至/]\s*(\d{4})\s*(?:学年度?)?")


def parse_school_year(value: object) -> int:
    """`2025-2026`, `2025—2026学年` → 2025, the calendar year the school year opens in."""
    s = unicodedata.normalize("NFKC", str(value)).strip()
    m = _SCHOOL_YEAR.fullmatch(s)
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise ValueError("学年应写作 2025-2026")
    return int(m.group(1))

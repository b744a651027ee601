"""Money in whole 分 (int), shown as yuan with two decimals: exact, and fast in pandas."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def cents(value: Decimal | int | float | str | None) -> int:
    """Yuan (already exact, from parse_money or the profile) to 分. None is 0."""
    if value is None:
        return 0
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    q = d.scaleb(2)
    if q != q.to_integral_value():
        raise ValueError(f"金额 {value} 不是整分")
    return int(q)


def yuan(c: int) -> Decimal:
    """分 to Decimal yuan with two places: what the workbook cells hold."""
    return Decimal(int(c)).scaleb(-2).quantize(Decimal("0.01"))


def fmt(c: int) -> str:
    """`60000` -> `600.00`, the form JSON and messages use."""
    return f"{yuan(c):.2f}"


def fmt_thousands(c: int) -> str:
    """`1234500` -> `12,345.00`, for notices."""
    return f"{yuan(c):,.2f}"


@dataclass(frozen=True)
class Amount:
    """The amount a finding is about and the limit it broke, both in yuan."""

    amount: str
    limit: str = ""

    def __str__(self) -> str:
        return self.amount if not self.limit else f"{self.amount}（限额 {self.limit}）"

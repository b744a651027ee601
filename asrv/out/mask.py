"""Masking personal data in public notices: 张*明, 110105********1234."""
from __future__ import annotations

import re

_ID = re.compile(r"(?<![0-9A-Za-z])([A-Za-z]?)(\d{6})(\d{7,10})(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_name(name: object) -> str:
    """Keep the first and last character: 张小明 → 张*明, 张三 → 张*, 欧阳小明 → 欧**明."""
    s = "" if name is None else str(name).strip()
    if len(s) <= 1:
        return s
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]


def mask_id(text: object) -> str:
    """Mask ID card and 学籍号 numbers anywhere in a text, keeping region and last four."""
    s = "" if text is None else str(text)
    return _ID.sub(lambda m: m.group(1) + m.group(2) + "*" * len(m.group(3)) + m.group(4), s)


class Shown(str):
    """A student's name already made safe to show in an internal report (masked and told apart): the
    templates' `person` filter leaves it as it is."""


def distinct_names(names: list[str], ids: list[str], rows: list[int], mask: bool) -> list[Shown]:
    """Names as an internal report shows them, never two alike: masked, `吴*（…23）` with as many last
    digits of the 学号/学籍号 as tell them apart (`（第12行）` without one); full names without masking,
    the digits added only where two are the same."""
    bases = [mask_name(n) or "（无姓名）" for n in names] if mask else [n or "（无姓名）" for n in names]
    clash = {b for b in bases if bases.count(b) > 1}
    for digits in (2, 3, 4, 6, 8):
        shown = [b if not mask and b not in clash else
                 f"{b}（…{i[-digits:]}）" if i else f"{b}（第{r}行）" for b, i, r in zip(bases, ids, rows)]
        if len(set(shown)) == len(shown):
            return [Shown(s) for s in shown]
    return [Shown(f"{b}（{k}号）") for k, b in enumerate(bases, 1)]  # identical numbers too: their order

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

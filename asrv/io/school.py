"""Which school a workbook belongs to, and how we know: a 学校 column, else a title row or a 学校 cell
of the workbook, else the file name (or its folder, where only that names a school). `--school` overrides all for a single file."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .cells import clean_text, is_blank

# The name of a school at the start of a title: 示例市实验小学2025-2026学年… → 示例市实验小学.
_NAME = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()A-Za-z0-9·]{2,40}?"
                   r"(?:九年一贯制学校|十二年一贯制学校|实验学校|中心学校|中心小学|完全小学|附属小学|附属中学|"
                   r"小学|中学|初中|高中|学校|完小|分校|校区))")
_SCHOOL_LABEL = re.compile(r"^(?:学校|学校名称|校名|单位|单位名称|填报单位)[:：]?$")
_INLINE = re.compile(r"^(?:学校|学校名称|校名|填报单位|单位)[:：]\s*(?P<name>.+)$")

COLUMN, TITLE, CELL, FILENAME, FOLDER, GIVEN = "学校列", "标题行", "学校单元格", "文件名", "文件夹名", "--school"


def school_from_title(text: str) -> str | None:
    s = clean_text(text)
    m = _INLINE.match(s)
    if m:
        return m.group("name").strip()
    m = _NAME.match(s.replace(" ", ""))
    return m.group("name") if m else None


def school_from_cells(rows: list[list]) -> str | None:
    """A `学校：某某小学` cell, or a `学校` cell with the name beside it, in the first rows."""
    for row in rows[:10]:
        for i, v in enumerate(row):
            if is_blank(v) or not isinstance(v, str):
                continue
            s = clean_text(v)
            m = _INLINE.match(s)
            if m:
                return m.group("name").strip()
            if _SCHOOL_LABEL.match(s) and i + 1 < len(row) and not is_blank(row[i + 1]):
                return clean_text(row[i + 1])
    return None


def school_of(path: Path, column_values: Iterable = (), titles: Iterable[str] = (),
              rows: list[list] | None = None, given: str | None = None) -> tuple[str, str]:
    """(school, how it was found) for a file; the first source that names exactly one school wins."""
    if given:
        return given, GIVEN
    named = list(dict.fromkeys(clean_text(v) for v in column_values if not is_blank(v)))
    if len(named) == 1:
        return named[0], COLUMN
    for text in titles:
        found = school_from_title(text)
        if found:
            return found, TITLE
    if rows:
        found = school_from_cells(rows)
        if found:
            return found, CELL
    return from_path(Path(path))


def from_path(path: Path) -> tuple[str, str]:
    """The file name, unless it names no school and its folder does: a district's folder of
    `东关小学/问卷数据.xlsx`, `城北小学/问卷数据.xlsx` is two schools, not one called 问卷数据."""
    if school_from_title(path.stem) is None and school_from_title(path.parent.name):
        return path.parent.name, FOLDER
    return path.stem, FILENAME

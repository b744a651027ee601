"""Finding a sheet's header: the row (or two rows) under any title rows whose cells name the
declared fields, allowing aliases, survey-tool question numbers, bracketed notes and merged
cells; and the format-hint row (`x.x`) a template puts under it."""
from __future__ import annotations

import re
import unicodedata

from .cells import clean_text, is_blank
from .schema import Field, SheetSpec, norm

HEADER_SEARCH_ROWS = 20
_PAREN_TAIL = re.compile(r"\([^()]*\)$")
# A format-hint row under the header: `x`, `x.x`, `x'x"` show how to type each column.
_HINT_CELL = re.compile(r"[xX]+(?:[.'′:][xX]+)*[\"″']*")
# Survey tools number their questions: `3、学生班级`, `Q3. 班级`, `第3题 班级`, `3) 班级` (after norm).
_NUMBERING = re.compile(r"^(?:q\d{1,3}[、.:)]?|第\d{1,3}题[、.:]?|\d{1,3}[、.:)])(?=\D)")


def is_hint(v: object) -> bool:
    return isinstance(v, str) and _HINT_CELL.fullmatch(unicodedata.normalize("NFKC", v).strip()) is not None


def fill_merged(rows: list[list], merged: list) -> list[list]:
    if not merged:
        return rows
    rows = [list(r) for r in rows]
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1 + 1, len(rows))):
            for c in range(c0, min(c1 + 1, len(rows[r]))):
                rows[r][c] = value
    return rows


def candidates(text: object):
    if not isinstance(text, str):
        text = clean_text(text)
    n = norm(text)
    if not n:
        return
    yield n
    yield _PAREN_TAIL.sub("", n)
    bare = _NUMBERING.sub("", n)
    if bare != n:
        yield bare
        yield _PAREN_TAIL.sub("", bare)
    for token in unicodedata.normalize("NFKC", text).split():
        yield norm(token)


# The candidates of each cell text seen: a district's files repeat their headers, and the first
# rows of data are tried as headers too, in every file.
_SEEN: dict = {}


def _candidates(text: object) -> tuple[str, ...]:
    try:
        key = (type(text), text)
        hit = _SEEN.get(key)
    except TypeError:  # an unhashable cell, which no reader gives
        return tuple(candidates(text))
    if hit is None:
        if len(_SEEN) > 100_000:  # a long process reading many districts
            _SEEN.clear()
        hit = _SEEN[key] = tuple(candidates(text))
    return hit


def match_row(row: list, lookup: dict[str, Field], taken: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for c, text in enumerate(row):
        if is_blank(text):
            continue
        for cand in _candidates(text):
            f = lookup.get(cand)
            if f is not None and f.name not in found and f.name not in taken:
                found[f.name] = c
                break
    return found


def find_header(rows: list[list], spec: SheetSpec) -> tuple[int, dict[str, int], dict[str, str], int] | None:
    """The row (below any title rows) matching most fields; a second header row may add more."""
    lookup = spec.by_spelling
    best, best_row = {}, -1
    for r in range(min(len(rows), HEADER_SEARCH_ROWS)):
        found = match_row(rows[r], lookup, set())
        if len(found) > len(best):
            best, best_row = found, r
    if not best:
        return None
    first_data = best_row + 2  # 1-based Excel row of the first data row
    alternates: dict[str, str] = {}
    if best_row + 1 < len(rows):
        more = match_row(rows[best_row + 1], lookup, set(best))
        used = set(best.values())
        stacked = {k: c for k, c in more.items() if c in used}
        more = {k: c for k, c in more.items() if c not in used}
        # A two-row header merged vertically repeats its headers in the second row once the
        # merged cells are filled; that row is header too, not a row of data.
        again = match_row(rows[best_row + 1], lookup, set())
        echo = sum(1 for k, c in again.items() if best.get(k) == c)
        if more or 2 * echo >= len(best):
            best = {**best, **more}
            first_data += 1
            alternates = {top: k for k, c in stacked.items() for top, c0 in best.items() if c0 == c}
    return first_data, best, alternates, best_row

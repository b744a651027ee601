"""Template example rows: `asrv template` marks its one example row of each sheet （示例）; when a
school leaves it in, reading skips it with a READ-EXAMPLE warning instead of scoring it as data.

Every command reads its sheets through `read_filled` (asrv.io stays a plain reader), and the
warnings reach the run through `collecting()`, which `asrv.result.read_each` opens around each
file: a command's `problems` lists stay error-only, as their loaders expect."""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from .findings import WARNING, Finding

MARK = "（示例）"
# Also as a clerk retypes it: half-width brackets, spaces inside.
_MARKED = re.compile(r"[（(]\s*示例\s*[）)]")
_noted: ContextVar[list[Finding] | None] = ContextVar("asrv_example_rows", default=None)


def marked(value: object) -> str:
    return f"{value}{MARK}"


def is_marked(value: object) -> bool:
    return isinstance(value, str) and _MARKED.search(value) is not None


@contextmanager
def collecting() -> Iterator[list[Finding]]:
    """The READ-EXAMPLE warnings of the sheets read inside this block."""
    noted: list[Finding] = []
    token = _noted.set(noted)
    try:
        yield noted
    finally:
        _noted.reset(token)


def drop_examples(table):
    """The table without its marked rows (each one said, at its first marked cell)."""
    if table is None or table.df.empty:
        return table
    df, first = table.df, {}
    if not any(map(_marked_text, (df[c].to_numpy(dtype=object) for c in df.columns))):
        return table  # the usual case, told by a plain substring test before any pattern is tried
    for c in df.columns:  # column by column in C: a batch's tables have 150,000 rows
        try:
            marked = df[c].str.contains(_MARKED, na=False)
        except (AttributeError, TypeError):  # no text in this column
            continue
        for r in df.index[marked.to_numpy(dtype=bool)]:
            first.setdefault(r, c)
    if not first:
        return table
    rows = list(df.index[df.index.isin(list(first))])
    noted = _noted.get()
    if noted is not None:
        for r in rows:
            noted.append(Finding("READ-EXAMPLE", WARNING,
                                 f"第 {r} 行标有「{MARK}」，是模板的示例行，未计入；如确为实际数据，请删去「{MARK}」",
                                 value=str(df.at[r, first[r]]), **table.where(first[r], r)))
    table.df = df.drop(index=rows)
    return table


def _marked_text(cells) -> bool:
    """Whether a column holds 示例 in a text: each distinct value looked at once."""
    import pandas as pd  # the table's frame has brought it in already
    try:
        cells = pd.unique(cells)
    except TypeError:  # an unhashable value, which no reader gives: every cell looked at
        pass
    return any(isinstance(v, str) and "示例" in v for v in cells)


def read_filled(book, spec, problems: list[Finding], sheet: str | None = None):
    """`asrv.io.read_sheet` without the template's example rows."""
    from .io import read_sheet
    return drop_examples(read_sheet(book, spec, problems, sheet=sheet))


def read_filled_sheets(book, specs, problems: list[Finding]) -> dict:
    from .io import read_sheets
    return read_sheets(book, specs, problems, read=read_filled)

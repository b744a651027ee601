"""Output sheets read back as tables: the title row and the notes above the header (one merged
cell each) left out, so tests do not count rows."""
from __future__ import annotations


def header_row(ws) -> int:
    """1-based row of the header: the first row with more than one filled cell."""
    for i, r in enumerate(ws.iter_rows(values_only=True), 1):
        if sum(v is not None for v in r) > 1:
            return i
    return 1


def table(ws) -> list[tuple]:
    """The rows from the header on, as values."""
    return list(ws.iter_rows(min_row=header_row(ws), values_only=True))


def records(ws) -> list[dict]:
    head, *rows = table(ws)
    return [dict(zip(head, r)) for r in rows]

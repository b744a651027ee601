"""Rows of a big sheet kept as its columns, for a sheet that is built column by column."""
from __future__ import annotations

from collections.abc import Sequence


class ColumnRows(Sequence):
    """A sheet's rows held as its columns (equal lengths): a district's sheet is built column by
    column and streamed column by column, and zipping 150,000 rows of 30 cells into lists and back
    cost more than a second. Indexing gives a row as a list, slicing a ColumnRows."""

    def __init__(self, columns: list[list]):
        self.columns = columns

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __getitem__(self, i):
        if isinstance(i, slice):
            return ColumnRows([c[i] for c in self.columns])
        return [c[i] for c in self.columns]

    def width(self) -> int:
        return len(self.columns)

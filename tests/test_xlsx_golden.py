"""Content unchanged: the XlsxWriter writer gives, for the sheets every command handed it on the sample
data, the cell values the openpyxl writer gave (recorded in tests/golden/xlsx_demo.json)."""
from __future__ import annotations

import json

import pytest

from asrv.out import write_workbook

from xlsx_golden import GOLDEN, sheet_from_json, values_of

BOOKS = json.loads(GOLDEN.read_text("utf-8"))


@pytest.mark.parametrize("key", sorted(BOOKS))
def test_same_sheets_give_the_same_cell_values(tmp_path, key):
    book = BOOKS[key]
    path = tmp_path / "x.xlsx"
    write_workbook(path, [sheet_from_json(d) for d in book["sheets"]])
    got = values_of(path)
    assert list(got) == [d["title"] for d in book["sheets"]]
    for title, rows in got.items():
        assert rows == book["values"][title], f"{key} {title}"

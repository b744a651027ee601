"""Content unchanged: the writer gives the cell values the openpyxl writer gave (tests/xlsx_golden.py)."""
from __future__ import annotations

import json

import pytest

from asrv.out import write_workbook

from xlsx_golden import GOLDEN, run_demo, sheet_from_json, values_of

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


def test_demo_outputs_keep_their_cell_values(tmp_path):
    books = run_demo(tmp_path)
    assert sorted(books) == sorted(BOOKS)
    for key, path in books.items():
        got = values_of(path)
        assert list(got) == list(BOOKS[key]["values"]), key  # sheets and their order, 图表 included
        for title, rows in got.items():
            assert rows == BOOKS[key]["values"][title], f"{key} {title}"

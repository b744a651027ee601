"""The streamed rows (asrv.out.xlsx_stream) are XlsxWriter's own bytes: every sheet the demo hands
the writer (tests/golden/xlsx_demo.json), and a sheet of awkward cells, written streamed with and
without the fast path, give byte-identical workbooks."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
import json

import pytest

import asrv.out.xlsx as xlsx
from asrv.out import SheetOut, write_workbook

from xlsx_golden import GOLDEN, sheet_from_json

BOOKS = json.loads(GOLDEN.read_text("utf-8"))
AWKWARD = SheetOut("难", ["文字", "数", "日期", "时间"], [
    [" 前有空格", 1.5, dt.date(2026, 9, 1), dt.time(16, 10)],
    ["a&b<c>\"d\"\n", 10 ** 17, dt.datetime(2026, 9, 1, 7, 30), dt.timedelta(minutes=95)],
    ["<r>看似富文本</r>", -0.000123456789012345678, None, ""],
    ["控制\x01字符_x0041_", float("nan"), "=SUM(A1)", "+1"],
    ["长" * 20000, True, "😀" * 17000, 3],
    ["", None, None, None],
    ["末行", 2, dt.date(2027, 1, 11), "尾"],
], number_formats={"数": "0.00"}, marks={1: "error", 5: "warning"}, validations={"文字": ["甲", "乙"]},
    notes=["说明一行"], heading=["标题"])


def _both(tmp_path, monkeypatch, sheets):
    monkeypatch.setattr(xlsx, "STREAM_CELLS", 0)  # every workbook streamed
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    write_workbook(fast, sheets)
    monkeypatch.setattr(xlsx, "can_stream", lambda *a: False)
    write_workbook(slow, sheets)
    return fast.read_bytes(), slow.read_bytes()


@pytest.mark.parametrize("key", sorted(BOOKS))
def test_streamed_rows_are_xlsxwriters_bytes(tmp_path, monkeypatch, key):
    fast, slow = _both(tmp_path, monkeypatch, [sheet_from_json(d) for d in BOOKS[key]["sheets"]])
    assert fast == slow, key


def test_awkward_cells_are_xlsxwriters_bytes(tmp_path, monkeypatch):
    used = []
    real = xlsx.ColumnStream.write
    monkeypatch.setattr(xlsx.ColumnStream, "write", lambda self, rows, *a: (used.extend(rows), real(self, rows, *a))[1])
    fast, slow = _both(tmp_path, monkeypatch, [AWKWARD, AWKWARD])
    assert fast == slow
    assert len(used) == 2 * (len(AWKWARD.rows) - 1)  # the fast path did write the rows


def test_blocks_are_xlsxwriters_bytes(tmp_path, monkeypatch):
    """Rows of several blocks, with marks and formula-like text first met in a later block, -0
    beside 0 (one key of a memo) and money as Decimal."""
    import asrv.out.xlsx_stream as stream
    monkeypatch.setattr(stream, "BLOCK", 3)
    monkeypatch.setattr(stream, "MEMO", 2)
    money = [Decimal("12.50"), Decimal("12.5"), Decimal("-0.00"), Decimal("Infinity"), None, 3]
    rows = [[f"第{i % 4}", -0.0 if i in (2, 8) else i * 0.5, money[i % len(money)], "=x" if i == 7 else "乙", dt.date(2026, 9, 1 + i) if i > 4 else None]
            for i in range(12)]
    sheet = SheetOut("块", ["甲", "数", "金额", "文字", "日期"], rows, marks={5: "error", 9: "good", 10: "error"})
    fast, slow = _both(tmp_path, monkeypatch, [sheet])
    assert fast == slow


def test_rows_given_as_columns_are_the_same_bytes(tmp_path, monkeypatch):
    """A sheet built column by column (ColumnRows) is written as the same sheet given row by row,
    also over several blocks of the stream."""
    import dataclasses

    import asrv.out.xlsx_stream as stream
    from asrv.out import ColumnRows
    monkeypatch.setattr(xlsx, "STREAM_CELLS", 0)
    monkeypatch.setattr(stream, "BLOCK", 2)
    columns = [list(c) for c in zip(*AWKWARD.rows)]
    as_columns = dataclasses.replace(AWKWARD, rows=ColumnRows(columns))
    assert len(as_columns.rows) == len(AWKWARD.rows) and as_columns.rows[1] == AWKWARD.rows[1]
    write_workbook(tmp_path / "rows.xlsx", [AWKWARD])
    write_workbook(tmp_path / "columns.xlsx", [as_columns])
    assert (tmp_path / "rows.xlsx").read_bytes() == (tmp_path / "columns.xlsx").read_bytes()


def test_streamed_rows_copied_as_bytes_are_xlsxwriters_copy(tmp_path, monkeypatch):
    """The row file is copied into the sheet as bytes (xlsx._copy_rows); XlsxWriter's own copy,
    text read back and written again, gives the same workbook."""
    monkeypatch.setattr(xlsx, "STREAM_CELLS", 0)
    copied = []
    real = xlsx._copy_rows
    monkeypatch.setattr(xlsx, "_copy_rows", lambda ws: (copied.append(ws.name), real(ws))[1])
    write_workbook(tmp_path / "bytes.xlsx", [AWKWARD, AWKWARD])
    assert len(copied) == 2
    monkeypatch.setattr(xlsx, "_copy_rows", lambda ws: type(ws)._write_optimized_sheet_data(ws))
    write_workbook(tmp_path / "text.xlsx", [AWKWARD, AWKWARD])
    assert (tmp_path / "bytes.xlsx").read_bytes() == (tmp_path / "text.xlsx").read_bytes()


def test_a_plain_text_is_written_as_the_full_escaping_writes_it(monkeypatch):
    """The shortcut for texts with nothing to escape or mend gives what every step would give."""
    import asrv.out.xlsx_stream as stream
    from asrv.out.xlsx_format import safe_text
    texts = ["张三", "三(2)班", "a b", " 前", "后 ", "后\u3000", "\xa0前", "a\n", "a\r\nb", "_x0041_", "_x", "a&b",
             "<r>x</r>", "x>y", "\x7f", "\x01", "x\ud800", "\ufffe", "=1", "＋1", "长" * 16384, "😀" * 9000, "", "普通 文字 123"]
    fast = [stream._text_xml(safe_text(t)) for t in texts]
    memo_fast = [stream._Memo().text(t) for t in texts]
    monkeypatch.setattr(stream, "_plain", lambda s: False)
    assert fast == [stream._text_xml(safe_text(t)) for t in texts]
    assert memo_fast == [stream._Memo().text(t) for t in texts]

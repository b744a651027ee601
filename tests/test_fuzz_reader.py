"""The reader under random contents (issue 15): every kind of field, every kind of value, never an
exception; each cell is either parsed to its kind's type, blank, or a finding at that very cell."""
from __future__ import annotations

import datetime as dt
import math
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, strategies as st

from asrv.io import Field, SheetSpec, open_workbook, read_sheet
from asrv.io.cells import is_blank
from fuzz_helpers import A1, build, mutations

TIME = dt.time
KINDS = {  # kind -> the types a parsed value may have
    "text": (str,), "number": (float,), "int": (float,), "rate": (float,), "date": (dt.date,),
    "money": (Decimal,), "bool": (str,), "choice": (str,), "time": (TIME,), "time_range": (tuple,),
    "time_or_range": (TIME, tuple), "weekday": (int,), "weekdays": (tuple,), "minsec": (float,),
    "timestamp": (dt.datetime, TIME), "grade": (int, str),
}
FIELDS = tuple(Field(k, f"列{i}", kind=k, required=False, choices={"甲": "甲", "乙": "乙"} if k == "choice" else None)
               for i, k in enumerate(KINDS))
SPEC = SheetSpec("fuzz", "表", (Field("key", "编号"), *FIELDS))
HEADER = ["编号", *(f.header for f in FIELDS)]
BASE = (("表", (tuple(HEADER), *((f"K{r}", "文字", 1.5, 3, "85%", dt.date(2026, 3, 5), "1,000.50", "是", "甲",
                                 "16:30", "16:30-17:30", "17:00", "周一", "周一、周三", "3'20\"",
                                 "2026-03-05 17:20", "三年级") for r in range(6)))),)


@given(changes=mutations(12))
def test_every_cell_is_parsed_blank_or_a_finding_at_its_cell(changes):
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "r.xlsx", BASE, changes)
        problems: list = []
        table = read_sheet(open_workbook(path), SPEC, problems)
    for f in problems:
        assert f.file == "r.xlsx" and f.sheet == "表" and A1.match(f.cell), f
        assert "内部错误" not in f.message
    if table is None:  # the header was broken: said at a cell
        assert any(f.rule.startswith("READ-") for f in problems)
        return
    said = {f.cell for f in problems}
    for name, letter in table.letters.items():
        if name == "key":
            continue
        for row, value in table.df[name].items():
            cell = f"{letter}{row}"
            if value is None:
                continue
            assert isinstance(value, KINDS[name]), (cell, value)
            if isinstance(value, float):
                assert math.isfinite(value), (cell, value)
            if isinstance(value, dt.date):
                assert 1900 <= value.year <= 2100, (cell, value)
            assert cell not in said or any(f.cell == cell and f.severity == "warning" for f in problems), cell


def test_the_fuzz_base_reads_clean():
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "r.xlsx", BASE, [])
        problems: list = []
        table = read_sheet(open_workbook(path), SPEC, problems)
    assert problems == [] and len(table) == 6
    assert not any(is_blank(v) for v in table.df.iloc[0])


@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=len(HEADER)), max_size=8),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_a_csv_of_any_text_reads_or_says_why(rows, encoding):
    """A CSV holds any character (NUL, ESC, lone quotes) and any encoding a clerk's tool picks."""
    import csv
    import io
    from asrv.findings import InputError
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, *rows])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
        problems: list = []
        try:
            table = read_sheet(open_workbook(path), SPEC, problems)
        except InputError as exc:
            assert all(f.file == "r.csv" and f.message for f in exc.findings)
            return
    assert all(f.file == "r.csv" and (not f.cell or A1.match(f.cell)) for f in problems)
    assert table is None or all(isinstance(v, str) for v in table.df["text"] if v is not None)

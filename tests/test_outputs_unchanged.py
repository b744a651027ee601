"""Faster must not mean different: the whole demo (every command on the sample data, the templates)
run end to end gives, cell for cell, the workbooks recorded in tests/golden/demo_values.json. The
writer alone is held to its values by test_xlsx_golden.py; this holds reading, rules and outputs
together, so a change anywhere between the input cells and the written ones shows here. Notices
are held byte for byte by their own golden files (tests/golden/*.html, *.md).

Recorded with `ASRV_UPDATE_GOLDEN=1 python -m pytest tests/test_outputs_unchanged.py` (never under CI)."""
from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from xlsx_golden import run_demo, values_of

RECORDED = Path(__file__).with_name("golden") / "demo_values.json"
CHECKOUT = str(Path(__file__).resolve().parents[1])


def _here_free(sheets: dict, tmp: Path) -> dict:
    """The 文件 sheets name inputs by their full path: the checkout's and the run's folders are
    written as <checkout> and <out>, so a clone elsewhere (CI) compares the same. Commands run
    without --date head their sheets with today's date (制表日期), recorded as <今天>."""
    d = date.today()
    today = f"{d.year}年{d.month}月{d.day}日"

    def fix(v):
        if not isinstance(v, str):
            return v
        return v.replace(CHECKOUT, "<checkout>").replace(str(tmp), "<out>").replace(today, "<今天>")
    return {title: [[fix(v) for v in row] for row in rows] for title, rows in sheets.items()}


def test_the_demo_writes_the_recorded_workbooks(tmp_path):
    books = {key: _here_free(values_of(path), tmp_path) for key, path in run_demo(tmp_path).items()}
    if os.environ.get("ASRV_UPDATE_GOLDEN") and not os.environ.get("CI"):
        RECORDED.write_text(json.dumps(books, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    recorded = json.loads(RECORDED.read_text("utf-8"))
    assert sorted(books) == sorted(recorded)
    for key, got in books.items():
        assert list(got) == list(recorded[key]), key
        for title, rows in got.items():
            assert rows == recorded[key][title], f"{key} {title}"

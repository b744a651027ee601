"""Cell values of every output workbook of the demo, recorded once from the openpyxl writer.

`tests/golden/xlsx_demo.json` holds, per output workbook of `make demo` and of `asrv template`,
the SheetOuts the command handed to `write_workbook` and the cell values read back (openpyxl)
from what the old writer wrote. `tests/test_xlsx_golden.py` writes the same SheetOuts with the
current writer and runs the commands again, and compares the values.

    .venv/bin/python tests/xlsx_golden.py   # rewrite the file (after a deliberate content change)
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "xlsx_demo.json"
SAMPLE = ROOT / "sample_data"
_S = str(SAMPLE)

# The demo of the Makefile, one line per command (outputs go to OUT/<key>).
DEMO = {
    "fitness": ["fitness", f"{_S}/fitness.xlsx"],
    "score": ["score", f"{_S}/classes.xlsx", "--fitness", f"{_S}/fitness.xlsx", "--quota", "5",
              "--date", "2026-06-22"],
    "schedule": ["check-schedule", f"{_S}/schedule.xlsx"],
    "fees": ["fees", f"{_S}/fees.xlsx", "--term", "2026秋", "--schedule", f"{_S}/schedule.xlsx",
             "--date", "2026-12-28"],
    "survey": ["survey", f"{_S}/survey.xlsx", "--catalog", f"{_S}/catalog.xlsx"],
    "enroll": ["enroll", f"{_S}/survey.xlsx", "--catalog", f"{_S}/catalog.xlsx", "--seed", "20260901",
               "--school", "示例市实验小学"],
}
TEMPLATES = ("classes", "schedule", "survey", "catalog", "fees", "fitness")


def encode(v):
    """A cell value (written or read back) as JSON: tagged where JSON has no such type."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, dt.datetime):
        return {"datetime": v.isoformat()} if v == v else {"nat": True}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    if isinstance(v, dt.time):
        return {"time": v.isoformat()}
    if isinstance(v, dt.timedelta):
        return {"seconds": v.total_seconds()}
    if isinstance(v, int) or type(v).__name__.startswith(("int", "uint")):
        return int(v)
    f = float(v)
    return f if math.isfinite(f) else {"float": repr(f)}


def decode(v):
    if not isinstance(v, dict):
        return v
    (tag, x), = v.items()
    if tag == "nat":
        import pandas as pd
        return pd.NaT
    return {"datetime": dt.datetime.fromisoformat, "date": dt.date.fromisoformat, "time": dt.time.fromisoformat,
            "seconds": lambda s: dt.timedelta(seconds=s), "float": float}[tag](x)


SHEET_FIELDS = ("title", "columns", "number_formats", "validations", "suggestions", "notes", "merge_notes", "heading",
                "freeze_columns", "landscape")


def sheet_to_json(s) -> dict:
    d = {k: getattr(s, k) for k in SHEET_FIELDS}
    d["rows"] = [[encode(v) for v in r] for r in s.rows]
    d["marks"] = {str(k): v for k, v in s.marks.items()}
    return d


def sheet_from_json(d: dict):
    from asrv.out import SheetOut
    return SheetOut(**{k: d[k] for k in SHEET_FIELDS}, rows=[[decode(v) for v in r] for r in d["rows"]],
                    marks={int(k): v for k, v in d["marks"].items()})


def values_of(path: Path) -> dict[str, list[list]]:
    from openpyxl import load_workbook
    wb = load_workbook(path)
    return {ws.title: [[encode(c.value) for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def run_demo(out: Path, record: dict | None = None) -> dict[str, Path]:
    """Runs the demo and the templates into `out`; returns {key: workbook}. With `record`, the
    SheetOuts handed to write_workbook are kept there under the same keys."""
    from typer.testing import CliRunner

    import asrv.out
    import asrv.out.xlsx
    original = asrv.out.xlsx.write_workbook
    current: list[str] = []

    def recording(path, sheets):
        original(path, sheets)
        if record is not None:
            record[f"{current[0]}/{Path(path).name}"] = [sheet_to_json(s) for s in sheets]
    asrv.out.write_workbook = asrv.out.xlsx.write_workbook = recording
    try:
        from asrv.cli.main import app
        runs = {k: a + ["--out", str(out / k)] for k, a in DEMO.items()}
        runs.update({f"template-{k}": ["template", k, "-o", str(out / f"template-{k}" / f"{k}.xlsx")]
                     for k in TEMPLATES})
        for key, args in runs.items():
            current[:] = [key]
            res = CliRunner().invoke(app, args)
            assert res.exit_code in (0, 1), (key, res.exit_code, res.output, res.exception)
    finally:
        asrv.out.write_workbook = asrv.out.xlsx.write_workbook = original
    return {f"{p.parent.name}/{p.name}": p for p in sorted(out.rglob("*.xlsx"))}


def record_golden(out: Path) -> dict:
    sheets: dict = {}
    books = run_demo(out, sheets)
    return {key: {"sheets": sheets[key], "values": values_of(path)} for key, path in books.items()}


if __name__ == "__main__":
    import tempfile
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        data = record_golden(Path(tmp))
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n", "utf-8")
    print(f"{GOLDEN.relative_to(ROOT)}: {len(data)} workbooks, {GOLDEN.stat().st_size:,} bytes")

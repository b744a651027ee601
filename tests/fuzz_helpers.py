"""Property-based fuzzing of every command family (issue 15): hostile values of every type in every
column of every sheet kind, written to a fresh workbook, read and written by the command's own
`run(...)` and `write(...)`.

The bases are the sample workbooks, cut to a few rows so each example takes a fraction of a
second. `make test` runs a few hundred examples, the same ones every time (derandomized);
`ASRV_FUZZ=1` (`make bench FUZZ=1`) runs many more, drawn afresh.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import math
import os
import re
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, settings, strategies as st

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
FUZZ = bool(os.environ.get("ASRV_FUZZ"))
settings.register_profile("ci", max_examples=20, derandomize=True, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("ASRV_FUZZ_EXAMPLES", "500")), deadline=None,
                          database=None, suppress_health_check=list(HealthCheck), print_blob=True)
settings.load_profile("fuzz" if FUZZ else "ci")


def fewer(n: int) -> settings:
    """A test whose examples cost more (a whole command-line run) takes `n` of them in `make test`."""
    return settings(max_examples=n) if not FUZZ else settings()

# Text written the way OOXML stores characters XML cannot hold: calamine reads `_x0007_` as BEL.
CONTROL = {"\x00": "_x0000_", "\x07": "_x0007_", "\x1b": "_x001B_", "\x0b": "_x000B_", "\x1f": "_x001F_"}
ERRORS = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
SPECIAL = ["", " ", "\u3000", "\\", "/", "-", "无", "nan", "NaN", "None", "null", "[/]", "[bold red]红[/bold red]",
           "教师聚餐[/]", "=1+1", "=HYPERLINK(\"http://x\",\"点我\")", "\t=1+1", "\r=1+1", " =1+1", "＝1+1", "+86138",
           "-5", "@SUM(A1)", "a\nb", "~~删~~", "**粗**", "|", "<script>alert(1)</script>", "&amp;", "x" * 40_000,
           "五(1)班（英语实验班2）", "三(4)班-2", "0.5", "1e400", "16:00-", "25:00", "周八", "2026-13-45",
           "9999-12-31", "150%", "-20%", "１２３", "是否", "\u200b", "\u2028", "_x0007_", "\x1b[31m红\x1b[0m",
           "\x07响铃", "\x00空"]


def _text(s: str) -> str:
    for ch, code in CONTROL.items():
        s = s.replace(ch, code)
    return re.sub(r"[\x01-\x08\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", s)


def values() -> st.SearchStrategy:
    """Every kind of content a cell can hold."""
    return st.one_of(
        st.none(),
        st.integers(min_value=-10**15, max_value=10**15),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
        st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
        st.times(),
        st.sampled_from(ERRORS).map(lambda e: ("error", e)),
        st.sampled_from(SPECIAL),
        st.text(max_size=30),
    )


COLUMN = -1  # a change's row: every row below the first two (a whole column of one value)


def mutations(max_size: int = 6) -> st.SearchStrategy:
    """(sheet, row, column, value): positions are taken modulo each sheet's size, so every cell,
    headers and title rows included, can be hit; a row past the end adds one; COLUMN fills a column."""
    pos = st.integers(min_value=0, max_value=10_000)
    row = st.one_of(pos, st.just(COLUMN))
    return st.lists(st.tuples(pos, row, pos, values()), min_size=1, max_size=max_size)


@functools.lru_cache(maxsize=None)
def grid(name: str, keep: int = 12) -> tuple[tuple[str, tuple[tuple, ...]], ...]:
    """A sample workbook's sheets as rows of values, cut to `keep` rows each. For the class
    workbook only the rows of the classes kept stay, so the cut leaves a workbook that is used."""
    wb = openpyxl.load_workbook(SAMPLES / name)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    if name == "classes.xlsx":
        kept = {r[0] for r in sheets["班级"][2:8]}
        klass = re.compile(r"^[一二三四五六]\(\d\)班$")
        sheets = {t: [r for r in rows if not (isinstance(r[0], str) and klass.match(r[0])) or r[0] in kept]
                  for t, rows in sheets.items()}
        keep = 40
    return tuple((t, tuple(tuple(r) for r in rows[:keep])) for t, rows in sheets.items())


OPS = ("drop", "hide", "duplicate-column", "title-row", "blank-rows", "reverse-columns")


def layouts(max_size: int = 2) -> st.SearchStrategy:
    """Changes of a sheet's layout (sheet, op, column): what clerks do to a template."""
    pos = st.integers(min_value=0, max_value=10_000)
    return st.lists(st.tuples(pos, st.sampled_from(OPS), pos), max_size=max_size)


def _relayout(sheets: list, ops) -> tuple[list, set[str]]:
    hidden: set[str] = set()
    for s, op, c in ops:
        i = s % len(sheets)
        title, rows = sheets[i]
        width = max(len(x) for x in rows)
        if op == "drop":
            if any(t not in hidden for j, (t, _) in enumerate(sheets) if j != i):  # one must stay shown
                del sheets[i]
        elif op == "hide" and title not in hidden and len(title) < 30:
            # A hidden sheet of the name, the one shown renamed with a trailing space (issue 15).
            sheets[i] = (title + " ", rows)
            sheets.insert(i, (title, [list(r) for r in rows[:2]]))
            hidden.add(title)
        elif op == "duplicate-column":
            c %= width
            for n, row in enumerate(rows):
                row.extend([None] * (width - len(row)))
                row.append(row[c] if n < 2 else rows[max(2, n - 1)][c])
        elif op == "title-row":
            rows.insert(0, [f"{title} 2025—2026学年"] + [None] * (width - 1))
        elif op == "blank-rows":
            rows[2:2] = [[None] * width for _ in range(3)]
        elif op == "reverse-columns":
            for row in rows:
                row.extend([None] * (width - len(row)))
                row.reverse()
    return sheets, hidden


def build(path: Path, base, changes, ops=()) -> Path:
    """The base grid with its layout changed by `ops`, then each change applied, saved as an .xlsx.
    Error values are written as cached formula results (`t="e"`), the way Excel stores #DIV/0!."""
    sheets, hidden = _relayout([(t, [list(r) for r in rows]) for t, rows in base], ops)
    errors: list[tuple[str, str, str]] = []
    for s, r, c, value in changes:
        title, rows = sheets[s % len(sheets)]
        width = max(len(x) for x in rows)
        c %= width
        if r == COLUMN:
            targets = range(2, len(rows))
        else:
            r %= len(rows) + 1
            if r == len(rows):
                rows.append([None] * width)
            targets = [r]
        for r in targets:
            row = rows[r]
            row.extend([None] * (width - len(row)))
            if isinstance(value, tuple):
                errors.append((title, f"{openpyxl.utils.get_column_letter(c + 1)}{r + 1}", value[1]))
                row[c] = None
            else:
                row[c] = value
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = "hidden" if title in hidden else "visible"
        for row in rows:
            ws.append([_cell(v) for v in row])
    for title, ref, code in errors:
        ws = wb[title]
        ws[ref] = "=1/0"
    wb.save(path)
    if errors:
        _cache_errors(path, wb, errors)
    return path


def _cell(v):
    if isinstance(v, str):
        return _text(v)
    if isinstance(v, float) and math.isnan(v):
        return v
    return v


def _cache_errors(path: Path, wb, errors) -> None:
    """openpyxl writes formulas without a cached value: give each its error code, as Excel does."""
    import zipfile
    parts = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(wb.worksheets, 1)}
    by_part: dict[str, list] = {}
    for title, ref, code in errors:
        by_part.setdefault(parts[title], []).append((ref, code))
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            for ref, code in by_part.get(info.filename, []):
                data = re.sub(rf'<c r="{ref}"[^>]*>.*?</c>'.encode(),
                              f'<c r="{ref}" t="e"><f>1/0</f><v>{code}</v></c>'.encode(), data)
            out.writestr(info, data)
    tmp.replace(path)


A1 = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")


def check_findings(result) -> None:
    """No internal error; every error names its file; a cell is an Excel address; a cell finding has one."""
    for f in result.findings:
        assert "内部错误" not in f.message, f
        assert f.rule != "INTERNAL", f
        if f.severity == "error":
            assert f.file, f
        if f.cell:
            assert A1.match(f.cell), f
        if f.rule.startswith("CELL-"):
            assert f.cell and f.sheet, f


# command -> (package, sample inputs, options given the folder of generated files)
FAMILIES = {
    "score": ("score", ["classes.xlsx"],
              lambda d: dict(quota=3, date=dt.date(2026, 6, 22), fitness=[str(d / "fitness.xlsx")])),
    "fitness": ("fitness", ["fitness.xlsx"], lambda d: {}),
    "fees": ("fees", ["fees.xlsx"], lambda d: dict(term="2026秋", schedule=[str(d / "schedule.xlsx")])),
    "survey": ("survey", ["survey.xlsx"], lambda d: dict(catalog=[str(d / "catalog.xlsx")])),
    "enroll": ("enroll", ["survey.xlsx"], lambda d: dict(catalog=[str(d / "catalog.xlsx")], seed=7)),
    "check-schedule": ("schedule", ["schedule.xlsx"], lambda d: {}),
    "check-attendance": ("attendance", ["attendance.xlsx"],
                         lambda d: dict(schedule=[str(d / "schedule.xlsx")], fees=[str(d / "attendance.xlsx")])),
    "check-meals": ("meals", ["meals.xlsx"], lambda d: {}),
}
# The workbooks a family reads besides its inputs (catalogues, schedules): fuzzed too.
SIDE = {"score": ["fitness.xlsx"], "fees": ["schedule.xlsx"], "survey": ["catalog.xlsx"], "enroll": ["catalog.xlsx"],
        "check-attendance": ["schedule.xlsx"]}


def run_family(family: str, target: str, changes, ops=(), *, profile: str = "default", write: bool = True):
    """Build the family's workbooks with `changes` applied to `target`, run and write; check the
    contract. Returns the result."""
    from asrv import result as result_module
    from asrv.profile import load_profile
    package, inputs, options = FAMILIES[family]
    module = importlib.import_module(f"asrv.{package}")
    result_module.RAISE_UNEXPECTED = True  # an unexpected exception is a failure here, not a finding
    try:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            for name in {*inputs, *SIDE.get(family, [])}:
                build(d / name, grid(name), *((changes, ops) if name == target else ([], ())))
            result = module.run([str(d / n) for n in inputs], load_profile(profile),
                                options=module.Options(**options(d)))
            assert result.exit_code() in (0, 1, 2)
            check_findings(result)
            if write and result.writable:
                out = d / "out"
                written = module.write(result, out)
                assert written and all(p.is_file() for p in written)
                assert not [p for p in d.iterdir() if "asrv-tmp" in p.name]
            return result
    finally:
        result_module.RAISE_UNEXPECTED = False

"""Opening a workbook (.xlsx, .xls, .csv) into plain grids, fast, through python-calamine.

What cannot be opened is an InputError naming the file and why, in Chinese: not found, a folder,
not a workbook at all, a workbook under another extension (read by its content), an encrypted
workbook, a damaged sheet, or one beyond the reading limits (asrv.io.guard)."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import ERROR, Finding, InputError
from . import guard
from .guard import column_index  # noqa: F401  (re-exported: callers take it from here)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class Workbook:
    """A workbook opened for reading. Grids are read lazily, once per sheet."""

    path: Path
    sheet_names: list[str]
    _book: object = None
    _csv: list[list] | None = None
    _grids: dict = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    scan: guard.Scan | None = None

    @property
    def file(self) -> str:
        from .inputs import label_of
        return label_of(self.path)

    def grid(self, sheet: str, reader=None) -> tuple[list[list], list]:
        """Rows from A1 (Excel row n is index n-1) and merged ranges as ((r0,c0),(r1,c1)). `reader`:
        another calamine reader of the same file (reopened()), for a thread of its own."""
        if sheet not in self._grids:
            if self._csv is not None:
                self._grids[sheet] = (self._csv, [])
            else:
                try:
                    s = (reader or self._book).get_sheet_by_name(sheet)
                    rows = s.to_python(skip_empty_area=False)
                    merged = list(s.merged_cell_ranges or [])
                except Exception as exc:  # calamine's own error types for damaged XML or records
                    raise InputError([Finding("READ-FILE", ERROR,
                        f"工作表「{sheet}」已损坏，无法读取（{_reason(exc)}）；请在 Excel 中打开并另存后再试",
                        file=self.file, sheet=sheet)]) from None
                self._grids[sheet] = (rows, merged)
        return self._grids[sheet]

    def reopened(self):
        """A second calamine reader of this workbook, opened as the first was: one reader parses one
        sheet at a time."""
        return _calamine(self.path, "zip" if self.scan is not None else "ole")

    def formula_without_value(self, sheet: str) -> set[tuple[int, int]]:
        """Cells (0-based row, col) holding a formula Excel never calculated."""
        if self.scan is None or sheet not in self.scan.sheets or not self.scan.sheets[sheet].has_formulas:
            return set()
        key = ("formulas", sheet)
        if key not in self._grids:
            self._grids[key] = guard.uncached_formulas(self.path, self.scan.sheets[sheet].part)
        return self._grids[key]


    def error_values(self, sheet: str) -> set[tuple[int, int]]:
        """Cells (0-based row, col) holding an Excel error value such as #DIV/0!."""
        if self.scan is None or sheet not in self.scan.sheets:
            return set()
        return self.scan.sheets[sheet].errors


_kept: ContextVar[dict | None] = ContextVar("asrv_opened_once", default=None)


@contextmanager
def opened_once():
    """Inside this block a workbook opened again is the one opened before, with the sheets it has
    read: a district run opens each school's file to see its kind, then again in the command that
    reads it, and neither the scan (asrv.io.guard) nor the sheets are worth doing twice."""
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def open_workbook(path: str | Path, profile=None) -> Workbook:
    kept = _kept.get()
    if kept is None:
        return _opened(Path(path), profile)
    limits = guard.limits_of(profile)
    key = (Path(path).resolve(), limits.max_rows, limits.max_columns, limits.max_cells, limits.max_inflated_mb,
           limits.max_ratio)
    if key not in kept:
        kept[key] = _opened(Path(path), profile)
    return kept[key]


def _opened(path: Path, profile) -> Workbook:
    """The workbook read ahead while the command loaded (asrv.ahead), else opened now."""
    from .. import ahead
    return ahead.take(path, profile) or _open(path, profile)


def _open(path: Path, profile) -> Workbook:
    from .inputs import label_of
    name = label_of(path)

    def fail(msg: str) -> InputError:
        return InputError([Finding("READ-FILE", ERROR, msg, file=name)])
    if not path.exists():
        raise fail(f"找不到文件 {path}")
    if path.is_dir():
        raise fail(f"{path} 是文件夹，不是工作簿")
    if not path.is_file():
        raise fail(f"{path} 不是普通文件（管道、设备等），无法读取")
    if path.suffix.lower() == ".csv":
        return Workbook(path, [path.stem], _csv=_read_csv(path, fail))
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise fail(f"无法读取文件：{exc.strerror or exc}") from None
    kind = guard.sniff(head)
    limits = guard.limits_of(profile)
    scan = None
    if kind == "zip":
        scan = guard.inspect_xlsx(path, limits)
        if scan.problem:
            raise InputError([Finding("READ-LIMIT" if "限度" in scan.problem else "READ-FILE", ERROR, scan.problem,
                                      file=name)])
    elif kind == "ole":
        if path.stat().st_size > limits.max_inflated_mb * (1 << 20):
            raise InputError([Finding("READ-LIMIT", ERROR, f"文件超过 {limits.max_inflated_mb} MB 的限度", file=name)])
        if guard.ole_encrypted(path.read_bytes()):
            raise fail("工作簿设有打开密码（已加密），无法读取：请在 Excel 中打开，取消密码后另存，再试")
    else:
        raise fail("无法读取工作簿：此文件不是 Excel 工作簿（可能是网页、文本或其他格式，只是扩展名为 "
                   f"{path.suffix or '（无）'}），请在 Excel 中打开后另存为 .xlsx")
    try:
        book = _calamine(path, kind)
        meta = book.sheets_metadata
    except Exception as exc:  # calamine raises several private types for broken files
        reason = _reason(exc)
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise fail("工作簿设有密码（已加密），无法读取：请在 Excel 中取消密码后另存，再试") from None
        raise fail(f"无法读取工作簿（文件已损坏或不是有效的 Excel 文件：{reason}）") from None
    hidden = {m.name for m in meta if not str(m.visible).endswith(".Visible")}
    return Workbook(path, list(book.sheet_names), _book=book, hidden=hidden, scan=scan)


def _calamine(path: Path, kind: str):
    """A calamine reader of the file ("zip" or "ole"): by its path where its extension says what it
    is, else by its content (a real .xls named .xlsx, or the reverse)."""
    import python_calamine
    expected = "zip" if path.suffix.lower() in (".xlsx", ".xlsm") else "ole" if path.suffix.lower() == ".xls" else None
    if expected == kind:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as f:
        return python_calamine.CalamineWorkbook.from_filelike(f)


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _read_csv(path: Path, fail) -> list[list]:
    import csv
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise fail("CSV 文件编码无法识别（应为 UTF-8 或 GBK）")
    try:
        return [list(row) for row in csv.reader(text.splitlines())]
    except csv.Error as exc:
        raise fail(f"CSV 文件格式有误：{exc}") from None

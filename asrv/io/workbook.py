"""Opening a workbook (.xlsx, .xls, .csv) into plain grids, fast, through python-calamine."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..findings import ERROR, Finding, InputError

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class Workbook:
    """A workbook opened for reading. Grids are read lazily, once per sheet."""

    path: Path
    sheet_names: list[str]
    _book: object = None
    _csv: list[list] | None = None
    _grids: dict = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.path.name

    def grid(self, sheet: str) -> tuple[list[list], list]:
        """Rows from A1 (Excel row n is index n-1) and merged ranges as ((r0,c0),(r1,c1))."""
        if sheet not in self._grids:
            if self._csv is not None:
                self._grids[sheet] = (self._csv, [])
            else:
                s = self._book.get_sheet_by_name(sheet)
                rows = s.to_python(skip_empty_area=False)
                self._grids[sheet] = (rows, list(s.merged_cell_ranges or []))
        return self._grids[sheet]

    def formula_without_value(self, sheet: str) -> set[tuple[int, int]]:
        """Cells (0-based row, col) holding a formula Excel never calculated.

        calamine drops them silently; a clerk must be told instead of getting a zero.
        """
        if self._csv is not None or self.path.suffix.lower() not in (".xlsx", ".xlsm"):
            return set()
        key = ("formulas", sheet)
        if key not in self._grids:
            self._grids[key] = _uncached_formulas(self.path, sheet)
        return self._grids[key]


def open_workbook(path: str | Path) -> Workbook:
    path = Path(path)
    def fail(msg: str) -> InputError:
        return InputError([Finding("READ-FILE", ERROR, msg, file=path.name)])
    if not path.exists():
        raise fail(f"找不到文件 {path}")
    if path.is_dir():
        raise fail(f"{path} 是文件夹，不是工作簿")
    if path.suffix.lower() == ".csv":
        return Workbook(path, [path.stem], _csv=_read_csv(path, fail))
    try:
        import python_calamine
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several private types for broken files
        raise fail(f"无法读取工作簿（不是有效的 Excel 文件或文件已损坏）：{exc}") from exc
    return Workbook(path, list(book.sheet_names), _book=book)


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
    return [list(row) for row in csv.reader(text.splitlines())]


def _uncached_formulas(path: Path, sheet: str) -> set[tuple[int, int]]:
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    try:
        with zipfile.ZipFile(path) as z:
            wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rid = next((s.get(f"{{{ns['r']}}}id") for s in wb.iterfind("m:sheets/m:sheet", ns)
                        if s.get("name") == sheet), None)
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
            if target is None:
                return set()
            name = target.lstrip("/") if target.startswith("/") else "xl/" + target
            xml = z.read(name)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
    if b"<f" not in xml:
        return set()
    out = set()
    for _, el in ElementTree.iterparse(io.BytesIO(xml)):
        if el.tag == f"{{{ns['m']}}}c":
            has_f = el.find("m:f", ns) is not None
            v = el.find("m:v", ns)
            if has_f and (v is None or v.text in (None, "")):
                m = _CELL_REF.fullmatch(el.get("r", ""))
                if m:
                    out.add((int(m.group(2)) - 1, column_index(m.group(1))))
            el.clear()
    return out

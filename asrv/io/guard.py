"""Looking at a workbook before trusting it to the parser.

python-calamine builds each sheet as one dense grid: a single value at XFD1048576 asks it for
half a terabyte and the process aborts, beyond any `except`. A zip bomb inflates to gigabytes.
So an .xlsx is first inspected from its zip directory and a streamed pass over each sheet's XML:
the inflated size and ratio, the extent of the cells that hold values (not the declared
dimension, which a stray format in a corner stretches), and whether any formula is present.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from .cellscan import plain_extent

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# A cell that holds something: `<c r="B7" …>` followed by content; not `<c r="B7" s="3"/>` nor
# `<c r="B7" s="3"></c>`, which carry a format only.
# Only such cells match: the look-arounds leave out `…/>` and `…></c>`, so a sheet's cells are
# collected by findall in C instead of one Python step per cell.
_CELL = re.compile(rb'<c\s+r="([A-Z]{1,3})([0-9]{1,7})"([^>]*?)(?<!/)>(?!</c>)')
# The same with `r` after other attributes (`<c t="inlineStr" r="XFD1048576">`, which calamine
# reads too): slower, so used only for a chunk where some cell tag does not start with `r=`.
_CELL_ANY_ORDER = re.compile(rb'<c\s+(?:[^>]*?\s)?r="([A-Za-z]{1,3})([0-9]{1,7})"([^>]*?)(?<!/)>(?!</c>)')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
CHUNK = 1 << 20
TAIL = 64   # bytes of a block read again with the next: longer than any cell tag the scan takes whole


def limits_of(profile):
    """The profile's `[limits]`, or the safe defaults when reading without a profile."""
    from ..profile.model import Limits
    section = profile.get("limits") if profile is not None else None
    return Limits(**section) if section else Limits()


@dataclass
class SheetScan:
    part: str                 # the sheet's XML inside the zip
    size: int = 0             # its bytes, inflated
    rows: int = 0             # 1-based extent of cells with content
    columns: int = 0
    has_formulas: bool = False
    # Cells holding an Excel error value (#DIV/0!, #N/A): calamine reads them as blank.
    errors: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Scan:
    sheets: dict[str, SheetScan] = field(default_factory=dict)
    problem: str = ""         # why the workbook must not be parsed ("" when it may)


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def sniff(head: bytes) -> str:
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "other"


def ole_encrypted(raw: bytes) -> bool:
    """An .xlsx with an open password is an OLE file holding an EncryptedPackage stream."""
    return "EncryptedPackage".encode("utf-16-le") in raw or b"EncryptionInfo" in raw


def inspect_xlsx(path, limits) -> Scan:
    scan = Scan()
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            inflated = sum(i.file_size for i in infos)
            if inflated > limits.max_inflated_mb * (1 << 20):
                scan.problem = (f"解压后有 {inflated / (1 << 20):.0f} MB，超过 {limits.max_inflated_mb} MB 的限度"
                                "（配置 limits.max_inflated_mb），可能不是正常的工作簿")
                return scan
            for i in infos:
                if i.compress_size and i.file_size > (1 << 20) and i.file_size / i.compress_size > limits.max_ratio:
                    scan.problem = (f"压缩比异常（{i.filename} 压缩 {i.file_size // max(i.compress_size, 1)} 倍，"
                                    f"超过 {limits.max_ratio} 倍的限度），可能是恶意构造的文件")
                    return scan
            for name, part in _sheet_parts(z).items():
                s = _scan_sheet(z, part)
                scan.sheets[name] = s
                if s.rows > limits.max_rows or s.columns > limits.max_columns or \
                        s.rows * s.columns > limits.max_cells:
                    scan.problem = (f"工作表「{name}」的内容延伸到第 {s.rows} 行、第 {s.columns} 列，超过读取限度"
                                    f"（{limits.max_rows} 行、{limits.max_columns} 列）：通常是表格角落有误填的内容，"
                                    "请删除多余的行列后再试")
                    return scan
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError) as exc:
        why = "文件不完整或压缩结构损坏" if isinstance(exc, (zipfile.BadZipFile, EOFError)) else \
            "缺少工作簿的组成部分" if isinstance(exc, KeyError) else "工作簿的 XML 已损坏"
        scan.problem = f"无法读取工作簿：不是有效的 Excel 文件或文件已损坏（{why}），请重新导出或另存后再试"
    return scan


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, from workbook.xml and its relationships."""
    wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for s in wb.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(s.get(f"{{{_NS['r']}}}id"), "")
        if target:
            out[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _scan_sheet(z: zipfile.ZipFile, part: str) -> SheetScan:
    s = SheetScan(part)
    if part not in z.namelist():
        return s
    s.size = z.getinfo(part).file_size
    tail = b""
    with z.open(part) as f:
        block = f.read(CHUNK)
        while block:
            following = f.read(CHUNK)
            text = tail + block
            # A tag cut at the end of a block is whole in the next, which starts with this one's tail.
            upto = len(text) - TAIL if following else len(text)
            # Without a possible error cell, the extent comes from array passes (asrv.io.cellscan)
            fast = None if b'"e"' in text else plain_extent(text, upto)
            if fast is not None and fast[0]:
                _, found, rows, columns = fast
                if found:
                    s.rows, s.columns = max(s.rows, rows), max(s.columns, columns)
                cells = ()
            elif fast is not None:
                cells = _CELL_ANY_ORDER.findall(text)
            else:
                plain = text.count(b'<c r="') == text.count(b"<c ") and b"<c\t" not in text and b"<c\n" not in text
                cells = (_CELL if plain else _CELL_ANY_ORDER).findall(text)
            if cells:
                letters = {c for c, _, _ in cells}
                s.rows = max(s.rows, max(int(r) for r in {r for _, r, _ in cells}))
                s.columns = max(s.columns, max(column_index(c.decode().upper()) for c in letters) + 1)
                # A block without "e" anywhere has no error cell: no Python step per cell for it.
                for col, row, attrs in (cells if b'"e"' in text else ()):
                    if b'"e"' in attrs and _ERROR_TYPE.search(attrs) and len(s.errors) < 10_000:
                        s.errors.add((int(row) - 1, column_index(col.decode().upper())))
            if not s.has_formulas and (b"<f>" in text or b"<f " in text):
                s.has_formulas = True
            tail, block = text[-TAIL:], following
    return s


def uncached_formulas(path, part: str) -> set[tuple[int, int]]:
    """Cells (0-based row, col) holding a formula Excel never calculated: calamine drops them
    silently, and a clerk must be told instead of getting a zero. Streamed, never read whole."""
    out: set[tuple[int, int]] = set()
    m_ns = _NS["m"]
    try:
        with zipfile.ZipFile(path) as z, z.open(part) as f:
            for _, el in ElementTree.iterparse(io.BufferedReader(f, CHUNK)):
                if el.tag == f"{{{m_ns}}}c":
                    has_f = el.find("m:f", _NS) is not None
                    v = el.find("m:v", _NS)
                    if has_f and (v is None or v.text in (None, "")):
                        m = _CELL_REF.fullmatch(el.get("r", ""))
                        if m:
                            out.add((int(m.group(2)) - 1, column_index(m.group(1))))
                    el.clear()
                elif el.tag == f"{{{m_ns}}}row":
                    el.clear()
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return set()
    return out

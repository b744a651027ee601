"""One reader for every sheet: find the header, map headers to fields, parse cells, keep positions."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter

import numpy as np
import pandas as pd

from ..findings import ERROR, Finding
from .cells import PARSERS, clean_text, is_blank
from .header import fill_merged, find_header, is_hint
from .schema import YES_NO, Field, SheetSpec, norm
from .workbook import Workbook, column_letter

# A column of no more cells than this is keyed cell by cell, a longer one through pandas' factorizing.
SMALL = 200


@dataclass
class Table:
    """A sheet read into canonical fields. The index is the Excel row number. A blank cell is None;
    a text field holds clean_text's result (or its placeholder's value), so it needs no cleaning again."""

    spec: SheetSpec
    file: str
    sheet: str
    df: pd.DataFrame
    letters: dict[str, str]
    header_row: int
    # Stacked two-row header: field -> the field named under it in the same column
    # (`引体向上` over `仰卧起坐`): that column holds either, by student.
    alternates: dict[str, str] = field(default_factory=dict)
    # Texts above the header (a clerk's title rows: `东城小学2025-2026学年优秀班集体评价表`).
    titles: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.letters

    def cell(self, name: str, row: int) -> str:
        return f"{self.letters.get(name, '')}{row}"

    def where(self, name: str, row: int) -> dict:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell(name, row)}

    def __len__(self) -> int:
        return len(self.df)


def find_sheet(book: Workbook, spec: SheetSpec) -> str | None:
    """The sheet of this kind; a visible one before a hidden one of the same name (`评分` hidden
    beside `评分 ` visible: the clerk sees and edits the visible one)."""
    wanted = spec.spellings()
    matches = [name for name in book.sheet_names if norm(name) in wanted]
    for name in sorted(matches, key=lambda n: n in book.hidden):
        return name
    # A CSV file or a single-sheet workbook named after the school holds just this sheet.
    if len(book.sheet_names) == 1 and book.path.suffix.lower() == ".csv":
        return book.sheet_names[0]
    return None


def read_sheets(book: Workbook, specs, problems: list[Finding], read=None) -> dict[str, Table]:
    """Every declared sheet that is there, by name; `read` is read_sheet or a wrapper of it."""
    tables = {}
    for spec in specs:
        t = (read or read_sheet)(book, spec, problems)
        if t is not None:
            tables[spec.name] = t
    return tables


def header_fields(book: Workbook, sheet: str, spec: SheetSpec) -> set[str]:
    """The fields a sheet's header names, to pick sheets by content rather than by name."""
    rows, merged = book.grid(sheet)
    header = find_header(fill_merged(rows, merged), spec)
    return set(header[1]) if header else set()


def read_sheet(book: Workbook, spec: SheetSpec, problems: list[Finding],
               sheet: str | None = None) -> Table | None:
    """Read one sheet kind (from `sheet` if given). Problems with the input are appended to
    `problems`, never raised."""
    sheet = sheet or find_sheet(book, spec)
    if sheet is None:
        if spec.required:
            problems.append(Finding("READ-SHEET", ERROR,
                f"缺少工作表「{spec.title}」（现有：{'、'.join(book.sheet_names) or '无'}）",
                file=book.file, sheet=spec.title))
        return None
    rows, merged = book.grid(sheet)
    rows = fill_merged(rows, merged)
    header = find_header(rows, spec)
    where = {"file": book.file, "sheet": sheet}
    if header is None:
        problems.append(Finding("READ-HEADER", ERROR,
            f"找不到表头：应有 {'、'.join(f.header for f in spec.fields if f.required)} 等列",
            cell="A1", **where))
        return None
    first_data, columns, alternates, header_index = header
    if first_data <= len(rows):
        below = rows[first_data - 1]
        if sum(is_hint(below[c]) for c in columns.values() if c < len(below)) >= 2:
            first_data += 1
    _duplicate_columns(rows, header_index, first_data, columns, spec, where, problems)
    missing = [f for f in spec.fields if f.required and f.name not in columns]
    for f in missing:
        problems.append(Finding("READ-COLUMN", ERROR,
            f"缺少「{f.header}」列（表头在第 {first_data - 1} 行）", cell=f"A{first_data - 1}", **where))
    if missing:
        return None
    letters = {name: column_letter(c) for name, c in columns.items()}
    index, cells = _frame(rows, first_data, columns)
    by_column = {c: name for name, c in columns.items()}
    for (r0, c0), rule, message in [
            *((cell, "CELL-FORMULA", "公式没有计算结果（请在 Excel 中打开、重新计算并保存后再试）")
              for cell in sorted(book.formula_without_value(sheet))),
            *((cell, "CELL-ERROR", "单元格是 Excel 的错误值（如 #DIV/0!、#N/A），请改正公式或填写数值")
              for cell in sorted(book.error_values(sheet)))]:
        if c0 in by_column and r0 + 1 >= first_data:
            problems.append(Finding(rule, ERROR, message, cell=f"{letters[by_column[c0]]}{r0 + 1}", **where))
    for f in spec.fields:
        if f.name in cells:
            cells[f.name] = _parse_column(cells[f.name], index, f, letters[f.name], where, problems)
    # One frame built from the parsed columns: a frame per sheet and a column set into it per field
    # cost more than the parsing in a sheet of a hundred rows (most of a district's sheets).
    df = pd.DataFrame(cells, index=index, dtype=object)
    titles = [clean_text(v) for r in rows[:max(first_data - 2, 0)] for v in dict.fromkeys(r) if not is_blank(v)]
    return Table(spec, book.file, sheet, df, letters, first_data - 1, alternates, titles)


def _duplicate_columns(rows, header_index: int, first_data: int, columns: dict[str, int], spec: SheetSpec,
                       where: dict, problems: list[Finding]) -> None:
    """A header written twice (two 分数 columns) where the second holds values the first lacks: those
    would be lost, so it is an error at the second header, never ignored in silence. (A register
    that repeats its items as computed score columns beside filled measurements reads the first.)"""
    header = rows[header_index]
    for name, c in columns.items():
        empty = {norm(k) for k, v in (spec.field(name).special or {}).items() if v is None}
        holds = lambda v: not is_blank(v) and norm(clean_text(v)) not in empty  # noqa: E731  (`\` = 未测)
        label = norm(clean_text(header[c])) if c < len(header) else ""
        for other, text in enumerate(header):
            if other == c or is_blank(text) or norm(clean_text(text)) != label or other in columns.values():
                continue
            if any(other < len(r) and holds(r[other]) and (c >= len(r) or not holds(r[c]))
                   for r in rows[first_data - 1:]):
                problems.append(Finding("READ-DUP-COLUMN", ERROR,
                    f"「{spec.field(name).header}」列出现了两次（{column_letter(c)} 列和 {column_letter(other)} 列），"
                    f"无法确定用哪一列：请删除或改名其中一列", cell=f"{column_letter(other)}{header_index + 1}", **where))


def _frame(rows: list[list], first_data: int, columns: dict[str, int]) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """The rows below the header with something in a read column: their Excel row numbers and
    each field's cells."""
    below = rows[first_data - 1:]
    widest = max(columns.values(), default=-1)
    even = all(len(r) > widest for r in below)  # the usual grid, every row as wide: no test per cell
    cells = {}
    for name, c in columns.items():
        column = np.empty(len(below), dtype=object)
        if even:
            column[:] = list(map(itemgetter(c), below))
        else:
            column[:] = [r[c] if c < len(r) else None for r in below]
        cells[name] = column
    blank = np.ones(len(below), dtype=bool)
    for column in cells.values():
        blank &= _blank(column)
    index = pd.RangeIndex(first_data, first_data + len(below), name="row")
    if not blank.any():
        return index, cells
    kept = ~blank
    return index[kept], {name: column[kept] for name, column in cells.items()}


def _blank(cells: np.ndarray) -> np.ndarray:
    """is_blank of every cell, asked once per distinct value (values equal across types, 1 == 1.0, are
    never blank, so sharing a key is harmless)."""
    if len(cells) <= SMALL:
        seen: dict = {}
        return np.fromiter((seen[v] if v in seen else seen.setdefault(v, is_blank(v)) for v in cells),
                           dtype=bool, count=len(cells))
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return np.append([is_blank(u) for u in uniques], True)[codes].astype(bool)


def _parse_column(cells: np.ndarray, rows: pd.Index, f: Field, letter: str, where: dict,
                  problems: list[Finding]) -> np.ndarray:
    """Parse each distinct raw value once; report every bad cell with its position."""
    parse = _parser(f)
    special = {norm(k): v for k, v in (f.special or {}).items()}
    # A number's text is a number: it can be a placeholder only when one is written as a number.
    numbers_special = any(_numeric(k) for k in special)

    def judge(v) -> tuple[object, tuple[str, str] | None]:
        """(value, None) for a cell's raw value, or (None, (message, rule)) when it cannot be read."""
        if is_blank(v):
            return None, None
        if special and (numbers_special or type(v) not in (int, float)) and norm(clean_text(v)) in special:
            return special[norm(clean_text(v))], None
        try:
            x = parse(v)
            if f.minimum is not None and x < f.minimum or f.maximum is not None and x > f.maximum:
                raise _OutOfRange(f"应在 {_num(f.minimum)} 到 {_num(f.maximum)} 之间")
            return x, None
        except ValueError as exc:
            return None, (str(exc), "CELL-RANGE" if isinstance(exc, _OutOfRange) else _rule(f))

    def report(row, v, err) -> None:
        msg, rule = err
        problems.append(Finding(rule, ERROR, f"「{f.header}」{msg}，实际为「{clean_text(v)}」",
                                cell=f"{letter}{row}", value=clean_text(v), **where))
    # pandas takes TRUE, 1 and 1.0 (and Decimal 1) for one value: with numbers of two types each
    # cell is its own key, or a 1 after a TRUE would be read as a blank. Otherwise (texts beside
    # numbers of one type too) pandas' codes tell the cells apart as the keys do, and each value is
    # known by its code. A short column is keyed cell by cell: factorizing costs more than it saves.
    exact = len(cells) > SMALL
    if exact:
        codes, uniques = pd.factorize(cells, use_na_sentinel=True)
        exact = len(set(map(type, cells[codes != -1])) & {bool, int, float, Decimal}) <= 1
    if exact:
        judged = [judge(u) for u in uniques]
        wrong = {i: err for i, (_, err) in enumerate(judged) if err is not None}
        if wrong:
            for row, code, v in zip(rows, codes.tolist(), cells):
                if code in wrong:
                    report(row, v, wrong[code])
        parsed = np.empty(len(uniques) + 1, dtype=object)
        parsed[:-1] = [x for x, _ in judged]  # the last for blanks (None, NaN): None
        return parsed[codes]
    keys = [_key(v) for v in cells]
    first: dict = {}  # each key with its first cell, as pandas keeps 0.0 before -0.0
    for key, v in zip(keys, cells):
        first.setdefault(key, v)
    by_key = {key: judge(v) for key, v in first.items()}
    wrong = {key: err for key, (_, err) in by_key.items() if err is not None}
    if wrong:
        for row, key, v in zip(rows, keys, cells):
            if key in wrong:
                report(row, v, wrong[key])
    parsed = np.empty(len(cells), dtype=object)
    parsed[:] = [by_key[key][0] for key in keys]
    return parsed


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _OutOfRange(ValueError):
    pass


def _key(v):
    return (type(v).__name__, v) if not isinstance(v, float) or v == v else ("nan", 0)


def _num(x):
    return "" if x is None else (int(x) if float(x).is_integer() else x)


def _rule(f: Field) -> str:
    if f.kind in ("choice", "bool"):
        return "CELL-CHOICE"
    if f.kind.startswith("time"):
        return "CELL-TIME"
    if f.kind.startswith("weekday"):
        return "CELL-WEEKDAY"
    return "CELL-DATE" if f.kind == "date" else "CELL-NUMBER"


def _parser(f: Field):
    if f.kind in PARSERS:
        return PARSERS[f.kind]
    if f.kind in ("choice", "bool"):
        table = f.choice_map() if f.kind == "choice" else {norm(k): v for k, v in YES_NO.items()}
        allowed = f.hint or "、".join(dict.fromkeys(table.values()))
        def choose(v):
            hit = table.get(norm(clean_text(v)))
            if hit is None:
                raise ValueError(f"无法识别，应为：{allowed}")
            return hit
        return choose
    return clean_text

"""Reading workbooks people already have: one reader for every sheet kind.

The reader's names (Table, read_sheet, read_sheets) bring pandas with them and are imported when
first asked for, so opening a workbook (asrv.io.workbook) never waits for pandas: a workbook is
read ahead while a command's modules load (asrv.ahead)."""
from .schema import Field, SheetSpec
from .workbook import Workbook, open_workbook, column_letter

__all__ = ["Field", "SheetSpec", "Workbook", "open_workbook", "column_letter",
           "Table", "read_sheet", "read_sheets"]
_READER = ("Table", "read_sheet", "read_sheets")


def __getattr__(name: str):
    if name in _READER:
        from . import reader
        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

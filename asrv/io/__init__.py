"""Reading workbooks people already have: one reader for every sheet kind."""
from .schema import Field, SheetSpec
from .workbook import Workbook, open_workbook, column_letter
from .reader import Table, read_sheet, read_sheets

__all__ = ["Field", "SheetSpec", "Workbook", "open_workbook", "column_letter",
           "Table", "read_sheet", "read_sheets"]

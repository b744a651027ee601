"""Writing results for people: formatted workbooks, notices from templates, all atomic."""
from .atomic import Outputs
from .mask import mask_id, mask_name
from .xlsx import ChartOut, ColumnRows, SheetOut, title_line, titled, write_workbook
from .xlsx_format import (CLOCK, COUNT, DATE, DATETIME, FORMATS, INTEGER, MINSEC, MONEY, PERCENT, SCORE, SCORE1,
                          TEXT)
from .notice import render

__all__ = ["Outputs", "mask_id", "mask_name", "SheetOut", "ColumnRows", "ChartOut", "write_workbook", "title_line", "titled", "render",
           "SCORE", "SCORE1", "MONEY", "PERCENT", "INTEGER", "COUNT", "DATE", "DATETIME", "CLOCK", "MINSEC", "TEXT",
           "FORMATS"]

"""Writing results for people: formatted workbooks, notices from templates, all atomic."""
from .atomic import Outputs
from .mask import mask_id, mask_name
from .xlsx import SheetOut, write_workbook
from .notice import render

__all__ = ["Outputs", "mask_id", "mask_name", "SheetOut", "write_workbook", "render"]

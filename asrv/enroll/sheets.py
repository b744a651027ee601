"""The catalogue sheet `asrv enroll --catalog` reads: declared once, in asrv.survey.sheets, because the
survey compares demand with the same catalogue."""
from ..survey.sheets import CATALOG, CATALOG_SHEETS

__all__ = ["CATALOG", "CATALOG_SHEETS"]

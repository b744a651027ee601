"""Fees, exemptions, subsidies and spending of one term, checked and published (`asrv fees`)."""
from .run import FeesResult, run_fees
from ..io.terms import Term, parse_term

__all__ = ["FeesResult", "run_fees", "Term", "parse_term"]

"""Fees, exemptions, subsidies and spending of one term, checked and published (`asrv fees`).

    from asrv import fees
    r = fees.run(["各校收费/"], profile, options=fees.Options(term="2026秋"))
    fees.write(r, "asrv-out")
"""
from .outputs import write
from .result import FeesResult, Options
from .run import run

__all__ = ["run", "write", "Options", "FeesResult"]

"""The excellent-class evaluation (优秀班集体评价, 篇3), one school per classes workbook:

    from asrv import score
    r = score.run(["各校评价/"], profile, options=score.Options(quota=5, fitness=["体测/"]))
    for s in r.per_school: s.school, [(c.rank, c.class_name, c.total) for c in s.classes]
    score.write(r, "asrv-out")   # per school a ranked workbook and notice; with several, the district's
"""
from __future__ import annotations

from .outputs import write
from .result import ClassScore, Options, SchoolScore, ScoreResult
from .run import run

__all__ = ["run", "write", "Options", "ScoreResult", "SchoolScore", "ClassScore"]

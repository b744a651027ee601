"""The district's assessment of every school (`asrv district`, 篇2 四(二)): each school's workbooks
checked by their own commands, scored on the rubric with evidence down to the cell, ranked, funded.

    from asrv import district
    r = district.run(["区考核/"], load_profile("default"), options=district.Options(term="2026秋"))
    district.write(r, "asrv-out/2026秋")
"""
from .outputs import write
from .result import DistrictResult, Options
from .run import run

__all__ = ["run", "write", "Options", "DistrictResult"]

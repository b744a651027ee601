"""Activity places (篇1 二(三), 三(一)): `run(inputs, profile, options=Options(catalog=[…], seed=N))` →
EnrollResult, `write(result, out_dir)`. Each school's places go to its own students; the draw is
SHA-256 of `种子|学校|学号`, which anyone can redo (asrv.enroll.lottery)."""
from .outputs import write
from .result import EnrollResult, Options
from .run import run

__all__ = ["run", "write", "Options", "EnrollResult"]

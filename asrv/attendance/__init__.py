"""Attendance, supervision and hand-over (考勤、监管、交接班, 篇1 四(三)) checked per school
(`asrv check-attendance`): `run(inputs, profile, options=Options(...)) -> AttendanceResult`,
`write(result, out_dir)`; `result.school_rates()` gives each school's rates for `asrv district`."""
from .outputs import write
from .result import AttendanceResult, Options
from .run import run

__all__ = ["run", "write", "Options", "AttendanceResult"]

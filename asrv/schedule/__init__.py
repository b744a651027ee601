"""Service times, content and staff checked against the policy (`asrv check-schedule`).

    from asrv import schedule
    r = schedule.run(["各校安排/"], load_profile("national"))
    schedule.write(r, "asrv-out")
"""
from .outputs import write
from .result import Options, ScheduleResult, SchoolResult
from .run import run

__all__ = ["run", "write", "Options", "ScheduleResult", "SchoolResult"]

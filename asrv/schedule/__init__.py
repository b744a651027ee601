"""Service times, content and staff checked against the policy (`asrv check-schedule`)."""
from .check import FileResult, ScheduleResult, check_schedule, collect_paths

__all__ = ["FileResult", "ScheduleResult", "check_schedule", "collect_paths"]

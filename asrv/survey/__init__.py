"""Survey of needs and enrollment into after-school activities (篇1 二(三), 三(一), 三(四))."""
from .enroll import EnrollResult, enroll
from .report import SurveyResult, summarize

__all__ = ["EnrollResult", "enroll", "SurveyResult", "summarize"]

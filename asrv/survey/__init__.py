"""The survey of needs (篇1 三(四)): `run(inputs, profile, options=Options(catalog=[…]))` → SurveyResult,
`write(result, out_dir)`. The reading (survey answers and the catalogue) is shared with asrv.enroll."""
from .outputs import write
from .result import Options, SurveyResult
from .run import run

__all__ = ["run", "write", "Options", "SurveyResult"]

"""`run(inputs, profile, *, options, progress) -> SurveyResult`: every school's survey summarised."""
from __future__ import annotations

from ..findings import Progress, no_progress
from .batch import read_inputs
from .result import Options, SurveyResult
from .summary import summarize


def run(inputs, profile, *, options: Options | None = None, progress: Progress = no_progress) -> SurveyResult:
    options = options or Options()
    batch = read_inputs(inputs, options.catalog, profile, options, progress)
    progress(f"汇总 {len(batch.schools)} 所学校的答卷")
    return SurveyResult(findings=batch.findings, files=batch.files, profile=profile, options=options,
                        per_school=[summarize(s, profile) for s in batch.schools])

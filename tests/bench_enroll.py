"""Timing `asrv enroll` on a 5,000-student school with 40 activities.

Run: `python tests/bench_enroll.py [STUDENTS] [ACTIVITIES]`. Writes the generated survey and
catalogue as .xlsx in a temporary folder (not timed), then times reading + allotment (the
library call) and the outputs (workbooks and notices) separately, and checks the result.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from asrv.enroll import Options, run, write  # noqa: E402
from asrv.io import open_workbook  # noqa: E402
from asrv.out import SheetOut, write_workbook  # noqa: E402
from asrv.profile import load_profile  # noqa: E402
from test_enroll import make_case  # noqa: E402


def as_xlsx(csv_path: Path) -> Path:
    rows = open_workbook(csv_path).grid(csv_path.stem)[0]
    target = csv_path.with_suffix(".xlsx")
    write_workbook(target, [SheetOut("Sheet1", rows[0], rows[1:])])
    return target


def main(students: int = 5000, activities: int = 40) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        survey, catalog = make_case(d, students, activities, seed=5, yes=1.0)
        survey, catalog = as_xlsx(survey), as_xlsx(catalog)
        t0 = time.perf_counter()
        result = run([survey], load_profile(), options=Options(catalog=[str(catalog)], seed=2026))
        t1 = time.perf_counter()
        write(result, d / "out")
        t2 = time.perf_counter()
        (school,) = result.per_school
        assert result.exit_code() == 0
        assert all(len(a.roster) <= a.activity.capacity for a in school.activities)
        cancelled = sum(a.cancelled for a in school.activities)
        print(f"{len(school.students)} applicants, {activities} activities, {school.placed} placed, "
              f"{cancelled} cancelled, {school.rounds} DA rounds")
        print(f"read + allot: {t1 - t0:.2f} s; write outputs: {t2 - t1:.2f} s; total {t2 - t0:.2f} s")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

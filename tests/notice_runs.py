"""Every command that writes notices, run on sample_data/ as `make demo` runs it (shared by the
privacy and the --strict tests)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asrv.cli.main import app

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
SEED = "20260901"   # the demo's seed, public; by chance also a 学号 in the sample
RUNS = {
    "score": ["score", str(SAMPLE / "classes.xlsx"), "--fitness", str(SAMPLE / "fitness.xlsx"), "--quota", "5",
              "--date", "2026-06-22"],
    "fees": ["fees", str(SAMPLE / "fees.xlsx"), "--term", "2026秋", "--schedule", str(SAMPLE / "schedule.xlsx"),
             "--date", "2026-12-28"],
    "fees-district": ["fees", str(SAMPLE / "district" / "*" / "*收费.xlsx"), "--term", "2026秋", "--date", "2026-12-28"],
    "enroll": ["enroll", str(SAMPLE / "survey.xlsx"), "--catalog", str(SAMPLE / "catalog.xlsx"), "--seed", SEED,
               "--school", "示例市实验小学", "--date", "2026-09-30"],
    "district": ["district", str(SAMPLE / "district"), "--term", "2026秋", "--date", "2027-01-11"],
}


def run(name: str, out: Path, *extra: str) -> dict:
    """One sample run with --json: its JSON document (exit code included)."""
    r = CliRunner().invoke(app, [*RUNS[name], "--out", str(out), "--json", *extra])
    assert r.exit_code in (0, 1, 2), r.output
    data = json.loads(r.stdout)
    assert data["exit_code"] == r.exit_code
    return data


def notice_files(data: dict) -> list[Path]:
    """The notice files a run wrote: every path of its result's notices, in each format."""
    return [Path(p) for p in data["written"] if "公示" in Path(p).name or "录取通知" in Path(p).name]

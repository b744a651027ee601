"""Random contents of every type in every cell of every command's workbooks: exit 0, 1 or 2, never a
traceback or "内部错误", every error at its file and, for a cell, at its cell (issue 15)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from fuzz_helpers import FAMILIES, SIDE, build, fewer, grid, layouts, mutations, run_family

CASES = [(family, name) for family, (_, inputs, _) in FAMILIES.items() for name in [*inputs, *SIDE.get(family, [])]]


@pytest.mark.parametrize("family,target", CASES, ids=[f"{f}:{n}" for f, n in CASES])
@given(changes=mutations(), ops=layouts(), profile=st.sampled_from(["default", "national", "hefei"]))
def test_random_cells_never_crash(family, target, changes, ops, profile):
    run_family(family, target, changes, ops, profile=profile)


@fewer(10)
@given(changes=mutations(3), family=st.sampled_from(["score", "fees", "check-schedule", "check-meals"]))
def test_random_cells_through_the_command_line(family, changes):
    from asrv.cli.main import app
    _, inputs, _ = FAMILIES[family]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        path = build(d / inputs[0], grid(inputs[0]), changes)
        extra = {"score": ["--quota", "3", "--date", "2026-06-22"], "fees": ["--term", "2026秋"]}.get(family, [])
        for fmt in ("table", "json"):
            r = CliRunner().invoke(app, [family, str(path), "--out", str(d / "o"), "--format", fmt, *extra])
            assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
            assert r.exit_code in (0, 1, 2), r.output
            assert "内部错误" not in r.output and "Traceback" not in r.output
            assert "\x1b" not in r.output and "\x07" not in r.output
            if fmt == "json":
                data = json.loads(r.stdout)
                assert all(f["file"] for f in data["findings"] if f["severity"] == "error")

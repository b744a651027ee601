"""One helper for golden files: compare a rendered notice with tests/golden/<name>.

`ASRV_UPDATE_GOLDEN=1 make test` rewrites the files after a deliberate change; a test whose file it
rewrites is skipped as "updated", never passed, so an update cannot hide a difference, and it
is refused where `CI` is set.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(got: str, name: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ASRV_UPDATE_GOLDEN"):
        if os.environ.get("CI"):
            pytest.fail("ASRV_UPDATE_GOLDEN is refused under CI: golden files are updated by hand, then reviewed")
        old = path.read_text("utf-8") if path.exists() else None
        if old != got:
            path.write_text(got, "utf-8")
            pytest.skip(f"tests/golden/{name} updated; rerun (without ASRV_UPDATE_GOLDEN to check)")
    assert path.exists(), f"tests/golden/{name} is missing: create it with ASRV_UPDATE_GOLDEN=1"
    assert got == path.read_text("utf-8"), f"differs from tests/golden/{name}"

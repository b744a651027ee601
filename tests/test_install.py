"""A non-editable `pip install .` gives a working `asrv`, templates and profiles included."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from score_helpers import classes, full_marks, write_book

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    # Built from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout.
    source = tmp_path_factory.mktemp("src") / "asrv"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "asrv-out", "build", "*.egg-info",
                                                                "__pycache__", ".pytest_cache"))
    # --no-deps: the dependencies are already in this venv; what is tested is that the wheel carries
    # everything of its own (templates/, profiles, data) and the `asrv` script works outside the tree.
    # --no-build-isolation: built with the venv's setuptools (a test dependency), not one fetched each run.
    p = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--target", str(target), str(source)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    return target


def test_wheel_runs_score_with_templates(installed, tmp_path):
    book = write_book(tmp_path / "c.xlsx", {"班级": classes("一(1)班"), "评分": full_marks("一(1)班")})
    env = {**os.environ, "PYTHONPATH": str(installed)}
    script = installed / "bin" / "asrv"
    assert script.exists()
    p = subprocess.run([str(script), "score", str(book), "--date", "2026-06-19", "--out", str(tmp_path / "o")],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert p.returncode == 0, p.stderr + p.stdout
    assert "优秀班集体评选结果公示" in (tmp_path / "o" / "c_公示.html").read_text("utf-8")
    where = subprocess.run([sys.executable, "-c", "import asrv; print(asrv.__file__)"], capture_output=True,
                           text=True, env=env, cwd=tmp_path).stdout
    assert str(installed) in where  # the installed copy ran, not the source tree
    assert (installed / "asrv" / "templates" / "notice.html.j2").exists()
    assert (installed / "asrv" / "profile" / "builtin" / "default.toml").exists()
    assert (installed / "asrv" / "templates" / "notice.docx").exists()

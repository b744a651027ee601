"""The README is the manual: its Python examples run as written, and every command and every option
of the CLI is described there (as sqlite-utils' test_docs does for its documentation)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from asrv.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", README, re.S)


def commands():
    """(path, click command) for every command, `profile show` included."""
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        if hasattr(cmd, "commands"):
            out += [(f"{name} {sub}", c) for sub, c in cmd.commands.items()]
        else:
            out.append((name, cmd))
    return out


@pytest.mark.parametrize("path, cmd", commands(), ids=[p for p, _ in commands()])
def test_every_command_and_option_is_in_the_readme(path, cmd):
    assert f"asrv {path}" in README, f"`asrv {path}` is not described in README.md"
    for param in cmd.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"{re.escape(opt)}(?![\w-])", README), f"{opt} of `asrv {path}` is not in README.md"


def test_the_readme_has_python_examples():
    assert len(EXAMPLES) >= 2 and all("import" in e for e in EXAMPLES)


@pytest.mark.parametrize("i", range(len(EXAMPLES)))
def test_python_examples_run_as_written(tmp_path, i):
    (tmp_path / "sample_data").symlink_to(ROOT / "sample_data")
    script = tmp_path / "example.py"
    script.write_text(EXAMPLES[i], "utf-8")
    p = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 0, p.stderr[-2000:]
    assert (tmp_path / "asrv-out").is_dir() and any((tmp_path / "asrv-out").rglob("*.xlsx"))


def test_the_readme_profile_example_loads(tmp_path):
    from asrv.profile import load_profile
    [block] = re.findall(r"```toml\n(.*?)```", README, re.S)
    (tmp_path / "某区.toml").write_text(block, "utf-8")
    p = load_profile(tmp_path / "某区.toml")
    assert p["score.quota"] == 5 and p["notice.issuer"] == "某区教育局" and p["rules.SCH-AFTER-DISMISSAL"] == "off"

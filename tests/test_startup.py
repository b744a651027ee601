"""`asrv --help` and `asrv <command> --help` start without the heavy libraries: a clerk waits for
help on every mistyped command, so pandas, numpy, the Excel readers and writers, the templates and
rich are imported only when a command runs."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "openpyxl", "xlsxwriter", "python_calamine", "jinja2", "docxtpl", "docx",
         "rich", "pydantic", "pypinyin", "chinese_calendar")
PROBE = """
import json, sys, io, contextlib
heavy = json.loads(sys.argv[2])
sys.argv = ["asrv", *json.loads(sys.argv[1])]
from asrv.cli.main import main
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "help": out.getvalue(),
                  "heavy": sorted(m for m in sys.modules if m.split(".")[0] in heavy)}))
"""


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"], ["fees", "--help"], ["district", "--help"]])
def test_help_imports_no_heavy_module(args):
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, check=True)
    seen = json.loads(done.stdout)
    assert seen["code"] == 0 and "用法：asrv" in seen["help"], done.stdout
    assert seen["heavy"] == [], f"asrv {' '.join(args)} imported {seen['heavy']}"


def test_help_is_measured_in_terminal_columns():
    """A Chinese character takes two columns: no help line is wider than the terminal."""
    done = subprocess.run([sys.executable, "-m", "asrv", "score", "--help"], capture_output=True, text=True,
                          check=True, env={"COLUMNS": "60", "PATH": ""})
    from asrv.cli.zh import width
    lines = done.stdout.splitlines()
    assert "选项：" in lines and "参数：" in lines and any("[必填]" in line for line in lines)
    assert max(width(line) for line in lines) <= 60, done.stdout
    assert "…" not in done.stdout  # options are wrapped, never cut

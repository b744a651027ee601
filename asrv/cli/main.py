"""The `asrv` command: thin wrappers over the library, one module per command."""
from __future__ import annotations

import sys

from .app import State, app

# One module per command; each adds itself to `app`. Importing them must stay cheap (no pandas),
# so `asrv --help` is instant. A new command adds one name here.
COMMANDS = [
    "profile_cmd",
    "rules_cmd",
    "template_cmd",
    "schedule_cmd",
    "score_cmd",
    "survey_cmd",
    "enroll_cmd",
    "fees_cmd",
    "fitness_cmd",
    "attendance_cmd",
    "meals_cmd",
    "district_cmd",
]


def _register() -> None:
    from importlib import import_module
    for name in COMMANDS:
        import_module(f"{__package__}.{name}")


_register()


def main() -> None:
    argv = sys.argv[1:]
    if "--debug" in argv:  # accepted anywhere on the line, as a clerk would type it
        argv.remove("--debug")
        State.debug = True
    app(args=argv, prog_name="asrv")


__all__ = ["app", "main"]

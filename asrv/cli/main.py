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


def entry() -> None:
    """The `asrv` program (and `python -m asrv`): main(), then the process ends at once. main()
    itself ends with SystemExit, for whoever calls it from Python."""
    try:
        main()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code) -> None:
    """End the process without tearing the interpreter down. A district run holds a few hundred MB
    of frames and findings that Python would free one object at a time (0.3 s after checking 100
    schedules) just before the system frees them at once. The exit handlers still run (worker
    processes, temporary folders) and both streams are flushed; the outputs were closed and
    renamed into place before this."""
    import atexit
    import os
    if code is not None and not isinstance(code, int):  # as sys.exit("text") would say it
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # `asrv … | head`: the reader has gone
            pass
    os._exit(code or 0)


__all__ = ["app", "main", "entry"]

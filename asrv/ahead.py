"""A lone workbook read while the command's own modules load.

A command starts by importing pandas and its rules and writers, most of a second in which the
other processor waits. python-calamine parses a sheet without holding the GIL, so the CLI hands
the one workbook named on its command line to a thread that opens it (the guard's scan included)
and parses each of its sheets meanwhile; `open_workbook` then finds it opened.

Only what the thread read cleanly is used, and only for the same file (size and time unchanged)
under the same reading limits. Whatever it could not open is opened again by the command itself,
which reports it as it always does: the thread never decides anything.
"""
from __future__ import annotations

import threading
from pathlib import Path

_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_books: dict[Path, tuple[threading.Thread, dict]] = {}
_threads: list[threading.Thread] = []


def read_ahead(paths, profile_name: str | None) -> None:
    """Start reading `paths` (the workbook files among them) in a thread, under the limits of the
    profile `profile_name`."""
    files = [Path(p).resolve() for p in paths if Path(p).suffix.lower() in _SUFFIXES and Path(p).is_file()]
    if not files:
        return
    box: dict = {}
    thread = threading.Thread(target=_read, args=(files, profile_name, box), name="asrv-read-ahead", daemon=True)
    thread.start()
    _threads.append(thread)
    _books.update({p: (thread, box) for p in files})


def _read(files: list[Path], profile_name: str | None, box: dict) -> None:
    from .findings import InputError
    from .profile import load_profile
    from .io import guard
    from .io.workbook import _open
    try:
        profile = load_profile(profile_name)
    except InputError:
        return
    for path in files:
        try:
            stamp = _stamp(path)
            book = _open(path, profile)
            for name in book.sheet_names:
                try:
                    book.grid(name)
                except InputError:  # a damaged sheet: the command reads it again and says so
                    pass
        except Exception:  # anything else, as above: opened again by the command, and said there
            continue
        box[path] = (stamp, guard.limits_of(profile), book)


def take(path: Path, limits):
    """The workbook read ahead for `path` under `limits`, once; None when there is none."""
    if not _books:
        return None
    key = Path(path).resolve()
    entry = _books.pop(key, None)
    if entry is None:
        return None
    thread, box = entry
    thread.join()
    got = box.pop(key, None)
    if got is None or got[1] != limits or got[0] != _stamp(key):
        return None
    return got[2]


def settle() -> None:
    """Wait for every read-ahead thread to end: a process must run no other thread when it forks."""
    while _threads:
        _threads.pop().join()


def drop() -> None:
    """Forget what was read ahead and not taken, at the end of a command."""
    _books.clear()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns

"""A lone workbook read while the command's own modules load.

A command starts by importing pandas and its rules and writers, half a second or more in which
the other processor waits. python-calamine parses a sheet without holding the GIL, so the CLI
opens the one workbook named on its command line at once (the guard's scan included: its many
short numpy steps would each wait for the GIL in a thread) and hands it to a thread that parses
each of its sheets meanwhile; `open_workbook` then finds it opened.

Only what was read cleanly is used, and only for the same file (size and time unchanged) under
the same reading limits. Whatever could not be opened is opened again by the command itself,
which reports it as it always does: reading ahead never decides anything.
"""
from __future__ import annotations

import threading
from pathlib import Path

_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_books: dict[Path, tuple[threading.Thread, tuple]] = {}
_threads: list[threading.Thread] = []


def read_ahead(paths, profile_name: str | None) -> None:
    """Open `paths` (the workbook files among them) under the limits of the profile `profile_name`,
    and start parsing their sheets in a thread."""
    files = [Path(p).resolve() for p in paths if Path(p).suffix.lower() in _SUFFIXES and Path(p).is_file()]
    if not files:
        return
    from .findings import InputError
    from .io import guard
    from .io.workbook import _open
    from .profile import load_profile
    try:
        profile = load_profile(profile_name)
    except InputError:
        return
    opened = {}
    for path in files:
        stamp = _stamp(path)
        try:
            opened[path] = (stamp, guard.limits_of(profile), _open(path, profile))
        except Exception:  # InputError too: opened again by the command, and said there
            continue
    if not opened:
        return
    thread = threading.Thread(target=_parse, args=([book for _, _, book in opened.values()],),
                              name="asrv-read-ahead", daemon=True)
    thread.start()
    _threads.append(thread)
    _books.update({path: (thread, got) for path, got in opened.items()})


def _parse(books) -> None:
    from .findings import InputError
    for book in books:
        for name in book.sheet_names:
            try:
                book.grid(name)
            except InputError:  # a damaged sheet: the command reads it again and says so
                pass


def take(path: Path, limits):
    """The workbook read ahead for `path` under `limits`, once; None when there is none."""
    if not _books:
        return None
    key = Path(path).resolve()
    entry = _books.pop(key, None)
    if entry is None:
        return None
    thread, (stamp, limits_read, book) = entry
    thread.join()
    if limits_read != limits or stamp != _stamp(key):
        return None
    return book


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

"""A lone workbook read while the command's own modules load.

A command starts by importing pandas and its rules and writers, half a second or more in which
the other processor waits. python-calamine parses a sheet without holding the GIL, so the CLI
opens the one workbook named on its command line at once (the guard's scan included: its many
short numpy steps would each wait for the GIL in a thread) and hands its sheets to threads, one
per processor, that parse them meanwhile; `open_workbook` then finds it opened.

Only what was read cleanly is used, and only for the same file (size and time unchanged) under
the same reading limits. Whatever could not be opened is opened again by the command itself,
which reports it as it always does: reading ahead never decides anything.
"""
from __future__ import annotations

import threading
from pathlib import Path

_SUFFIXES = (".xlsx", ".xlsm", ".xls")
_books: dict[Path, tuple] = {}
_threads: list[threading.Thread] = []


def read_ahead(paths, profile_name: str | None, processors: int = 1) -> None:
    """Open `paths` (the workbook files among them) under the limits of the profile `profile_name`,
    and start parsing their sheets in threads, as many as `processors` for a workbook. Nothing here
    may stop the command: whatever fails is left for the command to meet, and report, itself."""
    try:
        _start(paths, profile_name, processors)
    except Exception:
        pass


def _start(paths, profile_name: str | None, processors: int) -> None:
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
    for _, _, book in opened.values():
        for k, share in enumerate(_shares(book, processors)):
            thread = threading.Thread(target=_parse, args=(book, share, k > 0), name="asrv-read-ahead", daemon=True)
            thread.start()
            _threads.append(thread)
    _books.update(opened)


def _shares(book, processors: int) -> list[list[str]]:
    """The sheets, in one share per processor (the largest first, each to the least loaded), each
    share in the book's order."""
    names = list(book.sheet_names)
    if book.scan is None or processors < 2 or len(names) < 2:
        return [names]
    sizes = {name: book.scan.sheets[name].size if name in book.scan.sheets else 0 for name in names}
    loads = [[0, []] for _ in range(min(processors, len(names)))]
    for name in sorted(names, key=lambda n: -sizes[n]):
        least = min(loads, key=lambda load: load[0])
        least[0] += sizes[name]
        least[1].append(name)
    return [sorted(share, key=names.index) for _, share in loads if share]


def _parse(book, names: list[str], own_reader: bool) -> None:
    """Parse these sheets; a share after the first has a calamine reader of its own, as one reader
    parses one sheet at a time."""
    from .findings import InputError
    try:
        reader = book.reopened() if own_reader else None
    except Exception:  # not had again: the command parses these sheets itself
        return
    for name in names:
        try:
            book.grid(name, reader)
        except InputError:  # a damaged sheet: the command reads it again and says so
            pass


def take(path: Path, profile):
    """The workbook read ahead for `path` under the limits of `profile`, once; None when there is none."""
    if not _books:
        return None
    key = Path(path).resolve()
    entry = _books.pop(key, None)
    if entry is None:
        return None
    from .io.guard import limits_of
    stamp, limits_read, book = entry
    settle()
    if limits_read != limits_of(profile) or stamp != _stamp(key):
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

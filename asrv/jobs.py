"""Reading the files of a batch in parallel processes, with the results a serial run gives.

`outcomes(read, paths, jobs)` yields, in the order of `paths`, each file's outcome: ("ok", data),
("input", findings) for an InputError, or ("fault", exception) for anything else. `read` must be
picklable (a module-level function or a functools.partial of one); when it is not, or for one
job or one file, the files are read here, one after the other. A worker only reads: it returns
what it read, and the findings, counts and outputs are all made in the main process as before.
`forked_map(fn, items, jobs)` is the same for work on what is already in hand (a score run's
schools): fn and the items go with the fork, and only the results come back.
"""
from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Callable, Iterator

from .findings import InputError


def default_jobs() -> int:
    """Processes for a batch when none is asked for: the processors this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """fork starts a worker in milliseconds with everything imported and in hand; it is safe only
    while this process runs no other thread (a terminal's progress bar draws from one). A workbook
    still being read ahead (asrv.ahead) is waited for: that thread ends by itself, soon."""
    from .ahead import settle
    settle()
    return sys.platform == "linux" and threading.active_count() == 1


def outcome(read: Callable, path, raise_unexpected: bool = False) -> tuple[str, object]:
    try:
        return "ok", read(path)
    except InputError as exc:  # carried as its findings: the exception itself does not pickle
        return "input", exc.findings
    except Exception as exc:  # a fault in one file must not stop a district's batch
        if raise_unexpected:
            raise
        return "fault", exc


def outcomes(read: Callable, paths: list, jobs: int = 1, raise_unexpected: bool = False,
             meanwhile: Callable[[], None] | None = None) -> Iterator[tuple]:
    """`meanwhile` is work for this process while its workers read, done in a thread once they have
    forked. The thread is joined, and the workers' pool shut down, when the outcomes are used up:
    a later fork must find no other thread, so a caller takes every outcome (zip(..., strict=True)).
    With no workers the work is left for whoever needs it."""
    workers = min(jobs, len(paths))
    if workers <= 1 or not _picklable(read):
        for path in paths:
            yield outcome(read, path, raise_unexpected)
        return
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        got = pool.map(outcome, [read] * len(paths), paths, [raise_unexpected] * len(paths))
        aside = _aside(meanwhile)
        try:
            yield from got
        finally:
            if aside is not None:
                aside.join()


def _aside(work: Callable[[], None] | None) -> threading.Thread | None:
    if work is None:
        return None

    def quietly() -> None:
        try:
            work()
        except Exception:  # only a head start: whoever needs the work does it again and sees why
            pass
    thread = threading.Thread(target=quietly, name="asrv-meanwhile", daemon=True)
    thread.start()
    return thread


def _picklable(read: Callable) -> bool:
    try:
        pickle.dumps(read)
    except Exception:
        return False
    return True


def forked_map(fn: Callable, items: list, jobs: int) -> Iterator:
    """fn(item) of each item, in order. In `jobs` forked processes when a fork is safe: they inherit
    fn and the items with the fork (neither is pickled; only each result comes back), so fn may
    close over a whole district's data. Here, one after the other, otherwise. An InputError or a
    fault in a process is raised here, as a serial run would raise it."""
    workers = min(jobs, len(items))
    if workers <= 1 or not can_fork():
        yield from map(fn, items)
        return
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_inherit, initargs=(fn, items)) as pool:
        for kind, value in pool.map(_inherited, range(len(items))):
            if kind == "input":
                raise InputError(value)
            yield value


_INHERITED: tuple = ()  # in a process of forked_map: (fn, items), set by its initializer


def _inherit(fn: Callable, items: list) -> None:
    global _INHERITED
    _INHERITED = (fn, items)


def _inherited(i: int) -> tuple[str, object]:
    fn, items = _INHERITED
    return outcome(fn, items[i], raise_unexpected=True)

"""Reading the files of a batch in parallel processes, with the results a serial run gives.

`outcomes(read, paths, jobs)` yields, in the order of `paths`, each file's outcome: ("ok", data),
("input", findings) for an InputError, or ("fault", exception) for anything else. `read` must be
picklable (a module-level function or a functools.partial of one); when it is not, or for one
job or one file, the files are read here, one after the other. A worker only reads: it returns
what it read, and the findings, counts and outputs are all made in the main process as before.
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
    while this process runs no other thread (a terminal's progress bar draws from one)."""
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


def outcomes(read: Callable, paths: list, jobs: int = 1, raise_unexpected: bool = False) -> Iterator[tuple]:
    workers = min(jobs, len(paths))
    if workers <= 1 or not _picklable(read):
        for path in paths:
            yield outcome(read, path, raise_unexpected)
        return
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    context = multiprocessing.get_context("fork" if can_fork() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(outcome, [read] * len(paths), paths, [raise_unexpected] * len(paths))


def _picklable(read: Callable) -> bool:
    try:
        pickle.dumps(read)
    except Exception:
        return False
    return True

"""A district's Word notices rendered in processes beside this one: docxtpl takes some 35 ms a
notice, and a run over 100 schools publishes 200 of them, while this process writes the other
formats. Forked, so a worker starts at once with the notices in hand; the bytes are the ones a
render here gives, and they are written here, in order, through the run's Outputs."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

FEW = 8  # notices below this are rendered here: a pool costs more than it saves,
LONG = 300  # unless their lists run this many rows (one school's 录取通知 of 1,500 children: 0.2 s)


@contextmanager
def docx_made(notices: list, jobs: int) -> Iterator[list[Callable[[], bytes] | None]]:
    """Per notice, a call that returns its .docx bytes (waiting for its worker), or None where it
    is to be rendered here: one process asked for, few and short notices, or a fork not safe (a
    thread runs, such as a terminal's progress bar)."""
    from ..jobs import can_fork
    rows = sum(len(s.table.rows) for n in notices for s in n.sections if s.table is not None)
    if jobs <= 1 or not notices or len(notices) < FEW and rows < LONG or not can_fork():
        yield [None] * len(notices)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .render import docx_bytes
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(notices)), mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(docx_bytes, n) for n in notices]
        yield [f.result for f in futures]
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)

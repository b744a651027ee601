"""Outputs written in forked processes beside this one: a district's fitness workbook, and shares of
its thousands of class reports, each take seconds of their own, most of it the file system's.
Forked, so a child starts at once with the result in hand and writes into the run's temporary
folder (asrv.out.atomic.Outputs.claim); this process still moves the set into place."""
from __future__ import annotations

import multiprocessing
import traceback
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from .atomic import write_failed


def can_fork(jobs: int | None) -> bool:
    """`--jobs 1` asks for one process; a fork must also be safe (asrv.jobs.can_fork)."""
    from ..jobs import can_fork as safe
    return (jobs or 1) > 1 and safe()


@contextmanager
def beside(out_dir: Path, processes: int) -> Iterator[Callable[..., None]]:
    """`run(name, job)` starts the job in a forked process when `processes` > 1, else runs it here at
    once; `run(name, job, here=True)` runs it here either way. The block ends when every forked job
    has. A failed write is the OutputError naming its output: `name`, or for a job writing many
    (name None) the output it set as the OSError's filename."""
    children: list[Forked] = []

    def run(name: str | None, job: Callable[[], object], here: bool = False) -> None:
        if processes > 1 and not here:
            children.append(Forked(out_dir, name).start(job))
            return
        try:
            job()
        except OSError as exc:
            raise write_failed(out_dir, name or exc.filename, exc) from None
    try:
        yield run
        for child in children:
            child.wait()
    except BaseException:
        for child in children:
            child.stop()
        raise


# A run's school workbooks from which a forked process writes half of them (score, survey):
# fewer cost less here than a fork.
FORK_BOOKS = 8


@contextmanager
def sharing(out_dir: Path, claimed: list[tuple[str, Path, Callable[[Path], object]]], jobs: int | None,
            first: int) -> Iterator[list]:
    """Outputs claimed in order (as write_each takes them), shared: a forked process writes the
    `first` of them when more than one process is allowed, while the block writes what it is given
    (all of them otherwise). The block ends when the forked process has."""
    share = first if first and can_fork(jobs) else 0
    with beside(out_dir, 2 if share else 1) as run:
        run(None, partial(write_each, claimed[:share]))  # forked before the block starts any thread
        yield claimed[share:]


def write_each(claimed: list[tuple[str, Path, Callable[[Path], object]]]) -> None:
    """Each (output name, its claimed temporary path, a writer of it): writer(path). A failed write
    names its output (as the OSError's filename), for beside() to report."""
    for name, tmp, writer in claimed:
        with naming(name):
            writer(tmp)


def first_half(sizes: list[int]) -> int:
    """How many of the first outputs (of two or more) hold about half of `sizes`: the share a forked
    process writes. One at least, never all."""
    total, seen = sum(sizes), 0
    for i, n in enumerate(sizes[:-1], 1):
        seen += n
        if 2 * seen >= total:
            return i
    return len(sizes) - 1


@contextmanager
def naming(name: str) -> Iterator[None]:
    """An OSError in the block names output `name` (as its filename): a job writing many outputs
    says which one failed, for beside() to report."""
    try:
        yield
    except OSError as exc:  # rebuilt plainly, with the output's name
        raise OSError(exc.errno, exc.strerror, name) from None


class Forked:
    """`job()` run in a forked process; `wait()` returns when it is done and raises as the job
    would have raised here (a disk full: OutputError; a fault: RuntimeError with its trace)."""

    def __init__(self, out_dir: Path, name: str | None = None):
        self._out_dir, self._name = out_dir, name
        self._proc = self._recv = None

    def start(self, job: Callable[[], object]) -> "Forked":
        context = multiprocessing.get_context("fork")
        self._recv, send = context.Pipe(duplex=False)
        self._proc = context.Process(target=_run, args=(job, send), daemon=True)
        self._proc.start()
        send.close()
        return self

    def wait(self) -> None:
        if self._proc is None:
            return
        try:
            kind, detail = self._recv.recv()
        except EOFError:
            kind, detail = "fault", f"exit code {self._proc.exitcode}"
        finally:
            self._proc.join()
            self._recv.close()
            self._proc = None
        if kind == "oserror":
            raise write_failed(self._out_dir, self._name or detail.filename, detail)
        if kind == "fault":
            raise RuntimeError(f"writing {self._name or 'outputs'} failed in its process:\n{detail}")

    def stop(self) -> None:
        """After a failure here: the child must not go on writing into a folder being removed."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc = None


def _run(job: Callable[[], object], send) -> None:
    try:
        job()
        send.send(("ok", None))
    except OSError as exc:  # rebuilt plainly: a subclass with more arguments may not pickle
        send.send(("oserror", OSError(exc.errno, exc.strerror, exc.filename)))
    except BaseException:  # noqa: BLE001 - whatever it was is raised in the parent
        send.send(("fault", traceback.format_exc()))
    finally:
        send.close()

"""One output written in a second process while this one writes the others: a district's workbook
and its thousands of class reports take about as long each, and the reports need this process's
templates and folder bookkeeping. Forked, so the child starts at once with the result in hand."""
from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path
from typing import Callable

from ..out.atomic import _why, output_error


def can_fork(jobs: int) -> bool:
    """`--jobs 1` asks for one process; a fork must also be safe (asrv.jobs.can_fork)."""
    from ..jobs import can_fork as safe
    return jobs > 1 and safe()


class Aside:
    """`writer(path)` run in a forked process; `wait()` returns when it is done and raises as the
    writer would have raised here (a disk full: OutputError; a fault: RuntimeError with its trace)."""

    def __init__(self, writer: Callable[[Path], None], out_dir: Path, name: str):
        self._writer, self._out_dir, self._name = writer, out_dir, name
        self._proc = self._recv = None

    def __call__(self, path: Path) -> None:
        # The file is there before the child writes it, so Outputs can set its mode now.
        path.touch()
        context = multiprocessing.get_context("fork")
        self._recv, send = context.Pipe(duplex=False)
        self._proc = context.Process(target=_run, args=(self._writer, path, send), daemon=True)
        self._proc.start()
        send.close()

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
            raise output_error(self._out_dir, f"写入「{self._name}」失败：{_why(detail)}")
        if kind == "fault":
            raise RuntimeError(f"writing {self._name} failed in its process:\n{detail}")

    def stop(self) -> None:
        """After a failure here: the child must not go on writing into a folder being removed."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc = None


def _run(writer: Callable[[Path], None], path: Path, send) -> None:
    try:
        writer(path)
        send.send(("ok", None))
    except OSError as exc:
        send.send(("oserror", OSError(exc.errno, exc.strerror)))
    except BaseException:  # noqa: BLE001 - whatever it was is raised in the parent
        send.send(("fault", traceback.format_exc()))
    finally:
        send.close()

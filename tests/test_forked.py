"""Outputs written in forked processes (the fitness workbook, shares of the class reports): the
same files, and their failures raised in the parent as a write here raises them."""
from __future__ import annotations

import errno
from functools import partial

import pytest

from asrv.out.atomic import OutputError
from asrv.out.forked import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(2), reason="needs fork and no other thread")


def test_writes_the_file_and_waits(tmp_path):
    Forked(tmp_path, "x.txt").start(partial((tmp_path / "x.txt").write_text, "ok")).wait()
    assert (tmp_path / "x.txt").read_text() == "ok"


def full(name=None):
    raise OSError(errno.ENOSPC, "No space left on device", name)


def test_a_disk_error_is_an_output_error_naming_the_output(tmp_path):
    with pytest.raises(OutputError) as info:
        Forked(tmp_path, "体测成绩.xlsx").start(full).wait()
    assert "「体测成绩.xlsx」" in info.value.findings[0].message and "磁盘已满" in info.value.findings[0].message
    # A job writing many outputs names the one that failed.
    with pytest.raises(OutputError) as info:
        Forked(tmp_path).start(partial(full, "东城小学/体测_一(1)班.html")).wait()
    assert "「东城小学/体测_一(1)班.html」" in info.value.findings[0].message


def test_a_fault_is_raised_with_its_trace(tmp_path):
    def broken():
        raise ValueError("boom")
    with pytest.raises(RuntimeError, match="boom"):
        Forked(tmp_path, "x.xlsx").start(broken).wait()


def test_stop_ends_the_child(tmp_path):
    import time
    child = Forked(tmp_path, "x").start(partial(time.sleep, 30))
    t0 = time.monotonic()
    child.stop()
    assert time.monotonic() - t0 < 10
    child.wait()  # nothing left to wait for


def test_one_job_writes_here():
    assert not can_fork(1) and not can_fork(None)


@pytest.mark.parametrize("processes", [1, 2])
def test_beside_runs_every_job_and_names_the_output_that_failed(tmp_path, processes):
    from asrv.out.forked import beside
    with beside(tmp_path, processes) as run:
        run("a.txt", partial((tmp_path / "a.txt").write_text, "a"))
        run("b.txt", partial((tmp_path / "b.txt").write_text, "b"), here=True)
    assert (tmp_path / "a.txt").read_text() + (tmp_path / "b.txt").read_text() == "ab"
    with pytest.raises(OutputError) as info:
        with beside(tmp_path, processes) as run:
            run(None, partial(full, "东城小学/体测_一(1)班.html"))
    assert "「东城小学/体测_一(1)班.html」" in info.value.findings[0].message

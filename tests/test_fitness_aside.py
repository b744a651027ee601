"""The fitness workbook written in a forked process beside the class reports: the same files, and
its failures raised in the parent as a serial write raises them."""
from __future__ import annotations

import errno

import pytest

from asrv.fitness.aside import Aside, can_fork
from asrv.out.atomic import OutputError

pytestmark = pytest.mark.skipif(not can_fork(2), reason="needs fork and no other thread")


def test_writes_the_file_and_waits(tmp_path):
    aside = Aside(lambda p: p.write_text("ok"), tmp_path, "x.txt")
    aside(tmp_path / "x.txt")
    aside.wait()
    assert (tmp_path / "x.txt").read_text() == "ok"


def test_a_disk_error_is_an_output_error(tmp_path):
    def full(p):
        raise OSError(errno.ENOSPC, "No space left on device")
    aside = Aside(full, tmp_path, "体测成绩.xlsx")
    aside(tmp_path / "x.xlsx")
    with pytest.raises(OutputError) as info:
        aside.wait()
    assert "磁盘已满" in info.value.findings[0].message


def test_a_fault_is_raised_with_its_trace(tmp_path):
    def broken(p):
        raise ValueError("boom")
    aside = Aside(broken, tmp_path, "x.xlsx")
    aside(tmp_path / "x.xlsx")
    with pytest.raises(RuntimeError, match="boom"):
        aside.wait()


def test_one_job_writes_here():
    assert not can_fork(1)

"""A lone workbook read while the command's modules load (asrv.ahead): used only as the command
would have read it itself, never stale, never in the way of a fork."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from asrv import ahead
from asrv.cli.main import app
from asrv.findings import InputError
from asrv.io import open_workbook
from asrv.jobs import can_fork
from asrv.profile import load_profile

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture(autouse=True)
def _nothing_left():
    yield
    ahead.settle()
    ahead.drop()


def _sheet(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _grids(book) -> dict:
    return {name: book.grid(name) for name in book.sheet_names}


@pytest.mark.parametrize("processors", [1, 2, 3])
def test_a_workbook_read_ahead_is_the_one_opened_with_every_sheet_parsed(tmp_path, processors):
    path = shutil.copy(SAMPLE / "attendance.xlsx", tmp_path / "考勤.xlsx")
    ahead.read_ahead([str(path)], "default", processors)
    assert len(ahead._threads) == min(processors, 5)
    book = open_workbook(path, load_profile("default"))
    assert set(book._grids) == set(book.sheet_names)  # parsed before anything asked for a sheet
    assert _grids(book) == _grids(open_workbook(path, load_profile("default")))
    assert open_workbook(path, load_profile("default")) is not book  # taken once


def test_a_file_changed_after_it_was_read_ahead_is_read_again(tmp_path):
    path = _sheet(tmp_path / "名单.xlsx", [["姓名"], ["张三"]])
    ahead.read_ahead([str(path)], "default")
    ahead.settle()
    _sheet(path, [["姓名"], ["李四"], ["王五"]])
    os.utime(path, ns=(1, 1))
    assert open_workbook(path, load_profile("default")).grid("名单")[0] == [["姓名"], ["李四"], ["王五"]]


def test_a_workbook_read_ahead_under_other_limits_is_not_used(tmp_path):
    path = _sheet(tmp_path / "名单.xlsx", [["姓名"], ["张三"], ["李四"]])
    ahead.read_ahead([str(path)], "default")
    tight = load_profile("default")
    tight.data["limits"] = {**tight.data["limits"], "max_rows": 2}
    with pytest.raises(InputError) as got:
        open_workbook(path, tight)
    assert got.value.findings[0].rule == "READ-LIMIT"


def test_what_cannot_be_read_ahead_is_reported_by_the_command_as_before(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_text("<html>不是工作簿</html>", encoding="utf-8")
    ahead.read_ahead([str(path)], "default")
    with pytest.raises(InputError) as got:
        open_workbook(path, load_profile("default"))
    assert "不是 Excel 工作簿" in got.value.findings[0].message


def test_only_workbook_files_are_read_ahead_and_forking_waits_for_the_reading(tmp_path):
    ahead.read_ahead([str(tmp_path), str(tmp_path / "无此文件.xlsx"), str(SAMPLE / "catalog.xlsx")], "default")
    assert list(ahead._books) == [(SAMPLE / "catalog.xlsx").resolve()]
    assert can_fork() and threading.active_count() == 1


def test_a_command_given_one_workbook_reads_it_ahead_and_leaves_nothing_behind(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(ahead, "read_ahead", lambda paths, name, processors: started.append((list(paths), name)))
    runner = CliRunner()
    one = runner.invoke(app, ["check-meals", str(SAMPLE / "meals.xlsx"), "--out", str(tmp_path / "a"), "--json"])
    two = runner.invoke(app, ["check-meals", str(SAMPLE / "meals.xlsx"), str(SAMPLE / "meals.xlsx"),
                              "--out", str(tmp_path / "b"), "--json"])
    assert one.exit_code in (0, 1) and two.exit_code in (0, 1)
    assert started == [([str(SAMPLE / "meals.xlsx")], "default")]
    assert ahead._books == {}


def test_sheets_are_shared_between_readers_about_evenly(tmp_path, monkeypatch):
    book = open_workbook(SAMPLE / "attendance.xlsx")
    sizes = {name: book.scan.sheets[name].size for name in book.sheet_names}
    names = ahead._shares(book, 2)
    assert sorted(n for share in names for n in share) == sorted(book.sheet_names)
    assert all(share == sorted(share, key=book.sheet_names.index) for share in names)  # each in the book's order
    loads = [sum(sizes[n] for n in share) for share in names]
    assert abs(loads[0] - loads[1]) <= max(sizes.values()) and min(loads) > 0.3 * sum(loads)
    assert ahead._shares(book, 1) == [book.sheet_names]
    readers = []
    real = type(book).reopened
    monkeypatch.setattr(type(book), "reopened", lambda self: readers.append(self.path) or real(self))
    path = shutil.copy(SAMPLE / "attendance.xlsx", tmp_path / "考勤.xlsx")
    ahead.read_ahead([str(path)], "default", 2)
    ahead.settle()
    assert readers == [path.resolve()]  # the second share has a reader of its own, the first the book's


def test_a_failure_while_reading_ahead_never_stops_the_command(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("can't start new thread")
    monkeypatch.setattr(ahead, "_shares", broken)
    ahead.read_ahead([str(SAMPLE / "meals.xlsx")], "default", 2)
    assert ahead._books == {}
    got = CliRunner().invoke(app, ["check-meals", str(SAMPLE / "meals.xlsx"), "--out", str(tmp_path), "--json"])
    assert got.exit_code in (0, 1) and '"ok"' in got.stdout

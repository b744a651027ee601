"""--jobs: a batch read in several processes gives what a serial run gives — the same findings in
the same order, the same files used, and byte-identical outputs."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from asrv import fees, schedule, survey
from asrv.findings import InputError
from asrv.jobs import outcomes
from asrv.profile import load_profile

DISTRICT = Path(__file__).resolve().parents[1] / "sample_data" / "district"


def _batch(tmp_path: Path, pattern: str) -> list[str]:
    """Each school's workbook of one kind, plus a file that is not a workbook at all."""
    files = sorted(DISTRICT.glob(pattern))
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a workbook")
    return [*map(str, files), str(bad)]


CASES = {
    "schedule": (schedule, "*/课后服务安排.xlsx", {}),
    "fees": (fees, "*/*收费.xlsx", {"term": "2026秋", "date": dt.date(2026, 12, 28)}),
    "survey": (survey, "*/问卷数据.xlsx", {}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_parallel_batch_equals_serial(tmp_path, name):
    module, pattern, extra = CASES[name]
    files = _batch(tmp_path, pattern)
    profile = load_profile("default")
    runs = {}
    for jobs in (1, 2):
        result = module.run(files, profile, options=module.Options(jobs=jobs, **extra))
        out = tmp_path / f"out{jobs}"
        written = module.write(result, out)
        runs[jobs] = (result, out, sorted(p.relative_to(out) for p in written))
    (one, out1, names1), (two, out2, names2) = runs[1], runs[2]
    assert len(one.files) == len(files) and not all(f.used for f in one.files)  # the bad file is reported
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert [f.to_json() for f in two.files] == [f.to_json() for f in one.files]
    assert names2 == names1 and names1
    for name_ in names1:
        assert (out2 / name_).read_bytes() == (out1 / name_).read_bytes(), name_


def _fails(path):
    if "坏" in str(path):
        raise InputError([])
    if "错" in str(path):
        raise ValueError("内部")
    return str(path).upper()


def test_outcomes_keep_order_and_carry_failures():
    paths = ["a", "坏", "b", "错", "c"]
    serial = list(outcomes(_fails, paths, 1))
    parallel = list(outcomes(_fails, paths, 3))
    assert [k for k, _ in parallel] == ["ok", "input", "ok", "fault", "ok"]
    assert [(k, v if k != "fault" else type(v)) for k, v in parallel] == \
        [(k, v if k != "fault" else type(v)) for k, v in serial]


def test_work_meanwhile_is_done_while_workers_read_and_finished_before_the_last_outcome():
    import threading
    from asrv.jobs import can_fork
    done: list[str] = []

    def meanwhile():
        done.append(threading.current_thread().name)
        raise RuntimeError("a head start only: never the run's failure")
    got = list(outcomes(_fails, ["a", "b", "c"], 2, meanwhile=meanwhile))
    assert [v for _, v in got] == ["A", "B", "C"] and done == ["asrv-meanwhile"]
    assert threading.active_count() == 1 and can_fork()  # a later fork (the outputs' writers) still may
    serial: list[str] = []
    assert len(list(outcomes(_fails, ["a", "b"], 1, meanwhile=lambda: serial.append("x")))) == 2 and not serial


def test_outcomes_taken_to_the_end_leave_no_thread_behind():
    """A caller zips the outcomes with its paths: strict, so the generator is used up (the pool shut
    down, the work meanwhile joined) while the caller still holds it, before any later fork."""
    import threading
    from asrv.jobs import can_fork
    got = outcomes(_fails, ["a", "b", "c"], 2, meanwhile=lambda: None)
    pairs = list(zip(["a", "b", "c"], got, strict=True))
    assert [v for _, (_, v) in pairs] == ["A", "B", "C"]
    assert threading.active_count() == 1 and can_fork()


def test_a_reader_that_does_not_pickle_is_read_serially():
    assert list(outcomes(lambda p: p * 2, ["a", "b"], 4)) == [("ok", "aa"), ("ok", "bb")]


def test_schools_scored_and_written_beside_are_the_ones_done_here(tmp_path, monkeypatch):
    """score: with two processes the schools are scored in forked ones and a forked one writes half
    of the school workbooks; the findings are the same, in the same order, and every output is the
    same bytes as with one process."""
    import bench_score

    from asrv import score
    from asrv.score import outputs
    import importlib
    import os
    scoring = importlib.import_module("asrv.score.run")
    monkeypatch.setattr(outputs, "FORK_BOOKS", 2)
    monkeypatch.setattr(scoring, "FORK_SCHOOLS", 2)
    pids = []
    real = scoring.forked_map

    def recorded(fn, items, jobs):  # each school's process id beside its score (a fork inherits the lambda)
        for pid, value in real(lambda book: (os.getpid(), fn(book)), items, jobs):
            pids.append(pid)
            yield value
    monkeypatch.setattr(scoring, "forked_map", recorded)
    files = [str(bench_score.big_book(tmp_path / f"第{no}小学.xlsx", 6, seed=no)) for no in range(1, 6)]
    profile = load_profile("default")
    runs = {}
    for jobs in (1, 2):
        result = score.run(files, profile, options=score.Options(jobs=jobs, year="2025-2026", date=dt.date(2026, 6, 22)))
        out = tmp_path / f"out{jobs}"
        written = score.write(result, out)
        runs[jobs] = (out, [p.relative_to(out) for p in written], [f.to_json() for f in result.findings])
    (out1, names1, found1), (out2, names2, found2) = runs[1], runs[2]
    assert found1 == found2 and found1
    assert len(pids) == 10 and set(pids[:5]) == {os.getpid()} and os.getpid() not in pids[5:]  # jobs 1, then 2
    assert names1 == names2 and sum(str(n).endswith("_评分结果.xlsx") for n in names1) == 5
    for name in names1:
        assert (out2 / name).read_bytes() == (out1 / name).read_bytes(), name
    assert sorted(p.name for p in out2.iterdir() if not p.name.startswith(".")) == sorted(str(n) for n in names2)


def test_enrolment_workbooks_written_beside_are_the_ones_written_here(tmp_path, monkeypatch):
    """enroll: with two processes a forked one writes the first workbooks (about half the cells) and
    the Word notice renders beside; every output is the same bytes as with one process."""
    import os

    from asrv import enroll
    from asrv.enroll import outputs
    samples = Path(__file__).resolve().parents[1] / "sample_data"
    monkeypatch.setattr(outputs, "FORK_CELLS", 1)
    log = tmp_path / "pids"
    _log_writes(monkeypatch, outputs, log)
    result = enroll.run([str(samples / "survey.xlsx")], load_profile("default"), options=enroll.Options(
        catalog=[str(samples / "catalog.xlsx")], seed=20260901, school="示例市实验小学", date=dt.date(2026, 9, 1)))
    names, calls = _one_and_two_processes(enroll.write, result, tmp_path, log)
    here = os.getpid()
    assert calls[:2] == [(here, 0), (here, 3)]  # one process: none forked, all three here
    forked = [n for pid, n in calls[2:] if pid != here]
    assert len(calls) == 4 and forked and forked[0] >= 1 and sum(n for _, n in calls[2:]) == 3
    assert sum(str(n).endswith(".xlsx") for n in names) == 3


def _one_and_two_processes(write, result, tmp_path: Path, log: Path) -> tuple[list[Path], list[tuple[int, int]]]:
    """`write(result, …)` with one process, then two: the outputs' names (the same, in the same
    order, each of the same bytes: asserted here) and each write_each call logged (process id, outputs)."""
    runs = {}
    for jobs in (1, 2):
        result.options.jobs = jobs
        out = tmp_path / f"out{jobs}"
        runs[jobs] = (out, [p.relative_to(out) for p in write(result, out)])
    (out1, names1), (out2, names2) = runs[1], runs[2]
    assert names1 == names2
    for name in names1:
        assert (out2 / name).read_bytes() == (out1 / name).read_bytes(), name
    return names1, [tuple(map(int, line.split())) for line in log.read_text().splitlines()]


def _log_writes(monkeypatch, outputs, log: Path) -> None:
    """write_each logged where the command calls it and where asrv.out.forked.sharing does."""
    from asrv.out import forked
    monkeypatch.setattr(outputs, "write_each", _logged(outputs.write_each, log))
    monkeypatch.setattr(forked, "write_each", _logged(forked.write_each, log))


def _logged(write_each, log: Path):
    """write_each that first notes its process id and how many outputs it was given: a forked
    process's id reaches the test only through a file."""
    import os

    def logged(claimed):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} {len(claimed)}\n")
        write_each(claimed)
    return logged


def test_survey_outputs_written_beside_are_the_ones_written_here(tmp_path, monkeypatch):
    """survey: with two processes a forked one writes the first half of the schools' workbooks and
    reports; every output is the same bytes as with one process."""
    import os

    from asrv import survey
    from asrv.survey import outputs
    from test_survey_batch import district
    folder = tmp_path / "调查表"
    district(folder)
    monkeypatch.setattr(outputs, "FORK_BOOKS", 2)
    log = tmp_path / "pids"
    _log_writes(monkeypatch, outputs, log)
    result = survey.run([str(folder)], load_profile("default"), options=survey.Options(date=dt.date(2026, 9, 1)))
    schools = len(result.per_school)
    names, calls = _one_and_two_processes(survey.write, result, tmp_path, log)
    here = os.getpid()
    assert schools >= 4 and calls[:2] == [(here, 0), (here, 2 * schools)]  # one process: every output here
    forked = [n for pid, n in calls[2:] if pid != here]
    assert len(calls) == 4 and forked == [schools // 2 * 2] and sum(n for _, n in calls[2:]) == 2 * schools
    assert len(names) == 2 * schools + 1


def test_fee_workbook_written_beside_the_notices_is_the_one_written_here(tmp_path, monkeypatch):
    """fees: with two processes a forked one writes the workbook while this one writes the notices
    (rendering the Word ones here too); every output is the same bytes as with one process."""
    import os

    from asrv import fees
    from asrv.fees import outputs
    monkeypatch.setattr(outputs, "FORK_STUDENTS", 1)
    log = tmp_path / "pids"
    real = outputs._workbook

    def logged(result, path):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()} 1\n")
        real(result, path)
    monkeypatch.setattr(outputs, "_workbook", logged)
    district = Path(__file__).resolve().parents[1] / "sample_data" / "district"
    result = fees.run(sorted(map(str, district.glob("*/*收费.xlsx"))), load_profile("default"),
                      options=fees.Options(term="2026秋", date=dt.date(2026, 12, 28)))
    names, calls = _one_and_two_processes(fees.write, result, tmp_path, log)
    here = os.getpid()
    assert len(calls) == 2 and calls[0] == (here, 1) and calls[1][0] != here
    assert str(names[0]).endswith(".xlsx") and sum(str(n).endswith(".docx") for n in names) >= 2

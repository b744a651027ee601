"""Word notices rendered in worker processes are the bytes a render in this process gives, written
in the same order; one process asked for, they are rendered here."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path

from asrv import fees
from asrv.notice import parallel
from asrv.profile import load_profile

DISTRICT = Path(__file__).resolve().parents[1] / "sample_data" / "district"


def _run(tmp_path: Path, jobs: int) -> tuple[Path, list[Path]]:
    files = sorted(map(str, DISTRICT.glob("*/*收费.xlsx")))
    result = fees.run(files, load_profile("default"),
                      options=fees.Options(jobs=jobs, term="2026秋", date=dt.date(2026, 12, 28)))
    out = tmp_path / f"out{jobs}"
    return out, fees.write(result, out)


def test_notices_rendered_in_processes_are_the_ones_rendered_here(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "FEW", 1)
    pooled = []
    real = parallel.docx_made

    @contextmanager
    def spy(notices, jobs):
        with real(notices, jobs) as made:
            pooled.append(sum(m is not None for m in made))  # notices given to a worker
            yield made
    monkeypatch.setattr(parallel, "docx_made", spy)
    out1, one = _run(tmp_path, 1)
    out2, two = _run(tmp_path, 2)
    assert pooled[0] == 0 and pooled[1] >= 2
    docx = [p.relative_to(out1) for p in one if p.suffix == ".docx"]
    assert len(docx) >= 2
    assert [p.relative_to(out2) for p in two] == [p.relative_to(out1) for p in one]  # same files, same order
    for name in [p.relative_to(out1) for p in one]:
        assert (out2 / name).read_bytes() == (out1 / name).read_bytes(), name


def _notice(rows: int):
    from asrv.notice.model import Channel, Notice, NoticeTable, Section
    day = dt.date(2026, 9, 1)
    table = NoticeTable(["序号", "姓名"], [[str(i), f"张*{i}"] for i in range(rows)])
    return Notice("录取通知", [], ["现将录取结果公示如下。"], [Section("名单", [], table)], day, day, 5,
                  Channel("教务处"), "示例学校", day)


def test_a_worker_is_used_only_where_it_pays():
    with parallel.docx_made([_notice(3)] * 3, 2) as made:
        assert made == [None] * 3  # fewer than FEW notices, and short
    with parallel.docx_made([_notice(3)] * 20, 1) as made:
        assert made == [None] * 20  # one process asked for
    long = _notice(parallel.LONG)
    with parallel.docx_made([long], 2) as made:  # one long list: rendered beside this process
        assert made[0] is not None
        from asrv.notice.render import docx_bytes
        assert made[0]() == docx_bytes(long)

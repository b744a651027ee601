"""Drafts and --strict for every command that writes notices: a run with error findings stamps its
notices 草稿 in every format and says so; with --strict and errors or warnings no notice is written
while the other outputs are."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.notice import DRAFT
from golden_files import FORMATS, notice_texts
from notice_runs import RUNS, notice_files, run
from score_helpers import award, classes, full_marks, write_book

NAMES = ("三(1)班", "三(2)班")


def book(tmp_path):
    # 三(2)班 has no fitness record: SCORE-FITNESS-MISSING, a warning by default, an error in `fitness_required`.
    return write_book(tmp_path / "classes.xlsx", {
        "班级": classes(*NAMES), "评分": full_marks(NAMES[0]) + full_marks(NAMES[1], building=15),
        "获奖": [award("三(1)班", "个人", "书法", "区级", "一等奖", student="张小明")],
        "体测": [["三(1)班", "王五", "良好"]],
    }, titles={"班级": "东城小学 2025—2026学年 班级名册"})


def fitness_required(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text('extends = "default"\n[rules]\nSCORE-FITNESS-MISSING = "error"\n', "utf-8")
    return str(f)


def score(tmp_path, *extra):
    return CliRunner().invoke(app, ["score", str(book(tmp_path)), "--date", "2026-06-22", "--out", str(tmp_path / "o"),
                                    *extra])


def test_a_run_with_errors_writes_drafts_stamped_in_every_format_and_says_so(tmp_path):
    r = score(tmp_path, "--format", "plain", "--profile", fitness_required(tmp_path))
    assert r.exit_code == 1 and "错误\tSCORE-FITNESS-MISSING" in r.stdout
    assert r.stderr.count(f"公示为{DRAFT}") == 1  # one Chinese line on the terminal
    texts = notice_texts(tmp_path / "o", "东城小学_公示")
    assert set(texts) == set(FORMATS)
    for fmt, text in texts.items():
        assert DRAFT in text.replace("\\", ""), fmt
    assert "（草稿）" in texts["html"].split("</title>")[0]  # the browser tab and the printed header too


def test_json_says_the_notices_are_drafts(tmp_path):
    data = json.loads(score(tmp_path, "--json", "--profile", fitness_required(tmp_path)).stdout)
    assert data["notices"]["state"] == "draft" and DRAFT in data["notices"]["note"]


def test_a_clean_run_is_not_a_draft(tmp_path):
    data = json.loads(score(tmp_path, "--json").stdout)  # the missing fitness record is only a warning
    assert data["exit_code"] == 0 and data["notices"] == {"state": "final", "note": ""}
    assert not any(DRAFT in t.replace("\\", "") for t in notice_texts(tmp_path / "o", "东城小学_公示").values())


@pytest.mark.parametrize("name", list(RUNS))
def test_strict_writes_no_notice_but_every_other_output(tmp_path, name):
    plain = run(name, tmp_path / "plain")
    assert notice_files(plain), "the sample run writes notices"
    strict = run(name, tmp_path / "strict", "--strict")
    assert strict["exit_code"] in (1, 2) and strict["notices"]["state"] == "withheld"
    assert "未写出公示" in strict["notices"]["note"]
    assert notice_files(strict) == []
    others = {p.split("/")[-1] for p in plain["written"]} - {p.name for p in notice_files(plain)}
    assert others and {p.split("/")[-1] for p in strict["written"]} == others
    files = {p.name for p in (tmp_path / "strict").rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert not any("公示" in f or "录取通知" in f for f in files)


def test_strict_is_said_on_the_terminal(tmp_path):
    r = CliRunner().invoke(app, [*RUNS["enroll"], "--strict", "--out", str(tmp_path / "o"), "--format", "plain"])
    assert r.exit_code == 1 and "使用了 --strict 且存在错误或提示，未写出公示（其他输出已写出）。" in r.stderr

"""The draw anyone can redo: SHA-256 of `种子|学校|学号`, smallest first; pinned, so a change of
library or platform can never change who got a place."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from asrv.enroll import Options, run
from asrv.enroll.lottery import RULE, draw, ticket
from asrv.profile import load_profile

# Computed once with `printf '%s' '2026|示例小学|301' | sha256sum`, and kept.
PINNED = {
    ("2026", "示例小学", "301"): "c2e50fa1a17d22223831cbe3c64e04f6b849a373233cbd0a37cc167966e04678",
    ("2026", "示例小学", "302"): "78eb1c3c1cfcfe117949f37a802f64794c57d58b636018775bbbd971233f3539",
    ("2026", "示例小学", "303"): "65dadc6b0b388451accc47540dfbab9b26330fd910c7748423c729ceaae68007",
    ("2026", "示例中学", "301"): "725c939b24b807f0ff1e64f2539ac6752a60dee44b7d4129cd9d75a9743ae107",
    ("0", "示例小学", "三(1)班/张三"): "134961b549261e1f1b7da104cfdcb34c4126d85e8b06c4269283398c771aa9b2",
}


def test_tickets_are_the_published_sha256():
    for (seed, school, student), digest in PINNED.items():
        assert ticket(int(seed), school, student) == digest


def test_draw_is_ascending_and_does_not_depend_on_the_order_given():
    assert draw(2026, "示例小学", ["301", "302", "303"]) == {"303": 1, "302": 2, "301": 3}
    assert draw(2026, "示例小学", ["303", "301", "302"]) == {"303": 1, "302": 2, "301": 3}


def _write(path: Path, header: list, rows: list) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def test_an_enrolment_follows_the_pinned_draw(tmp_path):
    survey = _write(tmp_path / "s.csv", ["学号", "姓名", "班级", "年级", "是否参加", "意向1"],
                    [[sid, f"学生{sid}", "1班", "三年级", "是", "机器人"] for sid in ("301", "302", "303")])
    catalog = _write(tmp_path / "c.csv", ["项目", "上限"], [["机器人", 1]])
    result = run([survey], load_profile(), options=Options(catalog=[str(catalog)], seed=2026, school="示例小学"))
    (school,) = result.per_school
    assert {p.id: p.lottery for p in school.students} == {"303": 1, "302": 2, "301": 3}
    assert [p.id for p in school.activities[0].roster] == ["303"]
    assert [p.id for p in school.activities[0].waiting] == ["302", "301"]


def test_the_rule_is_one_plain_sentence():
    assert RULE.count("。") == 1 and "SHA-256" in RULE and "种子" in RULE
    assert not re.search(r"numpy|PCG|算法", RULE)


def test_nothing_in_enroll_imports_numpy():
    root = Path(__file__).resolve().parents[1] / "asrv" / "enroll"
    for path in root.glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+numpy", path.read_text("utf-8"), re.M), path.name


def test_readme_python_example_for_survey_and_enroll_runs_as_written(tmp_path, monkeypatch, capsys):
    root = Path(__file__).resolve().parents[1]
    blocks = re.findall(r"```python\n(.*?)```", (root / "README.md").read_text("utf-8"), re.S)
    (example,) = [b for b in blocks if "enroll.Options(" in b]
    (tmp_path / "sample_data").symlink_to(root / "sample_data")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    printed = dict(line.split(" ", 1) for line in capsys.readouterr().out.splitlines())
    assert printed["调查"].startswith("0 ") and printed["录取"].startswith("0 ")
    assert (tmp_path / "asrv-out" / "录取" / "录取通知.html").exists()
    assert (tmp_path / "asrv-out" / "调查" / "调查报告.html").exists()

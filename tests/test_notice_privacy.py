"""Nothing private in a public notice (issue 11): every notice of every command run on sample_data/
(html, _微信.html, md, docx text) is scanned for the students' full names, their ID numbers, the
priority-group, hardship and disability words, internal clause labels and the draw's jargon."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from asrv.profile import load_profile
from asrv.survey.sheets import GROUP_NAMES, NO_GROUP
from golden_files import docx_text
from notice_runs import RUNS, SAMPLE, SEED, notice_files, run

ID_HEADERS = ("学号", "学籍号", "身份证")
GROUP_HEADERS = ("群体", "困难", "残疾")
ADULT_HEADERS = ("班主任", "接送人", "记录人", "交接教师", "教师")
STAFF_SHEETS = ("人员", "教师签到")
JARGON = ("PCG64", "numpy", "延迟接受")
# An ID number as a notice would show it: a whole run of letters and digits.
ID_RUN = re.compile(r"[0-9A-Za-z]+")
# The 收费公示 must state the exemption policy, which names the category (家庭经济困难学生) and the
# number exempted; that section names no child, and is the only place a category word may stand.
POLICY = re.compile(r"四、减免政策.*?公示期：", re.S)


def _header(rows: list[tuple]) -> int | None:
    def score(r):
        return sum(any(k in str(c) for k in ("姓名", "学生", *ID_HEADERS, *ADULT_HEADERS)) for c in r if c is not None)
    best = max(range(len(rows)), key=lambda i: score(rows[i]), default=None)
    return best if best is not None and score(rows[best]) else None


def inputs() -> tuple[set[str], set[str], set[str], set[str]]:
    """Every student's full name, every ID number, every group label and every adult's name (teachers,
    staff, who collect children) in the sample inputs: fresh sets, so a test may change its own."""
    return tuple(set(found) for found in _inputs())


@lru_cache(maxsize=1)
def _inputs() -> tuple[frozenset[str], ...]:
    # Read by calamine itself, not asrv's reader: the scan must not share what it checks. Four tests ask.
    names, adults, ids, labels, other = set(), set(), set(), set(), []
    for path in sorted(SAMPLE.rglob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for title in book.sheet_names:
            # A number is a float to calamine: a 学号 typed as a number is 2026100, not 2026100.0.
            rows = [tuple(int(v) if isinstance(v, float) and v.is_integer() else v for v in r)
                    for r in book.get_sheet_by_name(title).to_python(skip_empty_area=False)]
            h = _header(rows[:6])
            if h is None:
                continue
            for j, head in enumerate(str(c or "") for c in rows[h]):
                values = {str(r[j]).strip() for r in rows[h + 1:] if j < len(r) and r[j] not in (None, "")}
                if any(k in head for k in ADULT_HEADERS) or (title in STAFF_SHEETS and "姓名" in head):
                    adults |= values
                elif "姓名" in head or head == "学生":
                    names |= values
                elif any(k in head for k in ID_HEADERS):
                    ids |= values
                elif any(k in head for k in GROUP_HEADERS):
                    labels |= {v for x in values for v in re.split(r"[┋、,，;；|]", x)}
                else:
                    other += values
    labels = {v for v in labels if v and v not in NO_GROUP and v not in {"是", "否", "(跳过)", "（跳过）"}}
    labels |= set(GROUP_NAMES) | set(GROUP_NAMES.values()) | set(load_profile("default")["enroll.priority_order"])
    # A child who shares a teacher's name cannot be told apart in text: the teacher may be named. Nor can a
    # two-character name that is also a word the workbooks use elsewhere (a child called 周一, as in 周一至周五).
    words = "\n".join(other)
    names = {n for n in names - adults if len(n) > 2 or n not in words}
    return frozenset(names), frozenset(ids), frozenset(labels), frozenset(adults)


def without_adults(text: str, adults: set[str]) -> str:
    """The text with adults' names blanked, so a child's two-character name is not found inside a
    teacher's (李轩 in 李轩萱)."""
    pattern = re.compile("|".join(map(re.escape, sorted((a for a in adults if len(a) >= 2), key=len, reverse=True))))
    return pattern.sub("□", text)


@pytest.fixture(scope="module")
def notices(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("privacy")
    texts = {}
    for name in RUNS:
        for path in notice_files(run(name, out / name)):
            texts[f"{name}/{path.name}"] = docx_text(path) if path.suffix == ".docx" else path.read_text("utf-8")
    return texts


def test_every_command_and_format_is_scanned(notices):
    assert {k.split("/")[0] for k in notices} == set(RUNS)
    endings = {"_微信.html" if k.endswith("_微信.html") else Path(k).suffix for k in notices}
    assert endings == {".html", "_微信.html", ".md", ".docx"}
    assert len(notices) >= 4 * (1 + 2 + 2 * 11 + 1 + 1)


def test_inputs_hold_what_must_not_be_published():
    names, ids, labels, adults = inputs()
    # The scan is only worth something if it looks for many real values.
    assert len(names) > 1000 and len(ids) > 1000 and len(adults) > 20 and {"留守儿童", "残疾", "困难"} <= labels
    assert all(ID_RUN.fullmatch(i) for i in ids)  # else leaks() would not find them as whole runs


def leaks(text: str, names: set[str], ids: set[str], adults: set[str]) -> list[str]:
    """The students' full names and ID numbers a text shows (Markdown escapes removed)."""
    plain = without_adults(text.replace("\\", ""), adults)
    # Every substring of each name's length, looked up: the same as `name in plain` for each name.
    found = sorted(names & {plain[i:i + k] for k in {len(n) for n in names if len(n) >= 2}
                            for i in range(len(plain) - k + 1)})
    # An ID number shown is a whole run of letters and digits (every ID is one: see the inputs' test).
    return found + [run for run in ID_RUN.findall(plain) if run in ids]


def test_no_full_name_no_id_in_any_notice(notices):
    names, ids, _, adults = inputs()
    ids.discard(SEED)  # the published seed of the draw is no one's number in the notice
    for key, text in notices.items():
        found = leaks(text, names, ids, adults)
        assert not found, f"{key}: {found[:5]}"


def test_the_scan_finds_names_when_they_are_there(tmp_path):
    names, ids, _, adults = inputs()
    data = run("score", tmp_path / "plain", "--no-mask")  # internal use: full names
    texts = [p.read_text("utf-8") for p in notice_files(data) if p.suffix == ".md"]
    assert texts and len(leaks(texts[0], names, ids, adults)) >= 5


def test_no_group_hardship_or_disability_word(notices):
    _, _, labels, _ = inputs()
    for key, text in notices.items():
        outside = POLICY.sub("", text) if "收费公示" in key else text
        found = sorted(w for w in labels if w in outside)
        assert not found, f"{key}: {found}"
    policy = [POLICY.search(t).group(0) for k, t in notices.items() if "收费公示" in k]
    assert policy and all("*" not in p for p in policy)  # the exemption section names no child


def test_no_internal_label_and_no_jargon(notices):
    for key, text in notices.items():
        assert not re.search(r"篇\s*\d", text), key
        assert not any(j in text for j in JARGON), key


def test_internal_reports_tell_two_masked_students_apart(tmp_path):
    # Two children masked alike (张小明, 张大明), each answering twice: the survey report's list of
    # duplicate answers adds their 学号's last digits, as the per-class fitness reports do.
    from typer.testing import CliRunner

    from asrv.cli.main import app
    from asrv.out import SheetOut, write_workbook
    header = ["1、学生学号", "2、学生姓名", "3、年级", "4、班级", "5、是否参加课后服务", "6、意向活动"]
    rows = [["301", "张小明", "三年级", "1班", 1, "书法"], ["305", "张大明", "三年级", "1班", 1, "书法"]] * 2
    write_workbook(tmp_path / "s.xlsx", [SheetOut("Sheet1", header, rows)])
    r = CliRunner().invoke(app, ["survey", str(tmp_path / "s.xlsx"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "o" / "调查报告.html").read_text("utf-8")
    assert "张*明（…01）" in page and "张*明（…05）" in page and "张小明" not in page

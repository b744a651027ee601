"""The demo's outputs printed as a clerk prints them: every HTML page through headless Chromium and
every workbook through LibreOffice, to PDF; no text may fall outside the page, and each file stays
within its page bound for the sample data (issue 11). Skipped where the programs are absent."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asrv.cli.main import app
from print_helpers import SOFFICE, html_to_pdf, needs_chromium, needs_libreoffice, outside, pages

S = str(Path(__file__).resolve().parents[1] / "sample_data")
# `make demo`, one line per command (outputs in OUT/<folder>).
DEMO = {
    "体测": ["fitness", f"{S}/fitness.xlsx"],
    "评分": ["score", f"{S}/classes.xlsx", "--fitness", f"{S}/fitness.xlsx", "--quota", "5", "--date", "2026-06-22"],
    "安排检查": ["check-schedule", f"{S}/schedule.xlsx"],
    "收费": ["fees", f"{S}/fees.xlsx", "--term", "2026秋", "--schedule", f"{S}/schedule.xlsx", "--date", "2026-12-28"],
    "调查": ["survey", f"{S}/survey.xlsx", "--catalog", f"{S}/catalog.xlsx"],
    "录取": ["enroll", f"{S}/survey.xlsx", "--catalog", f"{S}/catalog.xlsx", "--seed", "20260901",
           "--school", "示例市实验小学"],
    "考勤": ["check-attendance", f"{S}/attendance.xlsx", "--schedule", f"{S}/schedule.xlsx",
           "--fees", f"{S}/attendance.xlsx"],
    "午餐": ["check-meals", f"{S}/meals.xlsx"],
    "区级考核": ["district", f"{S}/district", "--term", "2026秋", "--date", "2027-01-11"],
}
# Reports written once per class or per school: one of each kind is printed.
PER_PART = ("体测_", "反馈单_")
# Page bounds on the sample data (measured: the pages printed now, plus a little room), by the
# start of the file name; a page or workbook not listed here gets DEFAULT_PAGES.
HTML_PAGES = {"体测_": 2, "反馈单_": 3, "考核总览": 4, "考核结果公示": 3, "安排检查报告": 2, "录取通知": 20,
              # The WeChat fragments are for pasting, not printing: one list line a child, phone width.
              "录取通知_微信": 40, "示例市实验小学_公示_微信": 5,
              "收支公示": 3, "收费公示": 3, "示例市实验小学_公示": 3, "调查报告": 8}
BOOK_PAGES = {"体测成绩": 8, "考核结果": 9, "午餐汇总": 4, "安排检查结果": 5, "候补名单": 13, "活动名单": 32,
              "班级名单": 26, "收费汇总": 11, "学生出勤天数": 2, "考勤汇总": 6, "示例市实验小学_评分结果": 5,
              "调查汇总": 12}
DEFAULT_PAGES = 10


def bound(name: str, bounds: dict[str, int]) -> int:
    """The bound of the longest listed start of the name (录取通知_微信 before 录取通知)."""
    starts = [start for start in bounds if name.startswith(start)]
    return bounds[max(starts, key=len)] if starts else DEFAULT_PAGES


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    if not Path(S, "fitness.xlsx").exists():
        pytest.skip("sample_data not generated (make sample)")
    out = tmp_path_factory.mktemp("demo")
    for folder, args in DEMO.items():
        res = CliRunner().invoke(app, [*args, "--out", str(out / folder)])
        assert res.exit_code in (0, 1), (folder, res.output)
    return out


def printed_html(out: Path) -> list[Path]:
    seen, chosen = set(), []
    for page in sorted(out.rglob("*.html")):
        kind = next((p for p in PER_PART if page.name.startswith(p)), str(page))
        if kind not in seen:
            seen.add(kind)
            chosen.append(page)
    return chosen


@needs_chromium
def test_every_html_page_prints_on_a4_within_its_bound(demo, tmp_path):
    chosen = printed_html(demo)
    assert len(chosen) >= 11  # every command's pages and notices, whatever their names
    _within_bounds([(page.name, html_to_pdf(page, tmp_path / f"{i}.pdf"), bound(page.name, HTML_PAGES))
                    for i, page in enumerate(chosen)])


@needs_libreoffice
def test_every_workbook_converts_to_pdf_within_its_bound(demo, tmp_path):
    books = sorted(demo.rglob("*.xlsx"))
    assert len(books) >= 12
    # One LibreOffice call for all, under names that cannot collide.
    copies = []
    for i, book in enumerate(books):
        copies.append(tmp_path / f"b{i}.xlsx")
        shutil.copyfile(book, copies[-1])
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), *map(str, copies)], capture_output=True, timeout=600, check=True)
    for i, book in enumerate(books):
        assert (tmp_path / f"b{i}.pdf").exists(), f"LibreOffice did not convert {book.name}"
    _within_bounds([(book.name, tmp_path / f"b{i}.pdf", bound(book.stem, BOOK_PAGES)) for i, book in enumerate(books)])


def _within_bounds(printed: list[tuple[str, Path, int]]) -> None:
    """Every (name, pdf, bound): no text outside the page, no more pages than its bound."""
    too_long = {name: (pages(pdf), limit) for name, pdf, limit in printed if pages(pdf) > limit}
    cut = {name: words[:5] for name, pdf, _ in printed if (words := outside(pdf))}
    assert not cut, f"text outside the page: {cut}"
    assert not too_long, f"pages (printed, bound): {too_long}"


def test_a_file_gets_the_bound_of_its_name_or_the_default():
    assert bound("体测_三(2)班.html", HTML_PAGES) == 2
    assert bound("考核结果公示_微信.html", HTML_PAGES) == 3
    assert bound("新的公示.html", HTML_PAGES) == DEFAULT_PAGES
    assert bound("录取通知_微信.html", HTML_PAGES) == 40 and bound("录取通知.html", HTML_PAGES) == 20

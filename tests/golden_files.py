"""One helper for golden files: compare a rendered notice with tests/golden/<name>.

`ASRV_UPDATE_GOLDEN=1 make test` rewrites the files after a deliberate change; a test whose file it
rewrites is skipped as "updated", never passed, so an update cannot hide a difference, and it
is refused where `CI` is set.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(got: str, name: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ASRV_UPDATE_GOLDEN"):
        if os.environ.get("CI"):
            pytest.fail("ASRV_UPDATE_GOLDEN is refused under CI: golden files are updated by hand, then reviewed")
        old = path.read_text("utf-8") if path.exists() else None
        if old != got:
            path.write_text(got, "utf-8")
            pytest.skip(f"tests/golden/{name} updated; rerun (without ASRV_UPDATE_GOLDEN to check)")
    assert path.exists(), f"tests/golden/{name} is missing: create it with ASRV_UPDATE_GOLDEN=1"
    assert got == path.read_text("utf-8"), f"differs from tests/golden/{name}"


def docx_text(path: Path) -> str:
    """A Word document as its text, in document order: paragraphs, and table rows as cells joined by
    tabs (what a reader sees; the bytes hold zip and style details no reader sees)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    doc = Document(path)
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            lines += ["\t".join(c.text for c in row.cells) for row in Table(block, doc).rows]
    return "\n".join(lines) + "\n"


FORMATS = {"html": ".html", "docx": ".docx", "wechat": "_微信.html", "md": ".md"}


def notice_texts(folder: Path, stem: str) -> dict[str, str]:
    """The four files of one notice `<stem>.html/.docx/_微信.html/.md`, as text (docx by its text)."""
    return {fmt: docx_text(folder / (stem + suffix)) if fmt == "docx" else (folder / (stem + suffix)).read_text("utf-8")
            for fmt, suffix in FORMATS.items()}


def assert_notice_golden(folder: Path, stem: str, name: str) -> dict[str, str]:
    """Each format of one notice against tests/golden/<name>.html, .docx.txt, _微信.html, .md."""
    texts = notice_texts(folder, stem)
    for fmt, text in texts.items():
        assert_golden(text, name + {"docx": ".docx.txt"}.get(fmt, FORMATS[fmt]))
    return texts

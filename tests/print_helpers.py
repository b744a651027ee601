"""Printing outputs as a clerk would: HTML through headless Chromium, workbooks through LibreOffice,
both to PDF; then the page count and whether any text lies outside the page (pdftotext -bbox).

Tests that use these skip with the reason when Chromium, LibreOffice or poppler-utils is absent
(`.ci/run` installs them: chromium, libreoffice-calc, fonts-noto-cjk, poppler-utils)."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")

needs_chromium = pytest.mark.skipif(not (CHROMIUM and POPPLER),
                                    reason="Chromium and poppler-utils (pdfinfo, pdftotext) are not installed")
needs_libreoffice = pytest.mark.skipif(not (SOFFICE and POPPLER),
                                       reason="LibreOffice (libreoffice-calc) and poppler-utils are not installed")
# The flags a closed network needs: no background connections, no first-run, a fresh profile.
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-pdf-header-footer"]
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def html_to_pdf(html: Path, pdf: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
                       capture_output=True, timeout=120, check=True)
    return pdf


def workbook_to_pdf(book: Path, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                        "pdf", "--outdir", str(out_dir), str(book)], capture_output=True, timeout=240, check=True)
    return out_dir / (book.stem + ".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def outside(pdf: Path) -> list[str]:
    """Words whose box leaves the page (a table too wide for A4, a cut line)."""
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page in layout.split("<page ")[1:]:
        m = _PAGE.match("<page " + page)
        width, height = float(m.group(1)), float(m.group(2))
        for x0, y0, x1, y1, word in _WORD.findall(page):
            if float(x0) < 0 or float(y0) < 0 or float(x1) > width + 0.5 or float(y1) > height + 0.5:
                out.append(word)
    return out

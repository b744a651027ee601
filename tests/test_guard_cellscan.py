"""asrv.io.cellscan finds the cells guard._CELL finds: the same count, last row and last column, on
real sheets and on chunks built to trip it (odd references, tags run together, cut at either end)."""
from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from asrv.io import guard
from asrv.io.cellscan import plain_extent

PIECES = [b'<c r="A1">', b'<c r="B7" s="3"/>', b'<c r="B7" s="3"></c>', b'<c r="XFD1048576" t="s">', b'<v>1</v>',
          b'</c>', b'<c r="AB12"', b' t="e">', b'<c r="ABCD1">', b'<c r="A12345678">', b'<c r="a1">', b'<c r="A01">',
          b'<c r="A1"/>', b'<c r="C3" />', b'<row r="5">', b'</row>', b'<c  r="A1">', b'<c\tr="A2">', b'<c\nr="A3">',
          b'<c\rr="A4">', b'<c t="s" r="Q9">', b'<c r="Z9', b'">', b'/', b'>', b'<', b'"', b'c', b' ', b'r="', b'A',
          b'9', b'<c r="ZZZ9999999">', b'<c r="D4"><f>1</f>', b'<c r="E5" t="e"><v>#N/A</v></c>', b'x']


def regex(text: bytes):
    plain = text.count(b'<c r="') == text.count(b"<c ") and b"<c\t" not in text and b"<c\n" not in text
    cells = guard._CELL.findall(text) if plain else []
    if not cells:
        return plain, 0, 0, 0
    return (plain, len(cells), max(int(r) for _, r, _ in cells),
            max(guard.column_index(c.decode().upper()) for c, _, _ in cells) + 1)


@pytest.mark.parametrize("seed", range(40))
def test_random_chunks_match_the_regex(seed):
    rng = random.Random(seed)
    answered = 0
    for _ in range(300):
        text = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        text = text[rng.randint(0, 3):] if rng.random() < 0.3 else text
        got = plain_extent(text)
        if got is None:  # left to the regex: `<c` and another white space, or a tag past the window
            continue
        answered += 1
        want = regex(text)
        assert (got[0], got[1:] if got[0] else ()) == (want[0], want[1:] if want[0] else ()), text
    assert answered > 100


def test_real_sheets_match_the_regex():
    folder = Path("/tmp/asrv-bench/v1-100")
    files = sorted(folder.glob("*/*.xlsx"))[:5] + sorted(Path(__file__).parent.glob("golden/**/*.xlsx"))[:20]
    if not files:
        pytest.skip("no workbooks at hand")
    for path in files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    text = z.read(name)
                    assert plain_extent(text) == regex(text), (path, name)
                    for cut in (5000, 777):  # a tag cut at the end may be left to the regex
                        assert plain_extent(text[:cut]) in (None, regex(text[:cut])), (path, name, cut)


class _Counted:
    """A regex that counts its findall calls."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def findall(self, text):
        self.calls += 1
        return self.pattern.findall(text)


@pytest.mark.parametrize("chunk", [257, 997, 4096])
def test_a_sheet_scanned_in_blocks_has_its_whole_extent_without_the_regex(tmp_path, monkeypatch, chunk):
    rng = random.Random(chunk)
    rows = []
    for r in range(1, 400):
        style = [' s="3"' if rng.random() < 0.3 else "" for _ in range(9)]
        cells = "".join(f'<c r="{chr(65 + c)}{r}"{style[c]}><v>{rng.randint(0, 99)}</v></c>'
                        for c in range(rng.randint(1, 9)))
        rows.append(f'<row r="{r}">{cells}</row>')
    xml = f'<worksheet><sheetData>{"".join(rows)}</sheetData></worksheet>'.encode()
    with zipfile.ZipFile(tmp_path / "a.xlsx", "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)
    want = regex(xml)
    monkeypatch.setattr(guard, "CHUNK", chunk)
    counted = [_Counted(guard._CELL), _Counted(guard._CELL_ANY_ORDER)]
    monkeypatch.setattr(guard, "_CELL", counted[0])
    monkeypatch.setattr(guard, "_CELL_ANY_ORDER", counted[1])
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        s = guard._scan_sheet(z, "xl/worksheets/sheet1.xml")
    assert (s.rows, s.columns) == (want[2], want[3]) and want[2] > 390
    assert [c.calls for c in counted] == [0, 0]  # a tag cut between blocks is read whole in the next

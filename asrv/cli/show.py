"""Findings and files for people and for scripts.

On a terminal: rich tables. Piped, or with `--format plain`: one line per finding,
`级别<TAB>规则<TAB>学校<TAB>文件<TAB>工作表!单元格<TAB>说明`, never wrapped or cut; `--format csv`
the same columns as CSV; `--json` one JSON document. Text from workbooks is shown as text:
rich markup (`[/]`) is not interpreted, control characters (ESC, BEL) never reach the terminal.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import TYPE_CHECKING, Iterable

from ..findings import LEVEL_ZH

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


class _Lazy:
    """A rich Console made on first use: importing rich costs more than all of `asrv --help`."""

    def __init__(self, **options):
        self._options = options
        self._console = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console
            self._console = Console(**self._options)
        return getattr(self._console, name)


out = _Lazy(highlight=False, soft_wrap=True)
err = _Lazy(stderr=True, highlight=False, soft_wrap=True)
COLUMNS = ("级别", "规则", "学校", "文件", "位置", "说明")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029]")
_BREAKS = re.compile(r"[\t\r\n]+")


def safe(value: object) -> str:
    """One line of plain text: line breaks and tabs become spaces, other control characters go."""
    return _CONTROL.sub("", _BREAKS.sub(" ", "" if value is None else str(value)))


def text(value: object, style: str = "") -> Text:
    """A cell for a rich table: never read as markup."""
    from rich.text import Text
    return Text(safe(value), style=style)


def finding_row(f) -> list[str]:
    return [LEVEL_ZH.get(f.severity, f.severity), f.rule, f.school, f.file, f.where, f.message]


def plain_lines(findings: Iterable, limit: int | None = None) -> list[str]:
    rows = list(findings)
    rows = rows if limit is None else rows[:limit]
    return ["\t".join(safe(v) for v in finding_row(f)) for f in rows]


# More written files than this and a folder's files are counted, not named: a district's 9,600
# class reports would scroll everything else away, and rich takes seconds to print them.
LIST_WRITTEN = 20
FOLDER_NAMED = 3  # a folder of this many files or fewer still has them named


def written_lines(paths: Iterable) -> list[str]:
    """The 已写出 list: every file, or past LIST_WRITTEN the files of the output folder itself by
    name and each folder inside it as `<folder>/（96 个文件）`, in the order written."""
    import os
    paths = [str(p) for p in paths]
    if len(paths) <= LIST_WRITTEN:
        return [f"  {safe(p)}" for p in paths]
    try:
        top = os.path.commonpath([os.path.dirname(p) for p in paths])
    except ValueError:  # on two Windows drives: no folder holds them all
        top = ""
    folders: dict[str, list[str]] = {}
    for p in paths:
        folders.setdefault(os.path.dirname(p), []).append(p)
    lines = []
    for folder, files in folders.items():
        if folder == top or len(files) <= FOLDER_NAMED:
            lines += [f"  {safe(p)}" for p in files]
        else:
            lines.append(f"  {safe(folder)}{os.sep}（{len(files)} 个文件）")
    return lines


def write_raw(console: Console, text: str) -> None:
    """Text for scripts, as it is: rich would expand the tabs of plain lines into spaces."""
    console.file.write(text)
    console.file.flush()


def csv_text(findings: Iterable, limit: int | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    rows = list(findings)
    for f in rows if limit is None else rows[:limit]:
        w.writerow([safe(v) for v in finding_row(f)])
    return buf.getvalue()


def findings_table(findings: Iterable, title: str, console: Console, limit: int | None = 20) -> None:
    findings = list(findings)
    if not findings:
        return
    from rich.table import Table
    schools = any(f.school for f in findings)
    t = Table(title=title, title_justify="left")
    for col in COLUMNS:
        if col != "学校" or schools:
            t.add_column(col, overflow="fold", no_wrap=col in ("级别", "规则", "位置"))
    shown = findings if limit is None else findings[:limit]
    for f in shown:
        level = text(LEVEL_ZH.get(f.severity, f.severity), "red" if f.severity == "error" else "yellow")
        cells = [level, text(f.rule), *([text(f.school)] if schools else []), text(f.file), text(f.where),
                 text(f.message)]
        t.add_row(*cells)
    console.print(t)
    if len(shown) < len(findings):
        console.print(f"……另有 {len(findings) - len(shown)} 条，见输出工作簿的「问题」表（或用 --limit 0 全部列出）。")


def files_note(files: Iterable, console: Console) -> None:
    """The files that could not be used, named once more at the end."""
    bad = [f for f in files if not f.used]
    if bad:
        from rich.text import Text
        console.print(Text(f"未能使用的文件（{len(bad)} 个）：" + "、".join(safe(f.path) for f in bad), style="red"))


def print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")
    sys.stdout.flush()

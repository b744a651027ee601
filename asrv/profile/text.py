"""Profile files as people save them: UTF-8, UTF-8 with BOM (WPS, Notepad) or GBK ("ANSI");
TOML errors in Chinese with their line; the line of a key, so a wrong value is found at once."""
from __future__ import annotations

import re
import tomllib
from typing import Any

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_END = re.compile(r"\(at end of document\)")


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM dropped), else GBK as Windows Notepad saves "ANSI" on a Chinese system."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError("配置文件的编码无法识别（应为 UTF-8 或 GBK），请在记事本中另存为 UTF-8") from None


def parse(text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(syntax_message(str(exc), text)) from None


def syntax_message(english: str, text: str) -> str:
    m = _AT.search(english)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        shown = text.splitlines()[line - 1].strip() if line - 1 < len(text.splitlines()) else ""
        what = _what(english)
        return f"第 {line} 行第 {col} 列不是有效的 TOML{what}：{shown}"
    if _AT_END.search(english):
        return f"文件结尾不完整，不是有效的 TOML{_what(english)}"
    return "不是有效的 TOML"


def _what(english: str) -> str:
    low = english.lower()
    for key, zh in (("duplicate", "（设置项重复）"), ("cannot overwrite", "（设置项重复）"),
                    ("expected '='", "（应为 名称 = 值）"), ("unclosed", "（引号或括号没有闭合）"),
                    ("invalid value", "（值的写法有误：文字要加英文双引号）"), ("invalid statement", "（这一行无法识别）"),
                    ("illegal character", "（有不允许的字符）")):
        if key in low:
            return zh
    return ""


def line_of(text: str, path: tuple) -> int | None:
    """The line where `path` (('score', 'quota') or ('rules', 'SCH-END')) is set, when it can be seen."""
    if not path:
        return None
    table: tuple = ()
    target_table, key = tuple(str(p) for p in path[:-1]), str(path[-1])
    header_line = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.strip().startswith(("\"", "'")) else raw.strip()
        if not line:
            continue
        m = re.fullmatch(r"\[\[?\s*(.+?)\s*\]\]?", line)
        if m:
            table = tuple(_keys(m.group(1)))
            if table == tuple(str(p) for p in path):
                header_line = n
            continue
        k, eq, _ = line.partition("=")
        if eq and table + tuple(_keys(k.strip())) == target_table + (key,):
            return n
    return header_line


def _keys(dotted: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', dotted)]


def dump(data: dict[str, Any]) -> str:
    import tomli_w
    return tomli_w.dumps(data)

"""Names made from people's text (a school, a class) that are safe as file and folder names: no
path or reserved characters, no control characters, short enough for any file system, unique."""
from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
LIMIT = 60  # characters: a Chinese name is 3 bytes each, and paths add folders in front


def file_part(text: object, fallback: str = "未命名", limit: int = LIMIT) -> str:
    return _UNSAFE.sub("_", str(text or "")).strip("._ ")[:limit].strip("._ ") or fallback


class UniqueNames:
    """Hands out file names, adding _2, _3 … where two texts come out the same (ignoring case)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, text: object, fallback: str = "未命名") -> str:
        base = file_part(text, fallback)
        name, k = base, 2
        while name.lower() in self.taken:
            name, k = f"{base}_{k}", k + 1
        self.taken.add(name.lower())
        return name

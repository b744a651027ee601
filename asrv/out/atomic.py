"""All outputs of one run appear together or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


class Outputs:
    """Write each file to a temporary name beside its target; rename them all on success.

    A failed run (an exception anywhere before `commit`) leaves no file behind, whole or half.
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self._pending: list[tuple[Path, Path]] = []

    def write(self, name: str, writer: Callable[[Path], None]) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / name
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp",
                                   dir=self.directory)
        os.close(fd)
        tmp_path = Path(tmp)
        self._pending.append((tmp_path, target))
        writer(tmp_path)
        return target

    def write_text(self, name: str, text: str) -> Path:
        return self.write(name, lambda p: p.write_text(text, encoding="utf-8"))

    def commit(self) -> list[Path]:
        done = []
        for tmp, target in self._pending:
            os.replace(tmp, target)
            done.append(target)
        self._pending = []
        return done

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending = []

    def __enter__(self) -> "Outputs":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()

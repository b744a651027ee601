"""Progress for long runs: on a terminal, a bar on stderr (files done, time left); otherwise nothing.

The library reports through a callback of one string; a message with `i/n` (读取 3/30：x.xlsx)
moves the bar."""
from __future__ import annotations

import re
from typing import Callable

_COUNT = re.compile(r"(\d+)/(\d+)")


def progress_for(terminal: bool) -> Callable[[str], None]:
    if not terminal:
        return lambda message: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .show import err, safe
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=err, transient=True)
    task = None

    def report(message: str) -> None:
        nonlocal task
        m = _COUNT.search(message)
        if m is None:
            if task is None:
                err.print(safe(message), markup=False, style="dim")
            return
        done, total = int(m.group(1)), int(m.group(2))
        if task is None:
            bar.start()
            task = bar.add_task(safe(message), total=total)
        bar.update(task, completed=done, total=total, description=safe(message))
        if done >= total:
            bar.stop()
            task = None
    return report

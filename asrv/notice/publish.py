"""Whether a run's notices go out as they are, as drafts, or not at all, said once for every command.

A run with error findings publishes nothing a school could post by mistake: its notices are drafts,
stamped in every format. With --strict a run with errors (or warnings) writes no notice at all, while
its other outputs are still written, so the clerk can see what to correct.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .model import DRAFT

FINAL, DRAFTED, WITHHELD = "final", "draft", "withheld"
NOTES = {
    DRAFTED: f"公示为{DRAFT}：每种格式均已标明草稿，改正错误后重新运行再公示。",
    WITHHELD: "使用了 --strict 且存在错误或提示，未写出公示（其他输出已写出）。",
}


def state(result) -> str:
    """"" when the run built no notice; else final, draft or withheld."""
    if not result.notices:
        return ""
    if result.options.strict and (result.errors or result.warnings):
        return WITHHELD
    return DRAFTED if any(n.draft for _, n in result.notices) else FINAL


def note(result) -> str:
    """The one Chinese line the terminal shows about the notices; "" when there is nothing to say."""
    return NOTES.get(state(result), "")


def has_errors(result, school: str | None = None) -> bool:
    """Whether a notice must be a draft: an error of its school or of the whole run (`school` None:
    any error, for a notice of every school)."""
    if school is None:
        return bool(result.errors)
    return any(f.school in (school, "") for f in result.errors)


def add_findings(result, found: list) -> None:
    """The notice builders' findings (a missing phone, an unknown calendar year), each said once a school."""
    from ..findings import Finding
    seen = {(f.rule, f.school) for f in result.findings}
    for f in found:
        if (f.rule, f.school) not in seen and (f.rule, "") not in seen:
            seen.add((f.rule, f.school))
            result.findings.append(f)
    result.findings.sort(key=Finding.sort_key)


def notice_of(result, kind: str, *, school: str = "", **parts):
    """A notice of `result`, for `school` or ("") the whole run: a draft where errors stand, and
    what make_notice found missing (a phone, a calendar year) added to the run's findings."""
    from .model import make_notice
    notice, found = make_notice(result.profile, kind, school=school, draft=has_errors(result, school or None), **parts)
    add_findings(result, found)
    return notice


@contextmanager
def notices_rendering(result, busy: int = 0) -> Iterator[list]:
    """The run's Word notices set rendering in worker processes now (asrv.notice.parallel), so
    they are made while this process writes the workbooks; `write_notices(…, made=)` writes them.
    `busy`: processes of the run already writing beside this one, which the workers leave room for."""
    from ..jobs import default_jobs
    from .parallel import docx_made
    notices = [] if state(result) == WITHHELD else [n for _, n in result.notices]
    jobs = getattr(result.options, "jobs", 1) or default_jobs()
    with docx_made(notices, max(jobs - busy, 1)) as made:
        yield made


def write_notices(outputs, result, made: list | None = None) -> list[Path]:
    """Every notice of the run in every format, unless withheld; `made` from notices_rendering."""
    from .render import write_notice
    if state(result) == WITHHELD:
        return []
    if made is None:
        with notices_rendering(result) as made:
            return write_notices(outputs, result, made)
    return [p for (stem, n), got in zip(result.notices, made) for p in write_notice(outputs, stem, n, made=got)]

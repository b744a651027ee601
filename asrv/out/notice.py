"""Notices and reports rendered from templates/ with Jinja: HTML escaped, Markdown escaped."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .mask import Shown, mask_id, mask_name

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~^])")
_MD_LEADING = re.compile(r"^([-+=])")
_MD_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_MD_ORDERED = re.compile(r"^(\d+)\.(?=\s|$)")
# Any of the four above: most values (names, figures) have none, and need no substitution at all.
_MD_ANY = re.compile(r"[\\`*_{}\[\]<>|#~^\r\n\t\v\f\u2028\u2029]|^[-+=]|^\d+\.(?=\s|$)")


def md_escape(value: object) -> str:
    """A value as Markdown text: every markup character escaped (`- + =` and `1.` where they would
    start a list or a heading), line breaks made spaces (a newline in a class or school name must
    not break a table row)."""
    if value is None:
        return ""
    s = str(value)
    if not _MD_ANY.search(s):
        return s
    s = _MD_BREAKS.sub(" ", s)
    s = _MD_LEADING.sub(r"\\\1", _MD_SPECIAL.sub(r"\\\1", s))
    return _MD_ORDERED.sub(r"\1\\.", s)


def num(value: object, digits: int = 1) -> str:
    """A figure as a notice shows it: 110.14, 49 (no trailing zeros)."""
    if value is None or value == "":
        return ""
    x = float(value)
    if x.is_integer():
        return str(int(x))
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def templates_dir() -> Path:
    """The templates, found through the package asrv.templates (top-level templates/ in a checkout)."""
    from importlib import resources
    return Path(str(resources.files("asrv.templates")))


@lru_cache(maxsize=2)
def _env(markdown: bool):
    import jinja2
    from jinja2 import pass_context

    @pass_context
    def person(ctx, name):
        if isinstance(name, Shown):  # masked and told apart already (an internal report)
            return str(name)
        return mask_name(name) if ctx.get("mask", True) else ("" if name is None else str(name))

    @pass_context
    def idno(ctx, text):
        return mask_id(text) if ctx.get("mask", True) else ("" if text is None else str(text))

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=not markdown,
        finalize=md_escape if markdown else None,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # The templates do not change during a run: no stat of each one (and its includes) per
        # render, which 9,600 class reports of a district paid.
        auto_reload=False,
    )
    env.filters.update(person=person, idno=idno, num=num)
    return env


def render(template: str, **context) -> str:
    """Render `templates/<template>`; `.md.j2` names get Markdown escaping, others HTML escaping.

    Names pass through the `person` filter, masked unless `mask=False` is given.
    """
    context.setdefault("mask", True)
    return _env(template.endswith(".md.j2")).get_template(template).render(**context)

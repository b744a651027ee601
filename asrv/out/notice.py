"""Notices and reports rendered from templates/ with Jinja: HTML escaped, Markdown escaped."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .mask import mask_id, mask_name

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def md_escape(value: object) -> str:
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _num(value: object, digits: int = 1) -> str:
    if value is None or value == "":
        return ""
    x = float(value)
    if x.is_integer():
        return str(int(x))
    return f"{x:.{digits}f}".rstrip("0").rstrip(".")


def templates_dir() -> Path:
    """Installed: the folder asrv/templates. In a source checkout (editable install) the
    top-level templates/ folder, which setuptools' editable finder does not map."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "templates").is_dir():
        return root / "templates"
    # Installed, templates/ is the data-only package asrv/templates (no __init__, so not via importlib).
    return root / "asrv" / "templates"


@lru_cache(maxsize=2)
def _env(markdown: bool):
    import jinja2
    from jinja2 import pass_context

    @pass_context
    def person(ctx, name):
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
    )
    env.filters.update(person=person, idno=idno, num=_num)
    return env


def render(template: str, **context) -> str:
    """Render `templates/<template>`; `.md.j2` names get Markdown escaping, others HTML escaping.

    Names pass through the `person` filter, masked unless `mask=False` is given.
    """
    context.setdefault("mask", True)
    return _env(template.endswith(".md.j2")).get_template(template).render(**context)

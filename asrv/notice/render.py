"""One notice, every format a school publishes in: A4 HTML for print, a Word .docx a clerk can
edit (rendered from templates/notice.docx with docxtpl), a WeChat fragment that survives pasting
into the public-account editor, and Markdown."""
from __future__ import annotations

import re
from pathlib import Path

from ..out import render
from ..out.notice import templates_dir
from .model import DRAFT, Notice, cn_date

FORMATS = ("html", "docx", "wechat", "md")
SUFFIX = {"html": ".html", "docx": ".docx", "wechat": "_微信.html", "md": ".md"}
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def context(n: Notice) -> dict:
    return {"n": n, "draft": DRAFT, "date": cn_date(n.date)}


def html(n: Notice) -> str:
    return render("notice.html.j2", **context(n))


def markdown(n: Notice) -> str:
    return render("notice.md.j2", **context(n))


def wechat(n: Notice) -> str:
    return render("notice_wechat.html.j2", **context(n))


def docx(n: Notice, path: Path) -> None:
    from .docx_file import render_docx
    clean = _clean(n)
    render_docx(templates_dir() / "notice.docx", {"n": clean, "draft_text": DRAFT if clean.draft else "",
                "lines": clean.opening(), "channel": clean.channel.sentence(), "date": cn_date(clean.date)}, path)


def docx_bytes(n: Notice) -> bytes:
    import io
    buffer = io.BytesIO()
    docx(n, buffer)
    return buffer.getvalue()


def write_notice(outputs, stem: str, n: Notice, formats=FORMATS, made=None) -> list[Path]:
    """`<stem>.html`, `<stem>.docx`, `<stem>_微信.html`, `<stem>.md` through an Outputs set.
    `made()`, when given, returns the .docx bytes rendered elsewhere (asrv.notice.parallel)."""
    written = []
    for fmt in formats:
        name = stem + SUFFIX[fmt]
        if fmt == "docx" and made is not None:
            written.append(outputs.write(name, lambda p: p.write_bytes(made())))
        elif fmt == "docx":
            written.append(outputs.write(name, lambda p: docx(n, p)))
        else:
            written.append(outputs.write_text(name, {"html": html, "md": markdown, "wechat": wechat}[fmt](n)))
    return written


def _clean(n: Notice) -> Notice:
    """Word cannot hold control characters: they are dropped from every text of the notice."""
    import dataclasses

    def fix(v):
        if isinstance(v, str):
            return _XML_BAD.sub("", v)
        if isinstance(v, list):
            return [fix(x) for x in v]
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return dataclasses.replace(v, **{f.name: fix(getattr(v, f.name)) for f in dataclasses.fields(v)})
        return v
    return fix(n)

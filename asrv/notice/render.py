"""One notice, every format a school publishes in: A4 HTML for print, a Word .docx a clerk can
edit (rendered from templates/notice.docx with docxtpl), a WeChat fragment that survives pasting
into the public-account editor, and Markdown."""
from __future__ import annotations

import functools
import io
import re
import zipfile
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
    template, env = _docx_renderer()
    doc = template(str(templates_dir() / "notice.docx"))
    clean = _clean(n)
    doc.render({"n": clean, "draft_text": DRAFT if clean.draft else "", "lines": clean.opening(),
                "channel": clean.channel.sentence(), "date": cn_date(clean.date)}, jinja_env=env, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    _fixed_times(buf.getvalue(), path)


@functools.lru_cache(maxsize=1)
def _docx_renderer():
    """docxtpl cleans and compiles the template's XML again on every render; a district run renders
    the same template for each of 100 schools, so both are done once (a third of the notice's time)."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment
    patched: dict[str, str] = {}
    compiled: dict[str, object] = {}

    class Env(Environment):
        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            if source not in compiled:
                compiled[source] = super().from_string(source)
            return compiled[source]

    class Template(DocxTemplate):
        def patch_xml(self, src_xml):
            if src_xml not in patched:
                patched[src_xml] = super().patch_xml(src_xml)
            return patched[src_xml]

    return Template, Env(autoescape=True)


def write_notice(outputs, stem: str, n: Notice, formats=FORMATS) -> list[Path]:
    """`<stem>.html`, `<stem>.docx`, `<stem>_微信.html`, `<stem>.md` through an Outputs set."""
    written = []
    for fmt in formats:
        name = stem + SUFFIX[fmt]
        if fmt == "docx":
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


def _fixed_times(data: bytes, path: Path) -> None:
    """The same notice gives the same bytes: zip entries get a fixed time."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, src.read(info.filename))

"""The Word notice rendered from templates/notice.docx with docxtpl, at a district's pace.

docxtpl cleans and compiles the template's XML on every render, and the saved package was zipped
twice (once by python-docx, again for fixed entry times). A district run renders the one template
for each of 100 schools: the cleaned and compiled template is kept, and the package is zipped once,
with the fixed times, in python-docx's own order (the same bytes as before)."""
from __future__ import annotations

import functools
import zipfile
from pathlib import Path

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_LISTING = ("\t", "\a", "\n", "\f")  # what docxtpl's resolve_listing turns into Word breaks


def render_docx(template: Path, context: dict, path) -> None:
    """Into `path`, a file name or a binary file object."""
    cls, env = _renderer()
    doc = cls(str(template))
    doc.render(context, jinja_env=env, autoescape=True)
    _save(doc, path)


@functools.lru_cache(maxsize=1)
def _renderer():
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

        def resolve_listing(self, xml):
            # Without those characters every substitution gives back what it matched.
            return super().resolve_listing(xml) if any(c in xml for c in _LISTING) else xml

    return Template, Env(autoescape=True)


class _FixedZip:
    """python-docx's physical writer, with every entry at a fixed time: the same notice, the same bytes."""

    def __init__(self, out: zipfile.ZipFile):
        self.out = out

    def write(self, pack_uri, blob) -> None:
        fixed = zipfile.ZipInfo(pack_uri.membername, date_time=_FIXED_TIME)
        fixed.compress_type = zipfile.ZIP_DEFLATED
        fixed.external_attr = 0o644 << 16
        self.out.writestr(fixed, blob)


def _save(doc, path) -> None:
    """docxtpl's save (python-docx's OpcPackage.save) through _FixedZip; docxtpl's own save where
    it would replace pictures or media, which the notice never asks for."""
    from docx.opc.pkgwriter import PackageWriter
    if doc.pics_to_replace or doc.crc_to_new_media or doc.crc_to_new_embedded or doc.zipname_to_replace:
        raise ValueError("notice.docx: pictures and media are not replaced")
    package = doc.docx.part.package
    for part in package.parts:
        part.before_marshal()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        writer = _FixedZip(out)
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
    doc.is_saved = True

"""The Word notice rendered from templates/notice.docx with docxtpl, at a district's pace.

A district run renders the one template for each of 100 schools, and most of docxtpl's time went
into opening the package (styles.xml and stylesWithEffects.xml are 800 KB of XML, parsed every
time), serializing it again and compressing those parts into the zip. A render changes only the
body and the core properties (title, subject, ...): the template is opened once per process,
those two are put back before each render, and every other part is kept as the zip entry it
gives. The package is zipped once, with fixed times, in python-docx's own order: the same bytes
as opening, rendering and saving it afresh (tests/test_notice_docx.py holds them together)."""
from __future__ import annotations

import copy
import functools
import io
import zipfile
from pathlib import Path

_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_LISTING = ("\t", "\a", "\n", "\f")  # what docxtpl's resolve_listing turns into Word breaks


def render_docx(template: Path, context: dict, path) -> None:
    """Into `path`, a file name or a binary file object."""
    cls, env = _renderer()
    opened = _opened(str(template))
    doc = cls(str(template))
    doc.docx = opened.fresh()  # docxtpl opens the template itself only when it holds no document
    try:
        doc.render(context, jinja_env=env, autoescape=True)
        opened.check(doc)
    except BaseException:
        _opened.cache_clear()  # a render that failed half-way may have left the package changed
        raise
    opened.save(path)


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


@functools.lru_cache(maxsize=1)
def _opened(template: str) -> "_Opened":
    return _Opened(template)


class _Opened:
    """The template's package, opened once, with the zip entry of every part a render leaves alone."""

    def __init__(self, template: str):
        from docx import Document
        from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from docx.opc.pkgwriter import _ContentTypesItem
        self.document = Document(template)
        package = self.document.part.package
        self.root = copy.deepcopy(self.document.element)
        self.core_part = package._core_properties_part
        self.core = copy.deepcopy(self.core_part.element)
        self.changing = (self.document.part, self.core_part)
        self.shape = self._shape()
        parts = package.parts
        # In PackageWriter.write's order; a changing part is serialized at each save.
        self.entries = [_entry(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
                        _entry(PACKAGE_URI.rels_uri.membername, package.rels.xml)]
        for part in parts:
            self.entries.append(part if part in self.changing else _entry(part.partname.membername, part.blob))
            if len(part.rels):
                self.entries.append(_entry(part.partname.rels_uri.membername, part.rels.xml))

    def fresh(self):
        """The document as the template has it, the previous render's body and properties undone.
        The whole tree is a new copy: taking a rendered body out of it costs lxml time that grows
        with the square of its size (17 s after a table of 3,000 rows)."""
        part = self.document.part
        part._element = copy.deepcopy(self.root)
        self.core_part._element = copy.deepcopy(self.core)
        return part.document

    def _shape(self) -> list:
        return [(p.partname, sorted(p.rels)) for p in self.document.part.package.parts]

    def check(self, doc) -> None:
        """A render that added parts or relationships (pictures, links, sub-documents: the notice
        asks for none) is refused, since the kept entries would no longer describe the package."""
        if doc.pics_to_replace or doc.crc_to_new_media or doc.crc_to_new_embedded or doc.zipname_to_replace \
                or self._shape() != self.shape:
            raise ValueError("notice.docx: pictures, media and links are not rendered")

    def save(self, path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for entry in self.entries:
                if isinstance(entry, tuple):
                    _write_entry(out, *entry)
                else:
                    entry.before_marshal()
                    out.writestr(_info(entry.partname.membername), entry.blob)


def _info(name: str) -> zipfile.ZipInfo:
    fixed = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    fixed.compress_type = zipfile.ZIP_DEFLATED
    fixed.external_attr = 0o644 << 16
    return fixed


def _entry(name: str, blob: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    """A part as zipfile writes it (header and compressed data), compressed once for every save."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as one:
        one.writestr(_info(name), blob)
        info, end = one.getinfo(name), one.start_dir
    return info, buffer.getvalue()[:end]


def _write_entry(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """What ZipFile.writestr does with the same part, without compressing it again: its header
    holds no offset, so the bytes are the same wherever in the zip they go."""
    placed = copy.copy(info)
    out.fp.seek(out.start_dir)
    placed.header_offset = out.fp.tell()
    out.fp.write(data)
    out.start_dir = out.fp.tell()
    out.filelist.append(placed)
    out.NameToInfo[placed.filename] = placed
    out._didModify = True

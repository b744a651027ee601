"""The Word notice kept open between renders gives the bytes that opening the template, rendering
it with docxtpl and saving it afresh gives, whatever was rendered before it in the process."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from asrv.notice import NoticeTable, Section, docx, make_notice
from asrv.notice import docx_file
from asrv.profile import load_profile

COLUMNS = ["名次", "班级", "班主任", "总分", "结果"]


def notice(rows: int, draft: bool = False, title: str = "示例小学优秀班集体评选结果公示"):
    table = [[str(i + 1), f"{i // 6 + 1}({i % 6 + 1})班", "任*", f"{150 - i}.5", "推荐" if i < 3 else ""]
             for i in range(rows)]
    if rows > 1:
        table[1][1] = "六(4)班\n（实验班）\t甲"  # a line break and a tab: docxtpl's listing path
    n, _ = make_notice(load_profile("default"), "score", title=title, done=[f"全校 {rows} 个班级参评。"],
                       sections=[Section("评选结果", ["按总分从高到低排列。"], NoticeTable(COLUMNS, table))],
                       date=dt.date(2026, 9, 30), school="示例小学", draft=draft)
    return n


def fresh_render(template, context, path) -> None:
    """The plain way: docxtpl opens, renders and python-docx writes every part, at fixed times."""
    from docx.opc.pkgwriter import PackageWriter
    from docxtpl import DocxTemplate
    from jinja2 import Environment
    doc = DocxTemplate(str(template))
    doc.render(context, jinja_env=Environment(autoescape=True), autoescape=True)
    package = doc.docx.part.package

    class Fixed:
        def write(self, uri, blob):
            info = zipfile.ZipInfo(uri.membername, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            out.writestr(info, blob)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        PackageWriter._write_content_types_stream(Fixed(), package.parts)
        PackageWriter._write_pkg_rels(Fixed(), package.rels)
        PackageWriter._write_parts(Fixed(), package.parts)


def rendered(n) -> bytes:
    buffer = io.BytesIO()
    docx(n, buffer)
    return buffer.getvalue()


def test_every_render_is_the_fresh_one_whatever_came_before(monkeypatch):
    notices = [notice(3), notice(40, draft=True), notice(1, title="另一所学校的公示"), notice(3)]
    kept = [rendered(n) for n in notices]
    monkeypatch.setattr(docx_file, "render_docx", fresh_render)
    assert kept == [rendered(n) for n in notices]
    assert kept[0] == kept[3] and len(set(kept)) == 3


def test_the_draft_and_the_rows_of_one_render_do_not_stay_for_the_next():
    from docx import Document
    docx_file._opened.cache_clear()
    rendered(notice(40, draft=True, title="草稿公示"))
    doc = Document(io.BytesIO(rendered(notice(2))))
    [table] = doc.tables
    assert len(table.rows) == 3
    assert doc.core_properties.title != "草稿公示"
    assert "草稿" not in "\n".join(p.text for p in doc.paragraphs)


def test_a_render_that_adds_a_relationship_is_refused_and_forgotten(monkeypatch):
    opened = docx_file._opened(str(docx_file.Path(__file__).resolve().parents[1] / "templates" / "notice.docx"))
    real = type(opened).fresh

    def with_a_link(self):
        document = real(self)
        document.part.relate_to("https://example.org", "http://schemas.openxmlformats.org/officeDocument/"
                                "2006/relationships/hyperlink", is_external=True)
        return document
    monkeypatch.setattr(type(opened), "fresh", with_a_link)
    with pytest.raises(ValueError, match="links"):
        rendered(notice(2))
    monkeypatch.undo()
    assert docx_file._opened.cache_info().currsize == 0
    monkeypatch.setattr(docx_file, "render_docx", fresh_render)
    expected = rendered(notice(2))
    monkeypatch.undo()
    assert rendered(notice(2)) == expected


def test_a_kept_entry_is_what_zipfile_writes():
    blob = "课后服务".encode() * 5000
    with_entry, plain = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(with_entry, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(docx_file._info("a.xml"), b"<a/>")
        docx_file._write_entry(out, *docx_file._entry("word/styles.xml", blob))
        out.writestr(docx_file._info("z.xml"), b"<z/>")
    with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in (("a.xml", b"<a/>"), ("word/styles.xml", blob), ("z.xml", b"<z/>")):
            out.writestr(docx_file._info(name), data)
    assert with_entry.getvalue() == plain.getvalue()
    assert zipfile.ZipFile(with_entry).read("word/styles.xml") == blob


def test_a_template_whose_properties_are_rendered_gets_each_notice_s_own(tmp_path):
    """A district's own template may put {{ n.title }} in the document's properties."""
    from docx import Document
    source = docx_file.Path(__file__).resolve().parents[1] / "templates" / "notice.docx"
    template = tmp_path / "notice.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = data.replace(b"<dc:title/>", b"<dc:title>{{ n.title }}</dc:title>")
            out.writestr(info, data)
    got = []
    for title in ("甲校公示", "乙校公示"):
        n = notice(2, title=title)
        context = {"n": n, "draft_text": "", "lines": n.opening(), "channel": n.channel.sentence(), "date": "2026年9月30日"}
        kept, plain = io.BytesIO(), io.BytesIO()
        docx_file.render_docx(template, context, kept)
        fresh_render(template, context, plain)
        assert kept.getvalue() == plain.getvalue()
        got.append(Document(kept).core_properties.title)
    assert got == ["甲校公示", "乙校公示"]

"""Builds templates/notice.docx, the Word template of every notice (run by hand after a change:
`.venv/bin/python tests/build_notice_docx.py`). Clerks may edit the .docx itself in Word or WPS
(fonts, spacing, a letterhead) as long as the {{ }} and {% %} tags stay."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parents[1] / "templates" / "notice.docx"


def _font(run, size=12, bold=False, color=None, family="宋体"):
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = family
    run._element.rPr.rFonts.set(qn("w:eastAsia"), family)
    if color:
        run.font.color.rgb = RGBColor(*color)


def para(doc, text, size=12, bold=False, align=None, color=None, indent=True, family="宋体"):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), size, bold, color, family)
    return p


def build(target: Path = TARGET) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.2))
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    para(doc, "{%p if draft_text %}", indent=False)
    para(doc, "{{ draft_text }}", 14, True, WD_ALIGN_PARAGRAPH.CENTER, (0xC0, 0, 0), indent=False)
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{{ n.title }}", 18, True, WD_ALIGN_PARAGRAPH.CENTER, indent=False, family="黑体")
    para(doc, "{%p for line in lines %}", indent=False)
    para(doc, "{{ line }}")
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{%p for s in n.sections %}", indent=False)
    para(doc, "{%p if s.heading %}", indent=False)
    para(doc, "{{ s.heading }}", 14, True, indent=False, family="黑体")
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{%p for line in s.paragraphs %}", indent=False)
    para(doc, "{{ line }}")
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{%p if s.table %}", indent=False)
    # docxtpl replaces a whole cell by its {%tc %} tag, so a loop over columns takes three cells.
    table = doc.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    table.autofit = True
    for row, (loop, value) in enumerate((("c in s.table.columns", "{{ c }}"), ("v in r", "{{ v }}"))):
        cells = table.rows[row].cells
        cells[0].text, cells[1].text, cells[2].text = f"{{%tc for {loop} %}}", value, "{%tc endfor %}"
        for cell in cells:
            for run in cell.paragraphs[0].runs:
                _font(run, 10.5, bold=row == 0)
    # The body row repeats once per table row.
    body = table.rows[1]._tr
    body.addprevious(_tag_row(table, "{%tr for r in s.table.rows %}"))
    body.addnext(_tag_row(table, "{%tr endfor %}"))
    para(doc, "{%p endif %}", indent=False)
    para(doc, "{%p endfor %}", indent=False)
    para(doc, "{{ n.period }}")
    para(doc, "{{ channel }}")
    para(doc, "{{ n.issuer }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(doc, "（盖章）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, color=(0x88, 0x88, 0x88))
    para(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(doc, "{%p for f in n.footnotes %}", indent=False)
    para(doc, "注{{ loop.index }}：{{ f }}", 9, indent=False)
    para(doc, "{%p endfor %}", indent=False)
    doc.core_properties.author = "asrv"
    doc.save(target)
    return target


def _tag_row(table, tag: str):
    """A row holding only a {%tr %} tag (docxtpl replaces the whole row by it)."""
    import copy
    tr = copy.deepcopy(table.rows[0]._tr)
    texts = list(tr.iter(qn("w:t")))
    for t in texts:
        t.text = ""
    texts[0].text = tag
    return tr


if __name__ == "__main__":
    print(build())

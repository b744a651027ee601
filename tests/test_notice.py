"""The notice model: every part of a 公示 in every format, drafts stamped, nothing fetched."""
from __future__ import annotations

import datetime as dt
import re

from docx import Document

from asrv.notice import DRAFT, NoticeTable, Section, docx, html, make_notice, markdown, wechat
from asrv.out import Outputs
from asrv.notice import write_notice
from asrv.profile import load_profile
from golden_files import assert_golden
from print_helpers import html_to_pdf, needs_chromium, outside, pages

COLUMNS = ["名次", "班级", "班主任", "基础分", "团体加分", "个人加分", "总分", "结果"]


def sample(draft=False, profile=None):
    profile = profile or load_profile("default")
    rows = [["1", "五(4)班", "周瑶静", "110.14", "49", "8", "167.14", "推荐"],
            ["2", "六(4)班\n（实验班）", "任*", "109.14", "24", "16", "149.14", "推荐"]]
    return make_notice(profile, "score", title="示例小学2025-2026学年优秀班集体评选结果公示",
                       done=["经班主任自评、他评、校评，全校 24 个班级参评，推荐名额 5 个。"],
                       sections=[Section("评选结果", ["按总分从高到低排列。"], NoticeTable(COLUMNS, rows, narrow=[0, 1, 6, 7]))],
                       date=dt.date(2026, 9, 30), school="示例小学", draft=draft,
                       footnotes=["输入文件 SHA-256：0123abcd"])


def test_every_part_of_a_notice_is_there():
    n, findings = sample()
    text = html(n)
    for part in ("依据《优秀班集体考核方案》的规定，经班主任自评", "全校 24 个班级参评", "五(4)班", "公示期：2026年9月30日至2026年10月12日（5个工作日）",
                 "以来电、来访、书面方式向学校办公室反映", "须署真实姓名", "示例小学", "（盖章）", "2026年9月30日", "注1："):
        assert part in text, part
    assert "篇3" not in text and "<script" not in text and "http" not in text
    assert [f.rule for f in findings] == ["NOTICE-INFO"] and "notice.phone" in findings[0].message


def test_profile_fills_issuer_and_channel(tmp_path):
    f = tmp_path / "区.toml"
    f.write_text('[notice]\nissuer = "某区教育局"\noffice = "区教育局德育科"\nphone = "0551-12345678"\n'
                 'address = "某区政务中心3楼"\n', encoding="utf-8")
    n, findings = sample(profile=load_profile(f))
    text = html(n)
    assert "某区教育局" in text and "0551-12345678" in text and "某区政务中心3楼" in text and findings == []


def test_goldens_in_each_text_format():
    n, _ = sample()
    assert_golden(html(n), "notice.html")
    assert_golden(markdown(n), "notice.md")
    assert_golden(wechat(n), "notice_wechat.html")


def test_a_draft_is_stamped_in_every_format(tmp_path):
    n, _ = sample(draft=True)
    for text in (html(n), markdown(n), wechat(n)):
        assert DRAFT in text.replace("\\", "")
    docx(n, tmp_path / "n.docx")
    assert DRAFT in "\n".join(p.text for p in Document(tmp_path / "n.docx").paragraphs)


def test_wechat_keeps_styles_inline_and_tables_narrow():
    n, _ = sample()
    text = wechat(n)
    assert "<style" not in text and "<table" not in text  # 8 columns become one block per row
    assert "<strong>1 五(4)班 167.14 推荐</strong>" in text and "班主任：周瑶静；基础分：110.14" in text
    assert "个人加分：8</span>" in text


def test_markdown_table_survives_a_newline_in_a_cell():
    n, _ = sample()
    rows = [line for line in markdown(n).splitlines() if line.startswith("| 2 |")]
    assert len(rows) == 1 and "六(4)班 （实验班）" in rows[0]


def test_docx_has_the_table_and_the_same_bytes_each_time(tmp_path):
    n, _ = sample()
    with Outputs(tmp_path / "a", "t") as o:
        write_notice(o, "公示", n)
    with Outputs(tmp_path / "b", "t") as o:
        write_notice(o, "公示", n)
    a, b = tmp_path / "a" / "公示.docx", tmp_path / "b" / "公示.docx"
    assert a.read_bytes() == b.read_bytes()
    doc = Document(a)
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells] == COLUMNS and table.rows[1].cells[1].text == "五(4)班"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "示例小学2025-2026学年优秀班集体评选结果公示" in body and "{{" not in body and "{%" not in body
    assert sorted(p.name for p in (tmp_path / "a").iterdir() if not p.name.startswith(".")) == \
        ["公示.docx", "公示.html", "公示.md", "公示_微信.html"]


def test_html_is_escaped_in_a_notice():
    n, _ = sample()
    n.sections[0].table.rows[0][1] = "<script>alert(1)</script>"
    assert "<script>" not in html(n) and "&lt;script&gt;" in html(n)
    assert not re.search(r"<script", wechat(n))


@needs_chromium
def test_notice_prints_on_a4_with_nothing_outside_the_page(tmp_path):
    # 40 classes × 8 columns: the table runs over a page, its header repeats, no column is cut.
    n, _ = sample()
    row = n.sections[0].table.rows[0]
    n.sections[0].table.rows = [[str(i), f"六({i})班（英语实验班）", "欧阳晨曦", *row[3:]] for i in range(1, 41)]
    page = tmp_path / "公示.html"
    page.write_text(html(n), encoding="utf-8")
    pdf = html_to_pdf(page, tmp_path / "公示.pdf")
    assert 2 <= pages(pdf) <= 5 and outside(pdf) == []

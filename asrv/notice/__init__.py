"""Public notices (公示) as data, rendered in every format a school publishes in."""
from .model import DRAFT, Channel, Notice, NoticeTable, Section, cn_date, make_notice
from .publish import add_findings, has_errors, note, notice_of, notices_rendering, state, write_notices
from .render import FORMATS, docx, html, markdown, wechat, write_notice

__all__ = ["DRAFT", "Channel", "Notice", "NoticeTable", "Section", "cn_date", "make_notice", "FORMATS", "docx",
           "html", "markdown", "wechat", "write_notice",
           "add_findings", "has_errors", "note", "notice_of", "notices_rendering", "state", "write_notices"]

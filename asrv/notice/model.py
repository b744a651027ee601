"""A public notice (公示) as data: the parts a real one has, filled by each command, rendered alike
in every format (A4 HTML, Word .docx, a WeChat fragment, Markdown).

A notice has its title (school or district and subject), its basis (documents by name and 文号,
never internal labels), what was done (how many took part, the method, the quota), the list,
the publication period in real working days, how to object (office, phone, address, in writing
or in person, real name), the issuer with a place for the seal, and the date. A notice from a
run with error findings is a draft and says so in every format.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..findings import Finding
from ..registry import finding
from ..workdays import publication_period

DRAFT = "草稿（存在错误，请核实后再公示）"


@dataclass
class NoticeTable:
    columns: list[str]
    rows: list[list[str]]
    # The columns a phone screen keeps (WeChat: at most 4); the rest are folded into a list line.
    narrow: list[int] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)   # relative column widths for print

    def narrow_columns(self) -> list[int]:
        return self.narrow or list(range(min(4, len(self.columns))))

    def folded(self, row: list[str]) -> tuple[str, str]:
        """A row for a phone screen: its narrow columns as a heading, the others as `列：值` pairs."""
        keep = self.narrow_columns()
        head = " ".join(str(row[i]) for i in keep)
        rest = "；".join(f"{c}：{v}" for i, (c, v) in enumerate(zip(self.columns, row)) if i not in keep and v != "")
        return head, rest


@dataclass
class Section:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    table: NoticeTable | None = None


@dataclass
class Channel:
    """How to object: the office, phone, address, the ways accepted, whether a real name is needed."""
    office: str
    phone: str = ""
    address: str = ""
    ways: list[str] = field(default_factory=list)
    real_name: bool = True

    def sentence(self) -> str:
        ways = "、".join(self.ways) if self.ways else "来电、来访或书面"
        parts = [f"公示期间，如有异议，请以{ways}方式向{self.office}反映"]
        if self.phone:
            parts.append(f"联系电话：{self.phone}")
        if self.address:
            parts.append(f"地址：{self.address}")
        text = "；".join(parts) + "。"
        if self.real_name:
            text += "反映问题须署真实姓名（单位）并提供联系方式，以便核实回复。"
        return text


@dataclass
class Notice:
    title: str
    basis: list[str]
    done: list[str]
    sections: list[Section]
    first: dt.date
    last: dt.date
    days: int
    channel: Channel
    issuer: str
    date: dt.date
    draft: bool = False
    footnotes: list[str] = field(default_factory=list)

    def opening(self) -> list[str]:
        """The first paragraphs: the basis leading into what was done."""
        lead = f"依据{'、'.join(self.basis)}的规定，" if self.basis else ""
        if not self.done:
            return [lead.rstrip("，") + "。"] if lead else []
        return [lead + self.done[0], *self.done[1:]]

    @property
    def period(self) -> str:
        return f"公示期：{cn_date(self.first)}至{cn_date(self.last)}（{self.days}个工作日）。"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def cite_once(profile, sources: list[str]) -> list[str]:
    """`篇1 三(一)`, `篇1 三(四)` → one document named once with both clauses, as the public reads it."""
    clauses: dict[str, list[str]] = {}
    for source in sources:
        key, _, clause = source.strip().partition(" ")
        have = clauses.setdefault(key, [])
        have += [clause] if clause and clause not in have else []
    return [profile.cite(f"{key} {'、'.join(c)}".strip(), public=True) for key, c in clauses.items()]


def make_notice(profile, kind: str, *, title: str, done: list[str], sections: list[Section], date: dt.date,
                issuer: str = "", draft: bool = False, footnotes: list[str] | None = None,
                school: str = "", days: int | None = None, office: str = "",
                basis: list[str] | None = None) -> tuple[Notice, list[Finding]]:
    """A notice with the profile's basis, channel, period and issuer for `kind` (score, fees,
    enroll, district…); the findings say which profile key to set where a part is missing.
    `days`, `office` and `basis` (documents already cited), when given, are a command's own."""
    cfg = profile["notice"]
    period = publication_period(date, days or cfg["publication_working_days"], profile["calendar"])
    if basis is None:
        basis = cite_once(profile, cfg["basis"].get(kind, []))
    channel = Channel(office or cfg["office"], cfg["phone"], cfg["address"], list(cfg["ways"]), cfg["real_name"])
    issuer = cfg["issuer"] or issuer or school
    said = []
    if not issuer:
        said.append(("NOTICE-INFO", "公示没有发布单位：请在配置 notice.issuer 中填写（或用 --school）"))
    if not cfg["phone"]:
        said.append(("NOTICE-INFO", "公示没有受理异议的联系电话：请在配置 notice.phone 中填写"))
    if period.unknown_years:
        years = "、".join(str(y) for y in period.unknown_years)
        said.append(("CALENDAR-YEAR", f"公示期（{cn_date(period.first)}至{cn_date(period.last)}）含 {years} 年的日子，"
                     "该年的法定节假日与调休安排尚未收录，只按周末和元旦、劳动节、国庆节计；请核对，或在配置 "
                     "calendar.holidays、calendar.extra_workdays 中写明"))
    # At the profile's level for each rule (a district may turn one off in [rules]).
    findings = [f for rule, message in said if (f := finding(profile, rule, message, school=school)) is not None]
    notes = list(footnotes or [])
    notice = Notice(title, basis, done, sections, period.first, period.last, period.days, channel,
                    issuer or "（发布单位）", date, draft, notes)
    return notice, findings

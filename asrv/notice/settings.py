"""The `[notice]` section: who publishes, how to object, how long, on what basis."""
from __future__ import annotations

from pydantic import Field

from ..profile.model import Section, Words


class Settings(Section):
    # 发布单位; empty: the school's (or district's) own name from the workbook or --school.
    issuer: str = ""
    office: str                       # the office that takes objections
    phone: str = ""
    address: str = ""
    ways: Words                       # 来电、来访、书面 …
    real_name: bool                   # objections must carry a real name (实名)
    publication_working_days: int = Field(ge=1, le=30)
    # notice kind (score, fees, enroll, district) -> the documents it rests on, as in [documents]
    basis: dict[str, Words]

"""The `[survey]` section of a profile."""
from __future__ import annotations

from ..profile.model import Section, Words


class Settings(Section):
    no_comment: Words

"""How a sheet is described: canonical fields, their Chinese headers and aliases, their kind."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

_SPACE = re.compile(r"\s+")


def norm(text: object) -> str:
    """Fold the ways people type one header: full-width forms, spaces, case, required-marks."""
    s = unicodedata.normalize("NFKC", str(text))
    s = _SPACE.sub("", s).lower()
    return s.rstrip("*:")


@dataclass(frozen=True)
class Field:
    name: str                      # canonical English name, used in code and JSON
    header: str                    # the Chinese header a template writes
    aliases: tuple[str, ...] = ()  # other spellings accepted on reading
    kind: str = "text"             # text | number | int | rate | date | bool | choice
    required: bool = True
    choices: Mapping[str, str] | None = None  # accepted spelling -> canonical value
    minimum: float | None = None
    maximum: float | None = None
    hint: str = ""                 # what a clerk should type, for messages and 填写说明
    # Texts taken as a fixed value instead of being parsed: placeholders such as `\\` -> None.
    special: Mapping[str, object] | None = None

    def spellings(self) -> set[str]:
        return {norm(s) for s in (self.header, self.name, *self.aliases)}

    def choice_map(self) -> dict[str, str]:
        return {norm(k): v for k, v in (self.choices or {}).items()}


@dataclass(frozen=True)
class SheetSpec:
    name: str                      # canonical English name
    title: str                     # the Chinese sheet name a template writes
    fields: tuple[Field, ...]
    aliases: tuple[str, ...] = ()
    required: bool = True
    note: str = ""                 # one line for the 填写说明 sheet
    example: Mapping[str, object] = field(default_factory=dict)

    def spellings(self) -> set[str]:
        return {norm(s) for s in (self.title, self.name, *self.aliases)}

    @cached_property
    def by_spelling(self) -> dict[str, Field]:
        """Every spelling of every field -> the field (a later field's spelling wins): worked out
        once per spec, as every sheet's header search asks."""
        return {s: f for f in self.fields for s in f.spellings()}

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


YES_NO = {"是": "是", "否": "否", "yes": "是", "no": "否", "y": "是", "n": "否", "true": "是",
          "false": "否", "1": "是", "0": "否", "√": "是", "✓": "是", "×": "否", "✗": "否",
          "有": "是", "无": "否"}

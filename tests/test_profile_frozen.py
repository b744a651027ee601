"""The built-in profiles are taken from their frozen copy (asrv/profile/builtin/frozen.json) only
while it is what a full validation gives; ASRV_UPDATE_GOLDEN=1 writes it again."""
from __future__ import annotations

import json
import os

import pytest

from asrv.profile import BUILTIN, _load, frozen, load_profile


def test_the_frozen_copy_is_what_validation_gives():
    if os.environ.get("ASRV_UPDATE_GOLDEN"):
        frozen.write()
    stored = json.loads(frozen._builtin().joinpath(frozen.FILE).read_text("utf-8"))
    assert stored == frozen.build(), "内置配置的冻结副本已过期：ASRV_UPDATE_GOLDEN=1 pytest tests/test_profile_frozen.py"


@pytest.mark.parametrize("name", BUILTIN)
def test_a_builtin_profile_loads_from_the_copy_as_from_its_toml(name):
    fast, full = load_profile(name), _load(name, use_frozen=False)
    assert (fast.data, fast.name, fast.sources) == (full.data, full.name, full.sources)
    assert list(fast.data) == list(full.data)  # the order `asrv profile show` prints


def test_a_changed_source_is_not_taken_from_the_copy(monkeypatch):
    assert frozen.load("default") is not None
    monkeypatch.setattr(frozen, "fingerprint", lambda: "其他")
    assert frozen.load("default") is None

"""The built-in profiles as validated, kept beside their TOML (builtin/frozen.json): checking them
means importing every command's settings and building their models, a third of a second at every
run for files that only change with asrv itself.

The frozen copy is used only while the built-in TOML texts are the ones it was made from; the tests
check it against a full validation (tests/test_profile_frozen.py), which writes it again when run
with ASRV_UPDATE_GOLDEN=1."""
from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

FILE = "frozen.json"


def _builtin():
    return resources.files("asrv.profile").joinpath("builtin")


def fingerprint() -> str:
    """Of the built-in TOML texts and of the code that validates and completes them (every
    command's settings.py, the profile model): one of them changed, the frozen copy is not used."""
    from . import BUILTIN
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in BUILTIN:
        digest.update(_builtin().joinpath(f"{name}.toml").read_bytes())
    for path in sorted([*package.glob("*/settings.py"), package / "profile" / "model.py"]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load(name: str) -> tuple[dict, str, tuple[str, ...]] | None:
    """(data, name, sources) of a built-in profile, or None when there is no valid frozen copy."""
    try:
        book = json.loads(_builtin().joinpath(FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if book.get("fingerprint") != fingerprint() or name not in book.get("profiles", {}):
        return None
    got = book["profiles"][name]
    return got["data"], name, tuple(got["sources"])


def build() -> dict:
    """Every built-in profile through the full validation."""
    from . import BUILTIN, _load
    profiles = {}
    for name in BUILTIN:
        p = _load(name, use_frozen=False)
        profiles[name] = {"sources": list(p.sources), "data": p.data}
    return {"fingerprint": fingerprint(), "profiles": profiles}


def write() -> None:
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    path = _builtin().joinpath(FILE)
    path.write_text(text, "utf-8")  # the source tree's own package data, never an input


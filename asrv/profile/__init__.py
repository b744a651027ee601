"""Profiles: the numbers of the policy, as TOML, built-in or a district's file extending one.

    profile = load_profile("hefei")          # or "default", "national", "某区.toml"
    profile["score.quota"]                   # dotted access to the validated values
    profile.cite("篇1 三(二)", public=True)  # 《…实施方案》三(二), as a notice names it
"""
from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

from ..findings import ERROR, Finding, InputError
from . import frozen
from . import text as toml_text

BUILTIN = ("default", "hefei", "national")


class Profile:
    """Read-only view of a merged, validated profile."""

    def __init__(self, data: dict, name: str = "default", sources: tuple[str, ...] = ()):
        self.data = data
        self.name = name
        self.sources = sources

    def __getitem__(self, dotted: str) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return node

    def get(self, dotted: str, default: Any = None) -> Any:
        try:
            return self[dotted]
        except (KeyError, TypeError):
            return default

    def section(self, dotted: str) -> dict:
        return self[dotted]

    def with_values(self, **dotted: Any) -> "Profile":
        """A copy with some values replaced, as command-line options do (`score.quota=5`)."""
        data = copy.deepcopy(self.data)
        for key, value in dotted.items():
            node = data
            *parents, last = key.split(".")
            for p in parents:
                node = node.setdefault(p, {})
            node[last] = value
        return Profile(data, self.name, self.sources)

    def cite(self, source: str, public: bool = False) -> str:
        """`篇1 三(二)；N4` as the findings workbook shows it (short names), or, with `public`, as a
        notice must: the document's full title and number, never an internal label."""
        docs = self.data.get("documents", {})
        parts = []
        for token in (t.strip() for t in source.replace(";", "；").split("；")):
            if not token:
                continue
            key, _, clause = token.partition(" ")
            doc = docs.get(key)
            if doc is None:
                parts.append(token)
            elif public:
                number = f"（{doc['number']}）" if doc.get("number") else ""
                parts.append(f"《{doc['title']}》{number}" + (f"{clause}" if clause else ""))
            else:
                short = doc.get("short") or doc["title"]
                number = f"（{doc['number']}）" if doc.get("number") and doc["number"] not in short else ""
                parts.append(f"{short}{number}" + (f" {clause}" if clause else ""))
        return "；".join(parts)

    def to_toml(self) -> str:
        head = f"# 生效的配置：{self.name}（来源：{' → '.join(self.sources)}）\n"
        return head + toml_text.dump({k: v for k, v in self.data.items() if k != "extends" and v is not None})


def load_profile(spec: str | Path | None = None) -> Profile:
    """A built-in name (`default`, `hefei`, `national`) or a TOML file that may `extends` one.
    InputError (exit 2) for every problem: syntax, unknown key, wrong type or value, with its line."""
    return _load("default" if spec in (None, "") else str(spec), use_frozen=True)


def _load(spec: str, use_frozen: bool) -> Profile:
    if use_frozen and spec in BUILTIN:
        ready = frozen.load(spec)
        if ready is not None:
            return Profile(*ready)
    layers = _layers(spec, [])
    merged: dict = {}
    for _, _, data in layers:
        merged = _merge(merged, data)
    merged.pop("extends", None)
    problems = _validate(merged, layers)
    if problems:
        raise InputError(problems)
    from .model import root_model
    data = root_model()(**merged).model_dump()
    name = spec if spec in BUILTIN else Path(spec).stem
    return Profile(data, name, tuple(label for label, _, _ in layers))


def check_profile(spec: str | Path) -> list[Finding]:
    """Every problem of a profile file, for `asrv profile check`; empty when it loads."""
    try:
        load_profile(spec)
    except InputError as exc:
        return exc.findings
    return []


def _layers(spec: str, seen: list[str]) -> list[tuple[str, str, dict]]:
    """(label, text, data) from the built-in root up to `spec`."""
    if spec in seen:
        raise _error(spec, f"配置文件循环继承：{' → '.join(seen + [spec])}")
    if spec in BUILTIN:
        text = resources.files("asrv.profile").joinpath("builtin", f"{spec}.toml").read_text("utf-8")
        label = f"内置 {spec}"
    else:
        path = Path(spec)
        if not path.is_file():
            raise _error(spec, f"找不到配置文件 {spec}（内置配置：{'、'.join(BUILTIN)}）")
        try:
            text = toml_text.decode(path.read_bytes())
        except ValueError as exc:
            raise _error(spec, str(exc)) from None
        label = str(path)
    try:
        data = toml_text.parse(text)
    except ValueError as exc:
        raise _error(spec, str(exc)) from None
    base = data.get("extends")
    if base is None and spec != "default":
        base = "default"
    if base is not None and not isinstance(base, str):
        raise _error(spec, f"extends 应为文字，如 \"default\"，实际为 {base!r}")
    below = _layers(base, seen + [spec]) if base is not None else []
    return below + [(label, text, data)]


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _validate(merged: dict, layers: list[tuple[str, str, dict]]) -> list[Finding]:
    from pydantic import ValidationError

    from .model import explain, root_model
    try:
        root_model()(**merged)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            path = tuple(str(p) for p in loc if not isinstance(p, int))  # list positions are not keys
            item = "".join(f"第 {p + 1} 项" for p in loc if isinstance(p, int))
            label, line = _where(path, layers)
            dotted = ".".join(path)
            message = (f"{item}：" if item else "") + explain(error)
            if error["type"] == "extra_forbidden":
                message += _did_you_mean(path, merged)
            at = f"第 {line} 行" if line else ""
            problems.append(Finding("PROFILE", ERROR, f"设置项「{dotted}」{message}",
                                    file=Path(label).name if not label.startswith("内置") else label,
                                    cell=at, value=error.get("input") if error["type"] != "extra_forbidden" else None))
        return problems
    return []


def _where(path: tuple, layers) -> tuple[str, int | None]:
    """The file (the top-most that sets the key) and line of a setting."""
    for label, text, data in reversed(layers):
        node: Any = data
        for p in path:
            if not isinstance(node, dict) or p not in node:
                node = None
                break
            node = node[p]
        if node is not None:
            return label, toml_text.line_of(text, path)
    return layers[-1][0], None


def _did_you_mean(path: tuple, merged: dict) -> str:
    import difflib

    from .model import root_model
    model = root_model()
    for p in path[:-1]:
        field = model.model_fields.get(p) if isinstance(model, type) else None
        ann = getattr(field, "annotation", None)
        if ann is None or not hasattr(ann, "model_fields"):
            return ""
        model = ann
    close = difflib.get_close_matches(path[-1], list(model.model_fields), n=1)
    return f"（你是不是要写 {'.'.join((*path[:-1], close[0]))}？）" if close else ""


def _error(spec: str, message: str) -> InputError:
    return InputError([Finding("PROFILE", ERROR, message, file=Path(spec).name)])

"""Profiles: the numbers of the policy, as TOML, built-in or a district's file extending one."""
from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .findings import ERROR, Finding, InputError

BUILTIN = ("default", "hefei", "national")
# Tables whose keys are names a district may add to (an incident kind, a level), not settings.
OPEN_TABLES = {"score.bonus.team", "score.bonus.individual", "score.incidents.deductions"}


class Profile:
    """Read-only view of a merged profile. `p["score.items.study.max"]` or `p.section("score")`."""

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
                node = node[p]
            node[last] = value
        return Profile(data, self.name, self.sources)

    def to_toml(self) -> str:
        head = f"# 生效的配置：{self.name}（来源：{' → '.join(self.sources)}）\n"
        return head + dump_toml({k: v for k, v in self.data.items() if k != "extends"})


def load_profile(spec: str | Path | None = None) -> Profile:
    """A built-in name (`default`, `hefei`, `national`) or a TOML file that may `extends` one."""
    spec = "default" if spec in (None, "") else str(spec)
    data, sources = _load(spec, [])
    name = spec if spec in BUILTIN else Path(spec).stem
    return Profile(data, name, tuple(sources))


def _load(spec: str, seen: list[str]) -> tuple[dict, list[str]]:
    if spec in seen:
        raise _error(spec, f"配置文件循环继承：{' → '.join(seen + [spec])}")
    if spec in BUILTIN:
        text = resources.files("asrv.profiles").joinpath(f"{spec}.toml").read_text("utf-8")
        label = f"内置 {spec}"
    else:
        path = Path(spec)
        if not path.is_file():
            raise _error(spec, f"找不到配置文件 {spec}（内置配置：{'、'.join(BUILTIN)}）")
        text = path.read_text("utf-8")
        label = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(spec, f"配置文件不是有效的 TOML：{exc}") from exc
    base_name = data.get("extends")
    if base_name is None:
        if spec not in BUILTIN:
            base_name = "default"
        else:
            return data, [label]
    base, sources = _load(str(base_name), seen + [spec])
    problems: list[Finding] = []
    merged = _merge(base, data, "", spec, problems)
    if problems:
        raise InputError(problems)
    return merged, sources + [label]


def _merge(base: dict, over: dict, prefix: str, spec: str, problems: list[Finding]) -> dict:
    out = copy.deepcopy(base)
    for key, value in over.items():
        dotted = f"{prefix}{key}"
        if key == "extends":
            out[key] = value
        elif key not in base:
            # Typos in a district file must not pass silently as "setting ignored".
            problems.append(_finding(spec, f"未知的设置项「{dotted}」"))
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                problems.append(_finding(spec, f"设置项「{dotted}」应为一个表（[{dotted}]）"))
            elif dotted in OPEN_TABLES:
                out[key] = {**base[key], **value}
            else:
                out[key] = _merge(base[key], value, dotted + ".", spec, problems)
        elif not _same_type(base[key], value):
            problems.append(_finding(spec, f"设置项「{dotted}」的类型应与内置值 {base[key]!r} 相同，实际为 {value!r}"))
        else:
            out[key] = value
    return out


def _same_type(a: Any, b: Any) -> bool:
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, num) and isinstance(b, num):
        return True
    return type(a) is type(b)


def _finding(spec: str, message: str) -> Finding:
    return Finding("PROFILE", ERROR, message, file=Path(spec).name)


def _error(spec: str, message: str) -> InputError:
    return InputError([_finding(spec, message)])


def dump_toml(data: dict) -> str:
    """A small TOML writer for `asrv profile show` (tomllib reads, it does not write)."""
    lines: list[str] = []
    _dump_table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _dump_table(table: dict, path: list[str], lines: list[str]) -> None:
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in table.items() if isinstance(v, dict)}
    if path and scalars:
        lines.append(f"\n[{'.'.join(_key(p) for p in path)}]")
    for k, v in scalars.items():
        lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in tables.items():
        _dump_table(v, path + [k], lines)


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() and k.isascii() else _value(k)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {v!r} as TOML")

"""typer's help and usage errors in Chinese, with a close-match suggestion for a mistyped option or
command (`你是不是要输入 --quota？`). typer writes these in English and offers no translation
hook, so its few words and its measuring of text are set here, once, before any help is shown."""
from __future__ import annotations

import difflib
import re
import unicodedata

from typer import _click, core
from typer._click import core as click_core, decorators, formatting

_PATCHED = False
_TYPES = {"<bool>": "", "<str>": "<文字>", "<int>": "<整数>", "<int range>": "<整数>", "<float>": "<数字>",
          "<float range>": "<数字>", "<path>": "<路径>", "<file>": "<文件>", "<directory>": "<文件夹>",
          "<list[str]>": "<文字>...", "<list[path]>": "<路径>..."}
# typer's own help words (gettext msgids in typer.core); help is plain text, not rich, so that
# `asrv --help` starts without importing rich.
_WORDS = {"Arguments": "参数", "Options": "选项", "Commands": "命令", "required": "必填",
          "default: {default}": "默认：{default}", "env var: {var}": "环境变量：{var}", "(dynamic)": "（动态）"}
_TOKENS = re.compile(r"\s+|[\u2e80-\uffff]|[^\s\u2e80-\uffff]+")


def install() -> None:
    global _PATCHED
    if _PATCHED:
        return
    _PATCHED = True
    core._ = lambda text: _WORDS.get(text, text)
    # click measures and wraps by characters; a Chinese character takes two columns on a terminal.
    formatting.term_len = width
    formatting.wrap_text = wrap
    click_core.make_default_short_help = short_help

    formatting.HelpFormatter.write_heading = lambda self, heading: self.write(f"{'':>{self.current_indent}}{heading}：\n")
    write_usage = formatting.HelpFormatter.write_usage

    def usage_in_chinese(self, prog, args="", prefix=None):
        return write_usage(self, prog, args.replace("[OPTIONS]", "[选项]").replace("COMMAND", "命令")
                           .replace("[ARGS]...", "[参数]..."), "用法：" if prefix is None else prefix)
    formatting.HelpFormatter.write_usage = usage_in_chinese

    display_type = core._TyperParameter.display_type

    def type_in_chinese(self, ctx):
        label = display_type(self, ctx)
        return _TYPES.get(label, label) if label is not None else None
    core._TyperParameter.display_type = type_in_chinese
    # typer builds the --help option through this name at call time; the text is its only English.
    decorators.help_option = _with_help_text(decorators.help_option)


def width(text: str) -> int:
    """Terminal columns of text: wide (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width_: int = 78, initial_indent: str = "", subsequent_indent: str = "",
         preserve_paragraphs: bool = False) -> str:
    """click's wrap_text by terminal columns: a line may break between any two Chinese characters."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text)] if preserve_paragraphs else [text]
    return "\n\n".join(_wrap_one(p, width_, initial_indent, subsequent_indent) for p in paragraphs)


def _wrap_one(text: str, limit: int, first: str, rest: str) -> str:
    lines, line = [], first
    for token in _TOKENS.findall(text):
        if token.isspace():
            token = " "
            if line.strip() == "" or line.endswith(" "):
                continue
        if width(line) + width(token) > limit and line.strip():
            lines.append(line.rstrip())
            line = rest
            if token == " ":
                continue
        line += token
    lines.append(line.rstrip())
    return "\n".join(lines)


def short_help(help: str, max_length: int = 45) -> str:
    """A command's line in `asrv --help`: its first paragraph, cut at the terminal's columns."""
    text = " ".join(help.split("\n\n")[0].split())
    if width(text) <= max_length:
        return text
    cut = ""
    for c in text:
        if width(cut + c) > max_length - 1:
            break
        cut += c
    return cut + "…"


def _with_help_text(original):
    def help_option(*param_decls, **kwargs):
        make = original(*param_decls, **kwargs)

        def apply(f):
            f = make(f)
            params = getattr(f, "params", None) or getattr(f, "__click_params__", [])
            if params:
                params[-1].help = "显示此帮助并退出"
                # Unset it is None, which typer coerces through pydantic: 40 ms on every `asrv X --help`.
                params[-1].default = False
            return f
        return apply
    return help_option


_VALUE = [
    (r"Input should be a valid integer", "应为整数"),
    (r"Input should be a valid number", "应为数字"),
    (r"Input should be a valid boolean", "应为 是/否"),
    (r"Input should be greater than or equal to (\S+)", "应不小于 {0}"),
    (r"Input should be less than or equal to (\S+)", "应不大于 {0}"),
    (r"Input should be greater than (\S+)", "应大于 {0}"),
    (r"Input should be (.*)", "应为 {0}"),
    (r"'?(.*?)'? is not a valid integer", "「{0}」不是整数"),
    (r"'?(.*?)'? is not a valid float", "「{0}」不是数字"),
    (r"'?(.*?)'? is not a valid boolean", "「{0}」应为 是/否"),
    (r"'?(.*?)'? is not one of (.*)\.", "「{0}」应为 {1} 之一"),
    (r"'?(.*?)'? is not in the range (.*)\.", "「{0}」超出范围 {1}"),
    (r".*'(.*?)' does not exist\.", "「{0}」不存在"),
    (r".*'(.*?)' is a directory\.", "「{0}」是文件夹"),
    (r".*'(.*?)' is a file\.", "「{0}」是文件"),
]


def message(exc: _click.ClickException) -> str:
    """The Chinese sentence for a usage error, with a suggestion where one fits."""
    ctx = getattr(exc, "ctx", None)
    text = exc.message if hasattr(exc, "message") else str(exc)
    if isinstance(exc, _click.exceptions.NoSuchOption):
        name = exc.option_name
        options = [o for p in (ctx.command.params if ctx else []) for o in (*p.opts, *p.secondary_opts)
                   if o.startswith("-")]
        close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
        return f"没有 {name} 这个选项" + (f"，你是不是要输入 {close[0]}？" if close else "")
    if isinstance(exc, _click.exceptions.MissingParameter):
        param = exc.param
        hint = "/".join(param.opts) if param is not None and getattr(param, "param_type_name", "") == "option" else \
            (param.human_readable_name if param is not None else "")
        kind = "选项" if param is not None and getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {hint}"
    if isinstance(exc, _click.exceptions.BadParameter):
        hint = exc.param_hint or (("/".join(exc.param.opts)) if exc.param is not None else "")
        if isinstance(hint, (list, tuple)):
            hint = "/".join(hint)
        return f"{str(hint).strip(chr(39))} 的值有误：{_value(text)}"
    m = re.match(r"No such command '([^']*)'", text)
    if m:
        commands = list(getattr(ctx.command, "commands", {})) if ctx else []
        close = difflib.get_close_matches(m.group(1), commands, n=1, cutoff=0.5)
        return f"没有「{m.group(1)}」这个命令" + (f"，你是不是要输入 {close[0]}？" if close else "；用 asrv --help 查看全部命令")
    m = re.match(r"Option '(.*)' requires an argument", text)
    if m:
        return f"选项 {m.group(1)} 后面需要一个值"
    m = re.match(r"Got unexpected extra arguments? \((.*)\)", text)
    if m:
        return f"多余的参数：{m.group(1)}"
    m = re.match(r"Option '(.*)' does not take a value", text)
    if m:
        return f"选项 {m.group(1)} 后面不带值"
    return _value(text)


def _value(text: str) -> str:
    for pattern, zh in _VALUE:  # compiled on first use (re caches them), not on every start
        m = re.match(pattern, text)
        if m:
            return zh.format(*m.groups())
    return text


def usage(exc: _click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    return ctx.get_usage() if ctx is not None else ""

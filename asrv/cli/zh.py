"""typer's help and usage errors in Chinese, with a close-match suggestion for a mistyped option or
command (`你是不是要输入 --quota？`). typer writes these in English and offers no translation
hook, so its few display constants are set here, once, before any help is shown."""
from __future__ import annotations

import difflib
import re

from typer import _click, core, rich_utils
from typer._click import decorators, formatting

_PATCHED = False
_TYPES = {"<bool>": "", "<str>": "<文字>", "<int>": "<整数>", "<int range>": "<整数>", "<float>": "<数字>",
          "<float range>": "<数字>", "<path>": "<路径>", "<file>": "<文件>", "<directory>": "<文件夹>",
          "<list[str]>": "<文字>...", "<list[path]>": "<路径>..."}


def install() -> None:
    global _PATCHED
    if _PATCHED:
        return
    _PATCHED = True
    rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
    rich_utils.OPTIONS_PANEL_TITLE = "选项"
    rich_utils.COMMANDS_PANEL_TITLE = "命令"
    rich_utils.ERRORS_PANEL_TITLE = "错误"
    rich_utils.DEFAULT_STRING = "[默认：{}]"
    rich_utils.REQUIRED_LONG_STRING = "[必填]"
    rich_utils.ENVVAR_STRING = "[环境变量：{}]"
    rich_utils.DEPRECATED_STRING = "（已弃用）"
    rich_utils.RICH_HELP = "用 [blue]'{command_path} {help_option}'[/] 查看帮助。"
    rich_utils.ABORTED_TEXT = "已中断。"

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


def _with_help_text(original):
    def help_option(*param_decls, **kwargs):
        make = original(*param_decls, **kwargs)

        def apply(f):
            f = make(f)
            params = getattr(f, "params", None) or getattr(f, "__click_params__", [])
            if params:
                params[-1].help = "显示此帮助并退出"
            return f
        return apply
    return help_option


_VALUE = [
    (re.compile(r"Input should be a valid integer"), "应为整数"),
    (re.compile(r"Input should be a valid number"), "应为数字"),
    (re.compile(r"Input should be a valid boolean"), "应为 是/否"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), "应不小于 {0}"),
    (re.compile(r"Input should be less than or equal to (\S+)"), "应不大于 {0}"),
    (re.compile(r"Input should be greater than (\S+)"), "应大于 {0}"),
    (re.compile(r"Input should be (.*)"), "应为 {0}"),
    (re.compile(r"'?(.*?)'? is not a valid integer"), "「{0}」不是整数"),
    (re.compile(r"'?(.*?)'? is not a valid float"), "「{0}」不是数字"),
    (re.compile(r"'?(.*?)'? is not a valid boolean"), "「{0}」应为 是/否"),
    (re.compile(r"'?(.*?)'? is not one of (.*)\."), "「{0}」应为 {1} 之一"),
    (re.compile(r"'?(.*?)'? is not in the range (.*)\."), "「{0}」超出范围 {1}"),
    (re.compile(r".*'(.*?)' does not exist\."), "「{0}」不存在"),
    (re.compile(r".*'(.*?)' is a directory\."), "「{0}」是文件夹"),
    (re.compile(r".*'(.*?)' is a file\."), "「{0}」是文件"),
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
    for pattern, zh in _VALUE:
        m = pattern.match(text)
        if m:
            return zh.format(*m.groups())
    return text


def usage(exc: _click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    return ctx.get_usage() if ctx is not None else ""

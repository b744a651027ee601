"""The pre-contract helpers, kept only until every command ends through common.finish() (issue 9)."""
from __future__ import annotations

import functools
import json
import sys
import traceback
from typing import Callable, Iterable

import typer
from rich.console import Console
from rich.table import Table

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


from .app import State  # noqa: E402


def handle_errors(fn: Callable) -> Callable:
    """Bad input becomes a list of findings in Chinese and exit 2; a traceback only with --debug."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from ..findings import InputError
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            if State.debug:
                traceback.print_exc()
            show_findings(exc.findings, title="无法继续：输入有误，未写出任何文件", console=err)
            raise typer.Exit(EXIT_INPUT)
        except KeyboardInterrupt:
            err.print("已中断，未写出任何文件。")
            raise typer.Exit(130)
        except Exception as exc:  # an unexpected failure still must not greet a clerk with a traceback
            if State.debug:
                raise
            err.print(f"[red]内部错误[/red]：{type(exc).__name__}: {exc}\n"
                      "未写出任何文件。加上 --debug 重新运行可查看详细信息，并请把它发给维护人员。")
            raise typer.Exit(EXIT_INPUT)
    return wrapper


def show_findings(findings: Iterable, title: str, console: Console = err, limit: int | None = None) -> None:
    findings = list(findings)
    if not findings:
        return
    table = Table(title=title, show_lines=False, title_justify="left")
    for col in ("级别", "规则", "文件", "位置", "说明"):
        table.add_column(col, overflow="fold")
    shown = findings if limit is None else findings[:limit]
    for f in shown:
        level = "[red]错误[/red]" if f.severity == "error" else "[yellow]提示[/yellow]"
        table.add_row(level, f.rule, f.file, f.where, f.message)
    console.print(table)
    if len(shown) < len(findings):
        console.print(f"……另有 {len(findings) - len(shown)} 条，见输出工作簿的「问题」表。")


def progress() -> Callable[[str], None]:
    """The library reports progress through a callback; on a terminal it goes to stderr."""
    if not err.is_terminal:
        return lambda message: None
    return lambda message: err.print(f"[dim]{message}[/dim]")


def print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    sys.stdout.flush()


def finish(result, written: list, as_json: bool, show: Callable | None = None, limit: int = 20) -> None:
    """The end of every command: JSON for scripts, or the table, findings and files for people;
    then the exit code the findings call for."""
    if as_json:
        print_json(result.to_json())
    else:
        if show is not None:
            show(result)
        show_findings(result.findings, title="问题与提示", console=out, limit=limit)
        out.print("已写出：")
        for line in written:
            out.print(f"  {line}")
    raise typer.Exit(exit_code(result.findings))


def exit_code(findings: Iterable) -> int:
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def date_option(value: str | None, example: str = "2026-06-20"):
    """`--date` as a clerk types it (2026-06-20, 2026/6/20, 2026年6月20日); today when not given."""
    import datetime as dt
    from ..findings import ERROR, Finding, InputError
    from ..io.cells import parse_date
    if not value:
        return dt.date.today()
    try:
        return parse_date(value)
    except ValueError:
        raise InputError([Finding("OPTION-DATE", ERROR, f"--date「{value}」应为日期，如 {example}")]) from None


PROFILE_HELP = "配置：内置 default、hefei、national，或区县的 TOML 文件路径"

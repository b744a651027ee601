"""The `asrv` Typer app: usage errors in Chinese, exit codes kept, --debug anywhere on the line."""
from __future__ import annotations

import sys

import typer
from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort

from . import zh

zh.install()


class State:
    debug = False


class Group(TyperGroup):
    """Runs a command; a usage error becomes one Chinese line on stderr and exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.NoArgsIsHelpError as exc:
            _click.echo(exc.ctx.get_help() if exc.ctx else "")
            code = 0
        except _click.ClickException as exc:
            from .show import err
            shown = zh.usage(exc)
            if shown:
                err.print(shown, markup=False, highlight=False)
            err.print(f"错误：{zh.message(exc)}", markup=False, highlight=False)
            code = 2
        except Abort:
            code = 130
        except BrokenPipeError:  # `asrv … | head`: the reader has gone; nothing more to say
            _quiet_stdout()
            code = 0
        sys.exit(code if isinstance(code, int) else 0)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    import os
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    name="asrv",
    cls=Group,
    help="课后服务工作簿校验、评分与公示工具（asrv）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    options_metavar="[选项]",
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="出错时显示详细的调用栈")) -> None:
    State.debug = debug or State.debug

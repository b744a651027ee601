"""`asrv profile show`: the effective profile, as TOML."""
from __future__ import annotations

import typer

from .common import PROFILE_HELP, handle_errors, out

profile_app = typer.Typer(help="查看配置（各项标准数值）。", no_args_is_help=True)


@profile_app.command("show")
@handle_errors
def show(profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP)) -> None:
    """显示生效的配置（内置配置与区县文件合并后的结果）。"""
    from ..profile import load_profile
    out.print(load_profile(profile).to_toml(), markup=False, soft_wrap=True)


@profile_app.command("check")
@handle_errors
def check(file: str = typer.Argument(..., help="区县的配置文件（TOML）")) -> None:
    """检查配置文件：未知的设置项、类型或取值有误都会指出所在行。"""
    from ..profile import load_profile
    p = load_profile(file)  # every problem at once, as InputError: exit 2
    out.print(f"配置文件 {file} 有效（继承：{' → '.join(p.sources)}）。", markup=False)


def _attach() -> None:
    from .main import app
    app.add_typer(profile_app, name="profile")


_attach()

"""`asrv profile show` and `asrv profile check`: the effective profile, and a district file checked."""
from __future__ import annotations

import typer

from .app import app
from .common import Common, command
from .show import out

profile_app = typer.Typer(help="查看和检查配置（各项标准数值）。", no_args_is_help=True, options_metavar="[选项]")
app.add_typer(profile_app, name="profile")


@command("show", "显示生效的配置（内置配置与区县文件合并后的结果），为 TOML。", options=("profile",), parent=profile_app)
def show(common: Common) -> None:
    out.print(common.profile().to_toml(), markup=False, highlight=False, soft_wrap=True)


@command("check", "检查区县配置文件：未知的设置项、类型或取值有误都会指出所在行；有误时以 2 退出。",
         options=("json",), parent=profile_app)
def check(common: Common, file: str = typer.Argument(..., help="区县的配置文件（TOML）", metavar="文件")) -> None:
    from ..profile import load_profile
    from .show import print_json
    p = load_profile(file)  # every problem at once, as InputError: exit 2
    if common.json:
        print_json({"ok": True, "exit_code": 0, "profile": p.name, "sources": list(p.sources), "findings": []})
    else:
        out.print(f"配置文件 {file} 有效（继承：{' → '.join(p.sources)}）。", markup=False)

"""`asrv template KIND`: a blank workbook with headers, drop-downs and a 填写说明 sheet."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import Common, command
from .show import out


@command("template", "生成空白工作簿：全部工作表和表头、示例行、下拉列表和「填写说明」表，可直接发给学校填写。",
         options=())
def template(
    common: Common,
    kind: str = typer.Argument(..., help="工作簿种类：classes、schedule、fees、survey、catalog、fitness 等",
                               metavar="种类"),
    output: Optional[Path] = typer.Option(None, "--out", "-o", help="输出文件或文件夹，默认为 <种类>_模板.xlsx",
                                          show_default=False),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖它"),
) -> None:
    from ..blank import KINDS, blank_sheets
    from ..findings import ERROR, Finding, InputError
    from ..out import Outputs, write_workbook
    if kind not in KINDS:
        import difflib
        close = difflib.get_close_matches(kind, KINDS, n=1)
        raise InputError([Finding("TEMPLATE-KIND", ERROR, f"没有「{kind}」这种模板，可选：{'、'.join(KINDS)}"
                                  + (f"（你是不是要输入 {close[0]}？）" if close else ""))])
    name = f"{kind}_模板.xlsx"
    target = (output / name if output.is_dir() else output) if output else Path(name)
    if target.exists() and not force:
        raise InputError([Finding("OUTPUT", ERROR, f"「{target}」已存在（可能已填写），未覆盖；确需覆盖请加 --force",
                                  file=target.name)])
    sheets = blank_sheets(kind)
    with Outputs(target.parent if str(target.parent) else ".", "template", manifest=False) as outputs:
        outputs.write(target.name, lambda p: write_workbook(p, sheets))
    out.print(f"已写出空白工作簿：{target}", markup=False)

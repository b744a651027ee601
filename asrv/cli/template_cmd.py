"""`asrv template KIND`: a blank workbook with headers, drop-downs and a 填写说明 sheet."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import handle_errors, out


def _attach() -> None:
    from .main import app

    @app.command("template")
    @handle_errors
    def template(
        kind: str = typer.Argument(..., help="工作簿种类：classes（优秀班集体）等"),
        output: Optional[Path] = typer.Option(None, "--out", "-o", help="输出文件，默认为 <种类>_模板.xlsx"),
    ) -> None:
        """生成空白工作簿：全部工作表和表头、示例行、下拉列表和「填写说明」表，可直接发给学校填写。"""
        from ..blank import KINDS, blank_sheets
        from ..findings import ERROR, Finding, InputError
        from ..out import Outputs, write_workbook
        if kind not in KINDS:
            raise InputError([Finding("TEMPLATE-KIND", ERROR,
                f"没有「{kind}」这种模板，可选：{'、'.join(KINDS)}")])
        target = output or Path(f"{kind}_模板.xlsx")
        sheets = blank_sheets(kind)
        with Outputs(target.parent if str(target.parent) else ".", f"template-{target.name}") as outputs:
            outputs.write(target.name, lambda p: write_workbook(p, sheets))
        out.print(f"已写出空白工作簿：{target}")


_attach()

"""`asrv check-schedule` (service times, content and staff against the policy) and `asrv rules`."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from .legacy import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, PROFILE_HELP, handle_errors, out, print_json, \
    progress, show_findings

FIRST_FINDINGS = 20


def _attach() -> None:
    from .app import app

    @app.command("check-schedule")
    @handle_errors
    def check_schedule(
        files: List[str] = typer.Argument(..., help="安排工作簿、文件夹或通配符（如 学校/*.xlsx）"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把问题与汇总以 JSON 打印到标准输出，供脚本使用"),
        strict: bool = typer.Option(False, "--strict", help="有提示（warning）时也以 1 退出"),
    ) -> None:
        """检查课后服务安排：服务日、结束时间、时长、学习性活动、书面作业、变相教学、人员资质与冲突。"""
        from ..profile import load_profile
        from ..schedule import check_schedule as run
        from ..schedule.report import write_outputs
        result = run(files, load_profile(profile), progress())
        written = write_outputs(result, out_dir)
        if as_json:
            print_json({"findings": [f.to_json() for f in result.findings], "summary": result.summary()})
        else:
            _summary(result)
            show_findings(result.findings, title="问题（按学校、级别、位置排序）", console=out,
                          limit=FIRST_FINDINGS)
            out.print("已写出：" + "、".join(str(p) for p in written))
        if result.unreadable:
            code = EXIT_INPUT
        elif result.errors or (strict and result.warnings):
            code = EXIT_FINDINGS
        else:
            code = EXIT_OK
        raise typer.Exit(code)


def _summary(result) -> None:
    from rich.table import Table
    t = Table(title=f"课后服务安排检查（配置 {result.profile.name}）", title_justify="left")
    for col in ("学校", "文件", "安排行数", "错误", "提示"):
        t.add_column(col, overflow="fold")
    for d in result.per_school():
        errors = f"[red]{d['errors']}[/red]" if d["errors"] else "0"
        warnings = f"[yellow]{d['warnings']}[/yellow]" if d["warnings"] else "0"
        t.add_row(d["school"], "、".join(d["files"]), str(d["rows"]), errors, warnings)
    out.print(t)
    if result.unreadable:
        out.print("[red]无法读取[/red]：" + "、".join(f.file for f in result.unreadable))


_attach()

"""`asrv score`: rank classes for the excellent-class award and write the notice."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from .legacy import PROFILE_HELP, date_option, finish, handle_errors, out, progress


def _attach() -> None:
    from .app import app

    @app.command("score")
    @handle_errors
    def score_cmd(
        book: Path = typer.Argument(..., help="优秀班集体评价工作簿（classes.xlsx）"),
        fitness: Optional[Path] = typer.Option(None, "--fitness", help="体测结果工作簿（等级或原始成绩）"),
        year: Optional[str] = typer.Option(None, "--year", help="学年，如 2025-2026；默认为 --date 所在学年"),
        quota: Optional[int] = typer.Option(None, "--quota", min=0, help="推荐名额；默认取配置"),
        date: Optional[str] = typer.Option(None, "--date", help="公示日期，公示期从此日起算；默认今天"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把结果以 JSON 打印到标准输出，供脚本使用"),
        no_mask: bool = typer.Option(False, "--no-mask", help="公示中不遮挡学生姓名"),
        school: Optional[str] = typer.Option(None, "--school", help="学校名称，写入公示标题；默认取配置"),
    ) -> None:
        """为优秀班集体评价打分、排名，写出排名工作簿和公示（篇3）。"""
        from ..profile import load_profile
        from ..score import score
        from ..score.outputs import write_outputs
        day = date_option(date, "2026-06-20")
        prof = load_profile(profile)
        if school:
            prof = prof.with_values(**{"score.school": school})
        result = score(book, prof, fitness=fitness, year=year, quota=quota, today=day, progress=progress())
        paths = write_outputs(result, prof, out_dir, date=day, mask=not no_mask)
        finish(result, paths, as_json, _show)


def _show(result) -> None:
    t = Table(title=f"{result.file}  学年 {result.year[0]:%Y-%m-%d} 至 {result.year[1]:%Y-%m-%d}  "
                    f"推荐名额 {result.quota}", title_justify="left")
    for col in ("名次", "班级", "班主任", "基础分", "团体加分", "个人加分", "总分", "结果"):
        t.add_column(col, justify="right" if col not in ("班级", "班主任", "结果") else "left")
    for c in result.classes:
        status = "[red]一票否决[/red]" if c.vetoed else ("[green]推荐[/green]" if c.recommended else "")
        t.add_row(str(c.rank), c.class_name, c.head_teacher, f"{c.base:g}", f"{c.team_bonus:g}",
                  f"{c.individual_bonus:g}", f"{c.total:g}", status)
    out.print(t)


_attach()

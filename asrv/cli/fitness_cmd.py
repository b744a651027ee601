"""`asrv fitness`: score the national student fitness standard from raw measurements."""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from .legacy import PROFILE_HELP, finish, handle_errors, out, progress


def _attach() -> None:
    from .app import app

    @app.command("fitness")
    @handle_errors
    def fitness_cmd(
        files: List[Path] = typer.Argument(..., help="体测成绩工作簿（国家上报模板或普通表格），可多个"),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把结果以 JSON 打印到标准输出，供脚本使用"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
        no_mask: bool = typer.Option(False, "--no-mask", help="班级报告中不遮挡学生姓名"),
    ) -> None:
        """按《国家学生体质健康标准（2014年修订）》由原始成绩计算每位学生的单项得分、总分和等级，
        并按班级、年级汇总（不及格名单、单项不及格人数）。"""
        from ..fitness import score_fitness
        from ..fitness.report import write_outputs
        from ..profile import load_profile
        result = score_fitness(files, load_profile(profile), progress=progress())
        paths = write_outputs(result, out_dir, mask=not no_mask)
        lines = [paths[0]] + ([f"{len(paths) - 1} 个班级报告（{paths[1].parent}/体测_*.html）"] if len(paths) > 1 else [])
        finish(result, lines, as_json, _show)


def _show(result) -> None:
    from rich.table import Table
    from ..fitness.tables import standard
    labels = standard().grade_labels
    t = Table(title=f"体测成绩：{len(result.students)} 名学生", title_justify="left")
    for col in ("年级", "班级", "实测", "免测", "优秀", "良好", "及格", "不及格", "及格率%", "平均总分"):
        t.add_column(col, justify="left" if col in ("年级", "班级") else "right")
    for r in result.classes.to_dict("records"):
        fail = f"[red]{r['fail']}[/red]" if r["fail"] else "0"
        t.add_row(labels.get(r["grade"], r["grade"]), r["class"], str(r["tested"]), str(r["exempt"]),
                  str(r["excellent"]), str(r["good"]), str(r["pass"]), fail,
                  _n(r["passed_rate"]), _n(r["mean_total"]))
    out.print(t)


def _n(x) -> str:
    return "" if x != x else f"{x:.1f}"


_attach()

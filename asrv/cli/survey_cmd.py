"""`asrv survey` and `asrv enroll`: the parents' survey summarised; activity places allotted."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .legacy import PROFILE_HELP, exit_code, handle_errors, out, print_json, progress, show_findings

_FILES = typer.Argument(..., help="调查表（.xlsx/.xls/.csv，可多个；问卷平台导出的表格可直接使用）")


def _attach() -> None:
    from .app import app

    @app.command("survey")
    @handle_errors
    def survey(
        files: List[Path] = _FILES,
        catalog: Optional[Path] = typer.Option(None, "--catalog", "-c", help="课后服务目录，用于对照名额"),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把汇总以 JSON 打印到标准输出，供脚本使用"),
        no_mask: bool = typer.Option(False, "--no-mask", help="报告中显示完整姓名"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
    ) -> None:
        """汇总课后服务意向调查：各年级、班级需要服务的人数，各活动需求与名额，优先群体，天数与接送时间，家长意见。"""
        from ..profile import load_profile
        from ..survey import summarize
        from ..survey.write import write_survey
        result = summarize(files, catalog, load_profile(profile), progress())
        written = write_survey(result, out_dir, mask=not no_mask)
        if as_json:
            print_json(result.to_json())
        else:
            show_findings(result.findings, title="问题与提示", console=out, limit=20)
            out.print(f"答卷 {result.answered} 份，需要课后服务 {result.wants} 人（{result.rate:.1%}）；"
                      f"重复提交 {len(result.duplicates)} 人，以最后一次为准。")
            for p in written:
                out.print(f"已写出：{p}")
        raise typer.Exit(exit_code(result.findings))

    @app.command("enroll")
    @handle_errors
    def enroll(
        files: List[Path] = _FILES,
        catalog: Path = typer.Option(..., "--catalog", "-c", help="课后服务目录（项目、适用年级、上限、下限……）"),
        seed: int = typer.Option(..., "--seed", help="抽签种子（非负整数，写入通知，便于复核）"),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把结果以 JSON 打印到标准输出，供脚本使用"),
        no_mask: bool = typer.Option(False, "--no-mask", help="通知中显示完整姓名"),
        school: str = typer.Option("", "--school", help="学校名称，写入通知标题"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
    ) -> None:
        """分配课后服务：申请的学生全部参加基础服务；活动名额先优先保障群体，再按抽签，用延迟接受算法按志愿分配。"""
        from ..profile import load_profile
        from ..survey import enroll as run
        from ..survey.write import write_enroll
        prof = load_profile(profile)
        result = run(files, catalog, seed, prof, progress())
        written = write_enroll(result, out_dir, school or prof["enroll.school"], mask=not no_mask)
        if as_json:
            print_json(result.to_json())
        else:
            _show(result)
            show_findings(result.findings, title="问题与提示", console=out, limit=20)
            placed = sum(1 for p in result.students if p.activity)
            cancelled = [a.activity.name for a in result.activities if a.cancelled]
            out.print(f"申请 {len(result.students)} 人，全部参加{result.basic_service}；录取活动 {placed} 人。"
                      + (f"取消：{'、'.join(cancelled)}。" if cancelled else ""))
            out.print(f"抽签种子 {result.seed}；输入 SHA-256 {result.digest}")
            for p in written:
                out.print(f"已写出：{p}")
        raise typer.Exit(exit_code(result.findings))


def _show(result) -> None:
    from rich.table import Table
    t = Table(title=f"抽签种子 {result.seed}", title_justify="left")
    for col in ("活动", "适用年级", "上限", "下限", "录取", "候补", "状态"):
        t.add_column(col, justify="left" if col in ("活动", "适用年级", "状态") else "right")
    from ..survey.parse import grades_text
    for a in result.activities:
        t.add_row(a.activity.name, grades_text(a.activity.grades), str(a.activity.capacity),
                  str(a.activity.minimum), str(len(a.roster)), str(len(a.waiting)),
                  "[red]取消（不足下限）[/red]" if a.cancelled else "开班")
    out.print(t)


_attach()

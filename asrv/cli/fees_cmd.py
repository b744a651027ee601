"""`asrv fees`: a term's fees, exemptions, subsidies and spending, checked and published."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from .legacy import PROFILE_HELP, date_option, finish, handle_errors, out, progress


def _attach() -> None:
    from .app import app

    @app.command("fees")
    @handle_errors
    def fees_cmd(
        files: List[Path] = typer.Argument(..., help="一所或多所学校的收费工作簿（报名、缴费、支出……）"),
        term: str = typer.Option(..., "--term", "-t", help="学期：2026秋、2026-2027-1 或 2026-2027学年第一学期"),
        schedule: Optional[List[Path]] = typer.Option(None, "--schedule", help="课后服务安排工作簿，用于教师补助台账"),
        calendar: Optional[Path] = typer.Option(None, "--calendar", help="校历工作簿（上学日），用于补助台账"),
        date: Optional[str] = typer.Option(None, "--date", help="公示日期，公示期从此日起算；默认今天"),
        profile: str = typer.Option("default", "--profile", "-p", help=PROFILE_HELP),
        out_dir: Path = typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹"),
        as_json: bool = typer.Option(False, "--json", help="把结果以 JSON 打印到标准输出，金额为两位小数的字符串"),
        no_mask: bool = typer.Option(False, "--no-mask", help="输出中不遮挡学生姓名"),
    ) -> None:
        """核对一个学期的收费、减免、补助与支出，写出汇总工作簿、收费公示和收支公示。"""
        from ..fees import run_fees
        from ..fees.report import write_outputs
        from ..profile import load_profile
        day = date_option(date, "2026-12-28")
        prof = load_profile(profile)
        result = run_fees(files, term, prof, schedule=schedule or (), calendar=calendar, progress=progress())
        paths = write_outputs(result, prof, out_dir, date=day, mask=not no_mask)
        def show(r) -> None:
            _show(r)
            for note in r.notes:
                out.print(f"[yellow]说明[/yellow]：{note}")
        finish(result, paths, as_json, show, limit=30)


def _show(result) -> None:
    from ..fees.money import fmt_thousands as m
    title = f"{result.term.title}（{result.term.label}）课后服务收费汇总（元）"
    if len(result.schools) > 3:  # a district: one line per school
        t = Table(title=title, title_justify="left")
        for col in ("学校", "应收", "净实收", "未缴", "支出", "结余"):
            t.add_column(col, justify="left" if col == "学校" else "right")
        for s in result.schools:
            t.add_row(s.name, m(s.due), m(s.net), m(s.outstanding), m(s.spending_total), m(s.balance))
        out.print(t)
        return
    t = Table(title=title, title_justify="left")
    t.add_column("项目")
    for s in result.schools:
        t.add_column(s.name, justify="right")
    lines = [
        ("普惠托管人数", lambda s: str(s.basic)), ("个性化课程人数", lambda s: str(s.personal)),
        ("困难学生（免费）", lambda s: str(s.hardship)), ("应收（含耗材费）", lambda s: m(s.due)),
        ("实收", lambda s: m(s.paid)), ("退费", lambda s: f"{m(s.refunded)}（{s.refund_students} 人）"),
        ("净实收", lambda s: m(s.net)), ("未缴", lambda s: m(s.outstanding)),
        ("政府保障应到位", lambda s: m(s.subsidy_due)),
        ("政府保障已到位", lambda s: "未提供" if s.subsidy_received is None else m(s.subsidy_received)),
        *[(f"支出：{c}", (lambda c: lambda s: m(s.spending[c]))(c)) for c in result.categories],
        ("支出：其他（不属于规定用途）", lambda s: m(s.spending_other)),
        ("支出合计", lambda s: m(s.spending_total)), ("结余", lambda s: m(s.balance)),
    ]
    for label, value in lines:
        t.add_row(label, *(value(s) for s in result.schools))
    out.print(t)
    if result.ledger is not None:
        lt = Table(title=f"补助台账（上学日：{result.ledger.source}）", title_justify="left")
        for col in ("学校", "本校教职工补助", "校外人员劳务报酬"):
            lt.add_column(col, justify="left" if col == "学校" else "right")
        for school, t_ in result.ledger.totals().items():
            lt.add_row(school, m(t_["本校教职工"]), m(t_["校外人员"]))
        out.print(lt)


_attach()

"""`asrv fees`: a term's fees, exemptions, subsidies and spending, checked and published."""
from __future__ import annotations

from typing import List, Optional

import typer

from .common import Common, Inputs, command, finish, inputs_argument
from .show import text

TERM_HELP = "学期：2026秋、2026-2027-1 或 2026-2027学年第一学期"


@command("fees", "核对一个学期的收费、减免、补助与支出，写出汇总工作簿（各校与全区合计）、各校的收费公示和收支公示。")
def fees_cmd(common: Common, files: Inputs = inputs_argument("一所或多所学校的收费工作簿（报名、缴费、支出……）"),
             term: str = typer.Option(..., "--term", "-t", help=TERM_HELP, show_default=False),
             schedule: Optional[List[str]] = typer.Option(None, "--schedule", show_default=False,
                                                          help="课后服务安排工作簿（文件、文件夹或通配符），用于教师补助台账"),
             calendar: Optional[str] = typer.Option(None, "--calendar", show_default=False,
                                                    help="校历工作簿（上学日），用于补助台账")) -> None:
    from ..fees import Options, run, write
    options = Options(school=common.school, date=common.day("2026-12-28"), mask=common.mask, strict=common.strict,
                      term=term, schedule=list(schedule or []), calendar=calendar, jobs=common.workers)
    result = run(files, common.profile(), options=options, progress=common.progress())
    finish(result, common, write=lambda: write(result, common.out), show=_show)


def _show(result, console) -> None:
    from rich.table import Table

    from ..fees.money import fmt_thousands as m
    title = f"{result.term.title}（{result.term.label}）课后服务收费汇总（元）"
    schools = result.per_school
    if len(schools) > 3:  # a district: one line per school, then the total
        from rich import box
        # No column rules, so thirty schools fit 80 columns with whole names and numbers.
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
        for col in ("学校", "应收", "净实收", "未缴", "保障差额", "支出", "结余", "错误"):
            t.add_column(col, justify="left" if col == "学校" else "right", no_wrap=True)
        for s in [*schools, result.district]:
            t.add_row(text(s.name), m(s.due), m(s.net), m(s.outstanding), m(s.subsidy_short), m(s.spending_total),
                      m(s.balance), str(s.errors))
        console.print(t)
    elif schools:  # a few schools: the workbook's 汇总 items, one column per school
        from ..fees.outputs import items
        t = Table(title=title, title_justify="left")
        t.add_column("项目")
        for s in schools:
            t.add_column(text(s.name), justify="right")
        per_student = result.profile["fees.subsidy_per_student"]
        columns = [items(s, result.categories, per_student) for s in schools]
        for i, (label, *_) in enumerate(columns[0]):
            t.add_row(label, *(text(_cell(*rows[i][1:])) for rows in columns))
        console.print(t)
    if result.ledger is not None:
        lt = Table(title=f"补助台账（上学日：{result.ledger.source}）", title_justify="left")
        for col in ("学校", "本校教职工补助", "校外人员劳务报酬"):
            lt.add_column(col, justify="left" if col == "学校" else "right")
        for school, t_ in result.ledger.totals().items():
            lt.add_row(text(school), m(t_["本校教职工"]), m(t_["校外人员"]))
        console.print(lt)
    for note in result.notes:
        console.print(text(f"说明：{note}", "yellow"))


def _cell(count, amount, note) -> str:
    if amount is None:
        return note if count is None else str(count)
    shown = f"{amount:,.2f}"
    return shown if count is None else f"{shown}（{count} 人）"

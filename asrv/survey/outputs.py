"""The survey's outputs: per school 调查汇总.xlsx (native charts) and 调查报告.html (inline SVG);
over several schools one folder per school and 全区汇总.xlsx beside them."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ..out import Outputs, SheetOut, render, title_line, titled, write_workbook
from ..out.findings import findings_sheet
from ..out.forked import FORK_BOOKS, sharing, write_each
from ..out.names import UniqueNames
from .charts import Chart, charts_sheet, svg_bars
from .result import SurveyResult
from .summary import SchoolSurvey

PCT = "0.0%"
SCHOOL_COLUMN = {"学校": lambda f: f.school}


def folders(schools: list[str]) -> dict[str, str]:
    """Where each school's files go: the output folder itself for one school, else a sub-folder
    named after the school (cut to a safe length, kept unique)."""
    if len(schools) <= 1:
        return {s: "" for s in schools}
    names = UniqueNames()
    return {s: names(s, "学校") + "/" for s in schools}


def school_findings(result, school: str) -> list:
    """The findings a school's own workbook lists: all of them when the run is about one school."""
    if len(result.schools) <= 1:
        return list(result.findings)
    return [f for f in result.findings if f.school == school]


def survey_charts(r: SchoolSurvey) -> list[Chart]:
    charts = [Chart("各年级答卷与需要服务人数", "年级", [x.label for x in r.by_grade],
                    [("答卷人数", 2, [x.answered for x in r.by_grade]),
                     ("需要服务", 3, [x.wants for x in r.by_grade])])]
    if r.demand:
        series = [("第一志愿", 2, [d.first for d in r.demand])]
        if r.catalog:
            series.append(("名额上限", 4, [d.capacity or 0 for d in r.demand]))
        else:
            series.append(("全部志愿", 3, [d.any for d in r.demand]))
        charts.append(Chart("各活动报名与名额", "活动需求", [d.name for d in r.demand], series))
    return charts


def survey_sheets(r: SchoolSurvey, findings: list) -> list[SheetOut]:
    rate = {"比例": PCT}
    sheets = [
        SheetOut("年级", ["年级", "答卷人数", "需要服务", "比例"],
                 [[x.label, x.answered, x.wants, x.rate] for x in r.by_grade]
                 + [["合计", r.answered, r.wants, r.rate]], number_formats=rate),
        SheetOut("班级", ["班级", "答卷人数", "需要服务", "比例"],
                 [[x.label, x.answered, x.wants, x.rate] for x in r.by_class], number_formats=rate),
        SheetOut("活动需求", ["活动", "第一志愿人数", "全部志愿人数", "名额上限", "开班下限", "适用年级",
                           "第一志愿/上限"],
                 [[d.name, d.first, d.any, d.capacity, d.minimum if r.catalog else None, d.grades, d.ratio]
                  for d in r.demand], number_formats={"第一志愿/上限": PCT},
                 marks={i: "warning" for i, d in enumerate(r.demand) if d.ratio is not None and d.ratio > 1}),
        SheetOut("优先群体", ["群体（篇1 三(一)）", "答卷人数", "需要服务"], [list(g) for g in r.groups]),
        SheetOut("参加天数", ["天数或星期", "人数"], [list(x) for x in r.days]),
        SheetOut("接送时间", ["接送时间", "人数"], [list(x) for x in r.pickup]),
        SheetOut("家长意见", ["班级", "意见建议"], [[c, t] for c, ts in r.comments.items() for t in ts]),
        SheetOut("重复答卷", ["学号或姓名", "班级", "采用", "不计"],
                 [[d.key.split("/")[-1], d.class_name, d.kept, "、".join(d.dropped)] for d in r.duplicates]),
    ]
    if findings:
        sheets.append(findings_sheet(findings))
    return sheets


def told_apart(s, mask: bool):
    """The school's survey with its duplicate answers' students named so that no two look alike
    (two 张*明 of one school get the last digits of their 学号)."""
    import dataclasses
    from types import SimpleNamespace
    from ..out.mask import distinct_names
    ds = s.duplicates
    shown = distinct_names([d.name for d in ds], [d.last.student_id for d in ds], [d.last.row for d in ds], mask)
    return dataclasses.replace(s, duplicates=[SimpleNamespace(class_name=d.class_name, name=n, kept=d.kept,
                                                              dropped=d.dropped) for d, n in zip(ds, shown)])


def district_sheets(result: SurveyResult) -> list[SheetOut]:
    groups = list(result.groups())
    source = {}
    for f in result.files:
        if f.used and not f.role and f.school:
            source.setdefault(f.school, set()).add(f.school_source)
    rows = [[s.school, "、".join(sorted(source.get(s.school, ()))), "、".join(s.files), s.answered, s.wants, s.rate,
             len(s.duplicates), *(w for _, _, w in s.groups)] for s in result.per_school]
    rows.append(["合计", "", "", result.answered, result.wants, result.rate,
                 sum(len(s.duplicates) for s in result.per_school), *result.groups().values()])
    demand = [[s.school, d.name, d.first, d.any, d.capacity, d.ratio] for s in result.per_school for d in s.demand]
    return [SheetOut("学校", ["学校", "学校来源", "文件", "答卷人数", "需要服务", "比例", "重复答卷",
                            *(f"需要服务的{g}" for g in groups)], rows, number_formats={"比例": PCT}),
            SheetOut("活动需求", ["学校", "活动", "第一志愿人数", "全部志愿人数", "名额上限", "第一志愿/上限"], demand,
                     number_formats={"第一志愿/上限": PCT}),
            findings_sheet(result.findings, lead=SCHOOL_COLUMN)]


def write(result: SurveyResult, out_dir: str | Path) -> list[Path]:
    """All files together or none. With more than one process and many schools, a forked one writes
    the first half of the schools' workbooks and reports while this one writes the rest."""
    where = folders(result.schools)
    with Outputs(out_dir, "survey", inputs=[f.path for f in result.files]) as outputs:
        claimed = []
        for s in result.per_school:
            book, page = f"{where[s.school]}调查汇总.xlsx", f"{where[s.school]}调查报告.html"
            charts = survey_charts(s)
            claimed += [(book, outputs.claim(book), partial(_book, result, s, charts)),
                        (page, outputs.claim(page), partial(_page, result, s, charts))]
        half = len(result.per_school) // 2 * 2 if len(result.per_school) >= FORK_BOOKS else 0  # both of each school's
        with sharing(Path(out_dir), claimed, result.options.jobs, half) as mine:
            write_each(mine)
        written = [outputs.directory / name for name, _, _ in claimed]
        if len(result.per_school) > 1:
            sheets = titled(district_sheets(result), title_line(result.schools, "课后服务意向调查汇总", day=result.options.day))
            written.append(outputs.write("全区汇总.xlsx", lambda p: write_workbook(p, sheets)))
    return written


def _book(result: SurveyResult, s: SchoolSurvey, charts: list[Chart], path: Path) -> None:
    book = [charts_sheet(charts), *survey_sheets(s, school_findings(result, s.school))]
    write_workbook(path, titled(book, title_line(s.school, "课后服务意向调查汇总", day=result.options.day)))


def _page(result: SurveyResult, s: SchoolSurvey, charts: list[Chart], path: Path) -> None:
    from markupsafe import Markup
    path.write_text(render("survey_report.html.j2", r=told_apart(s, result.options.mask), mask=result.options.mask,
                           svgs=[Markup(svg_bars(c)) for c in charts]), encoding="utf-8")

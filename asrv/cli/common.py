"""What every command shares, declared once: the common options, errors in Chinese, progress, and
`finish()`, the one way a command ends (outputs, what is shown, the exit code).

    @command("score", "为优秀班集体评价打分、排名……")
    def score_cmd(common: Common, files: Inputs, quota: ... = None):
        result = run(files, common.profile(), options=..., progress=common.progress())
        finish(result, common, write=lambda: write(result, common.out), show=_show)
"""
from __future__ import annotations

import datetime as dt
import functools
import inspect
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

import typer

from .app import State, app
from .show import err, files_note, findings_table, out, plain_lines, csv_text, print_json, write_raw, written_lines

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
FORMATS = ("table", "plain", "csv", "json")
PROFILE_HELP = "配置：内置 default、hefei、national，或区县的 TOML 文件路径"
# The type of a command's input argument: files, folders or globs, one or more.
Inputs = List[str]


def inputs_argument(help: str):
    return typer.Argument(..., help=help + "；可写多个文件、文件夹（含子文件夹）或通配符", show_default=False)


# name -> (typer parameter, its annotation). Commands pick the ones they take.
_OPTIONS = {
    "profile": (typer.Option("default", "--profile", "-p", help=PROFILE_HELP), str),
    "out": (typer.Option(Path("asrv-out"), "--out", "-o", help="输出文件夹", file_okay=True), Path),
    "json": (typer.Option(False, "--json", help="把结果以一个 JSON 文档打印到标准输出，供脚本使用"), bool),
    "format": (typer.Option(None, "--format", help="输出方式：table（表格）、plain（每条问题一行，制表符分隔）、"
                            "csv 或 json；默认在终端显示表格，重定向时为 plain", show_default=False), Optional[str]),
    "limit": (typer.Option(None, "--limit", min=0, help="最多列出多少条问题（0 为全部）", show_default=False),
              Optional[int]),
    "no_mask": (typer.Option(False, "--no-mask", help="不遮挡学生姓名（仅供内部使用，勿公开）"), bool),
    "school": (typer.Option(None, "--school", help="学校名称：单个文件时覆盖工作簿中的学校", show_default=False),
               Optional[str]),
    "date": (typer.Option(None, "--date", help="公示日期，公示期从此日起算，如 2026-06-22；默认今天",
                          show_default=False), Optional[str]),
    "strict": (typer.Option(False, "--strict", help="有提示（warning）时也以 1 退出"), bool),
    "jobs": (typer.Option(None, "--jobs", "-j", min=1, show_default=False,
                          help="同时工作的进程数（读取各校工作簿、生成 Word 公示和体测报告）；"
                               "默认为本机处理器数，结果与逐个处理相同"), Optional[int]),
}
ALL = tuple(_OPTIONS)


@dataclass
class Common:
    profile_name: str = "default"
    out: Path = Path("asrv-out")
    json: bool = False
    format: str | None = None
    limit: int | None = None
    no_mask: bool = False
    school: str | None = None
    date: str | None = None
    strict: bool = False
    jobs: int | None = None

    @property
    def workers(self) -> int:
        """Processes reading a batch: --jobs, else the processors this machine gives us."""
        from ..jobs import default_jobs
        return self.jobs or default_jobs()

    @property
    def mode(self) -> str:
        if self.json:
            return "json"
        if self.format:
            return self.format
        return "table" if out.is_terminal else "plain"

    @property
    def mask(self) -> bool:
        return not self.no_mask

    def profile(self):
        from ..profile import load_profile
        return load_profile(self.profile_name)

    def day(self, example: str = "2026-06-22") -> dt.date:
        return parse_date_option(self.date, example)

    def progress(self) -> Callable[[str], None]:
        from .progress import progress_for
        return progress_for(self.mode == "table" and err.is_terminal)


def parse_date_option(value: str | None, example: str = "2026-06-22") -> dt.date:
    """`--date` as a clerk types it (2026-06-20, 2026/6/20, 2026年6月20日); today when not given."""
    from ..findings import ERROR, Finding, InputError
    from ..io.cells import parse_date
    if not value:
        return dt.date.today()
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None or not 2000 <= day.year <= 2099:
        raise InputError([Finding("OPTION-DATE", ERROR, f"--date「{value}」应为 2000 至 2099 年间的日期，如 {example}")])
    return day


def command(name: str, help: str, options: tuple[str, ...] = ALL, parent: typer.Typer | None = None):
    """Register a command with the shared options added after its own; the function receives
    them as `common`. Errors end the same way everywhere (see `errors`)."""
    def register(fn: Callable) -> Callable:
        own = [p for p in inspect.signature(fn, eval_str=True).parameters.values() if p.name != "common"]
        shared = [inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=_OPTIONS[key][0],
                                    annotation=_OPTIONS[key][1]) for key in options]
        names = {"profile": "profile_name"}

        @functools.wraps(fn)
        def wrapper(**kwargs):
            common = Common(**{names.get(k, k): kwargs.pop(k) for k in options})
            if common.format is not None and common.format not in FORMATS:
                _bad_format(common.format)
            if common.limit == 0:
                common.limit = None
            with errors(common), _read_ahead(kwargs.get("files"), common):
                return fn(common=common, **kwargs)

        wrapper.__signature__ = inspect.Signature(
            [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own] + shared)
        wrapper.__annotations__ = {}
        (parent or app).command(name, help=help, options_metavar="[选项]")(wrapper)
        return fn
    return register


@contextmanager
def _read_ahead(files, common: Common):
    """A command given one workbook has it read while its modules load (asrv.ahead)."""
    from .. import ahead
    if isinstance(files, list) and len(files) == 1:
        ahead.read_ahead(files, common.profile_name, common.workers)
    try:
        yield
    finally:
        ahead.drop()


def _bad_format(value: str) -> None:
    err.print(f"错误：--format 应为 {'、'.join(FORMATS)} 之一，实际为「{value}」", markup=False)
    raise typer.Exit(EXIT_INPUT)


class errors:
    """Bad input (InputError) becomes its findings and exit 2; anything unexpected a short Chinese
    message and exit 2, its traceback only with --debug. With --json both are one JSON document."""

    def __init__(self, common: Common):
        self.common = common

    def __enter__(self):
        from .. import result
        result.RAISE_UNEXPECTED = State.debug
        return self

    def __exit__(self, exc_type, exc, tb):
        from ..findings import InputError
        from ..out.atomic import InterruptedAfterWrite
        if exc_type is None or issubclass(exc_type, (typer.Exit, SystemExit)):
            return False
        if issubclass(exc_type, InterruptedAfterWrite):
            err.print("已中断：中断前本次输出已全部写出。", markup=False)
            raise typer.Exit(130)
        if issubclass(exc_type, KeyboardInterrupt):
            err.print("已中断，未写出任何文件。", markup=False)
            raise typer.Exit(130)
        if issubclass(exc_type, InputError):
            if State.debug:
                traceback.print_exception(exc)
            report_failure(exc.findings, self.common)
            raise typer.Exit(EXIT_INPUT)
        if State.debug:
            return False
        from ..findings import ERROR, Finding
        message = (f"内部错误：{type(exc).__name__}: {exc}。未写出任何文件。加上 --debug 重新运行可查看详细信息，"
                   "并请把它发给维护人员。")
        report_failure([Finding("INTERNAL", ERROR, message)], self.common, title="内部错误")
        raise typer.Exit(EXIT_INPUT)


def report_failure(findings: list, common: Common, title: str = "无法继续：输入有误，未写出任何文件") -> None:
    mode = common.mode
    if mode == "json":
        print_json({"ok": False, "exit_code": EXIT_INPUT, "files": [], "written": [],
                    "findings": [f.to_json() for f in findings]})
    elif mode == "plain":
        write_raw(err, "".join(line + "\n" for line in plain_lines(findings)))
    elif mode == "csv":
        write_raw(err, csv_text(findings))
    else:
        findings_table(findings, title, err, limit=None)


def finish(result, common: Common, write: Callable[[], list] | None = None,
           show: Callable | None = None) -> None:
    """The end of every command: write the outputs (unless nothing usable was read), show the
    result as the format asks, and exit with the code the result calls for."""
    from ..findings import InputError
    written: list = []
    if write is not None and result.writable:
        try:
            written = list(write())
        except InputError as exc:  # the outputs could not be written: said like bad input
            result.findings.extend(exc.findings)
            report_failure(exc.findings, common, title="无法写出输出文件，原有文件未改动")
            raise typer.Exit(EXIT_INPUT) from None
    mode = common.mode
    code = result.exit_code()
    if mode == "json":
        print_json({**result.to_json(), "written": [str(p) for p in written]})
    elif mode == "plain":
        write_raw(out, "".join(line + "\n" for line in plain_lines(result.findings, common.limit)))
        _summary(result, written, err)
    elif mode == "csv":
        write_raw(out, csv_text(result.findings, common.limit))
        _summary(result, written, err)
    else:
        if show is not None:
            show(result, out)
        findings_table(result.findings, "问题与提示", out, limit=common.limit or 20)
        _summary(result, written, out)
    raise typer.Exit(code)


def _summary(result, written: list, console) -> None:
    files_note(result.files, console)
    errors_, warnings = len(result.errors), len(result.warnings)
    used = sum(1 for f in result.files if f.used)
    console.print(f"读取 {used} 个文件；错误 {errors_} 条，提示 {warnings} 条。", markup=False)
    if result.notices and written:
        from ..notice.publish import note
        if note(result):
            console.print(note(result), markup=False)
    if written:
        console.print("已写出：", markup=False)
        write_raw(console, "".join(line + "\n" for line in written_lines(written)))
    elif result.files:
        console.print("未写出任何文件。", markup=False)

"""The teacher subsidy ledger (`asrv fees --schedule`): sessions × minutes ÷ period × rate, exact."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from asrv.cli.main import app
from asrv.fees.ledger import ledger
from asrv.profile import load_profile
from test_fees_support import cents, payment, sheet_rows, student, write_book

PROFILE = load_profile("default")
SCHEDULE = [  # 学校, 学段, 服务班, 星期, 开始, 结束, 内容, 教师
    ("一小", "小学", "三(1)班托管", "周一至周五", "16:10", "16:50", "作业辅导", "王芳"),
    ("一小", "小学", "合唱", "周二", "16:50", "17:50", "合唱", "刘强、王芳"),
    ("一小", "小学", "书法", "周三", "16:50", "17:30", "书法", "无名氏"),
    ("二中", "初中", "七(1)班托管", "周四", "17:00", "17:45", "阅读", "李明"),
]
STAFF = [("王芳", "一小", "本校教职工"), ("刘强", "一小", "外聘专业人员"), ("李明", "二中", "本校教职工")]


def schedule_book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "安排"
    ws.append(["学校", "学段", "服务班", "星期", "开始时间", "结束时间", "内容", "教师"])
    for row in SCHEDULE:
        ws.append(list(row))
    people = wb.create_sheet("人员")
    people.append(["姓名", "学校", "类型"])
    for row in STAFF:
        people.append(list(row))
    wb.save(path)
    return path


def calendar_book(path: Path, days: list[dt.date], off: list[dt.date] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "校历"
    ws.append(["日期", "上学日"])
    for d in days:
        ws.append([d, "是"])
    for d in off:
        ws.append([d, "否"])
    wb.save(path)
    return path


def build_ledger(paths, profile, calendar=None):
    """The ledger of schedule workbooks; every input here is usable."""
    result, files, findings = ledger(paths, calendar, profile)
    assert all(f.used for f in files) and not [f for f in findings if f.rule != "FEE-LEDGER"], findings
    return result


def by_name(ledger):
    return {r.name: r for r in ledger.rows}


def test_weeks_times_minutes_times_rate(tmp_path):
    ledger = build_ledger([schedule_book(tmp_path / "s.xlsx")], PROFILE)
    p = by_name(ledger)
    # 王芳: 5 × 40 min a week + 60 min of 合唱 on Tuesday, 18 weeks, 40-minute periods, 30 元 a period
    assert (p["王芳"].weekly, p["王芳"].times, p["王芳"].minutes) == (6, 108, 18 * 260)
    assert p["王芳"].amount == 18 * 260 * 30 * 100 // 40 and p["王芳"].group == "本校教职工"
    # 刘强 shares 合唱 with 王芳: both paid; outside staff at 50 元, 1.5 periods a week
    assert p["刘强"].amount == 18 * 75 * 100 and p["刘强"].group == "校外人员"
    # 李明 in 初中: one 45-minute period a week
    assert p["李明"].periods == 18 and p["李明"].amount == 18 * 3000
    assert p["无名氏"].amount == 0 and [(f.rule, f.school) for f in ledger.findings] == [("FEE-LEDGER", "一小")]
    totals = ledger.totals()
    assert totals["一小"]["本校教职工"] == p["王芳"].amount and totals["二中"]["本校教职工"] == 54000


def test_calendar_counts_each_weekday(tmp_path):
    monday = dt.date(2026, 9, 7)
    days = [monday + dt.timedelta(days=i) for i in range(5)] + [monday + dt.timedelta(days=7)]  # 2 Mondays
    cal = calendar_book(tmp_path / "c.xlsx", days, off=[monday + dt.timedelta(days=8)])
    ledger = build_ledger([schedule_book(tmp_path / "s.xlsx")], PROFILE, cal)
    assert ledger.days == {1: 2, 2: 1, 3: 1, 4: 1, 5: 1} and ledger.source == "校历 c.xlsx，6 个上学日"
    p = by_name(ledger)
    assert p["王芳"].times == 6 + 1 and p["王芳"].minutes == 6 * 40 + 60
    assert p["李明"].times == 1


def test_rates_from_profile(tmp_path):
    profile = PROFILE.with_values(**{"fees.ledger.rate_own": 31.5, "fees.ledger.weeks": 1})
    p = by_name(build_ledger([schedule_book(tmp_path / "s.xlsx")], profile))
    assert p["王芳"].amount == 260 * 3150 // 40  # 6.5 periods × 31.50 元 = 204.75 元, exact


def test_cli_ledger_sheets_reconcile(tmp_path):
    fees = write_book(tmp_path / "一小.xlsx", enrollment=[student("1")], payments=[payment("1", 300)])
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["fees", str(fees), "--term", "2026秋", "--schedule",
                                 str(schedule_book(tmp_path / "s.xlsx")), "--out", str(out), "--json"])
    assert r.exit_code == 0, r.output  # FEE-LEDGER is a warning
    data = json.loads(r.stdout)
    assert data["ledger"]["totals"]["一小"]["校外人员"] == "1350.00"
    book = out / "收费汇总_2026-2027-1.xlsx"
    head, rows = sheet_rows(book, "补助台账")
    thead, totals = sheet_rows(book, "台账汇总")
    for t in totals:
        mine = [x for x in rows if x[0] == t[0]]
        assert cents(t[thead.index("合计")]) == sum(cents(x[head.index("金额")]) for x in mine)


def test_a_bad_schedule_is_reported_and_the_run_exits_2(tmp_path):
    from district_helpers import corrupt
    fees = write_book(tmp_path / "一小.xlsx", enrollment=[student("1")], payments=[payment("1", 300)])
    good, bad = schedule_book(tmp_path / "s.xlsx"), corrupt(tmp_path / "坏安排.xlsx")
    r = CliRunner().invoke(app, ["fees", str(fees), "--term", "2026秋", "--schedule", str(good), "--schedule",
                                 str(bad), "--out", str(tmp_path / "out"), "--json"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    used = {Path(f["path"]).name: (f["used"], f.get("role")) for f in data["files"]}
    assert used == {"一小.xlsx": (True, None), "s.xlsx": (True, "安排"), "坏安排.xlsx": (False, "安排")}
    assert any(f["file"] == "坏安排.xlsx" and f["severity"] == "error" for f in data["findings"])
    assert data["ledger"]["totals"]["一小"]["校外人员"] == "1350.00"  # the good schedule still counted
    assert not (tmp_path / "out").exists()  # one fee file and an input that could not be used: nothing written

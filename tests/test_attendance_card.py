"""Staff sign-in from a card-machine export (卡号 姓名 考勤时间 打卡机号码 考勤方式 备注): the real GKICMP
template read in place (skipped when ../shared is absent), generated exports with Excel serials, and
the date-time cells they hold."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asrv.attendance import Options, run
from asrv.attendance.load import read_file
from asrv.cli.main import app
from asrv.io.clock import parse_timestamp
from asrv.profile import load_profile
from test_attendance_support import HEAD, SCHOOL, clean, write
from test_schedule_support import week, write_book

REAL = Path(__file__).resolve().parents[2] / "shared" / "real_inputs"
CARD = REAL / "attendance_card_import__GKICMP_AttendRecordImport.xls"
FILES = sorted(REAL.glob("*.xls*")) if REAL.is_dir() else []
CARD_HEAD = {"Sheet1": ["卡号", "姓名", "考勤时间", "打卡机号码", "考勤方式", "备注"]}
PROFILE = load_profile("default")


@pytest.mark.parametrize("raw, value", [
    (42966.0, dt.datetime(2017, 8, 19)), (42966.5, dt.datetime(2017, 8, 19, 12, 0)),
    (46272.6875, dt.datetime(2026, 9, 7, 16, 30)), ("2026-09-07 16:02", dt.datetime(2026, 9, 7, 16, 2)),
    ("2026/9/7 16:02:59", dt.datetime(2026, 9, 7, 16, 2)), ("2026年9月7日 下午4:02", dt.datetime(2026, 9, 7, 16, 2)),
    (dt.date(2017, 8, 19), dt.datetime(2017, 8, 19)), ("16:30", dt.time(16, 30)), (0.6875, dt.time(16, 30))])
def test_date_times_as_exports_write_them(raw, value):
    assert parse_timestamp(raw) == value


@pytest.mark.parametrize("raw", ["昨天", "2026-13-01 10:00", -1, True, "2026-09-07 25:00"])
def test_what_is_not_a_date_time(raw):
    with pytest.raises(ValueError, match="应为日期和时间"):
        parse_timestamp(raw)


@pytest.mark.skipif(not CARD.exists(), reason="real_inputs not present")
def test_the_real_card_export_is_a_sign_in_file():
    got = read_file(CARD)
    assert got.role == "签到" and set(got.tables) == {"card"}
    t = got.tables["card"]
    assert len(t) == 1 and t.df["name"].tolist() == ["桂雄雷"]          # the styled empty rows are not rows
    assert t.df["punched"].tolist() == [dt.datetime(2017, 8, 19)]
    assert t.letters["punched"] == "C" and t.where("name", 2)["cell"] == "B2"


@pytest.mark.skipif(not CARD.exists(), reason="real_inputs not present")
def test_the_real_card_export_alone_cannot_be_checked(tmp_path):
    r = CliRunner().invoke(app, ["check-attendance", str(CARD), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "只有教师签到记录" in r.output and "Traceback" not in r.output


@pytest.mark.skipif(not CARD.exists(), reason="real_inputs not present")
def test_the_real_card_export_beside_a_workbook_belongs_to_its_school(tmp_path):
    import shutil
    folder = tmp_path / "第一实验小学"
    folder.mkdir()
    days = [dt.date(2017, 8, 21)]
    write(folder / "考勤.xlsx", {k: v for k, v in clean(days=days).items() if k != "教师签到"})
    r = run([str(folder), str(CARD)], PROFILE)
    card = next(f for f in r.files if f.path == CARD)
    assert card.used and card.school == SCHOOL and card.role == "签到"
    assert r.exit_code() == 0
    shutil.copy(CARD, folder / CARD.name)        # the export in the school's own folder
    r = run([str(folder)], PROFILE)
    assert {f.path.name: f.school_source for f in r.files}[CARD.name] == "同一文件夹的考勤工作簿"


def _swipes(rows):
    return {"Sheet1": [{"卡号": "", "姓名": n, "考勤时间": t, "打卡机号码": 106, "考勤方式": "其他", "备注": 4545}
                       for n, t in rows]}


def test_first_swipe_signs_in_and_the_last_signs_out(tmp_path):
    """王芳 swipes at 16:12 (serial) and 17:28 on Monday: late in, early out against 16:10–17:30."""
    sched = write_book(tmp_path / "安排.xlsx", week(school=SCHOOL, group="三(2)班托管", start="16:10", end="17:30",
                                                   staff="王芳"))
    day = dt.date(2026, 9, 7)
    book = {k: v for k, v in clean(days=[day]).items() if k != "教师签到"}
    write(tmp_path / "考勤.xlsx", book)
    serial = (dt.datetime(2026, 9, 7, 16, 12) - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    write(tmp_path / "打卡.xlsx", _swipes([("王芳", "2026-09-07 17:28"), ("王芳", serial)]), CARD_HEAD)
    r = run([str(tmp_path / "考勤.xlsx"), str(tmp_path / "打卡.xlsx")], PROFILE, options=Options(schedule=[str(sched)]))
    late = sorted((f.file, f.where, f.value) for f in r.findings if f.rule == "ATT-STAFF-LATE")
    assert late == [("打卡.xlsx", "Sheet1!C2", "17:28"), ("打卡.xlsx", "Sheet1!C3", "16:12")]
    assert not [f for f in r.findings if f.rule == "ATT-STAFF-SIGNIN"]


def test_a_swipe_without_its_date_is_a_cell_error(tmp_path):
    path = write(tmp_path / "打卡.xlsx", _swipes([("王芳", "16:02")]), CARD_HEAD)
    with pytest.raises(Exception) as got:
        read_file(path)
    assert [(f.rule, f.where) for f in got.value.findings] == [("CELL-TIME", "Sheet1!C2")]


def test_a_card_layout_in_the_workbooks_own_sign_in_sheet(tmp_path):
    book = clean(days=[dt.date(2026, 9, 7)])
    book["教师签到"] = _swipes([("王芳", dt.datetime(2026, 9, 7, 16, 0))])["Sheet1"]
    heads = {**HEAD, "教师签到": CARD_HEAD["Sheet1"]}
    got = read_file(write(tmp_path / "考勤.xlsx", book, heads))
    assert "card" in got.tables and got.role == ""


@pytest.mark.skipif(not FILES, reason="real_inputs not present")
@pytest.mark.parametrize("command", ["check-attendance", "check-meals"])
def test_no_internal_error_on_real_files(command, tmp_path):
    for path in FILES:
        r = CliRunner().invoke(app, [command, str(path), "--out", str(tmp_path / "o")])
        assert r.exit_code == 2, (path.name, r.output)
        assert "内部错误" not in r.output and "Traceback" not in r.output, (path.name, r.output)
        assert r.exception is None or isinstance(r.exception, SystemExit), (path.name, r.exception)

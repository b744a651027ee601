"""Time and weekday parsing in the shared cell parsers, including a real CCA list."""
import datetime as dt
from pathlib import Path

import pytest

from asrv.io import Field, SheetSpec, open_workbook, read_sheet
from asrv.io.cells import PARSERS
from asrv.io.clock import parse_time, parse_time_or_range, parse_time_range, parse_weekday, parse_weekdays

CCA = Path("/work/shared/real_inputs/afterschool_cca_schedule__Harrow-Nanning_25-26_S2_CCA_List.xlsx")
T1730 = dt.time(17, 30)


@pytest.mark.parametrize("raw", ["17:30", "17:30:00", "17.30", "1730", "１７：３０", "下午5:30", "5:30 PM",
                                 "5:30pm", "17点30分", "17点半", "下午5点半", " 17:30 ", 1730, 17.3,
                                 0.7291666666666666, dt.time(17, 30), dt.datetime(1899, 12, 30, 17, 30)])
def test_parse_time_accepts_every_typed_form(raw):
    assert parse_time(raw) == T1730


@pytest.mark.parametrize("raw,expected", [("930", dt.time(9, 30)), ("8:05", dt.time(8, 5)), (17, dt.time(17)),
                                          ("中午12:30", dt.time(12, 30)), ("中午1点", dt.time(13)),
                                          ("上午12:00", dt.time(0)), (17.05, dt.time(17, 5)), (0.0, dt.time(0))])
def test_parse_time_other_values(raw, expected):
    assert parse_time(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "25:00", "17:60", "17:3", "", "下午", True, -1, 1.0 - 1e-9, "17:30-18:00"])
def test_parse_time_rejects_with_chinese_reason(raw):
    with pytest.raises(ValueError) as exc:
        parse_time(raw)
    assert "时间" in str(exc.value)


@pytest.mark.parametrize("raw,expected", [
    ("16:10-17:30", (dt.time(16, 10), T1730)), ("16:10～17:30", (dt.time(16, 10), T1730)),
    ("16:10 — 17:30", (dt.time(16, 10), T1730)), ("16:10至17:30", (dt.time(16, 10), T1730)),
    ("下午4:10-5:30", (dt.time(16, 10), T1730)), ("１６：１０－１７：３０", (dt.time(16, 10), T1730)),
])
def test_parse_time_range(raw, expected):
    assert parse_time_range(raw) == expected


@pytest.mark.parametrize("raw,reason", [("17:30-16:10", "晚于"), ("16:10", "时间段"), ("16:10-", "时间段"),
                                        ("16:10-17:30-18:00", "时间段")])
def test_parse_time_range_rejects(raw, reason):
    with pytest.raises(ValueError, match=reason):
        parse_time_range(raw)


def test_time_or_range_takes_both():
    assert parse_time_or_range("16:10") == dt.time(16, 10)
    assert parse_time_or_range("16:10-17:30") == (dt.time(16, 10), T1730)
    assert parse_time_or_range(0.75) == dt.time(18)


@pytest.mark.parametrize("raw,day", [("周一", 1), ("星期一", 1), ("礼拜一", 1), ("一", 1), ("1", 1), (1, 1),
                                     (1.0, 1), ("Mon", 1), ("monday", 1), ("MON", 1), ("三 WED", 3),
                                     ("周日", 7), ("星期天", 7), ("7", 7), ("Thurs", 4), ("周 五", 5)])
def test_parse_weekday(raw, day):
    assert parse_weekday(raw) == day


@pytest.mark.parametrize("raw", ["周八", "0", 0, 8, "三 THU", "", "Funday", True, 1.5])
def test_parse_weekday_rejects(raw):
    with pytest.raises(ValueError, match="星期"):
        parse_weekday(raw)


@pytest.mark.parametrize("raw,days", [("二 TUE, 四 THU", (2, 4)), ("周一至周五", (1, 2, 3, 4, 5)),
                                      ("Mon-Fri", (1, 2, 3, 4, 5)), ("一、三、五", (1, 3, 5)), ("1-3", (1, 2, 3)),
                                      ("周三", (3,)), (2, (2,)), ("周一，周一", (1,)), ("周一和周四", (1, 4))])
def test_parse_weekdays(raw, days):
    assert parse_weekdays(raw) == days


@pytest.mark.parametrize("raw", ["周五至周一", "周一至周三至周五", "、", "可定制 Customizable"])
def test_parse_weekdays_rejects(raw):
    with pytest.raises(ValueError, match="星期"):
        parse_weekdays(raw)


def test_kinds_are_registered_for_any_sheetspec():
    for kind in ("time", "time_range", "time_or_range", "weekday", "weekdays"):
        assert kind in PARSERS


@pytest.mark.skipif(not CCA.exists(), reason="real CCA list not available")
def test_real_cca_list_days_and_times_parse():
    """Bilingual days (`二 TUE, 四 THU`) and ranges (`16:00-17:00`) of a real school's list."""
    book = open_workbook(CCA)
    rows, _ = book.grid(book.sheet_names[0])
    header = rows[0]
    day_col, time_col = header.index("安排 Day(s)"), header.index("时段 Time")
    parsed = 0
    for row in rows[1:]:
        if "Customizable" in row[day_col]:
            continue
        days = parse_weekdays(row[day_col])
        start, end = parse_time_range(row[time_col])
        assert all(1 <= d <= 7 for d in days) and start < end
        parsed += 1
    assert parsed > 50
    assert parse_weekdays("一 MON, 三 WED, 六 SAT, 日 SUN") == (1, 3, 6, 7)
    assert parse_time_range("8:00-9:00") == (dt.time(8), dt.time(9))


@pytest.mark.skipif(not CCA.exists(), reason="real CCA list not available")
def test_real_cca_list_through_the_shared_reader():
    """Read with kinds weekdays/time_range: only the 可定制 (customizable) cells are reported, at their cells."""
    spec = SheetSpec("cca", "Parent's 25-26 S2 CCA List", (
        Field("name", "CCA Name"),
        Field("days", "安排", ("Day(s)",), kind="weekdays"),
        Field("time", "时段", ("Time",), kind="time_range"),
    ))
    problems = []
    table = read_sheet(open_workbook(CCA), spec, problems)
    assert table is not None and len(table) > 100
    assert problems and all(p.value == "可定制 Customizable" for p in problems)
    assert {p.rule for p in problems} == {"CELL-WEEKDAY", "CELL-TIME"}
    assert all(p.cell[0] in "DE" for p in problems)
    ok = table.df.dropna(subset=["days"])
    assert (2, 4) in set(ok["days"])

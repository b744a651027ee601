"""Clock values people type in schedules and fitness sheets: times, weekdays, minutes and seconds.

Each parser raises ValueError with a Chinese reason, as in cells.py; importing this module
registers the kinds time / time_range / time_or_range / weekday / weekdays / minsec.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal

from .cells import DATE_YEARS, PARSERS, clean_text

_TIME_HINT = "应为时间，如 17:30、17.30、1730 或 下午5:30"
_PM = ("下午", "晚上", "傍晚", "pm", "p.m.")
_AM = ("上午", "早上", "清晨", "凌晨", "am", "a.m.")
_NOON = ("中午",)
_HM = re.compile(r"(\d{1,2})[:.](\d{1,2})(?::(\d{2}))?")
_HHMM = re.compile(r"(\d{3,4})")
_CN_HM = re.compile(r"(\d{1,2})[点时](?:(\d{1,2})分?|(半))?")
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|~|至|到)\s*")


def _time_text(s: str) -> tuple[str, str]:
    """Split `下午5:30` / `5:30 PM` into ('pm', '5:30')."""
    low = s.lower().replace(" ", "")
    for words, tag in ((_PM, "pm"), (_AM, "am"), (_NOON, "noon")):
        for w in words:
            if low.startswith(w):
                return tag, low[len(w):]
            if low.endswith(w):
                return tag, low[:-len(w)]
    return "", low


def _hm(s: str) -> tuple[int, int] | None:
    m = _HM.fullmatch(s)
    if m:
        h, mm = int(m.group(1)), m.group(2)
        # `17.3` is what Excel leaves of a typed 17.30; `17:3` is a typo, not a time.
        if len(mm) == 1 and s[len(m.group(1))] != ".":
            return None
        return h, int(mm) * (10 if len(mm) == 1 else 1)
    m = _CN_HM.fullmatch(s)
    if m:
        return int(m.group(1)), 30 if m.group(3) else int(m.group(2) or 0)
    m = _HHMM.fullmatch(s)
    if m:
        return int(s[:-2]), int(s[-2:])
    if s.isdigit() and len(s) <= 2:
        return int(s), 0
    return None


def parse_time(v: object) -> dt.time:
    """A time of day as people type it: Excel time or fraction, `17:30`, `17:30:00`, `17.30`,
    `1730`, `１７：３０`, `下午5:30`, `5:30 PM`, `17点半`."""
    if isinstance(v, dt.datetime):
        return v.time().replace(second=0, microsecond=0)
    if isinstance(v, dt.time):
        return v.replace(second=0, microsecond=0)
    if isinstance(v, bool):
        raise ValueError(_TIME_HINT)
    if isinstance(v, (int, float)):
        if math.isnan(v) or math.isinf(v) or v < 0:
            raise ValueError(_TIME_HINT)
        if v < 1:  # an Excel time of day is a fraction of a day
            minutes = round(v * 1440)
            if minutes >= 1440:
                raise ValueError(_TIME_HINT)
            return dt.time(minutes // 60, minutes % 60)
        if float(v).is_integer():
            s = str(int(v))
        else:
            s = f"{v:.2f}".rstrip("0")  # 17.3 -> "17.3" (17:30), 17.05 -> "17.05"
    else:
        s = unicodedata.normalize("NFKC", str(v)).strip()
    tag, body = _time_text(s)
    hm = _hm(body)
    if hm is None:
        raise ValueError(_TIME_HINT)
    h, m = hm
    if tag == "pm" and h < 12 or tag == "noon" and h < 6:
        h += 12
    elif tag == "am" and h == 12:
        h = 0
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueError("时间超出范围（时 0–23、分 0–59）")
    return dt.time(h, m)


def parse_time_range(v: object) -> tuple[dt.time, dt.time]:
    """`16:10-17:30`, `16:10～17:30`, `下午4:10至5:30` in one cell -> (start, end)."""
    s = unicodedata.normalize("NFKC", clean_text(v))
    parts = _RANGE_SPLIT.split(s)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ValueError("应为时间段，如 16:10-17:30")
    tag, _ = _time_text(parts[0])
    second = parts[1]
    if tag and not _time_text(second)[0]:
        second = {"pm": "下午", "am": "上午", "noon": "中午"}[tag] + second  # 下午4:10-5:30
    start, end = parse_time(parts[0]), parse_time(second)
    if end <= start:
        raise ValueError("时间段的结束时间应晚于开始时间")
    return start, end


def parse_time_or_range(v: object) -> dt.time | tuple[dt.time, dt.time]:
    """A time, or a whole range typed into a start-time cell."""
    if isinstance(v, str) and _RANGE_SPLIT.search(unicodedata.normalize("NFKC", v).strip()):
        return parse_time_range(v)
    return parse_time(v)


_WEEKDAY_HINT = "应为星期，如 周一、星期一、一、1 或 Mon"
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7,
             "mon": 1, "monday": 1, "tue": 2, "tues": 2, "tuesday": 2, "wed": 3, "weds": 3,
             "wednesday": 3, "thu": 4, "thur": 4, "thurs": 4, "thursday": 4, "fri": 5, "friday": 5,
             "sat": 6, "saturday": 6, "sun": 7, "sunday": 7,
             **{str(i): i for i in range(1, 8)}}
_WEEKDAY_PREFIX = re.compile(r"^(星期|礼拜|周)")
_WEEKDAY_GAP = re.compile(r"(星期|礼拜|周)\s+")
_WEEKDAY_NAMES = ("", "周一", "周二", "周三", "周四", "周五", "周六", "周日")


def weekday_name(day: int) -> str:
    return _WEEKDAY_NAMES[day]


def _one_weekday(token: str) -> int:
    t = _WEEKDAY_PREFIX.sub("", token.strip().rstrip(".")).strip()
    day = _WEEKDAYS.get(t)
    if day is None:
        raise ValueError(_WEEKDAY_HINT)
    return day


def parse_weekday(v: object) -> int:
    """1 = Monday … 7 = Sunday, from `周一`, `星期一`, `一`, `1`, `Mon`, or bilingual `三 WED`."""
    if isinstance(v, bool):
        raise ValueError(_WEEKDAY_HINT)
    if isinstance(v, (int, float)):
        if float(v).is_integer() and 1 <= v <= 7:
            return int(v)
        raise ValueError(_WEEKDAY_HINT)
    s = _WEEKDAY_GAP.sub(r"\1", unicodedata.normalize("NFKC", str(v)).strip().lower())
    days = {_one_weekday(t) for t in s.split()} if s else set()
    if not days:
        raise ValueError(_WEEKDAY_HINT)
    if len(days) > 1:  # `三 THU`: the two languages disagree
        raise ValueError(f"星期前后不一致：{clean_text(v)}")
    return days.pop()


_LIST_SPLIT = re.compile(r"[,;/、和]")


def parse_weekdays(v: object) -> tuple[int, ...]:
    """One or more days: `周一、周三`, `二 TUE, 四 THU`, `周一至周五`, `Mon-Fri`, `1-5`."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return (parse_weekday(v),)
    s = unicodedata.normalize("NFKC", str(v)).strip()
    days: set[int] = set()
    for token in _LIST_SPLIT.split(s):
        if not token.strip():
            continue
        ends = _RANGE_SPLIT.split(token.strip())
        if len(ends) == 2:
            a, b = parse_weekday(ends[0]), parse_weekday(ends[1])
            if b < a:
                raise ValueError(f"星期范围有误：{token.strip()}")
            days.update(range(a, b + 1))
        elif len(ends) == 1:
            days.add(parse_weekday(token))
        else:
            raise ValueError(_WEEKDAY_HINT)
    if not days:
        raise ValueError(_WEEKDAY_HINT)
    return tuple(sorted(days))


PARSERS.update(time=parse_time, time_range=parse_time_range, time_or_range=parse_time_or_range,
               weekday=parse_weekday, weekdays=parse_weekdays)


# ---- run times in minutes and seconds (fitness: 50米×8往返跑, 800米, 1000米; kind minsec) ----

MINSEC_HINT = "应为分秒，如 3'40\"、3′40″、3分40秒、3.40 或 220（秒）"
# Below this a bare number is minutes.seconds: no 50米×8, 800 m or 1000 m run takes under 20 s.
MINSEC_NUMBER_BELOW = 20
_MINSEC = re.compile(r"(\d{1,2})(?:'|′|’|‘|:|分)(\d{1,2}(?:\.\d+)?)(?:\"|″|”|“|''|′′|’’|秒)?")
_SECONDS = re.compile(r"(\d+(?:\.\d+)?)(?:\"|″|”|''|′′|秒)?")


def parse_minsec(v: object) -> float:
    """A run time in seconds. `3'40"`, `3′40″`, `3'40`, `3:40`, `3分40秒` are 220; `220` and `220"`
    are seconds; a number below 20 is minutes.seconds, so `3.40`, and `3.4` (what Excel keeps of
    a typed 3.40), are 3′40″ and `3.05` is 3′05″. An Excel time typed as `3:40` (stored as 3 h 40
    min) is read as 3′40″, since no run takes hours."""
    if isinstance(v, bool):
        raise ValueError(MINSEC_HINT)
    if isinstance(v, dt.datetime):
        v = v.time()
    if isinstance(v, dt.timedelta):
        total = int(round(v.total_seconds()))
        v = dt.time(total // 3600 % 24, total // 60 % 60, total % 60)
    if isinstance(v, dt.time):
        return float(v.hour * 60 + v.minute if v.hour else v.minute * 60 + v.second)
    if isinstance(v, (int, float)):
        if math.isnan(v) or math.isinf(v) or v < 0:
            raise ValueError(MINSEC_HINT)
        s = repr(float(v)) if isinstance(v, float) else str(v)
        s = s[:-2] if s.endswith(".0") else s
    else:
        s = unicodedata.normalize("NFKC", str(v)).strip().replace(" ", "")
    m = _MINSEC.fullmatch(s)
    if m:
        minutes, seconds = Decimal(m.group(1)), Decimal(m.group(2))
    else:
        m = _SECONDS.fullmatch(s)
        if not m:
            raise ValueError(MINSEC_HINT)
        x = Decimal(m.group(1))
        if x >= MINSEC_NUMBER_BELOW or m.group(0) != m.group(1):
            return float(x)
        whole, _, frac = m.group(1).partition(".")
        if len(frac) > 2:
            raise ValueError(MINSEC_HINT)
        minutes, seconds = Decimal(whole), Decimal((frac or "0").ljust(2, "0"))
    if seconds >= 60:
        raise ValueError("秒数应小于 60，" + MINSEC_HINT)
    return float(minutes * 60 + seconds)


PARSERS.update(minsec=parse_minsec)


# ---- moments: a date and a time in one cell (card-machine exports, 告知家长时间, 留样时间; kind timestamp) ----

_STAMP_HINT = "应为日期和时间，如 2026-03-05 17:20 或 2026/3/5 17:20:00（同一天的也可只写时间 17:20）"
_STAMP = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]*(?P<t>\S.*))?")
_EXCEL_ZERO = dt.datetime(1899, 12, 30)


def parse_timestamp(v: object) -> dt.datetime | dt.time:
    moment = _timestamp(v)
    if isinstance(moment, dt.datetime) and not DATE_YEARS[0] <= moment.year <= DATE_YEARS[1]:
        raise ValueError(f"应为 {DATE_YEARS[0]} 至 {DATE_YEARS[1]} 年间的日期和时间")
    return moment


def _timestamp(v: object) -> dt.datetime | dt.time:
    """A moment to the minute: an Excel date-time or serial (42966.5 is 2017-08-19 12:00),
    `2026-03-05 17:20`, `2026/3/5 17:20:00`, `2026年3月5日 下午5:20`. A bare time (`17:20`, an Excel
    fraction below 1) is returned as a time of day: the day is the row's own date."""
    if isinstance(v, dt.datetime):
        return v.replace(second=0, microsecond=0)
    if isinstance(v, dt.date):
        return dt.datetime.combine(v, dt.time())
    if isinstance(v, dt.time) or isinstance(v, float) and 0 <= v < 1:
        return parse_time(v)
    if isinstance(v, bool):
        raise ValueError(_STAMP_HINT)
    if isinstance(v, (int, float)):
        if math.isnan(v) or math.isinf(v) or not 1 <= v < 2958466:
            raise ValueError(_STAMP_HINT)
        return (_EXCEL_ZERO + dt.timedelta(minutes=math.floor(v * 1440 + 1e-6)))
    s = unicodedata.normalize("NFKC", str(v)).strip()
    m = _STAMP.fullmatch(s)
    try:
        if m is None:
            return parse_time(s)
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return dt.datetime.combine(day, parse_time(m.group("t")) if m.group("t") else dt.time())
    except ValueError:
        raise ValueError(_STAMP_HINT) from None


PARSERS.update(timestamp=parse_timestamp)

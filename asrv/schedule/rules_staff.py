"""Who serves: STAFF-* rules on the 人员 sheet, and CONFLICT-* overlaps of people and rooms."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..grouped import running_max
from .days import with_days
from .load import hhmm
from .rules import Context, rule


def _people(ctx: Context) -> pd.DataFrame:
    """One line per session and person named in its 教师 cell."""
    def make():
        named = ctx.sessions["staff"].tolist()  # each row's names, a tuple (load._NAMES)
        s = ctx.sessions[[bool(v) for v in named]]
        names = [v for v in named if v]
        if not names:
            return s.explode("staff").rename(columns={"staff": "name"})
        # One row per person, as explode gives it, without explode's general (and slow) path.
        out = s.take(np.repeat(np.arange(len(s)), [len(v) for v in names]))
        return out.assign(staff=np.array([n for v in names for n in v], dtype=object)).rename(columns={"staff": "name"})
    return ctx.cached("people", make)


def _staff_school(ctx: Context) -> pd.DataFrame:
    """The staff sheet, each person with a school for grouping: their own, else where they serve."""
    return ctx.cached("staff_school", lambda: _with_school(ctx))


def _with_school(ctx: Context) -> pd.DataFrame:
    st = ctx.staff.copy()
    p = _people(ctx)
    serves: dict = {}  # (file, name) -> the school of the first session naming them
    for key, school in zip(zip(p["file"].to_numpy(dtype=object), p["name"].to_numpy(dtype=object)),
                           p["school"].to_numpy(dtype=object)):
        serves.setdefault(key, school)
    where = pd.Series([serves.get(k) for k in zip(st["file"].to_numpy(dtype=object), st["name"].to_numpy(dtype=object))],
                      index=st.index, dtype=object)
    st["school"] = st["school"].where(st["school"] != "", where.fillna(st["file_school"]))
    return st


def _org(r) -> str:
    return f"（{r.organization}）" if r.organization else ""


@rule("STAFF-KNOWN", "安排表中的每个人都登记在人员表中",
      source="篇1 三(五)", severity="error", keys=())
def known(ctx: Context) -> None:
    p = _people(ctx).drop_duplicates(["file", "row", "name"])
    known_names = set(zip(ctx.staff["file"], ctx.staff["name"]))
    bad = p[[k not in known_names for k in zip(p["file"], p["name"])]]
    ctx.emit_rows("STAFF-KNOWN", bad, "at_staff", lambda r: r.name,
                  lambda r: f"「{r.name}」未登记在「人员」表中：参与课后服务的人员须登记资质与协议")


@rule("STAFF-RECORD", "严禁有不良记录人员参与",
      source="篇1 三(五)", severity="error", keys=())
def record(ctx: Context) -> None:
    st = _staff_school(ctx)
    bad = st[st["bad_record"] == "是"]
    ctx.emit_rows("STAFF-RECORD", bad, "at_bad_record", lambda r: r.name,
                  lambda r: f"{r.name} 有不良记录：严禁有不良记录人员参与课后服务")


@rule("STAFF-TRAINING-ORG", "严禁校外培训机构参与（第三方机构经准入审核后可参与：{schedule.staff.admitted_vendors_allowed}）",
      source="篇1 三(五)", severity="error", keys=("schedule.staff.training_org_kinds", "schedule.staff.vendor_kinds", "schedule.staff.admitted_vendors_allowed"))
def training_org(ctx: Context) -> None:
    st = _staff_school(ctx)
    kinds = ctx.cfg("staff.training_org_kinds")
    training = st["org_kind"].map(lambda k: any(w in k for w in kinds))
    if not ctx.cfg("staff.admitted_vendors_allowed"):
        ctx.emit_rows("STAFF-TRAINING-ORG", st[training], "at_org_kind", lambda r: r.org_kind,
                      lambda r: f"{r.name}{_org(r)}属于{r.org_kind}：严禁校外培训机构参与课后服务")
        return
    vendor = st["kind"].isin(ctx.cfg("staff.vendor_kinds"))
    bad = st[(training | vendor) & (st["admitted"] != "是")].copy()
    bad["at"] = bad["at_admitted"].where(bad["at_admitted"] != "", bad["at_name"])
    ctx.emit_rows("STAFF-TRAINING-ORG", bad, "at", lambda r: r.name,
                  lambda r: f"{r.name}{_org(r)}为第三方机构或培训机构人员，未经准入审核：未按程序审核的机构或个人不得入校提供课后服务")


@rule("STAFF-EXTERNAL", "校外人员具备相应资格，并签订劳动合同或劳务协议",
      source="篇1 三(五)", severity="error", keys=("schedule.staff.own_kinds",))
def external(ctx: Context) -> None:
    st = _staff_school(ctx)
    outside = st[~st["kind"].isin(ctx.cfg("staff.own_kinds"))].copy()
    for col, what in (("qualified", "不具备相应资格（「资质」未填「是」）"),
                      ("contract", "未签订劳动合同或劳务协议（「协议」未填「是」）")):
        bad = outside[outside[col] != "是"].copy()
        bad["at"] = bad[f"at_{col}"].where(bad[f"at_{col}"] != "", bad["at_name"])
        ctx.emit_rows("STAFF-EXTERNAL", bad, "at", lambda r: r.name,
                      lambda r, what=what: f"{r.name}（{r.kind}）{what}：临时聘请人员应具备相应资格并签订合同或协议")


@rule("STAFF-BASIC-OWN", "普惠托管由本校教职工参与",
      source="篇2 三(二)", severity="off", keys=("schedule.staff.own_kinds", "schedule.default_mode"))
def basic_own(ctx: Context) -> None:
    p = _people(ctx)
    p = p[p["mode"] == "普惠托管"].drop_duplicates(["file", "row", "name"])
    kind = ctx.staff.drop_duplicates(["file", "name"]).set_index(["file", "name"])["kind"]
    p = p.assign(kind=kind.reindex(pd.MultiIndex.from_frame(p[["file", "name"]])).to_numpy())
    bad = p[p["kind"].notna() & ~p["kind"].isin(ctx.cfg("staff.own_kinds"))]
    ctx.emit_rows("STAFF-BASIC-OWN", bad, "at_staff", lambda r: r.name,
                  lambda r: f"普惠托管「{r.activity}」由{r.name}（{r.kind}）承担：普惠托管应由本校教职工参与")


def _overlaps(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Pairs of different rows sharing `keys` whose [start, end) intervals overlap (a above b).

    One line per pair of rows, naming the weekdays they clash on.
    """
    if not _may_overlap(frame, keys):  # the usual schedule: not even a self-merge to find no pair
        return frame.iloc[:0]
    cols = keys + ["row", "start", "end", "group"]
    left = list(dict.fromkeys(cols + ["school", "sheet", "at_staff", "at_room"]))
    pairs = frame[left].merge(frame[cols], on=keys, suffixes=("", "_a"))
    pairs = pairs[(pairs["row_a"] < pairs["row"]) & (pairs["start_a"] < pairs["end"])
                  & (pairs["start"] < pairs["end_a"])]
    return with_days(pairs, [k for k in keys if k != "day"] + ["row", "row_a"])


def _may_overlap(frame: pd.DataFrame, keys: list[str]) -> bool:
    """Whether two rows sharing `keys` may overlap: sorted by key and start, some row starts before
    the latest end above it in its key. Never False where _overlaps finds a pair (a row without
    both times overlaps nothing); True may still end in no pair."""
    start, end = frame["start"].to_numpy(dtype=float), frame["end"].to_numpy(dtype=float)
    timed = ~(np.isnan(start) | np.isnan(end))
    if timed.sum() < 2:
        return False
    codes = np.zeros(int(timed.sum()), dtype=np.int64)
    for k in keys:  # a missing key is a value of its own, as merge matches it
        c, u = pd.factorize(frame[k].to_numpy(dtype=object)[timed], use_na_sentinel=False)
        codes = codes * (len(u) + 1) + c
    order = np.lexsort((start[timed], codes))
    codes, start, end = codes[order], start[timed][order], end[timed][order]
    same = codes[1:] == codes[:-1]
    group = np.r_[0, np.cumsum(~same)]
    reach = running_max(end, group)
    return bool(np.any(same & (start[1:] < reach[:-1])))


def _span(r, suffix: str = "") -> str:
    return f"{hhmm(getattr(r, 'start' + suffix))}-{hhmm(getattr(r, 'end' + suffix))}"


@rule("CONFLICT-STAFF", "同一人不在两个时间重叠的安排中",
      source="", severity="error", keys=())
def staff_conflict(ctx: Context) -> None:
    bad = _overlaps(_people(ctx), ["file", "school", "name", "day"])
    ctx.emit_rows("CONFLICT-STAFF", bad, "at_staff", lambda r: r.name,
                  lambda r: f"{r.name} {r.days} {_span(r)}（{r.group}）与第 {r.row_a} 行 {_span(r, '_a')}（{r.group_a}）"
                            "时间重叠：同一人不能同时承担两处服务")


@rule("CONFLICT-ROOM", "同一地点不在两个时间重叠的安排中（共用场地除外：{schedule.shared_rooms}）",
      source="", severity="error", keys=("schedule.shared_rooms",))
def room_conflict(ctx: Context) -> None:
    s = ctx.sessions
    s = s[(s["room"] != "") & ~s["room"].isin(ctx.cfg("shared_rooms"))]
    bad = _overlaps(s, ["file", "school", "room", "day"])
    ctx.emit_rows("CONFLICT-ROOM", bad, "at_room", lambda r: r.room,
                  lambda r: f"{r.room} {r.days} {_span(r)}（{r.group}）与第 {r.row_a} 行 {_span(r, '_a')}（{r.group_a}）"
                            "时间重叠：同一地点不能同时安排两个服务班")

"""The sheets of 体测成绩.xlsx: 学生成绩, 班级汇总, 年级汇总, 学校汇总, 文件 (and 问题, the shared
layout). Every sheet has a 学校 column; run times are numbers shown as 3′40″."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..out import ColumnRows, SheetOut
from .scoring import STATUS_ZH
from .sheets import HEADERS, SCORED, TIMED, UNITS
from .summary import RATING_KEYS, RATINGS
from .tables import ITEM_ZH, ITEMS, SEX_ZH, standard

# Seconds kept as a number (a fraction of a day, as Excel keeps times) shown as minutes and seconds.
MINSEC_FORMAT = '[m]"′"ss"″"'
SECONDS_PER_DAY = 86400
KEY_ZH = {"school": "学校", "grade": "年级", "class": "班级"}


def _header(name: str) -> str:
    return f"{HEADERS[name]}（{'分秒' if name in TIMED else UNITS[name]}）"


def _floats(values: pd.Series, blank_nan: bool = False) -> list:
    """A float column's cells, each distinct value (bit for bit: -0.0 stays apart from 0.0) one Python
    float shared by its rows: a district's sheet is millions of cells but a few thousand numbers.
    With `blank_nan`, None where there is no value."""
    bits = np.ascontiguousarray(values.to_numpy(np.float64)).view(np.int64)
    distinct, codes = np.unique(bits, return_inverse=True)
    objects = np.empty(len(distinct), dtype=object)
    objects[:] = [None if blank_nan and x != x else x for x in distinct.view(np.float64).tolist()]
    return objects[codes.ravel()].tolist()


def _measures(name: str, values: pd.Series) -> list:
    """A measurement column as written: None where not measured, run times as a fraction of a day."""
    return _floats(values / SECONDS_PER_DAY if name in TIMED else values, blank_nan=True)


def student_sheet(s: pd.DataFrame) -> SheetOut:
    labels = standard().grade_labels
    shown = [n for n in SCORED if n not in ("height", "weight")]
    # Who first (kept in view when scrolling right: 学校 to 姓名), where it was read last.
    cols = ["学校", "年级", "班级", "学籍号", "姓名", "性别", "身高（厘米）", "体重（千克）", "BMI", f"{ITEM_ZH['bmi']}得分"]
    for name in shown:
        cols += [_header(name), f"{ITEM_ZH[name]}得分"]
    cols += ["标准分", "附加分", "学年总分", "等级", "状态", "文件", "工作表", "行"]
    # Built and written column by column: 150,000 students are millions of cells, and a dict per
    # student (to_dict) costs seconds and hundreds of megabytes.
    given = lambda c: s[c].tolist()  # noqa: E731
    number = lambda c: _floats(s[c])  # noqa: E731
    columns = [given("school"), [labels.get(g, g) for g in given("grade")], given("class"), given("student_id"),
               given("name"), [SEX_ZH.get(x) for x in given("sex")], number("height"), number("weight"),
               number("bmi_value"), number("score_bmi")]
    for name in shown:
        columns += [_measures(name, s[name]), number(f"score_{name}")]
    columns += [number("standard"), number("bonus"), number("total"), given("rating"),
                [STATUS_ZH[x] for x in given("status")], given("file"), given("sheet"), given("row")]
    rows = ColumnRows(columns)
    veto = s["rating"].eq("不及格").to_numpy(bool)
    muted = s["status"].ne("tested").to_numpy(bool)
    marks = {int(i): "veto" if veto[i] else "muted" for i in np.flatnonzero(veto | muted)}
    fmt = {**{c: "0.0" for c in ("标准分", "学年总分", "BMI")}, **{_header(n): MINSEC_FORMAT for n in TIMED}}
    return SheetOut("学生成绩", cols, rows, number_formats=fmt, marks=marks,
                    notes=["《国家学生体质健康标准（2014年修订）》评分；等级按学年总分（标准分 + 附加分）评定（说明7）。"])


def summary_sheet(frames: list[pd.DataFrame], title: str, by: list[str]) -> SheetOut:
    """One row per group of `by`; the district rows (全区合计) follow the schools' when given."""
    labels = standard().grade_labels
    per_class = "class" in by
    cols = [KEY_ZH[k] for k in by] + ([] if per_class else ["班级数"]) + ["人数", "实测", "免测", "未测", "缺项"]
    for zh in RATINGS:
        cols += [f"{zh}人数", f"{zh}占比%"]
    cols += ["及格及以上", "及格率%", "平均总分"] + (["不及格学生（一票否决）"] if per_class else [])
    cols += [f"{ITEM_ZH[i]}不及格" for i in ITEMS]
    rows, marks = [], {}
    for frame, mark in zip(frames, (None, "good")):
        for r in frame.to_dict("records"):
            row = [labels.get(r[k], r[k]) if k == "grade" else r[k] for k in by]
            row += ([] if per_class else [r["classes"]]) + [r["students"], r["tested"], r["exempt"],
                                                            r["untested"], r["incomplete"]]
            for zh in RATINGS:
                row += [r[RATING_KEYS[zh]], r[f"{RATING_KEYS[zh]}_rate"]]
            row += [r["passed"], r["passed_rate"], r["mean_total"]]
            row += ["、".join(r["failed_names"])] if per_class else []
            row += [r[f"fail_{i}"] for i in ITEMS]
            if mark or (per_class and r["fail"]):
                marks[len(rows)] = mark or "veto"
            rows.append(row)
    return SheetOut(title, cols, rows, number_formats={"平均总分": "0.0"}, marks=marks,
                    notes=["比率以实测人数为分母；免测、未测、缺项的学生不计入（说明10）。"])


def files_sheet(files) -> SheetOut:
    """Every input: the school it was taken to be, how that was known, and whether it was used."""
    rows = [[f.school, f.file, str(f.path), f.school_source, "是" if f.used else "否（见「问题」表）"] for f in files]
    marks = {i: "error" for i, f in enumerate(files) if not f.used}
    return SheetOut("文件", ["学校", "文件", "路径", "学校依据", "是否使用"], rows, marks=marks,
                    notes=["学校依据：学校列、标题行、学校单元格、文件名或 --school。"])

"""Outputs of `asrv fitness`: one workbook (students, classes, grades, findings) and an HTML
report per class, all written atomically."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..out import Outputs, SheetOut, render, write_workbook
from ..out.findings import findings_sheet
from .read import HEADERS, SCORED, UNITS
from .scoring import STATUS_ZH
from .summary import RATING_KEYS, RATINGS
from .tables import ITEM_ZH, ITEMS, SEX_ZH, standard

WORKBOOK = "体测成绩.xlsx"


def student_sheet(s: pd.DataFrame) -> SheetOut:
    labels = standard().grade_labels
    cols = ["文件", "工作表", "行", "年级", "班级", "学籍号", "姓名", "性别", "身高（厘米）", "体重（千克）", "BMI",
            f"{ITEM_ZH['bmi']}得分"]
    for name in SCORED:
        if name not in ("height", "weight"):
            cols += [f"{HEADERS[name]}（{UNITS[name]}）", f"{ITEM_ZH[name]}得分"]
    cols += ["标准分", "附加分", "学年总分", "等级", "状态"]
    rows, marks = [], {}
    for i, r in enumerate(s.to_dict("records")):
        row = [r["file"], r["sheet"], r["row"], labels.get(r["grade"], r["grade"]), r["class"], r["student_id"],
               r["name"], SEX_ZH.get(r["sex"]), r["height"], r["weight"], r["bmi_value"], r["score_bmi"]]
        for name in SCORED:
            if name not in ("height", "weight"):
                row += [r[name], r[f"score_{name}"]]
        row += [r["standard"], r["bonus"], r["total"], r["rating"], STATUS_ZH[r["status"]]]
        rows.append(row)
        if r["rating"] == "不及格":
            marks[i] = "veto"
        elif r["status"] != "tested":
            marks[i] = "muted"
    fmt = {c: "0.0" for c in ("标准分", "学年总分", "BMI")}
    return SheetOut("学生成绩", cols, rows, number_formats=fmt, marks=marks,
                    notes=["《国家学生体质健康标准（2014年修订）》评分；等级按学年总分（标准分 + 附加分）评定（说明7）。"])


def summary_sheet(df: pd.DataFrame, title: str, per_class: bool) -> SheetOut:
    labels = standard().grade_labels
    cols = ["年级"] + (["班级"] if per_class else []) + ["人数", "实测", "免测", "未测", "缺项"]
    for zh in RATINGS:
        cols += [f"{zh}人数", f"{zh}占比%"]
    cols += ["及格及以上", "及格率%", "平均总分"] + (["不及格学生（一票否决）"] if per_class else [])
    cols += [f"{ITEM_ZH[i]}不及格" for i in ITEMS]
    rows, marks = [], {}
    for i, r in enumerate(df.to_dict("records")):
        row = [labels.get(r["grade"], r["grade"])] + ([r["class"]] if per_class else [])
        row += [r["students"], r["tested"], r["exempt"], r["untested"], r["incomplete"]]
        for zh in RATINGS:
            row += [r[RATING_KEYS[zh]], r[f"{RATING_KEYS[zh]}_rate"]]
        row += [r["passed"], r["passed_rate"], r["mean_total"]]
        row += ["、".join(r["failed_names"])] if per_class else []
        row += [r[f"fail_{i}"] for i in ITEMS]
        rows.append(row)
        if r["fail"]:
            marks[i] = "veto"
    return SheetOut(title, cols, rows, number_formats={"平均总分": "0.0"}, marks=marks,
                    notes=["比率以实测人数为分母；免测、未测、缺项的学生不计入（说明10）。"])


def class_html(result, row: pd.Series, mask: bool) -> str:
    labels = standard().grade_labels
    s = result.students
    members = s[(s["class"] == row["class"]) & (s["grade"].fillna("") == row["grade"])]
    students = []
    for r in members.to_dict("records"):
        r = {k: None if isinstance(v, float) and v != v else v for k, v in r.items()}
        items = {i: None if r[f"score_{i}"] is None else int(r[f"score_{i}"]) for i in ITEMS}
        students.append({**r, "items": items, "status_zh": STATUS_ZH[r["status"]]})
    shown = [i for i in ITEMS if members[f"score_{i}"].notna().any()]
    c = {k: None if isinstance(v, float) and v != v else v for k, v in row.to_dict().items()}
    return render("fitness_class.html.j2", c=c, grade=labels.get(row["grade"], row["grade"]),
                  students=students, items=shown, item_zh=ITEM_ZH, ratings=RATINGS, keys=RATING_KEYS,
                  mask=mask)


def write_outputs(result, out_dir: str | Path, mask: bool = True) -> list[Path]:
    sheets = [student_sheet(result.students), summary_sheet(result.classes, "班级汇总", True),
              summary_sheet(result.grades, "年级汇总", False), findings_sheet(result.findings)]
    with Outputs(out_dir, "fitness") as outputs:
        paths = [outputs.write(WORKBOOK, lambda p: write_workbook(p, sheets))]
        for _, row in result.classes.iterrows():
            name = f"体测_{safe_name(row['class'] or '未分班')}.html"
            paths.append(outputs.write_text(name, class_html(result, row, mask)))
    return paths


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", str(text)).strip("_") or "班级"

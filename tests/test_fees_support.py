"""Builders shared by the fee tests and tests/bench_fees.py: small workbooks and generated districts."""
from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook

from asrv import fees
from asrv.fees import sheets as S

ACCOUNT = "学校财务专户"


def check(paths, profile, term: str = "2026秋", **options):
    """The library run of a fee test: `fees.run(paths, profile, options=fees.Options(term=…))`."""
    return fees.run([str(p) for p in paths], profile, options=fees.Options(term=term, **options))


def write_book(path: Path, **sheets: list[dict]) -> Path:
    """A fee workbook: sheet kind (enrollment, payments, ...) -> rows keyed by field name.

    Only the columns the rows use are written, so a test can leave out an optional column.
    """
    wb = Workbook(write_only=True)
    for spec in S.ALL:
        rows = sheets.get(spec.name)
        if rows is None:
            continue
        used = [f for f in spec.fields if any(f.name in r for r in rows)] or \
            [f for f in spec.fields if f.required]
        ws = wb.create_sheet(spec.title)
        ws.append([f.header for f in used])
        for r in rows:
            ws.append([_cell(r.get(f.name)) for f in used])
    wb.save(path)
    return path


def _cell(v):
    return float(v) if isinstance(v, Decimal) else v


def student(sid: str, mode: str = "个性化课程", course: str = "合唱", fee=300, **more) -> dict:
    return {"term": "2026秋", "school": "一小", "class": "三(1)班", "student_id": sid, "name": f"学生{sid}",
            "mode": mode, "course": course if mode == "个性化课程" else "", "fee": fee, **more}


def payment(sid: str, amount, payee: str = ACCOUNT, **more) -> dict:
    return {"term": "2026秋", "school": "一小", "student_id": sid, "date": "2026-09-10", "amount": amount,
            "payee": payee, **more}


def expense(category: str, amount, **more) -> dict:
    return {"term": "2026秋", "school": "一小", "date": "2026-12-20", "category": category, "amount": amount,
            **more}


COURSES = [("合唱", 300), ("围棋", 280), ("篮球", 300), ("书法", 260), ("绘画", 250), ("科学", 200)]


def district(folder: Path, schools: int, students: int, seed: int = 7) -> list[Path]:
    """One workbook per school: enrollment, payments with refunds and odd cents, spending, subsidy."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(schools):
        school = f"第{k + 1}小学"
        enr, pay = [], []
        for i in range(students):
            sid = f"{k + 1:02d}{i:05d}"
            base = {"term": rng.choice(["2026秋", "2026-2027-1", "2026-2027学年第一学期"]), "school": school,
                    "class": f"{'一二三四五六'[i % 6]}({i % 4 + 1})班", "student_id": sid, "name": f"张{i}明",
                    "hardship": "是" if rng.random() < 0.03 else "否"}
            if rng.random() < 0.8:
                enr.append({**base, "mode": "普惠托管", "course": "", "fee": 0, "materials": 0})
            due = Decimal(0)
            chosen = rng.sample(COURSES, rng.choices((0, 1, 2), (0.4, 0.45, 0.15))[0])
            if rng.random() < 0.002:
                chosen.append(("编程", 350))  # over the cap, now and then
            for course, fee in chosen:
                fee = Decimal(fee) - Decimal(rng.randint(0, 99)) / 100  # odd cents on purpose
                mat = Decimal(rng.choice((0, 0, 0, 45)))
                if base["hardship"] == "是":
                    fee = mat = Decimal(0)
                enr.append({**base, "mode": "个性化课程", "course": course, "fee": fee, "materials": mat})
                due += fee + mat
            if due and rng.random() < 0.95:
                pay.append({"term": base["term"], "school": school, "student_id": sid, "amount": due,
                            "payee": ACCOUNT})
                if rng.random() < 0.03:
                    pay.append({"term": base["term"], "school": school, "student_id": sid,
                                "amount": -(due / 2).quantize(Decimal("0.01")), "payee": ACCOUNT})
        spend = [{"term": "2026秋", "school": school, "category": c, "amount": Decimal(rng.randint(1000, 90000)) / 100}
                 for c in ("人员劳务报酬", "水电费", "消耗品购置", "场地器材维护", "聚餐")]
        subsidy = [{"term": "2026秋", "school": school, "amount": Decimal(students * 120)}]
        paths.append(write_book(folder / f"school{k + 1:02d}.xlsx", enrollment=enr, payments=pay,
                                expenses=spend, subsidy=subsidy))
    return paths


def sheet_rows(path: Path, title: str) -> tuple[list[str], list[tuple]]:
    """Header and data rows of an output sheet, read back with openpyxl (the header is the row
    holding 学校 in column A, under any note lines)."""
    ws = load_workbook(path, read_only=True)[title]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] in ("学校", "级别", "项目", "姓名"))
    return list(rows[start]), [r for r in rows[start + 1:] if any(v is not None for v in r)]


def cents(v) -> int:
    """A money cell read back (a float from the xlsx) to whole 分, exactly."""
    return 0 if v is None else int((Decimal(repr(v)) * 100).to_integral_value())


def summary_items(path: Path, title: str = "汇总") -> dict[str, dict[str, dict]]:
    """An item-per-row summary sheet read back: school (全区合计 for that sheet) -> 项目 -> the row."""
    head, rows = sheet_rows(path, title)
    out: dict = {}
    for r in rows:
        d = dict(zip(head, r))
        out.setdefault(d.get("学校", title), {})[d["项目"]] = d
    return out


PAIRS = {"应收服务费": "应收服务费", "应收耗材费": "应收耗材费", "应收合计": "应收合计", "实收": "实收",
         "退费": "退费", "净实收": "净实收", "未缴": "未缴", "政府保障": "政府保障应到位"}


def reconcile(path: Path) -> dict:
    """Sum the 学生 sheet per school and compare with the 汇总 sheet, to the cent; the 全区合计 sheet
    (when there is one) with the sum of the schools. Returns the per-school sums."""
    items = summary_items(path)
    shead, students = sheet_rows(path, "学生")
    sums: dict = {}
    for r in students:
        d = sums.setdefault(r[0], {k: 0 for k in PAIRS})
        for k in PAIRS:
            d[k] += cents(r[shead.index(k)])
    assert set(items) == set(sums)
    for school, rows in items.items():
        for k, label in PAIRS.items():
            assert cents(rows[label]["金额"]) == sums[school][k], (school, label)
        spent = sum(cents(r["金额"]) for label, r in rows.items() if label.startswith("支出："))
        assert spent == cents(rows["支出合计"]["金额"])
        assert cents(rows["收入合计"]["金额"]) - spent == cents(rows["结余"]["金额"])
    if len(items) > 1:
        total = summary_items(path, "全区合计")["全区合计"]
        for label, row in total.items():
            for col in ("人数", "金额"):
                if row[col] is not None:
                    assert cents(row[col]) == sum(cents(rows[label][col]) for rows in items.values()), (label, col)
    return sums


def test_each_distinct_is_map_for_columns_of_several_types():
    """学号 typed as numbers and as text in one column: fn once per value of each type, the same
    values and dtype as Series.map (1, 1.0, True and "1" kept apart, None apart from NaN)."""
    import pandas as pd

    from asrv.fees.load import each_distinct
    from asrv.io.cells import clean_text, is_blank
    calls = []

    def counted(v):
        calls.append(v)
        return clean_text(v)
    columns = [[1, "1", 1.0, True, None, float("nan"), "a", "a", 2, 2.5, "", False, 0, -0.0],
               [1, 2, None, 3], [1, "x", None, "x", 1], [True, 1, 1.0], [float("nan"), None, 1]]
    for cells in columns:
        for fn in (clean_text, is_blank, lambda v: 0 if is_blank(v) else 5, lambda v: v is True or v == "是", repr):
            col = pd.Series(cells, dtype=object, index=range(10, 10 + len(cells)))
            got, want = each_distinct(col, fn), col.map(fn)
            assert got.dtype == want.dtype and list(got.index) == list(want.index)
            assert [repr(v) for v in got] == [repr(v) for v in want]
    assert each_distinct(pd.Series([7, "7", 7, "7", 7] * 100, dtype=object), counted).tolist() == ["7"] * 500
    assert sorted(map(repr, calls)) == ["'7'", "7"]

"""The shared reader: headers found where clerks put them, cells parsed, every bad cell reported."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl
import pytest

from asrv.findings import InputError
from asrv.io import Field, SheetSpec, open_workbook, read_sheet
from asrv.score import sheets as S

REAL = Path(__file__).resolve().parents[2] / "shared" / "real_inputs"
SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "classes.xlsx"
CCA = REAL / "afterschool_cca_schedule__Harrow-Nanning_25-26_S2_CCA_List.xlsx"
FORMULAS = REAL / "fitness_formula_cells__YuYe10_八年级女生体测数据.xlsx"
REGISTER = REAL / "fitness_highschool_register__SportScoreSystem_SSS体测登记模板v1.1.0.xlsx"


def xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def read(path: Path, spec: SheetSpec):
    problems: list = []
    table = read_sheet(open_workbook(path), spec, problems)
    return table, problems


# ---- where the header is ----

def test_header_below_merged_title_rows(tmp_path):
    p = xlsx(tmp_path / "t.xlsx", {"评分": [
        ["示例小学2025—2026学年优秀班集体评价评分汇总表"],
        ["填表人：教导处", None, "日期：2026-06-01"],
        ["班级", "项目", "评价者", "分数"],
        ["三(2)班", "班级建设", "班主任", 18],
        ["三(2)班", "学风", "语文", 22.5],
    ]}, merges={"评分": ["A1:D1"]})
    t, problems = read(p, S.RATINGS_SHEET)
    assert problems == []
    assert t.header_row == 3
    assert list(t.df.index) == [4, 5]
    assert t.df.loc[5, "score"] == 22.5
    assert t.df.loc[4, "item"] == "class_building"
    assert t.where("score", 5) == {"file": "t.xlsx", "sheet": "评分", "cell": "D5"}


def test_two_row_header_merged_vertically(tmp_path):
    # 班级, 项目, 分数 span rows 2-3; row 3 only adds a note under 评价者. Filled, row 3 repeats
    # most headers: it is header, not a row of data.
    p = xlsx(tmp_path / "t.xlsx", {"评分": [
        ["评分表"],
        ["班级", "项目", "评价者", "分数"],
        [None, None, "（填部门）", None],
        ["三(2)班", "学风", "数学", 20],
    ]}, merges={"评分": ["A1:D1", "A2:A3", "B2:B3", "D2:D3"]})
    t, problems = read(p, S.RATINGS_SHEET)
    assert problems == []
    assert t.header_row == 3 and list(t.df.index) == [4]
    assert t.df.loc[4, "rater"] == "数学"


def test_aliases_fullwidth_spaces_and_bilingual_headers(tmp_path):
    p = xlsx(tmp_path / "t.xlsx", {"Ratings": [
        [" Class ", "序号", "ITEM", "评 价 者", "分数（分）"],
        ["三（２）班 ", 1, "学风", " 英语", "１８"],
    ]})
    t, problems = read(p, S.RATINGS_SHEET)
    assert problems == []
    row = t.df.loc[2]
    assert (row["class"], row["item"], row["rater"], row["score"]) == ("三(2)班", "study", "英语", 18.0)
    assert t.letters == {"class": "A", "item": "C", "rater": "D", "score": "E"}

    spec = SheetSpec("cca", "课程", (Field("teacher", "教师"), Field("fee", "费用", required=False)))
    p = xlsx(tmp_path / "b.xlsx", {"课程": [["CCA Name", "教师 Teacher", "费用 Fee"], ["Chess", "王老师", "¥0"]]})
    t, problems = read(p, spec)
    assert problems == [] and t.df.loc[2, "teacher"] == "王老师" and t.letters["fee"] == "C"


def test_numbers_rates_and_dates_in_every_written_form(tmp_path):
    serial = (dt.date(2026, 3, 5) - dt.date(1899, 12, 30)).days
    spec = SheetSpec("m", "混合", (
        Field("n", "人数", kind="int"),
        Field("rate", "优秀率", kind="rate"),
        Field("day", "日期", kind="date"),
    ))
    p = xlsx(tmp_path / "t.xlsx", {"混合": [
        ["人数", "优秀率", "日期"],
        ["45", "85%", dt.datetime(2026, 3, 5)],
        [" 45 ", 0.85, "2026-03-05"],
        ["45人", 85, "2026/3/5"],
        ["４５", "８５％", "2026年3月5日"],
        [45, "85", serial],
    ]})
    t, problems = read(p, spec)
    assert problems == []
    assert set(t.df["n"]) == {45.0}
    assert all(r == pytest.approx(0.85) for r in t.df["rate"])
    assert set(t.df["day"]) == {dt.date(2026, 3, 5)}


def test_every_bad_cell_reported_at_its_excel_cell(tmp_path):
    p = xlsx(tmp_path / "t.xlsx", {"评分": [
        ["标题"],
        ["序号", "班级", "项目", "分数"],
        [1, "三(1)班", "学风", 20],
        [2, "三(1)班", "学风", 21],
        [3, "三(1)班", "学风", "十八"],
        [4, "三(1)班", "学风", -1],
        [5, "三(1)班", "跳舞", "十八"],
    ]})
    t, problems = read(p, S.RATINGS_SHEET)
    got = {(f.rule, f.where) for f in problems}
    assert got == {("CELL-NUMBER", "评分!D5"), ("CELL-RANGE", "评分!D6"),
                   ("CELL-NUMBER", "评分!D7"), ("CELL-CHOICE", "评分!C7")}
    d7 = next(f for f in problems if f.cell == "D7")
    assert d7.file == "t.xlsx" and "十八" in d7.message and "分数" in d7.message


def test_a_true_cell_does_not_swallow_the_ones_equal_to_it(tmp_path):
    """TRUE, 1 and 1.0 are equal to Python: each cell must still be parsed as what it is, none
    taken for a blank because a TRUE came first."""
    p = xlsx(tmp_path / "t.xlsx", {"评分": [
        ["序号", "班级", "项目", "分数"],
        [1, "三(1)班", "学风", True],
        [2, "三(1)班", "学风", 1],
        [3, "三(1)班", "学风", 1],
    ]})
    t, problems = read(p, S.RATINGS_SHEET)
    scores = t.df["score"].to_dict()
    bad = {f.where for f in problems}
    for row in (3, 4):  # the 1s: read as 1, never a blank
        assert f"评分!D{row}" not in bad and scores[row] == 1, (row, scores, problems)


def test_dates_and_rates_that_are_not(tmp_path):
    spec = SheetSpec("m", "m", (Field("day", "日期", kind="date"), Field("rate", "合格率", kind="rate",
                                                                        minimum=0, maximum=1)))
    p = xlsx(tmp_path / "t.xlsx", {"m": [["日期", "合格率"], ["三月五日", "120%"], ["2026-02-30", "高"]]})
    _, problems = read(p, spec)
    assert {(f.rule, f.cell) for f in problems} == {("CELL-DATE", "A2"), ("CELL-RANGE", "B2"),
                                                    ("CELL-DATE", "A3"), ("CELL-NUMBER", "B3")}


def test_formula_without_cached_value_is_reported(tmp_path):
    # openpyxl writes formulas with no cached value, as a workbook never opened in Excel has.
    p = xlsx(tmp_path / "t.xlsx", {"评分": [
        ["班级", "项目", "分数", "备注"],
        ["三(1)班", "学风", "=10+8", "=1+1"],
        ["三(2)班", "学风", 19, None],
    ]})
    _, problems = read(p, S.RATINGS_SHEET)
    assert [(f.rule, f.where) for f in problems] == [("CELL-FORMULA", "评分!C2")]
    assert "公式" in problems[0].message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(tmp_path, encoding):
    p = tmp_path / "评分.csv"
    p.write_bytes("班级,项目,评价者,分数\n三(2)班,学风,语文,22.5\n三(2)班,班级建设,大队部,18\n"
                  .encode(encoding))
    t, problems = read(p, S.RATINGS_SHEET)
    assert problems == []
    assert list(t.df["class"]) == ["三(2)班", "三(2)班"]
    assert list(t.df["score"]) == [22.5, 18.0]
    assert t.where("score", 3)["cell"] == "D3"


def test_broken_and_missing_files_are_input_errors(tmp_path):
    broken = tmp_path / "classes.xlsx"
    broken.write_bytes(random.Random(1).randbytes(2000))
    for path in (broken, tmp_path / "nope.xlsx"):
        with pytest.raises(InputError) as exc:
            open_workbook(path)
        (f,) = exc.value.findings
        assert f.rule == "READ-FILE" and f.file == path.name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
    csv = tmp_path / "x.csv"
    csv.write_bytes(b"\xff\xfe\x00\x81\xff" * 10)
    with pytest.raises(InputError, match="编码"):
        open_workbook(csv)


def test_missing_sheet_and_missing_column(tmp_path):
    p = xlsx(tmp_path / "t.xlsx", {"评分": [["班级", "项目", "评价者"], ["三(2)班", "学风", "语文"]]})
    book = open_workbook(p)
    problems: list = []
    assert read_sheet(book, S.CLASSES, problems) is None
    assert read_sheet(book, S.RATINGS_SHEET, problems) is None
    assert read_sheet(book, S.CHECKS, problems) is None  # optional sheet: absent is fine
    assert [(f.rule, f.sheet, f.cell) for f in problems] == [("READ-SHEET", "班级", ""),
                                                            ("READ-COLUMN", "评分", "A1")]
    assert "分数" in problems[1].message and "评分" in problems[0].message


def test_sample_workbook_reads_clean():
    if not SAMPLE.exists():
        pytest.skip("sample_data/classes.xlsx not generated")
    book = open_workbook(SAMPLE)
    problems: list = []
    tables = {s.name: read_sheet(book, s, problems) for s in S.ALL}
    assert problems == []
    assert len(tables["classes"]) == 24
    assert tables["ratings"].header_row == 2  # under the merged title row


def test_sample_workbook_is_current(tmp_path):
    """The committed sample is what make_classes.py writes today (fixed seed, no clock)."""
    if not SAMPLE.exists():
        pytest.skip("sample_data/classes.xlsx not generated")
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_classes", SAMPLE.with_name("make_classes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.main([str(tmp_path / "classes.xlsx")])
    import zipfile

    def members(path):  # compared unzipped: another zlib may compress the same bytes differently
        with zipfile.ZipFile(path) as z:
            return {i.filename: (i.date_time, z.read(i)) for i in z.infolist()}
    assert members(fresh) == members(SAMPLE), "run `make sample` and commit sample_data/classes.xlsx"


# ---- real files written by others, read in place ----

@pytest.mark.skipif(not REAL.exists(), reason="real_inputs not present")
def test_real_headers_through_grid():
    expected = {
        "attendance_card_import__GKICMP_AttendRecordImport.xls":
            ["卡号", "姓名", "考勤时间", "打卡机号码", "考勤方式", "备注"],
        "fitness_formula_cells__YuYe10_八年级女生体测数据.xlsx":
            ["身高", "体重", "肺活量", "50米跑", "立定跳远", "坐位体前屈"],
    }
    files = sorted(REAL.glob("*.xls*"))
    assert len(files) >= 9
    for path in files:
        book = open_workbook(path)
        rows, _ = book.grid(book.sheet_names[0])
        header = [c for c in rows[0] if c != ""]
        assert header, path.name
        if path.name in expected:
            assert header == expected[path.name]
    header = open_workbook(REAL / "fitness_upload_template_2014__tizhi-new_2014.xls").grid("Sheet1")[0][0]
    assert len(header) == 21 and "800米跑(女)" in header and "50米×8往返跑" in header
    venue = open_workbook(REAL / "afterschool_venue_import__physicalFitness_courseaddress.xls")
    rows, _ = venue.grid("活动场地")
    assert rows[1][rows[0].index("拟安排学生人数")] == "12"  # a number stored as text


@pytest.mark.skipif(not CCA.exists(), reason="real_inputs not present")
def test_real_cca_schedule_bilingual_headers():
    spec = SheetSpec("cca", "Parent's 25-26 S2 CCA List", (
        Field("name", "CCA Name"), Field("type", "板块"), Field("day", "安排"), Field("time", "时段"),
        Field("teacher", "教师"), Field("fee", "费用"), Field("grade", "年级"),
    ))
    t, problems = read(CCA, spec)
    assert problems == []
    assert len(t) == 119 and t.header_row == 1
    assert t.letters["teacher"] == "G" and t.letters["grade"] == "I"
    assert list(t.df.index[t.df["teacher"].isna()]) == [108]  # the one blank teacher cell
    assert all(v == v.strip() for col in ("name", "teacher", "fee") for v in t.df[col].dropna())
    assert "()" in set(t.df["teacher"])  # typed as " ()", trimmed
    assert "¥1,000" in set(t.df["fee"])


@pytest.mark.skipif(not FORMULAS.exists(), reason="real_inputs not present")
def test_real_formula_cells_give_their_cached_numbers():
    spec = SheetSpec("fit", "Sheet1", tuple(Field(n, h, kind="number") for n, h in (
        ("height", "身高"), ("weight", "体重"), ("vital", "肺活量"), ("run50", "50米跑"))))
    t, problems = read(FORMULAS, spec)
    assert problems == []
    assert len(t) == 99
    assert all(isinstance(v, float) for v in t.df["height"])
    assert 130 < t.df["height"].mean() < 180


@pytest.mark.skipif(not REGISTER.exists(), reason="real_inputs not present")
def test_real_register_two_row_header_is_not_data():
    spec = SheetSpec("reg", "总表-1", (Field("class", "班级"), Field("no", "学号"), Field("name", "姓名")))
    t, problems = read(REGISTER, spec)
    assert problems == []
    assert t.header_row == 3 and t.df.index[0] >= 4
    assert "学号" not in set(t.df["no"])


@pytest.mark.skipif(not REAL.exists(), reason="real_inputs not present")
def test_real_xls_long_headers_and_numbers_stored_as_text():
    spec = SheetSpec("venue", "活动场地", (
        Field("org", "机构名称"), Field("address", "详细地址"), Field("area", "活动场地总面积", kind="number"),
        Field("students", "拟安排学生人数", kind="int"),
    ))
    t, problems = read(REAL / "afterschool_venue_import__physicalFitness_courseaddress.xls", spec)
    assert problems == []
    assert t.letters == {"org": "B", "address": "F", "area": "H", "students": "L"}
    assert list(t.df["students"]) == [12.0, 12.0]  # typed as the text '12'


@pytest.mark.parametrize("small", [0, 10_000], ids=["pandas-codes", "cell-keys"])
def test_a_column_of_texts_and_numbers_is_parsed_cell_by_cell_as_it_reads(monkeypatch, small):
    """Texts beside numbers of one type go by pandas' codes; numbers of two types (1 and TRUE, 1 and
    1.0) by the cells' own keys: each cell gets its own value, and each bad cell its finding. A short
    column (SMALL cells or fewer) is keyed cell by cell: both ways read the same values."""
    import numpy as np
    import pandas as pd

    from asrv.io import reader
    from asrv.io.schema import Field
    monkeypatch.setattr(reader, "SMALL", small)

    def parse(values, field, first=3, problems=None):
        cells = np.empty(len(values), dtype=object)
        cells[:] = values
        rows = pd.RangeIndex(first, first + len(values))
        return reader._parse_column(cells, rows, field, "D", {"file": "x.xlsx"}, [] if problems is None else problems)
    f = Field("height", "身高", kind="number", special={"免测": "exempt"})
    problems = []
    got = parse([12.0, "12", "", None, float("nan"), "abc", 12.0, "免测", " 12 "], f, problems=problems)
    assert got.tolist() == [12.0, 12.0, None, None, None, None, 12.0, "exempt", 12.0]
    assert [p.cell for p in problems] == ["D8"]
    flags = Field("ok", "是否", kind="bool")
    mixed = [True, 1, 1.0, "是", None, 0, False]
    got = parse(mixed, flags, 2)
    assert [repr(v) for v in got] == [repr(parse([v], flags)[0]) for v in mixed] and got[3] is not None
    # 0.0 and -0.0 are one number: each cell of either takes the first one's reading, as pandas does.
    zeros = parse([0.0, -0.0, 1.5, -0.0], Field("reach", "坐位体前屈", kind="number"))
    assert [repr(v) for v in zeros] == ["0.0", "0.0", "1.5", "0.0"]

"""The district rubric at its thresholds: rates, satisfaction, deductions, bands, veto, ties, funding."""
from __future__ import annotations

from decimal import Decimal

import pytest

from asrv.district.assess import assess, district_rates
from asrv.district.evidence import Evidence, Rate, Rating
from asrv.district.funding import allot
from asrv.district.items import score_item
from asrv.findings import Finding
from asrv.profile import load_profile

P = load_profile("default")
RUBRIC = P["district.items"]
SENT = {k: ["x.xlsx"] for k in ("schedule", "fees", "attendance", "survey")}


def ev(**kw) -> Evidence:
    base = dict(school="一小", students=1000, staff=80, kinds=dict(SENT), participants=900, participants_source="收费报名",
                satisfaction={"sent": 100, "valid": 100, "satisfied": 95, "fairly": 0, "dissatisfied": 5, "unknown": 0},
                handover=Rate(10, 10), unreported=0, offers_service=True,
                ratings={"D1": Rating(10, 10, "督导组", evidence="方案.pdf")})
    base.update(kw)
    return Evidence(**base)


def item(code, e):
    return score_item(code, RUBRIC[code], e, P)


@pytest.mark.parametrize("participants, points", [(900, 15), (899, 14.96), (500, 0), (501, 0.04), (700, 7.5),
                                                  (1000, 15)])
def test_participation_is_linear_between_50_and_90_percent(participants, points):
    assert item("D7", ev(participants=participants)).score == points


@pytest.mark.parametrize("satisfied, points", [(95, 10), (94, 9), (93, 8), (100, 10), (80, 0)])
def test_satisfaction_loses_a_point_per_whole_point_below_95(satisfied, points):
    s = {"sent": 100, "valid": 100, "satisfied": satisfied - 10, "fairly": 10, "dissatisfied": 100 - satisfied, "unknown": 0}
    assert item("D8", ev(satisfaction=s)).score == points


def test_satisfaction_leaves_out_those_who_do_not_know():
    s = {"sent": 110, "valid": 105, "satisfied": 90, "fairly": 5, "dissatisfied": 5, "unknown": 5}
    got = item("D8", ev(satisfaction=s))
    assert got.score == 10 and "95 ÷ 100 = 95.00%" in got.evidence[0]


def test_deductions_count_error_findings_of_the_items_rules_with_their_cells():
    found = [Finding("SCH-END", "error", "结束时间 18:10 晚于 18:00", file="安排.xlsx", sheet="安排", cell="G10"),
             Finding("SCH-LEN", "error", "超过 90 分钟", file="安排.xlsx", sheet="安排", cell="G11"),
             Finding("SCH-AFTER-DISMISSAL", "warning", "早于放学", file="安排.xlsx", sheet="安排", cell="F3"),
             Finding("STAFF-RECORD", "error", "不良记录", file="安排.xlsx", sheet="人员", cell="G2")]
    e = ev(findings=found)
    d2, d4 = item("D2", e), item("D4", e)
    assert d2.score == 13 and d4.score == 8
    assert "SCH-END 安排.xlsx 安排!G10：结束时间 18:10 晚于 18:00" in d2.evidence
    assert not any("SCH-AFTER-DISMISSAL" in line for line in d2.evidence)  # warnings do not deduct
    many = [Finding("FEE-CAP", "error", "超标", file="f.xlsx", sheet="报名", cell=f"G{i}") for i in range(2, 9)]
    assert item("D5", ev(findings=many)).score == 0  # floor 0


def test_a_school_that_sent_no_fees_workbook_scores_0_and_is_told():
    kinds = {k: v for k, v in SENT.items() if k != "fees"}
    got = item("D5", ev(kinds=kinds))
    assert got.score == 0 and got.missing == "收费工作簿"
    assert [f.rule for f in got.findings] == ["DIST-MISSING-WORKBOOK"] and "请补交" in got.findings[0].message


def test_attendance_without_workbook_falls_back_to_the_rating():
    kinds = {k: v for k, v in SENT.items() if k != "attendance"}
    got = item("D6", ev(kinds=kinds, ratings={"D6": Rating(8, 7, "督导组", evidence="台账")}))
    assert got.score == 7 and got.missing == "考勤工作簿"
    assert item("D6", ev(handover=Rate(9, 10), unreported=2)).score == 7


def test_ratings_review_else_self_range_gap_and_evidence():
    got = item("D1", ev(ratings={"D1": Rating(9, None, evidence="")}))
    assert got.score == 9 and {f.rule for f in got.findings} == {"DIST-SELF-ONLY", "DIST-EVIDENCE-MISSING"}
    got = item("D1", ev(ratings={"D1": Rating(10, 6, "张", evidence="x", where={"file": "考核.xlsx", "sheet": "评分",
                                                                            "cell": "E5"})}))
    assert got.score == 6 and [(f.rule, f.where) for f in got.findings] == [("DIST-SELF-REVIEW-GAP", "评分!E5")]
    got = item("D1", ev(ratings={"D1": Rating(None, 12, evidence="x")}))
    assert got.score == 0 and [f.rule for f in got.findings] == ["DIST-SCORE-RANGE"]


def scores(*totals):
    """Schools losing points through findings (D5, D3, D2) and the D1 rating to reach each total."""
    out = []
    for i, t in enumerate(totals):
        left, found = Decimal(str(100 - t)), []
        for rule, each, most in (("FEE-CAP", 3, 5), ("SCH-TEACHING", 3, 5), ("SCH-END", 1, 15)):
            n = min(int(left // each), most)
            found += [Finding(rule, "error", "x", file="a.xlsx", sheet="s", cell=f"A{k}") for k in range(n)]
            left -= n * each
        out.append(ev(school=f"第{i + 1}小学", findings=found,
                      ratings={"D1": Rating(None, float(10 - left), evidence="x")}))
    return out


def test_band_edges_ties_and_veto():
    results = assess(scores(100, 90, 89.99, 80, 60, 60, 59.99), RUBRIC, P, None)
    got = [(r.school, r.score, r.band, r.rank) for r in results]
    assert got == [("第1小学", 100, "优秀", 1), ("第2小学", 90, "优秀", 2), ("第3小学", 89.99, "良好", 3),
                   ("第4小学", 80, "良好", 4), ("第5小学", 60, "合格", 5), ("第6小学", 60, "合格", 5),
                   ("第7小学", 59.99, "不合格", 7)]
    vetoed = scores(100)
    vetoed[0].vetoes = [{"kind": "违规收费", "note": "向家长收取资料费", "where": {"file": "考核.xlsx", "sheet": "否决",
                                                                          "cell": "D3"}}]
    [r] = assess(vetoed, RUBRIC, P, None)
    assert r.band == "不合格" and r.score == 100 and [(f.rule, f.where) for f in r.findings] == [("DIST-VETO", "否决!D3")]


def test_funding_adds_up_to_the_pool_to_the_fen():
    assert allot(10000, [Decimal(1)] * 3) == [3334, 3333, 3333]
    results = assess(scores(95, 85, 70, 50), RUBRIC, P, 1_000_000_00)
    assert sum(r.funding for r in results) == 1_000_000_00
    by = {r.school: r for r in results}
    # weights: 900 × 1.2, 900 × 1.0, 900 × 0.8, 900 × 0 → 1080 : 900 : 720 : 0
    assert by["第4小学"].funding == 0 and by["第1小学"].funding == 40_000_000
    assert all(r.due == 900 * 150_00 for r in results)


def test_national_rates_per_school_and_district():
    results = assess([ev(participants=900, five_day=450, school_staff_serving=40),
                      ev(school="二小", participants=300, students=500, five_day=300, school_staff_serving=20, staff=20,
                         offers_service=False)], RUBRIC, P, None)
    rates = district_rates(results, register_size=3)
    assert rates["coverage"].text().startswith("1 ÷ 3") and rates["participation"].numerator == 1200
    assert rates["participation"].denominator == 1500 and rates["five_day"].value == 750 / 1200
    assert rates["teachers"].value == 60 / 100


def test_missing_workbooks_are_listed_once():
    from asrv.district.assess import SchoolResult
    from asrv.district.items import ItemScore
    items = {c: ItemScore(c, "", "", 10, "deduct", missing=m) for c, m in
             (("D2", "课后服务安排工作簿"), ("D5", "收费工作簿"), ("D7", "收费工作簿或意向调查表"), ("D3", "课后服务安排工作簿"))}
    r = SchoolResult("白塔小学", items, 0, "不合格", False, {}, 0)
    assert r.missing == ["课后服务安排工作簿", "收费工作簿"]

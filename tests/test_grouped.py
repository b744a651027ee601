"""asrv.grouped.Groups gives what pandas' groupby(key, sort=False) gives, for the aggregations it has."""
from __future__ import annotations

import numpy as np
import pandas as pd

from asrv.grouped import Groups


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "key": pd.array(["b", "a", None, "b", "c", "a", "c"], dtype="str"),
        "name": pd.array([None, "甲", "丙", "乙", None, "丁", None], dtype="str"),
        "fee": np.array([100, 200, 999, 300, 0, -50, 7], dtype=np.int64),
        "part": np.array([0.5, np.nan, 1.0, 2.0, np.nan, 1.5, np.nan]),
        "flag": np.array([False, True, True, False, False, False, False]),
    })


def test_groups_agree_with_pandas_groupby_first_sum_and_any():
    df = _frame()
    g = Groups(df["key"])
    want = df.groupby("key", sort=False).agg(name=("name", "first"), fee=("fee", "sum"), part=("part", "sum"),
                                             flag=("flag", "any"))
    got = pd.DataFrame({"name": g.first(df["name"]), "fee": g.sum(df["fee"]), "part": g.sum(df["part"]),
                        "flag": g.any(df["flag"])})
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert list(got.index) == ["b", "a", "c"]           # first appearance, the missing key left out
    assert got.loc["b", "name"] == "乙" and pd.isna(got.loc["c", "name"])  # the first value not missing


def test_groups_of_no_rows_are_empty():
    df = _frame().iloc[:0]
    g = Groups(df["key"])
    assert len(g.sum(df["fee"])) == 0 and len(g.first(df["name"])) == 0 and g.any(df["flag"]).dtype == bool

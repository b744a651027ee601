"""Several aggregations over one key column, the key factorized once; a running maximum per group.

A pandas `groupby(...).agg(...)` of named aggregations spends about a millisecond per column on
dispatch before any row is summed. A district run checks each school folder on its own, so those
milliseconds are paid a hundred times over. `Groups` gives what `groupby(key, sort=False)` gives:
groups in the order their key first appears, rows with a missing key left out, `first` the first
value that is not missing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


class Groups:
    def __init__(self, keys: pd.Series):
        codes, uniques = pd.factorize(keys, sort=False)
        self.codes, self.size = codes, len(uniques)
        self.index = pd.Index(uniques, name=keys.name)
        self._kept = codes >= 0
        self._all = bool(self._kept.all())

    def _valid(self, values: np.ndarray, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        keep = self._kept if mask is None else self._kept & mask
        if self._all and mask is None:
            return self.codes, values
        return self.codes[keep], values[keep]

    def first(self, col: pd.Series) -> pd.Series:
        """The first value of each group that is not missing (NaN where a group has none)."""
        codes, at = self._valid(np.arange(len(col)), col.notna().to_numpy())
        firsts = np.full(self.size, -1, dtype=np.int64)
        found, first_at = np.unique(codes, return_index=True)  # each group's first occurrence
        firsts[found] = at[first_at]
        if (firsts >= 0).all():
            return pd.Series(col.array.take(firsts), index=self.index, name=col.name)
        return pd.Series(col.array.take(firsts, allow_fill=True), index=self.index, name=col.name)

    def sum(self, col: pd.Series) -> pd.Series:
        """The sum of each group, in the column's own integer or float type (bool counts as int64)."""
        values = col.to_numpy()
        if values.dtype == bool:
            values = values.astype(np.int64)
        elif values.dtype.kind == "f":  # a missing value adds nothing, as in pandas
            values = np.nan_to_num(values, nan=0.0)
        codes, values = self._valid(values)
        out = np.zeros(self.size, dtype=values.dtype)
        np.add.at(out, codes, values)
        return pd.Series(out, index=self.index, name=col.name)

    def any(self, col: pd.Series) -> pd.Series:
        """Whether any row of each group is true, of a column of bools."""
        codes, values = self._valid(col.to_numpy(dtype=bool))
        out = np.zeros(self.size, dtype=bool)
        out[codes[values]] = True
        return pd.Series(out, index=self.index, name=col.name)


def running_max(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Cumulative maximum within each run of equal `group`, NaN where the value is NaN (and before
    the key's first value), as pandas' groupby cummax gives it."""
    missing = np.isnan(values)
    if missing.all():
        return values.copy()
    low, high = np.nanmin(values), np.nanmax(values)
    lift = group * (high - low + 2.0)   # each key above the one before: one running maximum serves all
    run = np.maximum.accumulate(np.where(missing, low - 1.0, values) + lift) - lift
    return np.where(missing | (run < low), np.nan, run)

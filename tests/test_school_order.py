"""Schools in the order a Chinese list is read (asrv.io.keys.school_order): by pinyin, then by
their numbers; the pinyin is looked up only when two different schools are compared."""
from __future__ import annotations

import subprocess
import sys

from asrv.io.keys import SchoolKey, school_order


def test_pinyin_then_numbers():
    names = ["西城小学", "第10小学", "东城小学", "第2小学", "", "安徽路小学"]
    assert sorted(names, key=school_order) == ["", "安徽路小学", "第2小学", "第10小学", "东城小学", "西城小学"]


def test_keys_of_one_school_are_equal_and_in_tuples_sort_by_what_follows():
    a, b = SchoolKey("东城小学"), SchoolKey("东城小学")
    assert a == b and not a < b and hash(a) == hash(b)
    rows = sorted([(b, 3), (a, 1), (SchoolKey("东城小学"), 2)])
    assert [n for _, n in rows] == [1, 2, 3]
    assert a._full is None and b._full is None  # never asked for its pinyin


def test_a_run_over_one_school_does_not_load_pypinyin():
    code = ("import sys; from asrv.io.keys import school_order; "
            "rows = sorted([('东城小学', 2), ('东城小学', 1)], key=lambda r: (school_order(r[0]), r[1])); "
            "sorted(['东城小学'], key=school_order); print('pypinyin' in sys.modules, rows[0][1])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "1"]

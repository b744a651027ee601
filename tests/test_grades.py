"""The one grade parser every command uses (asrv.io.grades)."""
import pytest

from asrv.io.cells import PARSERS
from asrv.io.grades import grade_number, grade_of_class, grade_word


@pytest.mark.parametrize("text,grade", [
    ("三年级", 3), ("3", 3), ("3年级", 3), ("G3", 3), ("Grade 3", 3), ("七年级", 7), ("初一", 7),
    ("初中一年级", 7), ("高二", 11), ("大一", 13), ("大四", 16), ("小三", 3), ("十一年级", 11), (" 八年级 ", 8),
    ("三(2)班", 3), ("三（２）班", 3), ("三年级2班", 3), ("初一(3)班", 7), ("高二x班", 11), ("G3-1", 3),
    ("初四", None), ("书法社", None), ("2班", None), ("", None), (None, None),
])
def test_grade_number(text, grade):
    assert grade_number(text) == grade


def test_class_names_only_name_their_grade_at_the_start():
    assert grade_of_class("三(2)班") == 3 and grade_of_class("初二(1)班") == 8
    assert grade_of_class("2") is None and grade_of_class("2班") is None and grade_of_class("三年级") is None


def test_reader_kind_and_words():
    assert PARSERS["grade"]("初三") == 9
    with pytest.raises(ValueError, match="应为年级"):
        PARSERS["grade"]("幼儿园")
    assert [grade_word(g) for g in (1, 9, 10, 12)] == ["一", "九", "十", "十二"]

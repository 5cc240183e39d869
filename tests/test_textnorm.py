from hypothesis import given
from hypothesis import strategies as st

from planwatch.textnorm import normalize_for_parsing


def test_full_width_digits_and_punctuation_fold_to_half_width():
    assert normalize_for_parsing("１２０％，Ａ　ｂ") == "120%,A b"


@given(st.text())
def test_length_is_preserved(text):
    assert len(normalize_for_parsing(text)) == len(text)

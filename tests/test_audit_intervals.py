import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.audit.intervals import Interval, figure_interval, find_written


def iv(value, quote, comparator="=", high=None):
    return figure_interval(value, high, comparator, quote).interval


def test_one_decimal_is_known_to_five_hundredths():
    assert iv(669.0, "实现增加值669.0亿元") == Interval(pytest.approx(668.95), pytest.approx(669.05))
    assert iv(16.5, "年均增长16.5%") == Interval(pytest.approx(16.45), pytest.approx(16.55))


def test_two_decimals():
    b = iv(23.99, "年均增长23.99%")
    assert b.lo == pytest.approx(23.985) and b.hi == pytest.approx(23.995)


def test_integer_without_trailing_zero_is_known_to_half_a_unit():
    assert iv(461, "生产总值达到461亿元") == Interval(460.5, 461.5)


def test_round_integer_may_be_rounded_at_its_last_nonzero_digit_capped_at_half_a_percent():
    assert iv(1050, "达到1050亿元") == Interval(1045, 1055)  # ±5 (tens), 0.48 %
    b = iv(4400, "达到4400亿元")  # hundreds would be ±50 = 1.1 %: capped at 0.5 % = ±22
    assert b.lo == pytest.approx(4378) and b.hi == pytest.approx(4422)
    assert iv(20, "年均增长20%") == Interval(19.5, 20.5)  # never below ±0.5


def test_full_width_digits_are_found():
    w = find_written("达到１０５０亿元", 1050)
    assert w.text == "1050" and w.trailing_zeros == 1


def test_at_least_has_no_upper_bound():
    b = iv(20, "年均增长20%以上")
    assert b.lo == 19.5 and math.isinf(b.hi)
    assert math.isinf(iv(300, "年销售额超300亿元").hi)
    assert math.isinf(iv(20, "不低于成员总数的 20%", ">=").hi)


def test_at_most_has_no_lower_bound_but_not_below_zero():
    b = iv(5, "控制在5%以内")
    assert b == Interval(0.0, 5.5)


def test_about_widens_by_five_percent():
    b = iv(14, "年均分别增长14%左右")
    assert b.lo == pytest.approx(14 - 0.5 - 0.7) and b.hi == pytest.approx(14 + 0.5 + 0.7)
    assert iv(14, "约14%").hi == pytest.approx(15.2)


def test_more_than_means_up_to_the_next_step():
    b = iv(3800, "发展到3800多户")
    assert b == Interval(3800, 3900)
    assert iv(30, "30多家") == Interval(30, 40)
    # 多 in the following clause is not about this number
    assert iv(22, "已达22万户，多数") == Interval(21.5, 22.5)


def test_nearly_means_slightly_below():
    b = iv(100, "配套金额近100亿元")
    assert b.lo == pytest.approx(90) and b.hi == pytest.approx(100.5)


def test_range():
    assert iv(15, "引导设立 15-20 支", "range", 20) == Interval(14.5, 20.5)
    b = iv(60, "占到全区比重60%--70%左右", "range", 70)
    assert b.lo == pytest.approx(60 - 0.5 - 3) and b.hi == pytest.approx(70 + 0.5 + 3.5)


def test_interval_arithmetic():
    a, b = Interval(1, 2), Interval(3, 4)
    assert a + b == Interval(4, 6)
    assert b - a == Interval(1, 3)
    assert a * b == Interval(3, 8)
    assert b / a == Interval(1.5, 4)
    assert Interval(1.1, 1.2).pow(2) == Interval(pytest.approx(1.21), pytest.approx(1.44))
    assert Interval(0, math.inf) * Interval(0, 1) == Interval(0, math.inf)
    assert (Interval(1, 2) / Interval(-1, 1)).lo == -math.inf


def test_relative_gap():
    assert Interval(1, 2).relative_gap(Interval(2, 3)) == 0
    assert Interval(100, 101).relative_gap(Interval(103, 104)) == pytest.approx(2 / 103)


@given(st.floats(0.01, 1e6), st.integers(0, 3))
def test_a_written_figure_lies_inside_its_interval(value, decimals):
    value = round(value, decimals)
    text = f"{value:.{decimals}f}"
    b = iv(float(text), f"达到{text}亿元")
    assert b.lo <= float(text) <= b.hi
    assert b.hi - b.lo <= max(1.0, 0.011 * float(text)) + 1e-9


@given(
    st.floats(0.1, 100),
    st.floats(0.1, 100),
    st.floats(0.1, 100),
    st.floats(0.1, 100),
)
def test_interval_products_contain_point_products(a, b, c, d):
    x, y = Interval(min(a, b), max(a, b)), Interval(min(c, d), max(c, d))
    p = x * y
    assert p.lo <= a * c * (1 + 1e-12) and a * c <= p.hi * (1 + 1e-12)
    q = x / y
    assert q.lo <= (a / c) * (1 + 1e-12) and a / c <= q.hi * (1 + 1e-12)

"""Property tests: the parsers never crash, spans always match, formatted numbers round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.quantities import find_quantities, find_times, format_number, format_quantity, parse_number
from planwatch.quantities.units import UNIT_CATALOG

_PLAN_ALPHABET = "0123456789０１２３４５.,，%％-—～~至到万亿千百十一二两三四五六七八九〇年月日元亩户家个以上下内左右约近超不低于“”《》、。；（）() ABCFGHJL"
plan_like = st.text(alphabet=_PLAN_ALPHABET, max_size=80)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
digit_runs = st.integers(min_value=1, max_value=3000).map(lambda n: "9" * n)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start < q.end
        if q.comparator_span is not None:
            lo, hi = q.comparator_span
            assert 0 <= lo < hi <= len(text)
    for t in find_times(text):
        assert text[t.start : t.end] == t.text


@FAST
@given(any_text)
def test_never_crashes_on_arbitrary_unicode(text: str) -> None:
    _check_spans(text)


@FAST
@given(plan_like)
def test_never_crashes_on_plan_like_text(text: str) -> None:
    _check_spans(text)


@FAST
@given(digit_runs, plan_like)
def test_huge_digit_runs(digits: str, tail: str) -> None:
    _check_spans("达到" + digits + tail)
    assert parse_number(digits) is not None


@FAST
@given(plan_like, st.integers(0, 90), st.integers(0, 90))
def test_window_offsets(text: str, a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    for q in find_quantities(text, lo, hi):
        assert lo <= q.start < q.end <= max(lo, min(hi, len(text)))
        assert text[q.start : q.end] == q.text


numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(float),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(float),
)
count_units = st.sampled_from(["亿元", "万元", "元", "%", "万亩", "户", "家", "个", "万吨", "个百分点", "倍", "万人", "平方公里"])


@FAST
@given(numbers, count_units)
def test_round_trip_single(x: float, unit: str) -> None:
    text = f"全市达到{format_number(x)}{unit}，"
    (q,) = find_quantities(text)
    assert q.value == x
    assert q.unit == unit
    expected = x * UNIT_CATALOG[unit].scale
    assert abs(q.base_value - expected) <= 1e-12 * max(1.0, abs(expected))


@FAST
@given(numbers, numbers, count_units)
def test_round_trip_range(a: float, b: float, unit: str) -> None:
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        return
    text = f"每年{format_number(lo)}-{format_number(hi)}{unit}。"
    (q,) = find_quantities(text)
    assert (q.value, q.value_high, q.unit, q.comparator) == (lo, hi, unit, "range")
    assert format_quantity(q) == f"{format_number(lo)}-{format_number(hi)}{unit}"


@FAST
@given(numbers)
def test_round_trip_bare_and_parse_number(x: float) -> None:
    text = f"综合指数为{format_number(x)}。"
    (q,) = find_quantities(text)
    assert q.value == x and q.unit is None
    assert parse_number(format_number(x)) == x


@FAST
@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_integers_round_trip(n: int) -> None:
    assert parse_number(_to_chinese(n)) == n


def _to_chinese(n: int) -> str:
    """Independent writer of Chinese numerals (standard form) used only to test the parser."""
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"

    def below_10000(m: int) -> str:
        out = ""
        zero = False
        for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // place % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += digits[d] + name
        return out

    high, low = divmod(n, 10_000)
    if high == 0:
        text = below_10000(low)
    else:
        text = below_10000(high) + "万"
        if low:
            text += ("零" if low < 1000 else "") + below_10000(low)
    return text


@FAST
@given(st.integers(min_value=2, max_value=99_999_999))
def test_chinese_numeral_counts_round_trip(n: int) -> None:
    text = f"培育{_to_chinese(n)}家企业"
    (q,) = find_quantities(text)
    assert q.base_value == n
    assert q.unit is not None and q.unit.endswith("家")


@FAST
@given(numbers, st.sampled_from(["万", "亿", "万亿", "千万"]))
def test_parse_number_with_multipliers(x: float, mult: str) -> None:
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12, "千万": 1e7}[mult]
    got = parse_number(format_number(x) + mult)
    assert got is not None and abs(got - x * factor) <= 1e-9 * max(1.0, x * factor)


@FAST
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_format_number_round_trips_every_float(x: float) -> None:
    text = format_number(x)
    assert "e" not in text.lower()
    assert parse_number(text) == x

"""Interval arithmetic for stated figures, so rounding never raises a false alarm.

A plan figure is only known to the precision it is written with: "669.0亿元" means
[668.95, 669.05], "16.5%" means [16.45, 16.55]. :func:`figure_interval` turns a written figure
into the interval of values it allows:

* written decimals d → ± half a unit in the last place (0.5·10⁻ᵈ);
* an integer ending in zeros ("1050", "4400") may have been rounded at its last non-zero digit:
  ± half of that place, but never more than 0.5 % of the value (and never less than ±0.5);
* 以上 / 超过 / 不低于 / comparator ">=" → no upper bound; 以下 / 以内 / 不超过 / 不足 / "<=" →
  no lower bound (but not below zero);
* 左右 / 约 / 上下 / 大约 → ± a further 5 % of the value; 多 / 余 after the number ("3800多户") →
  up to one more unit of its last non-zero place (3800–3900); 近 / 接近 → up to 10 % below;
* ranges ("15-20支", comparator "range") → from the low end to the high end, each with its precision.

All later arithmetic (ratios, powers, sums) is done on intervals, so a consistency check asks only
"do the two intervals meet?".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from planwatch.textnorm import normalize_for_parsing

APPROX_RELATIVE = 0.05  # 左右 / 约: ± 5 % of the value
NEAR_RELATIVE = 0.10  # 近 / 接近: up to 10 % below
ROUND_NUMBER_CAP = 0.005  # a round integer is rounded by at most 0.5 % of its value


@dataclass(frozen=True)
class Interval:
    """A closed interval [lo, hi]; infinite ends mean "no bound"."""

    lo: float
    hi: float

    @staticmethod
    def point(x: float) -> Interval:
        return Interval(x, x)

    @property
    def mid(self) -> float:
        if math.isinf(self.lo):
            return self.hi
        if math.isinf(self.hi):
            return self.lo
        return (self.lo + self.hi) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [_mul(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def scale(self, k: float) -> Interval:
        return self * Interval.point(k)

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            return Interval(-math.inf, math.inf)
        return self * Interval(1 / other.hi, 1 / other.lo)

    def pow(self, n: float) -> Interval:
        """x**n for a positive interval (monotone in x)."""
        lo, hi = max(self.lo, 0.0), max(self.hi, 0.0)
        a, b = _pow(lo, n), _pow(hi, n)
        return Interval(min(a, b), max(a, b))

    def shift(self, k: float) -> Interval:
        return Interval(self.lo + k, self.hi + k)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def relative_gap(self, other: Interval) -> float:
        """How far apart two disjoint intervals are, relative to the nearer end's magnitude
        (0 when they meet)."""
        if self.overlaps(other):
            return 0.0
        low, high = (self, other) if self.hi < other.lo else (other, self)
        ref = max(abs(low.hi), abs(high.lo), 1e-12)
        return (high.lo - low.hi) / ref

    def fmt(self, digits: int = 2) -> str:
        return f"[{_fmt(self.lo, digits)}, {_fmt(self.hi, digits)}]"


def _mul(a: float, b: float) -> float:
    if (a == 0 and math.isinf(b)) or (b == 0 and math.isinf(a)):
        return 0.0
    return a * b


def _pow(x: float, n: float) -> float:
    if math.isinf(x):
        return math.inf if n > 0 else 0.0
    if x == 0:
        return 0.0 if n > 0 else math.inf
    return float(x**n)


def _fmt(x: float, digits: int) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return fmt_number(x, digits)


def fmt_number(x: float, digits: int = 2) -> str:
    """A number for explanations: fixed decimals, trailing zeros dropped."""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    text = f"{x:,.{digits}f}".replace(",", "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# ---------------------------------------------------------------------------------------------
# Written figures.

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_AFTER_APPROX = ("左右", "上下")
_BEFORE_APPROX = ("大约", "约")
_AFTER_MORE = ("多", "余")
_BEFORE_NEAR = ("接近", "近")
_AFTER_AT_LEAST = ("以上",)
_BEFORE_AT_LEAST = ("不低于", "不少于", "超过", "超", "逾", "高于")
_AFTER_AT_MOST = ("以下", "以内")
_BEFORE_AT_MOST = ("不超过", "不高于", "不足", "不到", "低于", "控制在")


@dataclass(frozen=True)
class WrittenFigure:
    """How a figure is written in its quote: the digits and the words around them."""

    text: str  # the digits as written ("669.0", "1,050") or a canonical rendering if not found
    decimals: int
    trailing_zeros: int
    before: str  # up to 6 characters before the number
    after: str  # up to 6 characters after the number


@lru_cache(maxsize=65536)
def find_written(quote: str, value: float) -> WrittenFigure:
    """Locate ``value`` in ``quote`` (the first number equal to it) and read its precision."""
    norm = normalize_for_parsing(quote)
    for m in _NUMBER.finditer(norm):
        raw = m.group(0).replace(",", "")
        try:
            number = float(raw)
        except ValueError:
            continue
        if math.isclose(number, value, rel_tol=1e-9, abs_tol=1e-12):
            return _written(raw, norm[max(0, m.start() - 6) : m.start()], norm[m.end() : m.end() + 6])
    raw = repr(float(value))
    if raw.endswith(".0"):
        raw = raw[:-2]
    return _written(raw, "", "")


def _written(raw: str, before: str, after: str) -> WrittenFigure:
    if "." in raw:
        decimals = len(raw.split(".", 1)[1])
        zeros = 0
    else:
        decimals = 0
        stripped = raw.rstrip("0")
        zeros = len(raw) - len(stripped) if stripped else 0
    return WrittenFigure(raw, decimals, zeros, before, after)


def _strip_unit(after: str) -> str:
    """Drop the unit that follows a number so the words after it can be read ("亿元左右")."""
    i = 0
    while i < len(after) and i <= 4:
        if any(after.startswith(word, i) for word in _AFTER_WORDS):
            return after[i:]
        if after[i] in _STOPS:
            break
        i += 1
    return ""


_STOPS = frozenset("，,。；;、：:）)（( 0123456789")
_AFTER_WORDS = _AFTER_APPROX + _AFTER_MORE + _AFTER_AT_LEAST + _AFTER_AT_MOST


def half_unit(w: WrittenFigure, value: float) -> float:
    """Half a unit in the last written place; round integers may be rounded at their last
    non-zero digit, by at most 0.5 % of the value."""
    if w.decimals:
        return 0.5 * 10.0 ** (-w.decimals)
    base = 0.5
    if w.trailing_zeros:
        base = max(base, min(0.5 * 10.0**w.trailing_zeros, ROUND_NUMBER_CAP * abs(value)))
    return base


@dataclass(frozen=True)
class FigureBounds:
    """The interval a written figure allows and a short note of why (for the finding)."""

    interval: Interval
    note_zh: str
    note_en: str


def figure_interval(
    value: float,
    value_high: float | None,
    comparator: str,
    quote: str,
    nonnegative: bool = True,
) -> FigureBounds:
    """The interval of true values consistent with a figure as written (see module docstring)."""
    w = find_written(quote, value)
    h = half_unit(w, value)
    lo, hi = value - h, value + h
    notes_zh = [f"{w.text} 按书写精度 ±{fmt_number(h, 4)}"]
    notes_en = [f"{w.text} known to ±{fmt_number(h, 4)} from how it is written"]
    after = _strip_unit(w.after)
    high_value = value_high if value_high is not None else None
    if comparator == "range" and high_value is not None:
        wh = find_written(quote, high_value)
        hi = high_value + half_unit(wh, high_value)
        after = _strip_unit(wh.after)
        notes_zh.append(f"区间上限 {wh.text}")
        notes_en.append(f"range up to {wh.text}")
    if after.startswith(_AFTER_MORE):
        step = 10.0**w.trailing_zeros if not w.decimals else 10.0 ** (-w.decimals)
        lo, hi = value, value + step
        notes_zh.append(f"“{after[0]}”表示 {w.text} 至 {fmt_number(value + step, 4)}")
        notes_en.append(f"'{after[0]}' means {w.text} to {fmt_number(value + step, 4)}")
    if after.startswith(_AFTER_APPROX) or w.before.endswith(_BEFORE_APPROX):
        lo, hi = lo - APPROX_RELATIVE * abs(value), hi + APPROX_RELATIVE * abs(value if high_value is None else high_value)
        notes_zh.append("“左右/约”再放宽 ±5%")
        notes_en.append("'about' (左右/约) widens by a further ±5%")
    if w.before.endswith(_BEFORE_NEAR):
        lo, hi = value * (1 - NEAR_RELATIVE), value + h
        notes_zh.append("“近”表示略低于该数（至多低10%）")
        notes_en.append("'nearly' (近) means up to 10% below")
    at_least = comparator in (">=", ">") or after.startswith(_AFTER_AT_LEAST) or w.before.endswith(_BEFORE_AT_LEAST)
    at_most = comparator in ("<=", "<") or after.startswith(_AFTER_AT_MOST) or w.before.endswith(_BEFORE_AT_MOST)
    if at_least and not at_most:
        hi = math.inf
        notes_zh.append("“以上/不低于”无上限")
        notes_en.append("'at least' has no upper bound")
    elif at_most and not at_least:
        lo = 0.0 if nonnegative else -math.inf
        notes_zh.append("“以内/不超过”无下限")
        notes_en.append("'at most' has no lower bound")
    if nonnegative:
        lo = max(lo, 0.0)
    return FigureBounds(Interval(lo, hi), "；".join(notes_zh), "; ".join(notes_en))

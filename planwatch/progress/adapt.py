"""Build assessment inputs from the plan model (what extraction produces).

The extraction contract states changes as magnitudes (降低20% -> value 20, comparator "=") and has
no direction field, so the direction is read from the verb in the quote: Chinese plans say
降低/下降/减少/压缩/缩短/削减/降至 for a decrease. Binding (约束性) is not in the contract; the office
sets it when it decomposes the targets.
"""

from __future__ import annotations

import re

from planwatch.errors import PlanWatchError
from planwatch.extract.model import Target
from planwatch.progress.model import KINDS, Baseline, Direction, IndicatorTarget, Kind

_DECREASE = re.compile(r"降低|下降|减少|压缩|缩短|削减|减排|降至|降到|减至|减到|压减|回落")
_INCREASE = re.compile(r"提高|增长|增加|提升|扩大|达到|突破|翻[一两番]")


# Indicator names that contain a verb-like word: 工业增加值 is value added, not an increase.
_NOT_VERBS = re.compile(r"增加值|增长率|下降率|减少量|增长点")


def direction_from_quote(quote: str, indicator: str = "") -> Direction | None:
    """The desired direction stated by the verb, when the quote has exactly one kind of verb.
    The indicator's own name is left out (its words are not the verb)."""
    text = quote.replace(indicator, " ") if indicator else quote
    text = _NOT_VERBS.sub(" ", text)
    down = bool(_DECREASE.search(text))
    up = bool(_INCREASE.search(text))
    if down and not up:
        return "decrease"
    if up and not down:
        return "increase"
    return None


def target_from_plan(
    t: Target, *, binding: bool = False, year: int | None = None
) -> tuple[IndicatorTarget, Baseline | None]:
    """(IndicatorTarget, Baseline or None) for an extracted target.

    ``year`` supplies the target year of an annual target the plan dates only by the report
    ("全年…", target_year null)."""
    target_year = t.target_year if t.target_year is not None else year
    if target_year is None:
        raise PlanWatchError(f"目标缺少目标年份 the target has no target year: {t.quote!r}")
    if t.kind not in KINDS:
        raise PlanWatchError(f"未知的目标类型 unknown target kind: {t.kind!r}")
    kind: Kind = t.kind  # narrowed to the Kind literal by the membership test above
    spec = IndicatorTarget(
        kind=kind,
        value=t.value,
        target_year=target_year,
        comparator=t.comparator,
        direction=direction_from_quote(t.quote, t.indicator),
        binding=binding,
        value_high=t.value_high,
        annual=t.annual,
        indicator=t.indicator,
        unit=t.unit,
    )
    baseline = Baseline(t.baseline_year, t.baseline_value) if t.baseline_year is not None else None
    return spec, baseline

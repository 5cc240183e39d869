"""Target assessment by expected progress (时间过半、任务过半), the input the report builder needs.

The builder takes an ``Assessor`` (any callable with the signature of ``assess_target``), so the
progress layer's own assessment can replace this one without touching the report code. This module
implements the method plans themselves prescribe for mid-term reviews: the share of the way from
baseline to target already covered, compared with the share of the period already elapsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from planwatch.extract.model import Target
from planwatch.reports.content import StatusCode, fmt_number

# A target counts as on track if its completion share is at most this far below the time share.
ON_TRACK_TOLERANCE = 0.05


@dataclass(frozen=True)
class Observation:
    """An actual value of an indicator (实际值) with its source."""

    indicator: str
    year: int
    value: float
    unit: str
    scope: str = ""
    comparator: str = "="
    source: str = ""
    quote: str = ""
    note: str = ""


@dataclass(frozen=True)
class Baseline:
    """Base-year value of a target (from the target itself or from a plan fact)."""

    value: float
    year: int


@dataclass(frozen=True)
class Assessment:
    """The judged state of one target as of a date."""

    status: StatusCode
    measure: str
    latest: Observation | None = None
    completion: float | None = None
    time_share: float | None = None
    forecast: tuple[int, float] | None = None


Assessor = Callable[[Target, Baseline | None, Sequence[Observation], date, int | None], Assessment]


def available(observations: Sequence[Observation], as_of: date) -> list[Observation]:
    """Observations of years that had ended by ``as_of``, oldest first."""
    return sorted((o for o in observations if date(o.year, 12, 31) <= as_of), key=lambda o: o.year)


def meets(value: float, target: Target) -> bool:
    """Whether an actual value satisfies the target's comparator ('达到' means reaching at least)."""
    if target.comparator in ("<=", "<"):
        return value <= target.value if target.comparator == "<=" else value < target.value
    if target.comparator == ">":
        return value > target.value
    if target.comparator == "range" and target.value_high is not None:
        return target.value <= value <= target.value_high
    return value >= target.value


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def assess_target(
    target: Target,
    baseline: Baseline | None,
    observations: Sequence[Observation],
    as_of: date,
    period_end: int | None,
) -> Assessment:
    """Judge one target from its matched observations (already filtered to the same definition)."""
    seen = available(observations, as_of)
    if not seen:
        return Assessment("no_data", "暂无实际值")
    latest = seen[-1]
    due = target.target_year or period_end
    if target.kind == "growth":
        in_period = [o for o in seen if baseline is None or o.year > baseline.year]
        rates = in_period or seen
        mean = sum(o.value for o in rates) / len(rates)
        years = f"{rates[0].year}" if len(rates) == 1 else f"{rates[0].year}—{rates[-1].year}年平均"
        measure = f"实际增长{fmt_number(round(mean, 2))}%（{years}）/目标{target_text(target)}%"
        ok = meets(mean, target)
        if due is not None and latest.year < due and date(due, 12, 31) <= as_of:
            return Assessment("unassessed", f"目标年{due}年实际值暂缺；{measure}", latest)
        if due is not None and latest.year >= due:
            return Assessment("achieved" if ok else "not_achieved", measure, latest)
        return Assessment("on_track" if ok else "behind", measure, latest)
    unit = target.unit
    if due is not None and latest.year >= due:
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}/目标{target_text(target)}{unit}"
        return Assessment("achieved" if meets(latest.value, target) else "not_achieved", measure, latest)
    if due is not None and date(due, 12, 31) <= as_of:
        measure = f"目标年{due}年实际值暂缺（最近为{latest.year}年{fmt_number(latest.value)}{unit}）"
        return Assessment("unassessed", measure, latest)
    if meets(latest.value, target) and target.comparator not in ("<=", "<"):
        return Assessment("achieved", f"{latest.year}年已达到目标值（提前完成）", latest)
    start = baseline
    if start is None or due is None or due <= start.year or target.value == start.value:
        return Assessment("unassessed", f"{latest.year}年实际{fmt_number(latest.value)}{unit}，缺基期值无法测算进度", latest)
    completion = (latest.value - start.value) / (target.value - start.value)
    time_share = (latest.year - start.year) / (due - start.year)
    measure = f"任务完成{_pct(completion)}/时间进度{_pct(time_share)}（{latest.year}年）"
    status: StatusCode = "on_track" if completion >= time_share - ON_TRACK_TOLERANCE else "behind"
    forecast = None
    if latest.year > start.year:
        slope = (latest.value - start.value) / (latest.year - start.year)
        forecast = (due, latest.value + slope * (due - latest.year))
    return Assessment(status, measure, latest, completion, time_share, forecast)


def target_text(target: Target) -> str:
    """The target number with its comparator sign, as short text."""
    if target.comparator == "range" and target.value_high is not None:
        return f"{fmt_number(target.value)}-{fmt_number(target.value_high)}"
    sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}.get(target.comparator, "")
    return sign + fmt_number(target.value)

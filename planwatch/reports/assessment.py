"""Target assessment for report rows: the progress layer's verdict, phrased for a table cell.

The judgement itself is ``planwatch.progress.assess`` (时间过半、任务过半 by default). This module
only picks the observations available at the report date, supplies the base year the plan implies
when the target states none, and adds the two verdicts a dated report needs on top: a target whose
year has passed without being met is "not achieved", and a target whose year has passed with no
figure for that year is not judged on older figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from planwatch.errors import PlanWatchError
from planwatch.extract.model import Target
from planwatch.progress import Baseline as ProgressBaseline
from planwatch.progress import Observation as ProgressObservation
from planwatch.progress import assess
from planwatch.progress.adapt import target_from_plan
from planwatch.progress.assess import satisfies
from planwatch.progress.model import Method
from planwatch.reports.content import StatusCode, fmt_number


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
    preliminary: bool = False  # a preliminary (初步) figure, not yet the final statistic


@dataclass(frozen=True)
class Baseline:
    """Base-year value of a target (from the target itself or from a plan fact)."""

    value: float
    year: int


@dataclass(frozen=True)
class RowAssessment:
    """What a report row shows about one target's progress."""

    status: StatusCode
    measure: str
    latest: Observation | None = None
    forecast: tuple[int, float] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


# (target, baseline, matched observations, as-of date, plan period, binding) -> row assessment
Assessor = Callable[
    [Target, Baseline | None, Sequence[Observation], date, tuple[int, int] | None, bool], RowAssessment
]


def available(observations: Sequence[Observation], as_of: date) -> list[Observation]:
    """Observations of years that had ended by ``as_of``, oldest first."""
    return sorted((o for o in observations if date(o.year, 12, 31) <= as_of), key=lambda o: o.year)


def target_text(target: Target) -> str:
    """The target number with its comparator sign, as short text."""
    if target.comparator == "range" and target.value_high is not None:
        return f"{fmt_number(target.value)}-{fmt_number(target.value_high)}"
    sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}.get(target.comparator, "")
    return sign + fmt_number(target.value)


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def assess_target(
    target: Target,
    baseline: Baseline | None,
    observations: Sequence[Observation],
    as_of: date,
    period: tuple[int, int] | None,
    binding: bool,
    method: Method = "cn",
) -> RowAssessment:
    """Judge one target from its matched observations (already filtered to the same definition)."""
    seen = available(observations, as_of)
    if not seen:
        return RowAssessment("no_data", "暂无实际值")
    latest = seen[-1]
    unit = target.unit
    due = target.target_year or (period[1] if period else None)
    if due is None:
        return RowAssessment("unassessed", f"{latest.year}年实际{fmt_number(latest.value)}{unit}，规划未载明目标年份", latest)
    if date(due, 12, 31) <= as_of and latest.year < due:
        measure = f"目标年{due}年实际值暂缺（最近为{latest.year}年{fmt_number(latest.value)}{unit}）"
        return RowAssessment("unassessed", measure, latest)
    try:
        spec, own = target_from_plan(target, binding=binding, year=due)
    except PlanWatchError:
        return RowAssessment("unassessed", "现有数据无法测算进度", latest)
    base = own or (ProgressBaseline(baseline.year, baseline.value) if baseline else None)
    if base is None and period is not None:
        base = ProgressBaseline(period[0] - 1, None)  # the year before the period is the plan's base year
    if base is None or base.year >= due:
        return RowAssessment("unassessed", f"{latest.year}年实际{fmt_number(latest.value)}{unit}，缺基期年份无法测算", latest)
    try:
        verdict = assess(spec, base, [ProgressObservation(o.year, o.value) for o in seen], method=method)
    except PlanWatchError:
        return RowAssessment("unassessed", "现有数据无法测算进度", latest)
    notes = tuple(verdict.notes_zh)
    if verdict.status == "no_data" and latest.year >= due and target.kind in ("level", "share", "count", "cumulative"):
        # Without a baseline there is no progress share, but a final value can still be compared.
        direction = spec.direction or ("decrease" if target.comparator in ("<=", "<") else "increase")
        met = satisfies(latest.value, target.value, target.comparator, direction, target.value_high)
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}/目标{target_text(target)}{unit}"
        return RowAssessment("achieved" if met else "not_achieved", measure, latest)
    if verdict.status == "no_data":
        return RowAssessment("unassessed", f"{latest.year}年实际{fmt_number(latest.value)}{unit}，缺基期值无法测算进度",
                             latest, notes=notes)
    status: StatusCode = verdict.status
    reached = verdict.latest_year is not None and verdict.latest_year >= due
    if reached and status != "achieved":
        status = "not_achieved"
    if target.kind == "growth" and verdict.geometric_mean_rate is not None:
        years = sorted({o.year for o in seen if o.year > base.year})
        span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年"
        measure = (f"年均增长{fmt_number(round(verdict.geometric_mean_rate * 100, 1))}%"
                   f"（{span}）/目标{target_text(target)}%")
    elif status in ("achieved", "not_achieved"):
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}/目标{target_text(target)}{unit}"
    elif verdict.task_share is not None and verdict.time_share is not None:
        measure = f"任务完成{_pct(verdict.task_share)}/时间进度{_pct(verdict.time_share)}（{verdict.latest_year}年）"
    else:
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}"
    projected = verdict.projected_value.linear
    forecast = (due, projected) if projected is not None and target.kind != "growth" and not reached else None
    return RowAssessment(status, measure, latest, forecast, notes)


def report_verdict(
    assessor: Assessor,
    target: Target,
    baseline: Baseline | None,
    observations: Sequence[Observation],
    as_of: date,
    period: tuple[int, int] | None,
    binding: bool,
    doubts: Sequence[str],
) -> RowAssessment:
    """The verdict a report row shows: the assessor's, unless its baseline or observation is doubtful.

    This is the report's one call into the verdict source (to be replaced by the shared assessment
    service). A doubtful row (``doubts``: unreviewed record, a plan-text audit finding on the
    target, a different statistical definition) says 待核实 and is counted neither as on track nor as
    lagging: a confident wrong verdict is worse than none.
    """
    verdict = assessor(target, baseline, observations, as_of, period, binding)
    if doubts and verdict.status != "no_data":
        return RowAssessment("to_verify", verdict.measure, verdict.latest, None, verdict.notes)
    return verdict

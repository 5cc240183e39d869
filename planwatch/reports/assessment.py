"""Target assessment for report rows: the progress layer's verdict, phrased for a table cell.

The judgement itself is ``planwatch.progress.assess`` (时间过半、任务过半 by default). This module
only picks the observations available at the report date, supplies the base year the plan implies
when the target states none, and adds the two verdicts a dated report needs on top: a target whose
year has passed without being met is "not achieved", and a target whose year has passed with no
figure for that year is not judged on older figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from planwatch.errors import PlanWatchError
from planwatch.extract.model import PlanExtraction, Target
from planwatch.progress import Baseline as ProgressBaseline
from planwatch.progress import Observation as ProgressObservation
from planwatch.progress import assess
from planwatch.progress.adapt import target_from_plan
from planwatch.progress.assess import satisfies
from planwatch.progress.model import Method
from planwatch.progress.shares import percent_text
from planwatch.progress.verdict import PlanFigure, Reading, TargetSpec, Verdict, doubtful, judge
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
    doubts: tuple[str, ...] = field(default_factory=tuple)  # why it says 待核实 (status to_verify)


# (target, baseline, matched observations, as-of date, plan period, binding, doubts) -> row assessment.
# ``doubts``: the target's 待核实 reasons (``planwatch.reports.doubts.target_doubts`` and the matched
# figures' 口径); an assessor built on the one verdict has them in its verdicts already.
Assessor = Callable[
    [Target, Baseline | None, Sequence[Observation], date, tuple[int, int] | None, bool, tuple[str, ...]],
    RowAssessment,
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


def assess_target(
    target: Target,
    baseline: Baseline | None,
    observations: Sequence[Observation],
    as_of: date,
    period: tuple[int, int] | None,
    binding: bool,
    doubts: tuple[str, ...] = (),
    method: Method = "cn",
) -> RowAssessment:
    """Judge one target from its matched observations (already filtered to the same definition);
    doubtful figures give 待核实 by the one rule (``planwatch.progress.verdict.doubtful``)."""
    row = _assess_target(target, baseline, observations, as_of, period, binding, method)
    if doubtful(row.status, doubts):
        return RowAssessment("to_verify", row.measure, row.latest, None, row.notes, doubts)
    return replace(row, doubts=doubts)


def _assess_target(
    target: Target,
    baseline: Baseline | None,
    observations: Sequence[Observation],
    as_of: date,
    period: tuple[int, int] | None,
    binding: bool,
    method: Method,
) -> RowAssessment:
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
        measure = f"年均增长{fmt_number(round(verdict.geometric_mean_rate * 100, 1))}%（{span}）"
    elif status in ("achieved", "not_achieved"):
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}/目标{target_text(target)}{unit}"
    elif verdict.task_share is not None and verdict.time_share is not None:
        measure = f"任务完成{percent_text(verdict.task_share)}/时间进度{percent_text(verdict.time_share)}（{verdict.latest_year}年）"
    else:
        measure = f"{latest.year}年实际{fmt_number(latest.value)}{unit}"
    projected = verdict.projected_value.linear
    forecast = (due, projected) if projected is not None and target.kind != "growth" and not reached else None
    return RowAssessment(status, measure, latest, forecast, notes)


# ---------------------------------------------------------------------------------------------
# The one verdict (planwatch.progress.verdict) as report rows. The database report and
# ``planwatch report-file`` both pass ``verdict_assessor`` to the builder, so a report row states
# exactly the verdict the web pages and ``planwatch status`` show.


def verdict_row(v: Verdict) -> RowAssessment:
    """A report row's assessment from the one verdict."""
    latest = None
    if v.observed is not None:
        r = v.observed
        latest = Observation(indicator=r.series or v.target.indicator, year=r.year, value=r.value, unit=r.unit,
                             comparator=r.comparator, source=r.source, preliminary=r.status == "preliminary")
    status: StatusCode = v.status if v.status in _STATUS_CODES else "unassessed"  # type: ignore[assignment]
    if v.observed is None:
        status = "no_data"
    notes = tuple(f"未采用{u.reading.year}年{u.reading.series}{fmt_number(u.reading.value)}{u.reading.unit}：{u.reason}"
                  for u in v.unused if u.reading.year <= (v.target.target_year or 9999) and not u.after_as_of)
    forecast = None
    a = v.assessment
    if a is not None and v.target.kind != "growth" and a.projected_value.linear is not None \
            and v.observed_year is not None and v.target.target_year and v.observed_year < v.target.target_year:
        forecast = (v.target.target_year, a.projected_value.linear)
    if status == "to_verify":
        forecast = None
    if v.derived:  # a computed figure says how it was computed (its source is in the appendix)
        reason = v.evidence or v.reason
        notes = (reason.replace(v.source_note, "") if v.source_note else reason, *notes)
    # the cell holds the measure; a 待核实 row's reasons are the row's doubts (待核实原因 notes)
    return RowAssessment(status, v.measure_zh, latest, forecast, notes, v.doubts)


_STATUS_CODES = ("achieved", "ahead", "on_track", "slightly_behind", "lagging", "seriously_lagging", "regressing",
                 "not_achieved", "to_verify", "no_data", "unassessed")


def verdict_assessor(verdicts: Mapping[int, Verdict]) -> Assessor:
    """An assessor for ``build_report`` that answers with the verdicts already decided, keyed by
    ``id()`` of the plan model's target objects."""

    def assessor(target: Target, baseline: Baseline | None, observations: Sequence[Observation], as_of: date,
                 period: tuple[int, int] | None, binding: bool, doubts: tuple[str, ...] = ()) -> RowAssessment:
        v = verdicts.get(id(target))
        if v is None:
            return RowAssessment("unassessed", "无评估结论")
        return verdict_row(v)

    return assessor


def file_verdicts(plan: PlanExtraction, observations: Sequence[Observation], as_of: date,
                  aliases: Mapping[tuple[str, str], str] | None = None, region: str = "",
                  data_region: str = "", findings: Sequence[Any] | None = None,
                  unreviewed: Mapping[int, str] | None = None) -> dict[int, Verdict]:
    """Verdicts for a plan file and actual values from a file (``planwatch report-file``): the same
    series identity (``planwatch.progress.identity``) as the store, inside the plan's region;
    ``aliases`` maps (published name, 口径) to the plan's indicator name (a confirmed mapping).
    ``data_region``: the region the actual values belong to (default the plan's); figures of
    another region are never offered. ``findings``: the plan's audit findings
    (``planwatch.reports.doubts.AuditFinding``; None: audit the plan here), ``unreviewed``: target
    index → why its record is doubtful; with them each target's doubts (``target_doubts``) go into
    its verdict."""
    from planwatch.progress.identity import region_geo, series_id, suggest_region_name
    from planwatch.reports.doubts import findings_from_audit, target_doubts

    if findings is None:
        from planwatch.audit import audit_plans

        findings = findings_from_audit(audit_plans([plan]))
    unreviewed = unreviewed or {}

    region = region or suggest_region_name(plan.title or plan.doc)
    home = region_geo(region)
    if data_region and data_region != region:
        observations = ()
    aliases = aliases or {}
    kinds = {(t.indicator): (t.unit, t.kind) for t in plan.targets}

    def obs_id(o: Observation) -> Any:
        mapped = aliases.get((o.indicator, o.scope))
        if mapped and mapped in kinds:
            unit, kind = kinds[mapped]
            return series_id(mapped, unit, kind, "", home)
        return series_id(o.indicator, o.unit, None, o.scope, home)

    offered = [(obs_id(o), o) for o in observations]
    period = plan.period
    figures: dict[Any, list[PlanFigure]] = {}
    for f in plan.facts:
        if f.year is not None and f.period is None:
            sid = series_id(f.indicator, f.unit, f.kind, "", home)
            figures.setdefault((sid.caliber, sid.measure), []).append(PlanFigure(f.year, f.value, f.unit, sid.dimension))
    tids = [series_id(t.indicator, t.unit, t.kind, "", home) for t in plan.targets]
    for t, sid in zip(plan.targets, tids, strict=True):
        if t.baseline_value is not None and t.baseline_year is not None:
            figures.setdefault((sid.caliber, sid.measure), []).append(
                PlanFigure(t.baseline_year, t.baseline_value, t.unit, sid.dimension))
    out: dict[int, Verdict] = {}
    for i, (t, sid) in enumerate(zip(plan.targets, tids, strict=True)):
        readings = [Reading(year=o.year, value=o.value, unit=o.unit, dimension=oid.dimension, caliber=oid.caliber,
                            status="preliminary",  # as the store's import: a row that states no 状态
                            comparator=o.comparator, series=o.indicator, source=o.source)
                    for oid, o in offered if oid.measure == sid.measure]
        spec = TargetSpec(target_id=i, indicator=t.indicator, kind=t.kind, value=t.value, unit=t.unit,
                          target_year=t.target_year, region=region, quote=t.quote, comparator=t.comparator,
                          value_high=t.value_high, annual=t.annual, baseline_value=t.baseline_value,
                          baseline_year=t.baseline_year, binding=is_binding_text(t), dimension=sid.dimension,
                          caliber=sid.caliber, period=period,
                          doubts=target_doubts(t, plan.facts, findings, unreviewed.get(i, "")))
        out[id(t)] = judge(spec, readings, as_of, figures.get((sid.caliber, sid.measure), []))
    return out


def is_binding_text(target: Target) -> bool:
    return "约束性" in target.quote or "约束性" in target.section

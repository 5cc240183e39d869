"""The database side of the one verdict (``planwatch.progress.verdict.judge``): stored targets,
their series and related series, the plan's own base-year figures → verdicts.

Every page, API route, CLI command and database report reads verdicts from ``verdicts_for``; the
verdicts are computed on request from the data they derive from, never cached in other rows.
Of each observation the latest FINAL revision is used, else the latest one (preliminary).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from planwatch.progress.verdict import PlanFigure, Reading, TargetSpec, Verdict, judge
from planwatch.web.data.models import Indicator, Observation, ObservationRevision
from planwatch.web.data.regions import related_indicators


def target_spec(t: Any, plan: Any, indicator: Indicator) -> TargetSpec:
    period = (plan.period_start, plan.period_end) if plan is not None and plan.period_start and plan.period_end \
        else None
    region = getattr(getattr(plan, "region", None), "name", "") if plan is not None else ""
    return TargetSpec(
        target_id=t.pk, indicator=t.indicator_text, kind=t.kind, value=t.value, unit=t.unit,
        target_year=t.target_year, region=region, quote=t.quote, comparator=t.comparator or "=",
        value_high=t.value_high, annual=bool(t.annual), baseline_value=t.baseline_value,
        baseline_year=t.baseline_year, binding=bool(t.binding) or indicator.type == "binding",
        dimension=indicator.dimension, caliber=indicator.caliber, period=period)


def readings_of(indicator_ids: Iterable[int]) -> dict[int, list[Reading]]:
    """Readings per indicator id, oldest first. A row whose current value is final is its own
    chosen revision; only the others look at their revisions (one more query)."""
    out: dict[int, list[Reading]] = defaultdict(list)
    ids = sorted(set(indicator_ids))
    if not ids:
        return out
    rows = list(Observation.objects.filter(indicator_id__in=ids).select_related("indicator")
                .only("id", "indicator_id", "year", "period", "scope", "value", "unit", "status", "comparator",
                      "source", "source_url", "indicator__name", "indicator__dimension", "indicator__caliber")
                .order_by("indicator_id", "year", "id"))
    earlier_final: dict[int, Any] = {}
    pending = [o.pk for o in rows if o.status != "final"]
    for rev in ObservationRevision.objects.filter(observation_id__in=pending, status="final").order_by("number"):
        earlier_final[rev.observation_id] = rev
    for o in rows:
        rev = earlier_final.get(o.pk, o)
        out[o.indicator_id].append(Reading(
            year=o.year, value=rev.value, unit=rev.unit or o.unit, dimension=o.indicator.dimension,
            caliber=o.indicator.caliber, status="final" if rev.status == "final" else "preliminary",
            comparator=rev.comparator or "=", period=o.period,
            series=o.indicator.name + (f"（{o.scope}）" if o.scope else ""),
            source=rev.source or rev.source_url, ref=o.pk))
    return out


def _plan_figures(targets: list[Any], related: dict[int, list[Indicator]], indicators: dict[int, Indicator]
                  ) -> dict[int, list[PlanFigure]]:
    """Base-year statistics the plans state (facts, and the baselines of sibling targets) per
    indicator id."""
    from planwatch.web.plans.models import Fact

    figures: dict[int, list[PlanFigure]] = defaultdict(list)
    versions = {t.version_id for t in targets}
    ids = {i.pk for group in related.values() for i in group}
    for f in (Fact.objects.filter(version_id__in=versions, indicator_id__in=ids).exclude(review_state="rejected")
              .select_related("indicator")):
        if f.year is not None and f.period_start is None:
            figures[f.indicator_id].append(PlanFigure(f.year, f.value, f.unit, f.indicator.dimension))
    for t in targets:
        ind = indicators[t.indicator_id]
        if t.baseline_value is not None and t.baseline_year is not None:
            figures[t.indicator_id].append(PlanFigure(t.baseline_year, t.baseline_value, t.unit, ind.dimension))
    return figures


def verdicts_for(targets: Iterable[Any], plan_of: dict[int, Any], as_of: date | None = None) -> list[Verdict]:
    """Verdicts for stored targets (rejected ones are the caller's to leave out); ``plan_of`` maps
    a version id to its plan."""
    targets = list(targets)
    when = as_of or date.today()
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in={t.indicator_id for t in targets})}
    related = related_indicators(list(indicators.values()))
    readings = readings_of({i.pk for group in related.values() for i in group})
    figures = _plan_figures(targets, related, indicators)
    out = []
    for t in targets:
        ind = indicators[t.indicator_id]
        group = related.get(ind.pk, [ind])
        offered = [r for i in group for r in readings.get(i.pk, [])]
        own = [f for i in group if i.caliber == ind.caliber for f in figures.get(i.pk, [])]
        out.append(judge(target_spec(t, plan_of.get(t.version_id), ind), offered, when, own))
    return out


def plan_verdicts(plan: Any, as_of: date | None = None) -> list[Verdict]:
    """Verdicts for the reviewed (not rejected) targets of a plan's live version, in document order."""
    version = plan.current_version
    if version is None:
        return []
    targets = version.targets.exclude(review_state="rejected").order_by("start", "id")
    return verdicts_for(targets, {version.pk: plan}, as_of)

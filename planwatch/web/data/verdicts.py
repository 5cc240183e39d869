"""The database side of the one verdict (``planwatch.progress.verdict.judge``): stored targets,
their series and related series, the plan's own base-year figures → verdicts.

Every page, API route, CLI command and database report reads verdicts from ``verdicts_for``; the
verdicts are computed on request from the data they derive from, never cached in other rows.
Of each observation the latest FINAL revision is used, else the latest one (preliminary).
Each target's 待核实 reasons (``planwatch.reports.doubts.target_doubts``: review state, the plan-text
audit of its stored version, a base-year value the text contradicts) go into its verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from planwatch.progress.verdict import PlanFigure, Reading, TargetSpec, Verdict, judge
from planwatch.web.data.models import Indicator, Observation, ObservationRevision
from planwatch.web.data.regions import indicator_rows, related_indicators


def target_spec(t: Any, plan: Any, indicator: Any, doubts: tuple[str, ...] = ()) -> TargetSpec:
    period = (plan.period_start, plan.period_end) if plan is not None and plan.period_start and plan.period_end \
        else None
    region = getattr(getattr(plan, "region", None), "name", "") if plan is not None else ""
    target_year = t.target_year
    if target_year is None and t.annual and getattr(plan, "annual", False):
        target_year = plan.period_end  # a 全年 target of an annual plan is for the plan's year
    return TargetSpec(
        target_id=t.pk, indicator=t.indicator_text, kind=t.kind, value=t.value, unit=t.unit,
        target_year=target_year, region=region, quote=t.quote, comparator=t.comparator or "=",
        value_high=t.value_high, annual=bool(t.annual), baseline_value=t.baseline_value,
        baseline_year=t.baseline_year, binding=is_binding(t.binding, indicator.type),
        dimension=indicator.dimension, caliber=indicator.caliber, period=period, doubts=doubts)


def readings_of(indicator_ids: Iterable[int]) -> dict[int, list[Reading]]:
    """Readings per indicator id, oldest first. A row whose current value is final is its own
    chosen revision; only the others look at their revisions (one more query)."""
    out: dict[int, list[Reading]] = defaultdict(list)
    ids = sorted(set(indicator_ids))
    if not ids:
        return out
    series = {i: (name, dim, cal) for i, name, dim, cal in
              Indicator.objects.filter(pk__in=ids).values_list("id", "name", "dimension", "caliber")}
    fields = ("id", "indicator_id", "year", "period", "scope", "value", "unit", "status", "comparator", "source",
              "source_url")
    rows = list(Observation.objects.filter(indicator_id__in=ids).order_by("indicator_id", "year", "id")
                .values_list(*fields))
    pending = [r[0] for r in rows if r[7] != "final"]
    earlier_final: dict[int, tuple[Any, ...]] = {}
    for rev in (ObservationRevision.objects.filter(observation_id__in=pending, status="final").order_by("number")
                .values_list("observation_id", "value", "unit", "status", "comparator", "source", "source_url")):
        earlier_final[rev[0]] = rev
    for pk, ind, year, period, scope, value, unit, status, comparator, source, url in rows:
        if pk in earlier_final:
            _, value, rev_unit, status, comparator, source, url = earlier_final[pk]
            unit = rev_unit or unit
        name, dimension, caliber = series[ind]
        out[ind].append(Reading(
            year=year, value=value, unit=unit, dimension=dimension, caliber=caliber,
            status="final" if status == "final" else "preliminary", comparator=comparator or "=", period=period,
            series=name + (f"（{scope}）" if scope else ""), source=source or url, ref=pk, scope=scope))
    return out


def doubts_of(targets: list[Any], plan_of: dict[int, Any]) -> dict[int, tuple[str, ...]]:
    """Per target id: its 待核实 reasons, from its stored version as the plan model the database
    report reads (``plan_extraction``: review applied) and that version's plan-text audit."""
    from planwatch.audit import audit_plans
    from planwatch.reports.doubts import findings_from_audit, target_doubts
    from planwatch.web.plans.models import PlanVersion
    from planwatch.web.reports.inputs import plan_extraction

    out: dict[int, tuple[str, ...]] = {}
    wanted = {t.pk for t in targets}
    for version in PlanVersion.objects.filter(pk__in={t.version_id for t in targets}):
        plan = plan_of.get(version.pk) or version.plan
        extraction, _, _, unreviewed = plan_extraction(plan, version)
        ids = list(version.targets.exclude(review_state="rejected").order_by("start", "id").values_list("id", flat=True))
        findings = findings_from_audit(audit_plans([extraction], texts={extraction.doc: version.text}))
        for index, (pk, target) in enumerate(zip(ids, extraction.targets, strict=True)):
            if pk in wanted:
                out[pk] = target_doubts(target, extraction.facts, findings, unreviewed.get(index, ""))
    return out


def _plan_figures(targets: list[Any], related: dict[int, list[Any]], indicators: dict[int, Indicator]
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
    related = related_indicators(list(indicators.values()), ("id", "region_id", "measure", "caliber", "dimension"))
    readings = readings_of({i.pk for group in related.values() for i in group})
    figures = _plan_figures(targets, related, indicators)
    doubts = doubts_of(targets, plan_of)
    out = []
    for t in targets:
        ind = indicators[t.indicator_id]
        group = related.get(ind.pk, [ind])
        offered = [r for i in group for r in readings.get(i.pk, [])]
        own = [f for i in group if i.caliber == ind.caliber for f in figures.get(i.pk, [])]
        spec = target_spec(t, plan_of.get(t.version_id), ind, doubts.get(t.pk, ()))
        out.append(judge(spec, offered, when, own))
    return out


def plan_verdicts(plan: Any, as_of: date | None = None) -> list[Verdict]:
    """Verdicts for the reviewed (not rejected) targets of a plan's live version, in document order."""
    version = plan.current_version
    if version is None:
        return []
    targets = version.targets.exclude(review_state="rejected").order_by("start", "id")
    return verdicts_for(targets, {version.pk: plan}, as_of)


def _group_stamps(groups: dict[int, list[Any]]) -> dict[int, str]:
    """Per indicator id: a stamp of the observations of its series and related series (count, last
    change, last id per indicator), from one aggregate query."""
    from django.db.models import Count, Max

    ids = {i.pk for group in groups.values() for i in group}
    per = {row["indicator_id"]: (row["n"], str(row["changed"]), row["last"]) for row in
           Observation.objects.filter(indicator_id__in=ids).values("indicator_id")
           .annotate(n=Count("id"), changed=Max("updated"), last=Max("id"))}
    out: dict[int, str] = {}
    done: dict[int, str] = {}  # the indicators of one region and measure share one group list
    for key, group in groups.items():
        if id(group) not in done:
            done[id(group)] = repr(sorted((i.pk, i.caliber, i.dimension, per.get(i.pk)) for i in group))
        out[key] = done[id(group)]
    return out


def _version_stamps(version_ids: Iterable[int]) -> dict[int, str]:
    """Per version id: a stamp of what its targets' doubts read (its text, and the records and
    review states its audit and its base-year figures come from), from three queries."""
    import hashlib

    from planwatch.web.plans.models import Fact, PlanVersion, Target

    ids = set(version_ids)
    parts: dict[int, list[Any]] = defaultdict(list)
    for pk, sha, title in PlanVersion.objects.filter(pk__in=ids).values_list("id", "text_sha256", "plan__title"):
        parts[pk].append((sha, title))
    common = ("version_id", "id", "review_state", "quote", "start", "indicator_text", "kind", "value", "value_high",
              "unit", "section_id")
    for row in Target.objects.filter(version_id__in=ids).order_by("id").values_list(
            *common, "comparator", "target_year", "annual", "baseline_value", "baseline_year"):
        parts[row[0]].append(row[1:])
    for row in Fact.objects.filter(version_id__in=ids).order_by("id").values_list(
            *common, "year", "period_start", "period_end"):
        parts[row[0]].append(row[1:])
    return {pk: hashlib.sha256(repr(rows).encode()).hexdigest() for pk, rows in parts.items()}


def _fingerprints(targets: list[Any], plan_of: dict[int, Any], stamps: dict[int, str], versions: dict[int, str],
                  as_of: date) -> dict[int, str]:
    """Per target id: the SHA-256 of its figures, its plan's period, region and annual flag, the
    date, its series stamp and its version stamp (a plan's part is read once per version)."""
    import hashlib

    plan_parts: dict[int, tuple[Any, ...]] = {}
    out = {}
    for t in targets:
        if t.version_id not in plan_parts:
            plan = plan_of.get(t.version_id)
            plan_parts[t.version_id] = (getattr(plan, "period_start", None), getattr(plan, "period_end", None),
                                        getattr(plan, "region_id", None), getattr(plan, "annual", False),
                                        as_of.isoformat())
        figures = (t.kind, t.value, t.value_high, t.comparator, t.target_year, t.annual, t.baseline_value,
                   t.baseline_year, t.binding, t.unit, t.indicator_id, t.quote, t.review_state,
                   plan_parts[t.version_id], stamps.get(t.indicator_id, ""), versions.get(t.version_id, ""))
        out[t.pk] = hashlib.sha256(repr(figures).encode()).hexdigest()
    return out


# Above this many targets their stored verdicts are read by version, not by a list of target ids.
MANY_TARGETS = 500


def _current_stored(targets: list[Any], plan_of: dict[int, Any], when: date, fields: tuple[str, ...]
                    ) -> tuple[dict[int, Any], dict[int, tuple[Any, ...]], dict[int, Verdict]]:
    """The targets' indicators, their ``StoredVerdict`` rows (``fields`` after target id and
    fingerprint) whose fingerprint still matches, and the verdicts recomputed (and stored) for the
    others."""
    from planwatch.web.data.models import StoredVerdict

    # only what the stamps, ``is_binding`` and ``target_spec`` read: thousands of rows on a big store
    read = ("id", "region_id", "measure", "caliber", "dimension", "type")
    indicators = indicator_rows({t.indicator_id for t in targets}, read)
    stamps = _group_stamps(related_indicators(list(indicators.values()), read))
    versions = _version_stamps({t.version_id for t in targets})
    prints = _fingerprints(targets, plan_of, stamps, versions, when)
    # plain tuples, not model instances: the dashboard reads thousands of them
    rows = StoredVerdict.objects.values_list("target_id", "fingerprint", *fields)
    if len(prints) > MANY_TARGETS:  # by their versions (a few ids), not a list of thousands of ids
        rows = rows.filter(target__version_id__in={t.version_id for t in targets})
    else:
        rows = rows.filter(target_id__in=list(prints))
    stored = {row[0]: row for row in rows if row[0] in prints}
    stale = [t for t in targets if t.pk not in stored or stored[t.pk][1] != prints[t.pk]]
    fresh = {t.pk: v for t, v in zip(stale, verdicts_for(stale, plan_of, when), strict=True)} if stale else {}
    if fresh:
        StoredVerdict.objects.filter(target_id__in=list(fresh)).delete()
        StoredVerdict.objects.bulk_create(
            [StoredVerdict(target_id=pk, fingerprint=prints[pk], status=v.status, observed_value=v.observed_value,
                           observed_year=v.observed_year, derived=v.derived, reason=v.reason)
             for pk, v in fresh.items()], batch_size=1000)
    return indicators, {pk: row for pk, row in stored.items() if pk not in fresh}, fresh


def refresh_stored(targets: Iterable[Any], plan_of: dict[int, Any], as_of: date | None = None) -> int:
    """Bring the ``StoredVerdict`` rows of these targets up to date (as ``stored_verdicts`` does)
    without building the verdicts, so that a page can then count them with aggregate queries
    (``StoredVerdict.status``); returns how many were recomputed."""
    _, _, fresh = _current_stored(list(targets), plan_of, as_of or date.today(), ())
    return len(fresh)


def is_binding(binding: bool, indicator_type: str) -> bool:
    """约束性: the target's own flag or a binding indicator (the verdict's ``TargetSpec.binding``)."""
    return bool(binding) or indicator_type == "binding"


def stored_verdicts(targets: Iterable[Any], plan_of: dict[int, Any], as_of: date | None = None) -> list[Verdict]:
    """The verdicts of ``verdicts_for``, read from ``StoredVerdict`` rows where their fingerprint
    still matches and recomputed (and stored) where not: for pages that show thousands of targets.
    The stored form keeps status, observed figure, derived flag and reason (no figure lists; the
    doubts are in the reason). The fingerprint covers what the doubts read (``_version_stamps``)."""
    targets = list(targets)
    indicators, stored, fresh = _current_stored(
        targets, plan_of, as_of or date.today(), ("status", "reason", "observed_value", "observed_year", "derived"))
    out = []
    for t in targets:
        if t.pk in fresh:
            out.append(fresh[t.pk])
            continue
        _, _, status, reason, observed_value, observed_year, derived = stored[t.pk]
        # the doubts themselves are in the stored reason text (待核实：…)
        out.append(Verdict(target_spec(t, plan_of.get(t.version_id), indicators[t.indicator_id]), status,
                           reason, observed_value=observed_value, observed_year=observed_year, derived=derived))
    return out

"""Target progress for the pages: stored rows in, ``planwatch.progress`` verdicts out.

The judgement is the progress layer's (时间过半、任务过半); this module only turns rows into its
plain inputs, once per request, from observations fetched in one query.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planwatch.errors import PlanWatchError
from planwatch.progress import Assessment, Baseline, IndicatorTarget, Observation, assess
from planwatch.progress.adapt import direction_from_quote
from planwatch.progress.model import KINDS
from planwatch.web.data.models import Observation as ObservationRow

RATE_UNITS = ("%", "％", "百分点", "个百分点")


@dataclass
class TargetView:
    """What a page shows about one target: the verdict (or why there is none) and its series."""

    target: Any
    assessment: Assessment | None
    error: str
    points: list[tuple[int, float]]  # observations used, oldest first

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else "no_data"

    @property
    def light(self) -> str:
        return self.assessment.light if self.assessment else "grey"

    @property
    def status_zh(self) -> str:
        return self.assessment.status_zh if self.assessment else "无法评估"

    @property
    def status_en(self) -> str:
        return self.assessment.status_en if self.assessment else "cannot be assessed"

    @property
    def latest(self) -> tuple[int, float] | None:
        return self.points[-1] if self.points else None

    def sparkline(self, width: int = 90, height: int = 22) -> str:
        """SVG polyline points for a small trend line (empty under two points)."""
        if len(self.points) < 2:
            return ""
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        x0, x1 = min(xs), max(xs)
        y0, y1 = min(ys), max(ys)
        dx = (x1 - x0) or 1
        dy = (y1 - y0) or 1
        return " ".join(f"{(x - x0) / dx * (width - 4) + 2:.1f},{height - 2 - (y - y0) / dy * (height - 4):.1f}"
                        for x, y in self.points)


def base_year(target: Any, plan: Any) -> int | None:
    """The target's own base year, else the year before the plan period (the usual 基期)."""
    if target.baseline_year:
        return int(target.baseline_year)
    if plan is not None and plan.period_start:
        return int(plan.period_start) - 1
    return None


def observations_by_indicator(indicator_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Whole-scope observations of the indicators, one query."""
    out: dict[int, list[Any]] = defaultdict(list)
    ids = sorted(set(indicator_ids))
    if not ids:
        return out
    for o in (ObservationRow.objects.filter(indicator_id__in=ids, scope="", period="")
              .only("indicator_id", "year", "value", "unit", "status").order_by("year")):
        out[o.indicator_id].append(o)
    return out


def assess_target(target: Any, plan: Any, observations: list[Any]) -> TargetView:
    """The verdict on one stored target from its indicator's observations."""
    points = [(o.year, o.value) for o in observations]
    if target.kind not in KINDS:
        return TargetView(target, None, f"未知类型 unknown kind {target.kind}", points)
    year = target.target_year or (plan.period_end if plan is not None else None)
    by = base_year(target, plan)
    if year is None or by is None:
        return TargetView(target, None, "缺少目标年份或基期 no target or base year", points)
    spec = IndicatorTarget(
        kind=target.kind, value=target.value, target_year=int(year), comparator=target.comparator or "=",
        direction=direction_from_quote(target.quote, target.indicator_text), binding=bool(target.binding),
        value_high=target.value_high, annual=bool(target.annual), indicator=target.indicator_text,
        unit=target.unit)
    growth_levels = target.kind == "growth"
    obs = []
    for o in observations:
        if not math.isfinite(o.value):
            continue
        level = growth_levels and (o.unit or "").strip() not in RATE_UNITS
        obs.append(Observation(year=o.year, value=o.value, status=o.status if o.status in ("final", "preliminary")
                               else "final", level=level))
    try:
        a = assess(spec, Baseline(by, target.baseline_value), obs)
    except PlanWatchError as exc:
        return TargetView(target, None, str(exc), points)
    return TargetView(target, a, "", points)


def assess_targets(targets: list[Any], plan: Any) -> list[TargetView]:
    """Verdicts for many targets of one plan with one observation query."""
    obs = observations_by_indicator(t.indicator_id for t in targets)
    return [assess_target(t, plan, obs.get(t.indicator_id, [])) for t in targets]


def status_counts(views: Iterable[TargetView]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for v in views:
        counts[v.status] += 1
    return dict(counts)


OFF_TRACK = ("lagging", "seriously_lagging", "regressing")


@dataclass
class StatusView:
    """A cached verdict: what the dashboard and the portal need of a target."""

    target: Any
    status: str
    light: str
    latest_year: int | None
    latest_value: float | None

    @property
    def latest(self) -> tuple[int, float] | None:
        if self.latest_year is None or self.latest_value is None:
            return None
        return (self.latest_year, self.latest_value)

    @property
    def status_zh(self) -> str:
        from planwatch.progress.model import STATUS_ZH

        return STATUS_ZH.get(self.status, self.status)  # type: ignore[call-overload,no-any-return]

    @property
    def status_en(self) -> str:
        from planwatch.progress.model import STATUS_EN

        return STATUS_EN.get(self.status, self.status)  # type: ignore[call-overload,no-any-return]


def _fingerprint(t: Any, plan: Any, stamp: int) -> str:
    figures = (t.kind, t.value, t.value_high, t.comparator, t.target_year, t.annual, t.baseline_value,
               t.baseline_year, t.binding, t.unit, plan.period_start if plan else None,
               plan.period_end if plan else None)
    digest = hashlib.sha256(repr(figures).encode()).hexdigest()[:16]
    return f"s{stamp}|{digest}"


def indicator_stamps(ids: set[int]) -> dict[int, int]:
    """Change counters of the indicators; missing ones start at 0 (observations loaded in bulk
    before the counter existed are what the first verdict is computed from)."""
    from planwatch.web.ui.models import IndicatorStamp

    stamps = dict(IndicatorStamp.objects.filter(indicator_id__in=ids).values_list("indicator_id", "changes"))
    missing = ids - set(stamps)
    if missing:
        IndicatorStamp.objects.bulk_create([IndicatorStamp(indicator_id=i, changes=0) for i in missing],
                                           batch_size=1000, ignore_conflicts=True)
        stamps.update(dict(IndicatorStamp.objects.filter(indicator_id__in=missing)
                           .values_list("indicator_id", "changes")))
    return stamps


def cached_statuses(targets: list[Any], plan_of: dict[int, Any]) -> list[StatusView]:
    """Verdicts for many targets (``plan_of``: version id → plan), recomputing only those whose
    figures or observations changed since the stored verdict (``IndicatorStamp``). Two queries when
    nothing changed."""
    from planwatch.web.ui.models import TargetStatus

    stamps = indicator_stamps({t.indicator_id for t in targets})
    stored = {r[0]: r for r in TargetStatus.objects.filter(target_id__in=[t.pk for t in targets])
              .values_list("target_id", "fingerprint", "status", "light", "latest_year", "latest_value", "id")}
    out: list[StatusView] = []
    stale: list[tuple[Any, str]] = []
    for t in targets:
        plan = plan_of.get(t.version_id)
        fp = _fingerprint(t, plan, stamps.get(t.indicator_id, 0))
        s = stored.get(t.pk)
        if s is not None and s[1] == fp:
            out.append(StatusView(t, s[2], s[3], s[4], s[5]))
        else:
            stale.append((t, fp))
    if stale:
        obs = observations_by_indicator(t.indicator_id for t, _ in stale)
        new, changed = [], []
        for t, fp in stale:
            v = assess_target(t, plan_of.get(t.version_id), obs.get(t.indicator_id, []))
            latest = v.latest
            row = TargetStatus(target_id=t.pk, fingerprint=fp, status=v.status, light=v.light,
                               latest_year=latest[0] if latest else None, latest_value=latest[1] if latest else None)
            if t.pk in stored:
                row.pk = stored[t.pk][6]
                changed.append(row)
            else:
                new.append(row)
            out.append(StatusView(t, row.status, row.light, row.latest_year, row.latest_value))
        TargetStatus.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        TargetStatus.objects.bulk_update(changed, ["fingerprint", "status", "light", "latest_year", "latest_value"],
                                         batch_size=1000)
    return out


ROW_FIELDS = ("id", "version_id", "indicator_id", "indicator_text", "kind", "value", "value_high", "unit",
              "comparator", "target_year", "annual", "baseline_value", "baseline_year", "binding", "quote")


def target_rows(qs: Any) -> list[Any]:
    """Targets as light attribute objects (no model instances): pages that read thousands of them."""
    from types import SimpleNamespace

    rows = []
    for values in qs.values_list(*ROW_FIELDS):
        row = SimpleNamespace(**dict(zip(ROW_FIELDS, values, strict=True)))
        row.pk = row.id
        rows.append(row)
    return rows

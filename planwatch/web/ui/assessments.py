"""Target progress for the pages: stored rows in, ``planwatch.progress`` verdicts out.

The judgement is the progress layer's (时间过半、任务过半); this module only turns rows into its
plain inputs, once per request, from observations fetched in one query.
"""

from __future__ import annotations

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

"""Target verdicts for the pages: thin views over ``planwatch.web.data.verdicts`` (the one verdict).

Nothing is cached here: a page asks for the verdicts of the targets it shows, as of a date
(today unless the page is given ``?as_of=``), and shows what the service decided.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planwatch.progress.verdict import VERDICT_EN, Verdict
from planwatch.web.data.verdicts import stored_verdicts, verdicts_for

# Lagging verdicts (the dashboard's list); 待核实 (to_verify) is counted apart, neither here nor on track.
OFF_TRACK = ("lagging", "seriously_lagging", "regressing")


@dataclass
class TargetView:
    """What a page shows about one target: the verdict and its series."""

    target: Any
    verdict: Verdict
    ui_assignments: list[Any] = field(default_factory=list)

    @property
    def assessment(self) -> Any:
        return self.verdict.assessment

    @property
    def error(self) -> str:
        return self.verdict.reason if self.verdict.status == "no_data" else ""

    @property
    def points(self) -> list[tuple[int, float]]:
        return self.verdict.points

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def light(self) -> str:
        return self.verdict.light

    @property
    def status_zh(self) -> str:
        return self.verdict.status_zh

    @property
    def status_en(self) -> str:
        return VERDICT_EN.get(self.status, self.status)

    @property
    def latest(self) -> tuple[int, float] | None:
        v = self.verdict
        if v.observed_year is None or v.observed_value is None:
            return None
        return (v.observed_year, v.observed_value)

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


# What a verdict and the pages read of a target (``target_rows``): no document text, no model instance.
ROW_FIELDS = ("id", "version_id", "indicator_id", "indicator_text", "kind", "value", "value_high", "unit",
              "comparator", "target_year", "annual", "baseline_value", "baseline_year", "binding", "quote",
              "start", "end", "review_state")


class TargetRow:
    """A target read with ``values()``: the attributes of a ``Target`` the verdicts and the pages
    use (``pk``, ``version_id``, ``indicator_id``, the figures), built without a model instance so a
    page over thousands of targets stays quick."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.pk = fields["id"]


def target_rows(qs: Any, limit: int | None = None) -> list[TargetRow]:
    """The targets of a queryset as ``TargetRow``s, in document order (the first ``limit``)."""
    qs = qs.order_by("start", "id").values(*ROW_FIELDS)
    return [TargetRow(r) for r in (qs[:limit] if limit is not None else qs)]


def as_of_param(request: Any) -> dt.date:
    """The page's as-of date: ``?as_of=YYYY-MM-DD``, else today."""
    try:
        return dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return dt.date.today()


def target_views(targets: list[Any], plan_of: dict[int, Any], as_of: dt.date | None = None) -> list[TargetView]:
    """Verdicts for targets (``plan_of``: version id → plan); rejected targets are left out."""
    kept = [t for t in targets if getattr(t, "review_state", "") != "rejected"]
    return [TargetView(t, v) for t, v in zip(kept, verdicts_for(kept, plan_of, as_of), strict=True)]


def stored_views(targets: list[Any], plan_of: dict[int, Any]) -> list[TargetView]:
    """As ``target_views`` as of today, from the stored verdicts where still valid (dashboard, portal)."""
    kept = [t for t in targets if getattr(t, "review_state", "") != "rejected"]
    return [TargetView(t, v) for t, v in zip(kept, stored_verdicts(kept, plan_of), strict=True)]


def status_counts(views: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for v in views:
        counts[v.status] += 1
    return dict(counts)

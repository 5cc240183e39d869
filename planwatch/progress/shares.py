"""Share of the time and of the task covered (时间过半、任务过半).

Compounding quantities (levels, counts, cumulative sums, "降低X%" changes) use the log share
ln(y_t/y_b) / ln(y_T/y_b): a steady compound pace then covers the task exactly as fast as time
passes, which is how the 12th-FYP energy target (−16% by 2015, −9.03% by 2013) is published as
"54% of the task against 60% of the time". Percentages and ratios use the linear share in
percentage points.
"""

from __future__ import annotations

import math
from datetime import date

from planwatch.progress.model import Kind, ShareMethod


def default_share_method(kind: Kind) -> ShareMethod:
    """Shares (percentages, ratios) move in points; everything else compounds."""
    return "linear" if kind == "share" else "log"


def time_share(year: float, base_year: float, target_year: float) -> float:
    """(t − t_b) / (T − t_b): the share of the plan period that has passed (at most all of it)."""
    return min(1.0, (year - base_year) / (target_year - base_year))


def year_elapsed_share(as_of: date) -> float:
    """Share of the calendar year passed at the end of ``as_of`` (annual targets)."""
    start = date(as_of.year, 1, 1)
    days = (date(as_of.year + 1, 1, 1) - start).days
    return ((as_of - start).days + 1) / days


def log_share(baseline: float, latest: float, target: float) -> float:
    """ln(y_t/y_b) / ln(y_T/y_b); the caller guarantees same-sign, non-zero values."""
    return math.log(latest / baseline) / math.log(target / baseline)


def linear_share(baseline: float, latest: float, target: float) -> float:
    """(y_t − y_b) / (y_T − y_b); the caller guarantees target != baseline."""
    return (latest - baseline) / (target - baseline)


def can_compound(*values: float) -> bool:
    """Compound arithmetic needs non-zero values of one sign."""
    return all(v > 0 for v in values) or all(v < 0 for v in values)


def finite_power(base: float, exponent: float) -> float | None:
    """base ** exponent, or None when it leaves the float range (extreme data must not crash a report)."""
    try:
        value = float(base**exponent)
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def percent_text(share: float) -> str:
    """A share as a whole percentage for a table cell: 0.456 → "46%" (never "-0%")."""
    return f"{round(share * 100) + 0:d}%"


def period_elapsed_share(first_year: int, last_year: int, as_of: date) -> float | None:
    """Share of a plan period (start of its first year to end of its last) passed by the end of
    ``as_of``: 0 before it starts, 1 after it ends; None for an empty period. The dashboard's
    time bar and the report's 时间已过 read this one."""
    if last_year < first_year:
        return None
    now = as_of.year - 1 + year_elapsed_share(as_of)
    return max(0.0, time_share(now, first_year - 1, last_year))

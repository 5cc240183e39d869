"""Where the indicator lands at the target year, and the pace still needed to hit it."""

from __future__ import annotations

import math
from collections.abc import Sequence

from planwatch.progress.shares import can_compound, finite_power


def compound_projection(latest: float, latest_year: float, rate: float, target_year: float) -> float | None:
    """y_t · (1 + CAGR)^(T − t): the current compound pace continued."""
    growth = finite_power(1.0 + rate, target_year - latest_year)
    if growth is None:
        return None
    value = latest * growth
    return value if math.isfinite(value) else None


def linear_projection(points: Sequence[tuple[float, float]], target_year: float) -> float | None:
    """Least-squares straight line through all points, read at the target year."""
    n = len(points)
    if n < 2:
        return None
    x0 = points[0][0]  # centre the years: sums of squared calendar years lose precision
    sx = sy = sxx = sxy = 0.0
    for year, y in points:
        x = year - x0
        sx += x
        sy += y
        sxx += x * x
        sxy += x * y
    den = n * sxx - sx * sx
    if den == 0:
        return None
    slope = (n * sxy - sx * sy) / den
    return (sy - slope * sx) / n + slope * (target_year - x0)


def required_rate(latest: float, target: float, years_left: float) -> float | None:
    """(y_T / y_t)^(1/(T − t)) − 1: the compound annual rate still needed."""
    if years_left <= 0 or not can_compound(latest, target):
        return None
    growth = finite_power(target / latest, 1.0 / years_left)
    return None if growth is None else growth - 1.0


def required_points(latest: float, target: float, years_left: float) -> float | None:
    """(y_T − y_t) / (T − t): the straight-line change per year still needed."""
    if years_left <= 0:
        return None
    return (target - latest) / years_left

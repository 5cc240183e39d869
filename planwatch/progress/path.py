"""The five-year path year by year (规划路径): what a multi-year target asks of each year, for
setting annual plans' 全年 targets beside it (annual steps against the five-year path).

Levels compound from the base-year value to the target value (the compound-growth path the
indicator chart draws); shares and cumulative totals move in a straight line; a growth target
asks for its rate every year. A cumulative target (累计、新增 over the period) also has a yearly
step: what the year adds to the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.progress.shares import can_compound


@dataclass(frozen=True)
class PathYear:
    year: int
    value: float | None  # where the path stands at the end of the year (the rate, for a growth target)
    step: float | None  # what the year adds (cumulative and count targets), else None


def compound_path(base_year: int, base_value: float, target_year: int, target_value: float) -> list[tuple[int, float]]:
    """The compound-growth path from the base to the target, one point a year (empty unless both
    values are positive): the indicator chart, the report charts and the annual steps draw this one."""
    if base_value <= 0 or target_value <= 0 or target_year <= base_year:
        return []
    span = target_year - base_year
    return [(base_year + i, base_value * (target_value / base_value) ** (i / span)) for i in range(span + 1)]


def path_value(kind: str, base_year: int, base_value: float | None, target_year: int, target_value: float,
               year: int) -> float | None:
    """The value the path reaches by the end of ``year`` (None without a base-year value)."""
    if kind == "growth":
        return target_value
    if base_value is None or target_year <= base_year:
        return None
    share = min(1.0, max(0.0, (year - base_year) / (target_year - base_year)))
    if kind in ("level", "count") and can_compound(base_value, target_value):
        return float(base_value * (target_value / base_value) ** share)
    return base_value + (target_value - base_value) * share


def five_year_path(kind: str, base_year: int, base_value: float | None, target_year: int,
                   target_value: float) -> list[PathYear]:
    """The path for each year after the base year up to the target year. A cumulative target
    without a base value counts from zero (新增500家 over the period)."""
    if kind == "cumulative" and base_value is None:
        base_value = 0.0
    out = []
    for year in range(base_year + 1, target_year + 1):
        value = path_value(kind, base_year, base_value, target_year, target_value, year)
        before = path_value(kind, base_year, base_value, target_year, target_value, year - 1)
        step = (value - before if kind in ("cumulative", "count") and value is not None and before is not None
                else None)
        out.append(PathYear(year, value, step))
    return out

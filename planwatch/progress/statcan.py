"""Statistics Canada's progress measure, as integrated in Open SDG.

R = d · CAGR_actual / |CAGR_required| with CAGR = (y_i / y_0)^(1/(t_i − t_0)) − 1 and d = +1
when progress means increase, −1 when it means decrease (flipped when all values are negative).
Bands: R ≥ 0.95 on track, 0.60 ≤ R < 0.95 progress made but acceleration needed, 0 ≤ R < 0.60
limited progress, R < 0 deterioration.

The score (used to aggregate series) is the piecewise-linear map of the published methodology:
R ≤ −0.60 → −5; −0.60…0.60 → −5…0; 0.60…1.30 → 0…5; R ≥ 1.30 → +5; a series that has achieved its
target scores +5. With the default thresholds R = 0 lands on −2.5 and R = 0.95 on +2.5, so the
four bands split the score range equally. It reproduces the published vectors: poverty
14.5 → 10.2 (2015 → 2023), target 7.25 in 2030, decrease: R = 0.95259, score 2.5185.
Zero base or target values are replaced by a small epsilon (``Thresholds.zero_replacement``,
0.001 as in the methodology) because an exponential model cannot reach zero.
"""

from __future__ import annotations

from planwatch.progress.model import Status, Thresholds
from planwatch.progress.shares import finite_power


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate; the caller guarantees same-sign values and years > 0.
    None when the figures leave the float range."""
    growth = finite_power(end / start, 1.0 / years)
    return None if growth is None else growth - 1.0


def ratio(cagr_actual: float, cagr_required: float, sign: int) -> float | None:
    """R = d · CAGR_actual / |CAGR_required|; None when no growth is required."""
    if cagr_required == 0:
        return None
    return sign * cagr_actual / abs(cagr_required)


def band(r: float, th: Thresholds) -> Status:
    """The four published categories, mapped onto PlanWatch statuses."""
    if r >= th.statcan_on_track:
        return "on_track"
    if r >= th.statcan_acceleration:
        return "slightly_behind"
    if r >= th.statcan_limited:
        return "lagging"
    return "regressing"


def score(r: float, th: Thresholds) -> float:
    """Piecewise-linear score in −5…+5 (see module docstring)."""
    lo, mid, hi = th.statcan_score_floor_ratio, th.statcan_acceleration, th.statcan_score_ceiling_ratio
    s = -5.0 * (mid - r) / (mid - lo) if r < mid else 5.0 * (r - mid) / (hi - mid)
    return max(-5.0, min(5.0, s))

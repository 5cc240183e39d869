"""Turn a target, a baseline and raw observations into one comparable series.

Every method then works on "working values": the indicator's own values for levels, counts,
cumulative sums and shares; an index (baseline = 100 + baseline change) for ``change`` targets
(降低16% -> 84); and a cumulative growth index for ``growth`` targets whose observations are annual
rates (年均增长18%: index 100 at the start of the period, target 100·1.18^years). The choices made
on the way (base-year fallback, preliminary figures) become notes in the explanation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from planwatch.errors import PlanWatchError
from planwatch.progress.model import Baseline, Observation


class Unassessable(Exception):
    """The data exist but cannot support a verdict; the reason goes into the no_data explanation."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass
class Series:
    """Working values of one indicator, ready for shares, CAGRs and forecasts."""

    base_year: float
    base: float
    latest_year: float
    latest: float
    target_year: float
    target: float
    points: list[tuple[float, float]]
    display_baseline: float | None
    display_latest: float
    geometric_mean_rate: float | None = None
    rates_from_levels: bool = False
    preliminary: bool = False
    notes_zh: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)


def pick_per_year(observations: Iterable[Observation]) -> dict[int, Observation]:
    """One observation per year: a final figure beats a preliminary one; among equals the later
    one in the input (a revision) wins."""
    chosen: dict[int, Observation] = {}
    isfinite = math.isfinite
    for obs in observations:
        if not isfinite(obs.value):
            raise PlanWatchError(f"观测值不是有限数 observation is not a finite number: {obs.year}:{obs.value}")
        old = chosen.get(obs.year)
        if old is None or not (old.status == "final" and obs.status == "preliminary"):
            chosen[obs.year] = obs
    return chosen


def flag_preliminary(series: Series, latest: Observation) -> None:
    if latest.status == "preliminary":
        series.preliminary = True
        series.notes_zh.append(f"{latest.year}年为初步数（尚无最终数），结论待最终数据核实。")
        series.notes_en.append(f"{latest.year} is a preliminary figure (no final figure yet); the verdict is provisional.")


def _with_baseline(
    baseline: Baseline, per_year: dict[int, Observation], target_year: int, notes_zh: list[str], notes_en: list[str]
) -> tuple[int, float, list[Observation]] | None:
    """(base year, base value, later observations), falling back to the nearest later year with data
    (before the target year) when the base year has none. None when fewer than two points remain."""
    years = sorted(per_year)
    base_year, base_value = baseline.year, baseline.value
    if base_value is None:
        later = [y for y in years if baseline.year <= y < target_year]
        if not later:
            return None
        base_year = later[0]
        base_value = per_year[base_year].value
        notes_zh.append(f"基期{baseline.year}年无数据，改用最近有数据的{base_year}年（{fmt(base_value)}）作为基期。")
        notes_en.append(
            f"No value for the base year {baseline.year}; the nearest later year with data, "
            f"{base_year} ({fmt(base_value)}), is used as the baseline."
        )
    rest = [per_year[y] for y in years if y > base_year]
    if not rest:
        return None
    return base_year, base_value, rest


@dataclass(frozen=True)
class ChangeConvention:
    """How a ``change`` target's numbers map to working values.

    Plans state changes as magnitudes with a verb (降低20%, 压缩50%, 提高5个百分点, 增加520亿元, 增长1.1倍).
    A positive value with direction "decrease" means every number (target, baseline, observations)
    is a magnitude of decrease, so it is negated. Percent and 倍 changes compound (index
    100 + percent); changes in points or amounts are additive (linear share).
    """

    sign: float
    percent_per_unit: float | None

    @property
    def compounding(self) -> bool:
        return self.percent_per_unit is not None

    def working(self, value: float) -> float:
        signed = self.sign * value
        return 100.0 + signed * self.percent_per_unit if self.percent_per_unit is not None else signed

    def display(self, working: float) -> float:
        if self.percent_per_unit is not None:
            return (working - 100.0) / self.percent_per_unit * self.sign
        return working * self.sign


def change_convention(value: float, unit: str, direction: str | None) -> ChangeConvention:
    sign = -1.0 if direction == "decrease" and value > 0 else 1.0
    u = unit.strip()
    per_unit = 1.0 if u in ("", "%", "％") else (100.0 if u == "倍" else None)
    return ChangeConvention(sign, per_unit)


def change_series(
    baseline: Baseline, observations: Sequence[Observation], target_value: float, target_year: int, conv: ChangeConvention
) -> Series | None:
    """A change target: baseline change 0 unless stated, values mapped by ``conv``."""
    base = baseline if baseline.value is not None else Baseline(baseline.year, 0.0)
    s = value_series(base, observations, 0.0, target_year, 0.0)
    if s is None:
        return None
    s.base = conv.working(s.base)
    s.latest = conv.working(s.latest)
    s.target = conv.working(target_value)
    s.points = [(x, conv.working(y)) for x, y in s.points]
    return s


def _within_period(
    observations: list[Observation], target_year: int, notes_zh: list[str], notes_en: list[str]
) -> list[Observation]:
    """Judge the plan on its own period: figures after the target year are left out when the period
    has data, and used (with a note) only when it has none."""
    inside = [o for o in observations if o.year <= target_year]
    if len(inside) == len(observations):
        return observations
    later = ", ".join(str(o.year) for o in observations if o.year > target_year)
    if inside:
        notes_zh.append(f"目标年之后的数据（{later}年）不计入本规划期评估。")
        notes_en.append(f"Figures after the target year ({later}) are left out of this plan period.")
        return inside
    notes_zh.append(f"规划期内无数据，使用目标年之后的数据（{later}年）。")
    notes_en.append(f"No figure inside the plan period; figures after the target year ({later}) are used.")
    return observations


def value_series(
    baseline: Baseline, observations: Sequence[Observation], target_value: float, target_year: int, shift: float
) -> Series | None:
    """Levels, counts, cumulative sums, shares (shift 0) and changes (shift 100: −9.03% -> 90.97)."""
    notes_zh: list[str] = []
    notes_en: list[str] = []
    per_year = pick_per_year([o for o in observations if o.year >= baseline.year])
    picked = _with_baseline(baseline, per_year, target_year, notes_zh, notes_en)
    if picked is None:
        return None
    base_year, base_value, rest = picked
    rest = _within_period(rest, target_year, notes_zh, notes_en)
    latest = rest[-1]
    points = [(float(base_year), base_value + shift)] + [(float(o.year), o.value + shift) for o in rest]
    s = Series(
        base_year=base_year,
        base=base_value + shift,
        latest_year=latest.year,
        latest=latest.value + shift,
        target_year=target_year,
        target=target_value + shift,
        points=points,
        display_baseline=base_value,
        display_latest=latest.value,
        notes_zh=notes_zh,
        notes_en=notes_en,
    )
    flag_preliminary(s, latest)
    return s


def growth_rate_series(
    baseline: Baseline, observations: Sequence[Observation], target_rate: float, target_year: int
) -> Series | None:
    """Annual growth rates in percent -> a cumulative index (100 at the start of the period).

    The geometric mean of the observed rates is the observed pace; years without a rate are bridged
    at that pace, so the index at the latest year is 100·(1 + mean)^(t − t_b).
    """
    per_year = pick_per_year([o for o in observations if o.year > baseline.year])
    if not per_year:
        return None
    for obs in per_year.values():
        if obs.value <= -100:
            raise PlanWatchError(f"增长率不能小于等于 -100% growth rate must exceed -100%: {obs.year}:{obs.value}")
    if target_rate <= -100:
        raise PlanWatchError(f"增长率目标不能小于等于 -100% target growth rate must exceed -100%: {target_rate}")
    notes_zh: list[str] = []
    notes_en: list[str] = []
    kept = _within_period([per_year[y] for y in sorted(per_year)], target_year, notes_zh, notes_en)
    per_year = {o.year: o for o in kept}
    years = sorted(per_year)
    points = [(float(baseline.year), 100.0)]
    log_sum = 0.0
    for i, y in enumerate(years, start=1):
        log_sum += math.log1p(per_year[y].value / 100.0)
        points.append((float(y), 100.0 * math.exp(log_sum / i * (y - baseline.year))))
    mean_log = log_sum / len(years)
    latest = per_year[years[-1]]
    s = Series(
        base_year=baseline.year,
        base=100.0,
        latest_year=latest.year,
        latest=points[-1][1],
        target_year=target_year,
        target=100.0 * (1.0 + target_rate / 100.0) ** (target_year - baseline.year),
        points=points,
        display_baseline=baseline.value,
        display_latest=latest.value,
        geometric_mean_rate=math.expm1(mean_log),
        notes_zh=notes_zh,
        notes_en=notes_en,
    )
    missing = [y for y in range(baseline.year + 1, latest.year + 1) if y not in per_year]
    if missing:
        s.notes_zh.append(f"缺少{'、'.join(map(str, missing))}年增速，按已有年份的几何平均增速补齐。")
        s.notes_en.append(
            f"No growth rate for {', '.join(map(str, missing))}; those years are bridged at the geometric mean rate."
        )
    flag_preliminary(s, latest)
    return s


def growth_level_series(
    baseline: Baseline, observations: Sequence[Observation], target_rate: float, target_year: int
) -> Series | None:
    """Level observations of a growth-rate target: rates are derived from the levels."""
    s = value_series(baseline, observations, 0.0, target_year, 0.0)
    if s is None:
        return None
    if not all(v > 0 for _, v in s.points):
        raise Unassessable(
            "由水平值推算增速需要全部为正的数值。", "Deriving growth rates from levels needs positive levels throughout."
        )
    s.target = s.base * (1.0 + target_rate / 100.0) ** (target_year - s.base_year)
    s.rates_from_levels = True
    s.geometric_mean_rate = (s.latest / s.base) ** (1.0 / (s.latest_year - s.base_year)) - 1.0
    s.notes_zh.append("目标为年均增速，增速由水平值推算。")
    s.notes_en.append("The target is an average growth rate; rates are derived from the level observations.")
    return s


def annual_latest(observations: Sequence[Observation], year: int) -> tuple[Observation, date] | None:
    """The latest cumulative-to-date figure within ``year`` (final beats preliminary on the same date)."""
    best: tuple[Observation, date] | None = None
    for obs in observations:
        when = obs.as_of or date(obs.year, 12, 31)
        if when.year != year:
            continue
        if (
            best is None
            or when > best[1]
            or (when == best[1] and not (best[0].status == "final" and obs.status == "preliminary"))
        ):
            best = (obs, when)
    return best


_FORMATS = {d: "{:." + str(d) + "f}" for d in range(8)}


def fmt(value: float | None, digits: int = 4) -> str:
    """A number as a planning officer writes it: no trailing zeros, no scientific notation."""
    if value is None:
        return "—"
    text = _FORMATS[digits].format(value) if digits in _FORMATS else f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text

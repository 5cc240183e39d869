"""Typed inputs and outputs of progress assessment.

The store (Django ledger) and the CLI both build these plain objects; the assessment functions
never see a database row. Every number the verdict rests on is a field of ``Assessment`` so a
report can show its working.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Kind = Literal["level", "growth", "share", "change", "count", "cumulative"]
Direction = Literal["increase", "decrease"]
Method = Literal["cn", "statcan"]
ShareMethod = Literal["log", "linear"]
ObservationStatus = Literal["final", "preliminary"]
Status = Literal[
    "achieved",
    "ahead",
    "on_track",
    "slightly_behind",
    "lagging",
    "seriously_lagging",
    "regressing",
    "no_data",
]
Light = Literal["green", "yellow", "red", "grey"]

KINDS: tuple[Kind, ...] = ("level", "growth", "share", "change", "count", "cumulative")
COMPARATORS: tuple[str, ...] = ("=", ">=", ">", "<=", "<", "range")
STATUSES: tuple[Status, ...] = (
    "achieved",
    "ahead",
    "on_track",
    "slightly_behind",
    "lagging",
    "seriously_lagging",
    "regressing",
    "no_data",
)

# Chinese grading words used by planning offices (提前实现 / 快于预期 / 符合预期 / 基本符合预期 / 滞后).
STATUS_ZH: dict[Status, str] = {
    "achieved": "已实现（提前实现）",
    "ahead": "快于预期",
    "on_track": "符合预期",
    "slightly_behind": "基本符合预期",
    "lagging": "滞后",
    "seriously_lagging": "严重滞后",
    "regressing": "逆向变化",
    "no_data": "无法评估",
}
STATUS_EN: dict[Status, str] = {
    "achieved": "achieved",
    "ahead": "ahead of schedule",
    "on_track": "on track",
    "slightly_behind": "slightly behind",
    "lagging": "lagging",
    "seriously_lagging": "seriously lagging",
    "regressing": "moving away from the target",
    "no_data": "cannot be assessed",
}

# The statcan method's four published categories, on the same status codes.
STATCAN_STATUS_ZH: dict[Status, str] = {
    "on_track": "符合进度",
    "slightly_behind": "取得进展但需加快",
    "lagging": "进展有限",
    "regressing": "恶化",
}
STATCAN_STATUS_EN: dict[Status, str] = {
    "on_track": "on track",
    "slightly_behind": "progress made but acceleration needed",
    "lagging": "limited progress",
    "regressing": "deterioration",
}


@dataclass(frozen=True)
class IndicatorTarget:
    """What the plan promises for one indicator.

    ``value`` is in the unit of ``kind``: a level, a count or a cumulative sum for those kinds; an
    annual growth rate in percent for ``growth`` (年均增长18% -> 18); a percentage for ``share``;
    a cumulative percent change against the baseline for ``change`` (降低16% -> -16).
    ``direction`` None means "infer from baseline and target". ``annual`` marks a one-year target
    (全年新增100家) judged against the share of the year elapsed.
    """

    kind: Kind
    value: float
    target_year: int
    comparator: str = ">="
    direction: Direction | None = None
    binding: bool = False
    value_high: float | None = None
    annual: bool = False
    share_method: ShareMethod | None = None
    indicator: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Baseline:
    """The base-year value (基期值). ``value`` None: the base year had no data."""

    year: int
    value: float | None


@dataclass(frozen=True)
class Observation:
    """An actual figure (实际值).

    ``as_of`` dates a cumulative-to-date figure inside a year (used by annual targets).
    ``level`` True marks a level observation of a ``growth`` indicator (rates are then derived).
    """

    year: int
    value: float
    status: ObservationStatus = "final"
    as_of: date | None = None
    level: bool = False


@dataclass(frozen=True)
class Thresholds:
    """Office-configurable thresholds, as fractions (0.10 = 10 percentage points).

    The defaults are the common practice of Chinese planning offices for the cn method and the
    published Statistics Canada / Open SDG values for the statcan method.
    """

    ahead_margin: float = 0.10
    slightly_behind_gap: float = 0.10
    seriously_lagging_gap: float = 0.30
    binding_cap: bool = True
    statcan_on_track: float = 0.95
    statcan_acceleration: float = 0.60
    statcan_limited: float = 0.0
    statcan_score_floor_ratio: float = -0.60
    statcan_score_ceiling_ratio: float = 1.30
    zero_replacement: float = 0.001


@dataclass
class Projection:
    """Value expected at the target year if the current pace continues."""

    compound: float | None
    linear: float | None


@dataclass
class Assessment:
    """The verdict on one indicator with every figure it rests on.

    Shares, rates and ratios are fractions (0.54 = 54%). ``required_rate_remaining`` is the
    compound annual rate still needed from the latest year to the target year;
    ``required_points_per_year`` the straight-line change per year still needed.
    """

    status: Status
    method: Method
    light: Light
    status_zh: str
    status_en: str
    kind: Kind
    direction: Direction | None
    comparator: str
    binding: bool
    baseline_year: int | None
    baseline_value: float | None
    latest_year: int | None
    latest_value: float | None
    target_year: int
    target_value: float
    time_share: float | None
    task_share: float | None
    share_method: ShareMethod | None
    gap_points: float | None
    cagr_actual: float | None
    cagr_required: float | None
    ratio: float | None
    score: float | None
    geometric_mean_rate: float | None
    required_rate_remaining: float | None
    required_points_per_year: float | None
    projected_value: Projection
    preliminary: bool
    rates_from_levels: bool = False
    notes_zh: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)
    explanation_zh: str = ""
    explanation_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with stable key order (the dataclass field order)."""
        return asdict(self)

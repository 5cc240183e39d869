"""Assess one indicator: the entry point of ``planwatch.progress``.

``assess(target, baseline, observations, method=..., thresholds=...)`` returns an ``Assessment``
with the status, every figure behind it (time and task shares, CAGRs, the StatCan ratio and
score, the rate still needed, projections) and a bilingual explanation built from those figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from planwatch.errors import PlanWatchError
from planwatch.progress import cn, statcan
from planwatch.progress.explain import explain
from planwatch.progress.forecast import compound_projection, linear_projection, required_points, required_rate
from planwatch.progress.model import (
    COMPARATORS,
    KINDS,
    STATCAN_STATUS_EN,
    STATCAN_STATUS_ZH,
    STATUS_EN,
    STATUS_ZH,
    Assessment,
    Baseline,
    Direction,
    IndicatorTarget,
    Light,
    Method,
    Observation,
    Projection,
    ShareMethod,
    Status,
    Thresholds,
)
from planwatch.progress.series import (
    Series,
    Unassessable,
    annual_latest,
    change_convention,
    change_series,
    fmt,
    growth_level_series,
    growth_rate_series,
    value_series,
)
from planwatch.progress.shares import (
    can_compound,
    default_share_method,
    linear_share,
    log_share,
    time_share,
    year_elapsed_share,
)

LIGHTS: dict[Status, Light] = {
    "achieved": "green",
    "ahead": "green",
    "on_track": "green",
    "slightly_behind": "green",
    "lagging": "yellow",
    "seriously_lagging": "red",
    "regressing": "red",
    "no_data": "grey",
}

# Relative tolerance when comparing a value with its target (float noise, not policy).
_REL_TOL = 1e-9


def assess(
    target: IndicatorTarget,
    baseline: Baseline,
    observations: Sequence[Observation],
    *,
    method: Method = "cn",
    thresholds: Thresholds | None = None,
) -> Assessment:
    """Judge one indicator's progress towards its target (see the package docs for the rules)."""
    th = thresholds or Thresholds()
    _validate(target, baseline, method)
    if target.annual:
        return _assess_annual(target, baseline, observations, method, th)
    try:
        series = _series(target, baseline, observations)
    except Unassessable as why:
        return _no_data(target, baseline, method, observations, why)
    if series is None:
        return _no_data(target, baseline, method, observations)
    return _assess_series(target, series, method, th)


def _validate(target: IndicatorTarget, baseline: Baseline, method: str) -> None:
    if target.kind not in KINDS:
        raise PlanWatchError(f"未知的目标类型 unknown target kind: {target.kind!r} (expected one of {', '.join(KINDS)})")
    if target.comparator not in COMPARATORS:
        raise PlanWatchError(f"未知的比较符 unknown comparator: {target.comparator!r}")
    if target.comparator == "range" and target.value_high is None:
        raise PlanWatchError("区间目标需要上限 a range target needs value_high")
    if method not in ("cn", "statcan"):
        raise PlanWatchError(f"未知的评估方法 unknown method: {method!r} (cn or statcan)")
    if not target.annual and target.target_year <= baseline.year:
        raise PlanWatchError(
            f"目标年份须晚于基期 the target year ({target.target_year}) must be after the base year ({baseline.year})"
        )


def _series(target: IndicatorTarget, baseline: Baseline, observations: Sequence[Observation]) -> Series | None:
    if target.kind == "growth":
        levels = [o for o in observations if o.level]
        if levels:
            return growth_level_series(baseline, levels, target.value, target.target_year)
        return growth_rate_series(baseline, observations, target.value, target.target_year)
    if target.kind == "change":
        conv = change_convention(target.value, target.unit, target.direction)
        return change_series(baseline, observations, target.value, target.target_year, conv)
    return value_series(baseline, observations, target.value, target.target_year, 0.0)


def _working_high(target: IndicatorTarget) -> float | None:
    if target.value_high is None or target.kind == "growth":
        return None
    if target.kind == "change":
        return change_convention(target.value, target.unit, target.direction).working(target.value_high)
    return target.value_high


def _direction(target: IndicatorTarget, base: float, goal: float) -> Direction:
    if target.direction is not None:
        return target.direction
    if goal > base:
        return "increase"
    if goal < base:
        return "decrease"
    return "decrease" if target.comparator in ("<=", "<") else "increase"


def satisfies(value: float, goal: float, comparator: str, direction: Direction, high: float | None) -> bool:
    """Does ``value`` meet the target? Floors and ceilings are judged on level; "=" means reached
    from the baseline side; a range means inside it."""
    tol = _REL_TOL * max(1.0, abs(goal))
    if comparator == ">=":
        return value >= goal - tol
    if comparator == ">":
        return value > goal + tol
    if comparator == "<=":
        return value <= goal + tol
    if comparator == "<":
        return value < goal - tol
    if comparator == "range":
        top = goal if high is None else high
        return min(goal, top) - tol <= value <= max(goal, top) + tol
    return value >= goal - tol if direction == "increase" else value <= goal + tol


def _assess_series(target: IndicatorTarget, s: Series, method: Method, th: Thresholds) -> Assessment:
    high = _working_high(target)
    low = s.target
    if target.comparator == "range" and high is not None and abs(high - s.base) < abs(s.target - s.base):
        # Progress towards a range is measured to its nearer edge (失业率3%–5% from 6%: to 5%).
        s.target = high
    direction = _direction(target, s.base, s.target)
    if target.kind == "growth" and target.comparator in ("<=", "<") and s.geometric_mean_rate is not None:
        # A growth ceiling (年均增长控制在3%以内) is judged on the rate itself, like any ceiling on level.
        achieved = satisfies(s.geometric_mean_rate * 100.0, target.value, target.comparator, direction, None)
        broken = not achieved
        if broken:
            s.notes_zh.append(f"几何平均增速已超过{fmt(target.value)}%的上限。")
            s.notes_en.append(f"The geometric mean growth exceeds the {fmt(target.value)}% ceiling.")
    else:
        achieved = satisfies(s.latest, low, target.comparator, direction, high)
        # A floor/ceiling (or range) that held at the baseline and is now broken: moved the wrong way.
        broken = (
            not achieved
            and target.comparator != "="
            and satisfies(s.base, low, target.comparator, direction, high)
        )
        if broken:
            s.notes_zh.append("基期已满足目标，但最新值已突破目标约束。")
            s.notes_en.append("The baseline met the target but the latest value breaks it.")

    # Shares (时间过半、任务过半).
    t_share = time_share(s.latest_year, s.base_year, s.target_year)
    share_method: ShareMethod = target.share_method or default_share_method(target.kind)
    # Changes in points or amounts add up; only percent changes compound.
    if (
        target.kind == "change"
        and target.share_method is None
        and not change_convention(target.value, target.unit, target.direction).compounding
    ):
        share_method = "linear"
    task: float | None = None
    if s.target == s.base:
        share_method_used: ShareMethod | None = None
    else:
        share_method_used = share_method
        if share_method == "log":
            reason = _no_log_reason(s)
            if reason is not None:
                share_method_used = "linear"
                s.notes_zh.append(f"{reason[0]}，任务完成比例改按线性口径计算。")
                s.notes_en.append(f"{reason[1]}; the task share is computed linearly instead.")
        task = (
            log_share(s.base, s.latest, s.target)
            if share_method_used == "log"
            else linear_share(s.base, s.latest, s.target)
        )

    # Compound growth (Statistics Canada), with the zero replacement of the methodology.
    # Changes in points or amounts have no compound growth at all.
    additive = target.kind == "change" and not change_convention(target.value, target.unit, target.direction).compounding
    base_c = s.base if s.base != 0 else th.zero_replacement
    target_c = s.target if s.target != 0 else th.zero_replacement
    if (s.base == 0 or s.target == 0) and not additive:
        s.notes_zh.append(f"复合增长计算中，零值以{fmt(th.zero_replacement)}代替。")
        s.notes_en.append(f"In compound-growth figures a zero is replaced by {fmt(th.zero_replacement)}.")
    compoundable = not additive and (
        can_compound(base_c, s.latest, target_c) or (s.latest == 0 and can_compound(base_c, target_c))
    )
    cagr_actual = cagr_required = ratio = score = None
    sign = 1 if direction == "increase" else -1
    if compoundable:
        if base_c < 0:
            sign = -sign  # all-negative values: growth in magnitude runs the other way
        cagr_actual = statcan.cagr(base_c, s.latest, s.latest_year - s.base_year)
        cagr_required = statcan.cagr(base_c, target_c, s.target_year - s.base_year)
        if cagr_actual is not None and cagr_required is not None:
            ratio = statcan.ratio(cagr_actual, cagr_required, sign)
        if achieved:
            score = 5.0
        elif ratio is not None:
            score = statcan.score(ratio, th)
    elif method == "statcan":
        s.notes_zh.append("复合增长法（加拿大统计局方法）要求数值同号且不为零，本指标无法按该法评估。")
        s.notes_en.append("The compound-growth method needs non-zero values of one sign, so it cannot assess this indicator.")

    # Verdict.
    status: Status
    if achieved:
        status = "achieved"
    elif broken:
        status = "regressing"
    elif method == "statcan":
        status = "no_data" if ratio is None else statcan.band(ratio, th)
    elif task is None:
        status = "no_data"
    else:
        status = cn.grade(task, t_share, target.binding, th)
    if not achieved and s.latest_year >= s.target_year:
        s.notes_zh.append(f"规划目标年（{target.target_year}年）已到，目标未实现。")
        s.notes_en.append(f"The target year ({target.target_year}) has been reached without meeting the target.")

    # Forecasts and the pace still needed.
    years_left = s.target_year - s.latest_year
    proj_c = (
        compound_projection(s.latest, s.latest_year, cagr_actual, s.target_year)
        if cagr_actual is not None and years_left > 0 and s.base != 0
        else None
    )
    proj_l = linear_projection(s.points, s.target_year) if years_left > 0 else None
    req_rate = None if achieved else required_rate(s.latest, target_c if s.target == 0 else s.target, years_left)
    req_points = None if achieved or target.kind == "growth" else required_points(s.latest, s.target, years_left)
    if req_points is not None and target.kind == "change":
        # Back to the target's own convention (percent of the baseline, sign of the stated magnitude).
        conv = change_convention(target.value, target.unit, target.direction)
        req_points = conv.display(req_points + conv.working(0.0)) - conv.display(conv.working(0.0))

    statcan_words = method == "statcan" and status in STATCAN_STATUS_ZH
    a = Assessment(
        status=status,
        method=method,
        light=LIGHTS[status],
        status_zh=(STATCAN_STATUS_ZH if statcan_words else STATUS_ZH)[status],
        status_en=(STATCAN_STATUS_EN if statcan_words else STATUS_EN)[status],
        kind=target.kind,
        direction=direction,
        comparator=target.comparator,
        binding=target.binding,
        baseline_year=int(s.base_year),
        baseline_value=s.display_baseline,
        latest_year=int(s.latest_year),
        latest_value=s.display_latest,
        target_year=target.target_year,
        target_value=target.value,
        time_share=t_share,
        task_share=task,
        share_method=share_method_used,
        gap_points=None if task is None else (task - t_share) * 100.0,
        cagr_actual=cagr_actual,
        cagr_required=cagr_required,
        ratio=ratio,
        score=score,
        geometric_mean_rate=s.geometric_mean_rate if target.kind == "growth" else cagr_actual,
        required_rate_remaining=req_rate,
        required_points_per_year=req_points,
        projected_value=Projection(
            compound=_to_display(target, s, proj_c), linear=_to_display(target, s, proj_l)
        ),
        preliminary=s.preliminary,
        rates_from_levels=s.rates_from_levels,
        notes_zh=s.notes_zh,
        notes_en=s.notes_en,
    )
    _drop_non_finite(a)
    a.explanation_zh, a.explanation_en = explain(a, target)
    return a


def _drop_non_finite(a: Assessment) -> None:
    """Extreme inputs (a base of 1e-308) can push a figure past the float range: report it as
    missing, with a note, rather than as inf/NaN that JSON cannot carry."""
    dropped = False
    for name in ("time_share", "task_share", "gap_points", "cagr_actual", "cagr_required", "ratio", "score",
                 "geometric_mean_rate", "required_rate_remaining", "required_points_per_year"):
        value = getattr(a, name)
        if value is not None and not math.isfinite(value):
            setattr(a, name, None)
            dropped = True
    proj = a.projected_value
    for name in ("compound", "linear"):
        value = getattr(proj, name)
        if value is not None and not math.isfinite(value):
            setattr(proj, name, None)
            dropped = True
    if dropped:
        a.notes_zh.append("部分数值超出可计算范围，未予显示。")
        a.notes_en.append("Some figures exceed the computable range and are left out.")


def _no_log_reason(s: Series) -> tuple[str, str] | None:
    if s.base == 0:
        return "基期值为零，无法按对数（复合增长）口径计算", "The baseline is zero, so the log share is undefined"
    if s.target == 0:
        return "目标值为零，无法按对数（复合增长）口径计算", "The target is zero, so the log share is undefined"
    if not can_compound(s.base, s.latest, s.target):
        return "数值正负不一（或为零），无法按复合增长计算", "The values have mixed signs (or a zero) and cannot be compounded"
    return None


def _to_display(target: IndicatorTarget, s: Series, working: float | None) -> float | None:
    """Working value -> the unit the target is stated in."""
    if working is None:
        return None
    if target.kind == "change":
        return change_convention(target.value, target.unit, target.direction).display(working)
    if target.kind == "growth":
        ratio = working / s.base
        if ratio <= 0:
            return None
        return float((ratio ** (1.0 / (s.target_year - s.base_year)) - 1.0) * 100.0)
    return working


def _empty(
    target: IndicatorTarget, baseline: Baseline, method: Method, status: Status, direction: Direction | None
) -> Assessment:
    return Assessment(
        status=status,
        method=method,
        light=LIGHTS[status],
        status_zh=STATUS_ZH[status],
        status_en=STATUS_EN[status],
        kind=target.kind,
        direction=direction,
        comparator=target.comparator,
        binding=target.binding,
        baseline_year=baseline.year,
        baseline_value=baseline.value,
        latest_year=None,
        latest_value=None,
        target_year=target.target_year,
        target_value=target.value,
        time_share=None,
        task_share=None,
        share_method=None,
        gap_points=None,
        cagr_actual=None,
        cagr_required=None,
        ratio=None,
        score=None,
        geometric_mean_rate=None,
        required_rate_remaining=None,
        required_points_per_year=None,
        projected_value=Projection(compound=None, linear=None),
        preliminary=False,
    )


def _no_data(
    target: IndicatorTarget,
    baseline: Baseline,
    method: Method,
    observations: Sequence[Observation],
    why: Unassessable | None = None,
) -> Assessment:
    a = _empty(target, baseline, method, "no_data", target.direction)
    if why is not None:
        a.notes_zh.append(why.zh)
        a.notes_en.append(why.en)
    else:
        count = len({o.year for o in observations}) + (baseline.value is not None)
        a.notes_zh.append(f"基期和目标年之间有效数据点不足两个（现有{count}个），无法评估。")
        a.notes_en.append(f"Fewer than two usable data points ({count}) in the plan period, so progress cannot be assessed.")
    a.explanation_zh, a.explanation_en = explain(a, target)
    return a


def _assess_annual(
    target: IndicatorTarget,
    baseline: Baseline,
    observations: Sequence[Observation],
    method: Method,
    th: Thresholds,
) -> Assessment:
    """A one-year target (全年新增100家): cumulative-to-date against the share of the year elapsed.

    Rate and share targets (全年增长7%) have no year-to-date path: the latest rate is compared with
    the target directly (task share = value / target, time share = 1).
    """
    year = target.target_year
    picked = annual_latest(observations, year)
    direction = target.direction or ("decrease" if target.comparator in ("<=", "<") else "increase")
    if picked is None:
        return _no_data(target, baseline, method, [])
    obs, when = picked
    start = baseline.value if baseline.value is not None else 0.0
    high = target.value_high
    achieved = satisfies(obs.value, target.value, target.comparator, direction, high)
    notes_zh: list[str] = []
    notes_en: list[str] = []
    if target.kind in ("growth", "share"):
        t_share = 1.0
        task = obs.value / target.value if target.value != 0 else None
        share_method: ShareMethod | None = "linear"
        notes_zh.append("年度增速（比重）目标无序时进度，直接以当前值与目标值之比衡量。")
        notes_en.append("A rate or share target for one year has no year-to-date path; the value is compared with the target directly.")
    else:
        t_share = year_elapsed_share(when)
        task = linear_share(start, obs.value, target.value) if target.value != start else None
        share_method = "linear"
        notes_zh.append(f"年度目标：截至{when.isoformat()}累计完成数与全年时间进度比较。")
        notes_en.append(f"Annual target: the cumulative figure to {when.isoformat()} against the share of the year elapsed.")
    if method == "statcan":
        notes_zh.append("年度目标不适用复合增长法，按序时进度评价。")
        notes_en.append("The compound-growth method does not apply to a one-year target; it is graded on schedule.")
    status: Status
    if achieved:
        status = "achieved"
    elif task is None:
        status = "no_data"
    else:
        status = cn.grade(task, t_share, target.binding, th)
    a = _empty(target, Baseline(year, start), method, status, direction)
    a.share_method = share_method
    a.latest_year = obs.year
    a.latest_value = obs.value
    a.time_share = t_share
    a.task_share = task
    a.gap_points = None if task is None else (task - t_share) * 100.0
    if not achieved and target.kind not in ("growth", "share"):
        # For a one-year target the "per year" pace still needed is what remains of the year's task.
        a.required_points_per_year = target.value - obs.value
        if t_share > 0:
            a.projected_value = Projection(compound=None, linear=start + (obs.value - start) / t_share)
    if obs.status == "preliminary":
        a.preliminary = True
        notes_zh.append("最新数为初步数，结论待最终数据核实。")
        notes_en.append("The latest figure is preliminary; the verdict is provisional.")
    a.notes_zh.extend(notes_zh)
    a.notes_en.extend(notes_en)
    _drop_non_finite(a)
    a.explanation_zh, a.explanation_en = explain(a, target)
    return a

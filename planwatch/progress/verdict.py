"""The one verdict on a target (目标评估结论): every page, API route, CLI command and report calls
``judge``.

Inputs are plain: the reviewed target (``TargetSpec``), the actual figures offered for it
(``Reading``: its own series, the level series of a growth target, and related series of another
口径, each with its 口径 and dimension), the plan's own base-year statistics and the as-of date.
``judge`` decides which reading is used and why, says for every other reading why it is not used
(口径不同, 规划期外, 评估日尚未结束, 初步数已被取代 …), and passes the chosen series to
``planwatch.progress.assess``. A growth target with level figures is judged on the growth rate
derived from the levels, and the verdict says so (``derived``).

Never a confident wrong verdict: a target whose baseline or observation is doubtful (``TargetSpec.doubts``:
an unreviewed record, a plan-text audit finding on its sentence, a base-year value the plan text
contradicts — see ``planwatch.reports.doubts.target_doubts`` —, or an observed figure of a partial 统计范围)
is judged 待核实 (``to_verify``) instead of on track or lagging, with the reasons in its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planwatch.errors import PlanWatchError
from planwatch.extract.keys import unit_dimension, unit_scale
from planwatch.progress.adapt import direction_from_quote
from planwatch.progress.assess import LIGHTS, assess, satisfies
from planwatch.progress.model import (
    KINDS,
    STATUS_EN,
    STATUS_ZH,
    Assessment,
    Baseline,
    Direction,
    IndicatorTarget,
    Observation,
)
from planwatch.progress.shares import percent_text
from planwatch.textnorm import normalize_for_parsing

RATE_DIMENSIONS = ("growth", "share", "change", "percent", "pp")
# The statuses of planwatch.progress (as ``planwatch assess`` prints them) and one more: a target
# whose year is reached, judged on that year's figure alone when no baseline gives a progress share.
NOT_ACHIEVED = "not_achieved"
# A target whose figures would give a verdict but whose baseline or observation is doubtful: counted
# apart, neither on track nor lagging.
TO_VERIFY = "to_verify"
VERDICT_ZH: dict[str, str] = {str(k): v for k, v in STATUS_ZH.items()} | {NOT_ACHIEVED: "未实现", TO_VERIFY: "待核实"}
VERDICT_LIGHTS: dict[str, str] = ({str(k): str(v) for k, v in LIGHTS.items()}
                                  | {NOT_ACHIEVED: "red", TO_VERIFY: "grey"})
VERDICT_EN: dict[str, str] = ({str(k): v for k, v in STATUS_EN.items()}
                              | {NOT_ACHIEVED: "not achieved", TO_VERIFY: "to be verified"})
# Every status a verdict can have, in the order pages and counts list them.
VERDICT_STATUSES: tuple[str, ...] = ("achieved", "ahead", "on_track", "slightly_behind", "lagging",
                                     "seriously_lagging", "regressing", NOT_ACHIEVED, TO_VERIFY, "no_data")
_WHOLE_AREA = re.compile(r"全(市|省|区|县|国)")
# A figure of part of a year: the cumulative figure of months 1 to MM of year YYYY (1-3月、1-9月累计),
# stored with period "YYYY-MM" (MM 01–11; the whole year's figure has no period).
_CUMULATIVE = re.compile(r"(\d{4})-(\d{2})")


def cumulative_month(period: str) -> int | None:
    """The last month of a year-to-date period "YYYY-MM" (1–11), None for any other period."""
    m = _CUMULATIVE.fullmatch(period or "")
    return int(m[2]) if m and 1 <= int(m[2]) <= 11 else None


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year``."""
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_zh(year: int, period: str) -> str:
    """How a figure's period reads: 2024年1-9月累计, 2001-2005时期, 2024年."""
    month = cumulative_month(period)
    if month is not None:
        return f"{year}年1-{month}月累计"
    return f"{period}时期" if period else f"{year}年"


def scope_doubt(scope: str) -> str | None:
    """Why a figure of a partial 统计范围 (市区, 规模以上 …) cannot measure a target of the whole area."""
    clean = re.sub(r"\s+", "", normalize_for_parsing(scope or ""))
    if clean and not _WHOLE_AREA.fullmatch(clean):
        return f"实际值统计范围为“{scope}”，口径需核实"
    return None


def doubtful(status: str, doubts: Sequence[str]) -> bool:
    """The one 待核实 rule: doubts turn any verdict a figure gave (not "no data") into to_verify."""
    return bool(doubts) and status != "no_data"


@dataclass(frozen=True)
class Reading:
    """One actual figure offered for a target, as the data store or a file holds it."""

    year: int
    value: float
    unit: str = ""
    dimension: str = ""  # planwatch.extract.keys dimension of its series (money:CNY, growth, share …)
    caliber: str = ""  # 口径 of its series ("" = the standard one of the region)
    status: str = "final"  # final | preliminary
    comparator: str = "="
    period: str = ""  # "2001-2005" for a figure of a period, not of one year
    series: str = ""  # the series' name as stored or published
    source: str = ""
    ref: Any = None  # the caller's id of the figure (observation id, CSV line)
    scope: str = ""  # the figure's own 统计范围 within its series (市区 …), "" = the whole series


@dataclass(frozen=True)
class TargetSpec:
    """A reviewed target with what the verdict needs of its plan."""

    target_id: Any
    indicator: str
    kind: str
    value: float
    unit: str
    target_year: int | None
    region: str = ""
    quote: str = ""
    comparator: str = "="
    value_high: float | None = None
    annual: bool = False
    baseline_value: float | None = None
    baseline_year: int | None = None
    binding: bool = False
    dimension: str = ""
    caliber: str = ""
    period: tuple[int, int] | None = None
    doubts: tuple[str, ...] = ()  # why its baseline or record is doubtful (planwatch.reports.doubts)


@dataclass(frozen=True)
class PlanFigure:
    """A statistic the plan itself states (a fact), usable as the target's base-year value."""

    year: int
    value: float
    unit: str
    dimension: str


@dataclass(frozen=True)
class Unused:
    reading: Reading
    reason: str
    after_as_of: bool = False  # a year not yet over on the as-of date: not a choice, only not yet due


@dataclass
class Verdict:
    """The verdict on one target and everything behind it."""

    target: TargetSpec
    status: str
    reason: str
    observed: Reading | None = None
    observed_value: float | None = None
    observed_year: int | None = None
    derived: bool = False
    baseline_value: float | None = None
    baseline_year: int | None = None
    baseline_source: str = ""
    used: list[Reading] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    assessment: Assessment | None = None
    doubts: tuple[str, ...] = ()  # the reasons for 待核实 (the target's and the observed figure's)
    evidence: str = ""  # what the figures say: the reason without the 待核实 preface
    source_note: str = ""  # the figure's series and source as the reason cites them: （全部工业增加值，统计公报）

    @property
    def status_zh(self) -> str:
        return VERDICT_ZH.get(self.status, self.status)

    @property
    def light(self) -> str:
        return VERDICT_LIGHTS.get(self.status, "grey")

    @property
    def measure_zh(self) -> str:
        """The progress in a few words for a table cell (the reason says how it was computed):
        年均增长18.55%（2007年）, 任务完成65%／时间进度60%, 2008年实际3户."""
        if self.observed is None or self.observed_value is None or self.observed_year is None:
            return "暂无数据"
        t, a = self.target, self.assessment
        if t.kind == "growth":
            return f"年均增长{_num(self.observed_value)}%（{self.observed_year}年）"
        if self.status not in ("achieved", NOT_ACHIEVED) and a is not None \
                and a.task_share is not None and a.time_share is not None:
            return f"任务完成{percent_text(a.task_share)}／时间进度{percent_text(a.time_share)}"
        return f"{period_zh(self.observed_year, self.observed.period)}实际{_num(self.observed_value)}{t.unit}"

    @property
    def points(self) -> list[tuple[float, float]]:
        """(time, value) of the figures used: a whole year's figure at its year, a 1-N月 cumulative
        figure at the point of that year it runs to (year − 1 + N/12), so a year's quarters line up."""
        out: list[tuple[float, float]] = []
        for r in self.used:
            month = cumulative_month(r.period)
            out.append((r.year - 1 + month / 12 if month is not None else r.year, r.value))
        return out

    def as_dict(self) -> dict[str, Any]:
        """The fields ``planwatch status --json`` and the API print."""
        t = self.target
        return {"target_id": t.target_id, "indicator": t.indicator, "region": t.region, "quote": t.quote,
                "value": t.value, "unit": t.unit, "target_year": t.target_year, "status": self.status,
                "status_zh": self.status_zh, "observed_value": self.observed_value,
                "observed_year": self.observed_year, "derived": self.derived,
                "baseline_value": self.baseline_value, "baseline_year": self.baseline_year,
                "reason": self.reason, "doubts": list(self.doubts),
                "unused": [{"year": u.reading.year, "value": u.reading.value, "unit": u.reading.unit,
                            "series": u.reading.series, "caliber": u.reading.caliber, "reason": u.reason}
                           for u in self.unused]}


def _direction(t: TargetSpec) -> Direction | None:
    """The desired direction: the quote's verb (提高/降低 …); without one, a count or cumulative
    target ("培育2户…企业", "建设项目100个") is a floor to reach, whatever the first figure seen."""
    stated = direction_from_quote(t.quote, t.indicator)
    if stated is None and t.kind in ("count", "cumulative") and (t.comparator or "=") in ("=", ">=", ">"):
        return "increase"
    return stated


def _num(v: float) -> str:
    return f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"


def _converted(r: Reading, unit: str) -> float | None:
    """The reading's value in ``unit`` (万元 → 亿元 …), None when the base units differ."""
    if (r.unit or "").strip() == (unit or "").strip():
        return r.value
    rb, rf = unit_scale(r.unit)
    tb, tf = unit_scale(unit)
    if rb != tb and unit_dimension(r.unit, "level") != unit_dimension(unit, "level"):
        return None  # 家 and 户 are one base unit; 元 and 美元 are not
    return r.value * rf / tf


def base_year_of(t: TargetSpec) -> int | None:
    """The target's own base year, else the year before its plan period (the usual 基期). A 全年
    target has only its own: the year before is no base of a year's flow (全年新增100家)."""
    if t.baseline_year:
        return int(t.baseline_year)
    return t.period[0] - 1 if t.period and not t.annual else None


def due_year_of(t: TargetSpec) -> int | None:
    return t.target_year or (t.period[1] if t.period else None)


def _is_level(dimension: str) -> bool:
    return bool(dimension) and dimension not in RATE_DIMENSIONS


def judge(t: TargetSpec, readings: Sequence[Reading], as_of: date,
          plan_figures: Sequence[PlanFigure] = ()) -> Verdict:
    """The verdict on ``t`` as of ``as_of`` from the offered ``readings``."""
    due, by = due_year_of(t), base_year_of(t)
    if t.kind not in KINDS:
        return Verdict(t, "no_data", f"未知目标类型{t.kind}")
    if due is None or (by is None and not t.annual):
        return Verdict(t, "no_data", "规划未载明目标年份或基期，无法评估",
                       unused=[Unused(r, "目标缺少年份") for r in readings])
    growth_from_levels = t.kind == "growth" and any(
        _is_level(r.dimension) and r.caliber == t.caliber for r in readings)
    unused: list[Unused] = []
    candidates: list[tuple[Reading, float]] = []
    for r in readings:
        if r.caliber != t.caliber:
            unused.append(Unused(r, f"口径不同（{r.caliber or '标准口径'}，目标为{t.caliber or '标准口径'}），"
                                    "作为相关序列列示，不用于评估"))
            continue
        month = cumulative_month(r.period)
        if r.period and month is None:
            unused.append(Unused(r, f"{r.period}时期数，不是年度数"))
            continue
        if month is not None and not (t.annual and r.year == due):
            unused.append(Unused(r, f"{period_zh(r.year, r.period)}数，不是全年数"))
            continue
        if t.annual and r.year not in (due, by):
            unused.append(Unused(r, f"{r.year}年数值，年度目标只评估{due}年"))
            continue
        if growth_from_levels:
            if not _is_level(r.dimension):
                unused.append(Unused(r, "增速目标按总量序列推算年均增速，未直接采用公布增速"))
                continue
            value: float | None = r.value
        else:
            if r.dimension != t.dimension:
                unused.append(Unused(r, f"计量维度不同（{r.dimension}，目标为{t.dimension}）"))
                continue
            value = _converted(r, t.unit) if _is_level(t.dimension) else r.value
            if value is None:
                unused.append(Unused(r, f"计量单位{r.unit}无法换算为{t.unit}"))
                continue
        if (by is not None and r.year < by) or r.year > due:
            unused.append(Unused(r, f"{r.year}年在规划期（基期{by}年至目标年{due}年）之外"))
            continue
        if month_end(r.year, month or 12) > as_of:
            span = f"{r.year}年1-{month}月" if month else f"{r.year}年"
            unused.append(Unused(r, f"评估日{as_of.isoformat()}时{span}尚未结束", after_as_of=True))
            continue
        if value is not None:
            candidates.append((r, value))
    # One figure per year (per year-to-date period of an annual target's year): a final figure
    # supersedes a preliminary one; a later row an earlier one.
    per_year: dict[tuple[int, int], tuple[Reading, float]] = {}
    for r, v in candidates:
        slot = (r.year, cumulative_month(r.period) or 12)
        old = per_year.get(slot)
        if old is None or not (old[0].status == "final" and r.status != "final"):
            if old is not None:
                unused.append(Unused(old[0], "初步数已被最终数取代" if r.status == "final" and old[0].status != "final"
                                     else "同年另有后录入的数值"))
            per_year[slot] = (r, v)
        else:
            unused.append(Unused(r, "初步数已被最终数取代"))
    chosen = [per_year[y] for y in sorted(per_year)]
    return _with_doubts(_verdict(t, chosen, unused, as_of, due, by, plan_figures, growth_from_levels))


def _with_doubts(v: Verdict) -> Verdict:
    """The verdict with its doubts; 待核实 where a doubtful figure would otherwise give a verdict."""
    doubts = list(v.target.doubts)
    observed = scope_doubt(v.observed.scope) if v.observed is not None else None
    if observed and observed not in doubts:
        doubts.append(observed)
    v.doubts = tuple(doubts)
    v.evidence = v.reason
    if doubtful(v.status, doubts):
        v.reason = f"待核实：{'；'.join(doubts)}。暂不作判断（{v.reason}）"
        v.status = TO_VERIFY
    return v


def _baseline(t: TargetSpec, chosen: list[tuple[Reading, float]], by: int | None,
              plan_figures: Sequence[PlanFigure], levels: bool) -> tuple[float | None, str]:
    if t.baseline_value is not None and not levels:
        return t.baseline_value, "规划所载基期值"
    want = t.dimension if not levels else None
    for f in sorted(plan_figures, key=lambda f: -f.year):
        if f.year == by and ((want and f.dimension == want) or (levels and _is_level(f.dimension))):
            r = Reading(f.year, f.value, f.unit, f.dimension)
            value = _converted(r, t.unit) if not levels and _is_level(t.dimension) else f.value
            if value is not None:
                return value, "规划文本所载基期统计数"
    for r, v in chosen:
        if r.year == by:
            return v, "基期实际值"
    return None, ""


def _as_of(r: Reading) -> date | None:
    """The day a year-to-date figure runs to (None for a whole year's figure)."""
    month = cumulative_month(r.period)
    return month_end(r.year, month) if month is not None else None


def _verdict(t: TargetSpec, chosen: list[tuple[Reading, float]], unused: list[Unused], as_of: date,
             due: int, by: int | None, plan_figures: Sequence[PlanFigure], levels: bool) -> Verdict:
    base_value, base_source = _baseline(t, chosen, by, plan_figures, levels) if by is not None else (None, "")
    used = [r for r, _ in chosen]
    v = Verdict(t, "no_data", "", baseline_value=base_value, baseline_year=by, baseline_source=base_source,
                used=used, unused=unused, derived=levels)
    if not chosen:
        v.reason = "规划期内暂无可比实际值" + (f"（{len(unused)}个数值未采用，见说明）" if unused else "")
        v.derived = False
        return v
    latest, latest_value = chosen[-1]
    v.observed = latest
    v.observed_year = latest.year
    v.observed_value = latest_value
    spec = IndicatorTarget(kind=t.kind, value=t.value, target_year=due, comparator=t.comparator or "=",  # type: ignore[arg-type]
                           direction=_direction(t), binding=t.binding,
                           value_high=t.value_high, annual=t.annual, indicator=t.indicator, unit=t.unit)
    obs = [Observation(year=r.year, value=val, status="preliminary" if r.status == "preliminary" else "final",
                       level=levels, as_of=_as_of(r)) for r, val in chosen if r.year != by or base_value is None]
    try:
        a = assess(spec, Baseline(by if by is not None else due, base_value), obs)
    except PlanWatchError as exc:
        v.reason = f"无法测算：{exc}"
        return v
    v.assessment = a
    v.status = a.status
    source = f"（{latest.series}" + (f"，{latest.source}" if latest.source else "") + "）" if latest.series else ""
    v.source_note = source
    prelim = "，初步数" if latest.status == "preliminary" else ""
    if levels and a.geometric_mean_rate is not None:
        v.observed_value = round(a.geometric_mean_rate * 100.0, 2)
        v.reason = (f"年均增速{_num(v.observed_value)}%为推算值：由{by}年{_num(base_value or 0)}与{latest.year}年"
                    f"{_num(latest_value)}{latest.unit}{source}的总量计算{prelim}")
    else:
        v.reason = f"采用{period_zh(latest.year, latest.period)}实际值{_num(latest_value)}{t.unit}{source}{prelim}"
    if a.status == "no_data" and latest.year >= due and base_value is None and t.kind in (
            "level", "share", "count", "cumulative"):
        # No baseline, but a figure for the target year can still be compared with the target.
        direction = spec.direction or ("decrease" if t.comparator in ("<=", "<") else "increase")
        if satisfies(latest_value, t.value, t.comparator or "=", direction, t.value_high):
            v.status = "achieved"
            v.reason += f"，已达到目标{_num(t.value)}{t.unit}（无基期值，仅比较目标年数值）"
        else:
            v.status = NOT_ACHIEVED
            v.reason += f"，目标年未达到目标{_num(t.value)}{t.unit}（无基期值，无法测算完成程度）"
        return v
    if a.status == "no_data":
        v.reason += "；" + "".join(a.notes_zh)
    elif latest.year < due and date(due, 12, 31) <= as_of:
        v.reason += f"；目标年{due}年实际值暂缺，按最近年份评估"
    elif cumulative_month(latest.period) is not None:
        month = cumulative_month(latest.period)
        v.reason += f"；按1-{month}月累计数与全年时间进度（{month}/12）比较"
        if date(due, 12, 31) <= as_of:
            v.reason += f"，{due}年全年实际值暂缺"
    if base_value is not None and base_source:
        v.reason += f"；基期{by}年{_num(base_value)}（{base_source}）"
    return v

"""One view of every stated number (targets and facts alike) that the audit rules work on.

A :class:`Figure` carries the record's provenance, its normalised :class:`IndicatorKey` (with the
plan's own area filled in from the title, so "全区生产总值" of a development-zone plan is 开发区's),
its year, and the interval of values its written form allows (scaled to the base unit, so 亿元 and
万元 compare). :class:`FigureIndex` groups them for the rules' look-ups.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from planwatch.audit.findings import RecordRef
from planwatch.audit.intervals import FigureBounds, Interval, figure_interval, find_written
from planwatch.extract.keys import (
    IndicatorKey,
    Scope,
    home_geography,
    indicator_key,
    price_basis,
    share_keys,
    unit_scale,
)
from planwatch.extract.model import Fact, PlanExtraction, Target
from planwatch.textnorm import normalize_for_parsing

T = TypeVar("T")

PERCENT_DIMENSIONS = frozenset({"growth", "share", "change", "percent", "pp"})


@dataclass(frozen=True)
class Figure:
    """A stated number with everything the rules need."""

    plan: int  # index of the plan in the audited list (stable order)
    doc: str
    home_geo: str
    record_type: str  # "target" | "fact"
    position: int  # index of the record in its list
    indicator: str
    key: IndicatorKey
    kind: str
    value: float
    value_high: float | None
    unit: str
    base_unit: str
    factor: float  # unit scale: value * factor is in base units
    comparator: str
    year: int | None  # the year the figure refers to (target year / fact year / period end)
    period: tuple[int, int] | None  # a fact's period, or the plan period for targets
    plan_period: tuple[int, int] | None
    quote: str
    start: int
    end: int
    bounds: FigureBounds  # interval in the unit as written
    price: str
    baseline_value: float | None
    baseline_year: int | None
    context: str = ""  # the text just before the quote, within its sentence (when texts are given)

    @property
    def interval(self) -> Interval:
        """The allowed values in base units (元, 人, 户 …); percents stay in percent."""
        return self.bounds.interval.scale(self.factor)

    @property
    def order(self) -> tuple[str, int, str, int]:
        """Canonical position: document, offset, record type, index."""
        return (self.doc, self.start, self.record_type, self.position)

    @property
    def is_target(self) -> bool:
        return self.record_type == "target"

    def ref(self) -> RecordRef:
        return RecordRef(
            doc=self.doc,
            record=self.record_type,
            indicator=self.indicator,
            quote=self.quote,
            start=self.start,
            end=self.end,
            value=self.value,
            value_high=self.value_high,
            unit=self.unit,
            year=self.year,
        )

    def written(self) -> str:
        """The figure as written, with its unit ("1050亿元")."""
        text = find_written(self.quote, self.value).text
        if self.value_high is not None and self.comparator == "range":
            text += "–" + find_written(self.quote, self.value_high).text
        return text + self.unit

    def describe(self) -> str:
        """"2005年 全部工业增加值 490.9亿元" — for explanations."""
        year = f"{self.year}年 " if self.year else ""
        return f"{year}{self.indicator} {self.written()}"


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# "“九五”末" / "十五期末": the last year of a five-year-plan period.
_PERIOD_END = re.compile(r"(十[一二三四]|[六七八九十])五[”\"]?\s*(?:期)?末")
_FIVE_YEAR_END: dict[str, int] = {
    "六": 1985, "七": 1990, "八": 1995, "九": 2000, "十": 2005,
    "十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025,
}
_GROW_MULTIPLE = re.compile(r"(?:增长|增加|提高|扩大)了?\s*$")


def multiple_of(fig: Figure) -> tuple[float, int] | None:
    """For a "是2000年末的3.5倍" / "比2000年增长1.1倍" fact: (ratio to the reference year's level,
    reference year). The reference year is read from the quote or, when the document text was
    given, from the words just before it. None if no reference year is named."""
    if fig.key.dimension != "multiple" or fig.year is None:
        return None
    norm = normalize_for_parsing(fig.context + fig.quote)
    w = find_written(fig.quote, fig.value)
    idx = norm.rfind(w.text)
    before = norm[:idx] if idx >= 0 else norm
    clause = re.split(r"[，,；;]", before)[-1]  # the reference is named in the number's own clause
    years = [int(y) for y in _YEAR.findall(clause) if int(y) < fig.year]
    years += [_FIVE_YEAR_END[m] for m in _PERIOD_END.findall(clause) if _FIVE_YEAR_END[m] < fig.year]
    if not years:
        return None
    ratio = fig.value + 1.0 if _GROW_MULTIPLE.search(clause) else fig.value
    return ratio, years[-1]


def subject_of(fig: Figure) -> tuple[Scope, str]:
    """The subject (scope, measure) a figure is about. A multiple labelled with a share
    indicator ("X占Y比重 … 3.5倍") is about the share's part X."""
    if fig.key.dimension == "multiple":
        split = share_keys(fig.indicator, None)
        if split is not None:
            part = split[0]
            if not part.scope.geo and fig.home_geo:
                part = part.with_geo(fig.home_geo)
            return part.subject()
    return fig.key.subject()


def _build(
    plan_index: int,
    plan: PlanExtraction,
    home: str,
    rec: Target | Fact,
    position: int,
    text: str | None,
) -> Figure | None:
    if rec.value is None or not math.isfinite(float(rec.value)):
        return None
    is_target = isinstance(rec, Target)
    key = indicator_key(rec.indicator, rec.unit, rec.kind)
    if not key.scope.geo and home:
        key = key.with_geo(home)
    # The price basis (现价/可比价) is kept beside the key, not in it: a growth rate "按可比价格计算"
    # still belongs to the same indicator; rules compare price bases explicitly.
    context = _context(text, rec.start)
    price = key.scope.price or price_basis(context + rec.quote)
    if key.scope.price:
        s = key.scope
        key = IndicatorKey(Scope(s.geo, s.ownership, s.size, ""), key.measure, key.dimension)
    base_unit, factor = unit_scale(rec.unit)
    if key.dimension in PERCENT_DIMENSIONS:
        factor = 1.0
    if isinstance(rec, Target):
        year = rec.target_year
        if year is None and not rec.annual and plan.period:
            year = plan.period[1]
        period = plan.period
        comparator = rec.comparator
        baseline_value, baseline_year = rec.baseline_value, rec.baseline_year
    else:
        year = rec.year if rec.year is not None else (rec.period[1] if rec.period else None)
        period = rec.period
        comparator = "="
        baseline_value, baseline_year = None, None
    nonneg = rec.kind not in ("growth", "change")
    bounds = figure_interval(float(rec.value), rec.value_high, comparator, rec.quote, nonnegative=nonneg)
    return Figure(
        plan=plan_index,
        doc=plan.doc,
        home_geo=home,
        record_type="target" if is_target else "fact",
        position=position,
        indicator=rec.indicator,
        key=key,
        kind=rec.kind,
        value=float(rec.value),
        value_high=rec.value_high,
        unit=rec.unit or "",
        base_unit=base_unit,
        factor=factor,
        comparator=comparator,
        year=year,
        period=period,
        plan_period=plan.period,
        quote=rec.quote,
        start=rec.start,
        end=rec.end,
        bounds=bounds,
        price=price,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        context=context,
    )


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
CONTEXT_CHARS = 24


def _context(text: str | None, start: int) -> str:
    """Up to CONTEXT_CHARS characters before ``start``, not crossing a sentence end."""
    if not text or start <= 0 or start > len(text):
        return ""
    window = text[max(0, start - CONTEXT_CHARS) : start]
    cut = None
    for m in _SENTENCE_END.finditer(window):
        cut = m.end()
    return window[cut:] if cut is not None else window


def _shadow_conflicts(figs: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Within one plan, the same key, year and kind stated again with a value that contradicts
    the first statement is set aside: in plan language a repeated indicator with another value
    is nearly always a sub-topic whose subject was left out ("食品工业…实现工业增加值145亿元"),
    so the first (headline) statement stands for the key. Returns (kept, set aside)."""
    kept: list[Figure] = []
    aside: list[Figure] = []
    first: dict[tuple[object, ...], dict[Interval, None]] = {}  # distinct intervals kept per key
    for fig in sorted(figs, key=lambda f: f.order):
        if fig.key.dimension == "multiple":
            kept.append(fig)  # multiples of different reference years are different figures
            continue
        gkey = (fig.key, fig.year, fig.record_type, fig.kind, fig.period if not fig.is_target else None)
        earlier = first.setdefault(gkey, {})
        interval = fig.interval
        if earlier and not any(e.overlaps(interval) for e in earlier):
            aside.append(fig)
            continue
        earlier[interval] = None
        kept.append(fig)
    return kept, aside


def resolved_share_keys(share: Figure, part_unit: str | None) -> tuple[IndicatorKey, IndicatorKey] | None:
    """Part and whole keys of a share figure, with the plan's own area filled in."""
    keys = share_keys(share.indicator, part_unit)
    if keys is None:
        return None
    part, whole = keys
    if share.home_geo:
        part = part if part.scope.geo else part.with_geo(share.home_geo)
        whole = whole if whole.scope.geo else whole.with_geo(share.home_geo)
    return part, whole


class FigureIndex:
    """All figures of the audited plans, with the look-ups rules need."""

    def __init__(self, plans: list[PlanExtraction], texts: dict[str, str] | None = None) -> None:
        # Plans in a canonical order (by document name) so findings do not depend on input order.
        self.plans = sorted(plans, key=lambda p: (p.doc, p.title))
        self.figures: list[Figure] = []
        self.set_aside: list[Figure] = []
        for i, plan in enumerate(self.plans):
            home = home_geography(plan.title or plan.doc)
            text = (texts or {}).get(plan.doc)
            built: list[Figure] = []
            for j, t in enumerate(plan.targets):
                if (fig := _build(i, plan, home, t, j, text)) is not None:
                    built.append(fig)
            for j, f in enumerate(plan.facts):
                if (fig := _build(i, plan, home, f, j, text)) is not None:
                    built.append(fig)
            kept, aside = _shadow_conflicts(built)
            self.figures.extend(kept)
            self.set_aside.extend(aside)
        self.by_plan: dict[int, list[Figure]] = defaultdict(list)
        self.by_subject: dict[tuple[Scope, str], list[Figure]] = defaultdict(list)
        self.by_measure: dict[str, list[Figure]] = defaultdict(list)
        # Finer groups (each list in document order) so that rules look up the few figures of one
        # plan, subject and year instead of scanning the plan: linear on long documents.
        self._plan_subject: dict[tuple[int, tuple[Scope, str]], list[Figure]] = defaultdict(list)
        self._plan_levels: dict[tuple[int, int | None, str], list[Figure]] = defaultdict(list)
        self._fact_levels_subject: dict[tuple[int, int | None, tuple[Scope, str]], list[Figure]] = defaultdict(list)
        self._fact_levels_measure: dict[tuple[int, int | None, str], list[Figure]] = defaultdict(list)
        self._fact_values: dict[tuple[int, int | None], list[float]] = defaultdict(list)
        for fig in self.figures:
            self.by_plan[fig.plan].append(fig)
            self.by_subject[fig.key.subject()].append(fig)
            self.by_measure[fig.key.measure].append(fig)
            self._plan_subject[(fig.plan, fig.key.subject())].append(fig)
            if is_level(fig):
                self._plan_levels[(fig.plan, fig.year, fig.record_type)].append(fig)
            if fig.record_type == "fact":
                self._fact_values[(fig.plan, fig.year)].append(fig.value)
                if is_level(fig):
                    self._fact_levels_subject[(fig.plan, fig.year, fig.key.subject())].append(fig)
                    self._fact_levels_measure[(fig.plan, fig.year, fig.key.measure)].append(fig)
        self._memo: dict[tuple[object, ...], object] = {}
        self._baselines: dict[int, tuple[Figure, Baseline | None]] = {}
        self._value_stated: dict[tuple[int, int | None, float], bool] = {}
        self._subject_of: dict[int, tuple[Figure, tuple[Scope, str]]] = {}

    def memo(self, key: tuple[object, ...], build: Callable[[], T]) -> T:
        """A value rules derive from the figures, built once per index (``key`` names it)."""
        if key not in self._memo:
            self._memo[key] = build()
        return cast(T, self._memo[key])

    def plan_subject(self, plan: int, subject: tuple[Scope, str]) -> list[Figure]:
        """Figures of one plan about one subject (any dimension, kind and year)."""
        return self._plan_subject.get((plan, subject), [])

    def plan_levels(self, plan: int, year: int | None, record_type: str) -> list[Figure]:
        """Level figures of one plan, year and record type."""
        return self._plan_levels.get((plan, year, record_type), [])

    def fact_levels(self, plan: int, year: int | None, subject: tuple[Scope, str]) -> list[Figure]:
        """Level facts of one plan and year about one subject."""
        return self._fact_levels_subject.get((plan, year, subject), [])

    def fact_levels_of_measure(self, plan: int, year: int | None, measure: str) -> list[Figure]:
        """Level facts of one plan and year of one measure (any scope)."""
        return self._fact_levels_measure.get((plan, year, measure), [])

    def fact_value_stated(self, plan: int, year: int | None, value: float) -> bool:
        """Whether some fact of the plan for that year states ``value``."""
        memo = (plan, year, value)
        if memo not in self._value_stated:
            self._value_stated[memo] = any(
                math.isclose(v, value, rel_tol=1e-9) for v in self._fact_values.get((plan, year), [])
            )
        return self._value_stated[memo]

    def subject(self, fig: Figure) -> tuple[Scope, str]:
        """:func:`subject_of`, computed once per figure."""
        memo = self._subject_of.get(id(fig))
        if memo is None or memo[0] is not fig:
            memo = self._subject_of[id(fig)] = (fig, subject_of(fig))
        return memo[1]

    def levels(self, plan: int | None = None) -> list[Figure]:
        pool = self.figures if plan is None else self.by_plan[plan]
        return [f for f in pool if is_level(f)]

    def subject_levels(self, subject: tuple[Scope, str], dimension: str | None, year: int | None) -> list[Figure]:
        return [
            f
            for f in self.by_subject.get(subject, [])
            if is_level(f) and (dimension is None or f.key.dimension == dimension) and f.year == year
        ]


def is_level(fig: Figure) -> bool:
    """A figure that states an amount (not a rate, share or period sum)."""
    return fig.kind in ("level", "count") and fig.key.dimension not in PERCENT_DIMENSIONS and fig.key.dimension != "multiple"


def base_year(fig: Figure) -> int | None:
    """The year a target's growth starts from: its stated baseline year, else the year before the
    plan period."""
    if fig.baseline_year is not None:
        return fig.baseline_year
    if fig.plan_period is not None:
        return fig.plan_period[0] - 1
    return None


@dataclass(frozen=True)
class Baseline:
    """The base-year level a target is measured from."""

    figure: Figure  # the fact stating it, or the target itself when only baseline_value is known
    interval: Interval  # base units
    year: int
    stated_in_target: bool  # True when only the target's baseline_value says it


def find_baseline(index: FigureIndex, target: Figure) -> Baseline | None:
    """The base-year level of a level target: a fact of the same plan with the same subject in
    the base year; else the fact of the same measure the target's ``baseline_value`` names; else
    that value alone; else the only fact of that measure and area in the base year (of another
    scope, e.g. 规模以上 — the definitions rule flags the pairing). Computed once per target."""
    memo = index._baselines.get(id(target))
    if memo is None or memo[0] is not target:
        memo = index._baselines[id(target)] = (target, _find_baseline(index, target))
    return memo[1]


def _find_baseline(index: FigureIndex, target: Figure) -> Baseline | None:
    y0 = base_year(target)
    if y0 is None:
        return None
    same = [f for f in index.fact_levels(target.plan, y0, target.key.subject()) if f.key.dimension == target.key.dimension]
    if same:
        return Baseline(same[0], same[0].interval, y0, False)
    of_measure = index.fact_levels_of_measure(target.plan, y0, target.key.measure)
    if target.baseline_value is not None:
        named = [
            f
            for f in of_measure
            if f.key.dimension == target.key.dimension and math.isclose(f.value, target.baseline_value, rel_tol=1e-9)
        ]
        if named:
            return Baseline(named[0], named[0].interval, y0, False)
        if index.fact_value_stated(target.plan, y0, target.baseline_value):
            return None  # the value belongs to a fact of another measure: the link is not to be trusted
        q = f"{target.quote}（基期值 {target.baseline_value:g}）"
        bounds = figure_interval(target.baseline_value, None, "=", q)
        return Baseline(target, bounds.interval.scale(target.factor), y0, True)
    related = [
        f
        for f in of_measure
        if f.key.dimension == target.key.dimension and f.key.scope.geo == target.key.scope.geo
    ]
    if len(related) == 1:
        return Baseline(related[0], related[0].interval, y0, False)
    return None

"""Annual plans (年度计划、政府工作报告): the year's 全年 targets under the five-year plan they serve,
tracked through the year.

- The office sets the plan's year (``set_plan_year``); the five-year plan of the same region whose
  period holds that year becomes its parent where exactly one is loaded (``ingest.five_year_parent``).
- Each 全年 target is offered the parent plan's targets of the same series (same region and measure,
  ``parent_suggestions``); the office confirms one (``confirm_parent_target``, via ``review.link_target``).
- Through the year the reporting unit enters 1-N月 cumulative figures (``record_year_to_date``:
  observations with period "YYYY-MM", planwatch.progress.verdict); the verdict at each quarter's end is
  the one verdict (``planwatch.web.data.verdicts.verdicts_for``) as of that day.
- The indicator page shows the annual targets against the five-year path (``annual_steps``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from planwatch.progress.path import five_year_path
from planwatch.progress.verdict import Verdict, cumulative_month, month_end
from planwatch.web.accounts.permissions import can_edit_plans, require
from planwatch.web.data.models import Observation
from planwatch.web.data.observations import record_observation
from planwatch.web.data.verdicts import verdicts_for
from planwatch.web.errors import InvalidInput
from planwatch.web.plans.ingest import check_parent, five_year_parent
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import link_target

QUARTER_MONTHS = (3, 6, 9, 12)
# Figures entered only to show the tracking (the demo): their source says so, and the page says it again.
SAMPLE_SOURCE = "示例数据"
SAMPLE_NOTE = "注：来源标为“示例数据”的季度累计数是演示用的示例数值，不是真实统计数据。"
SAMPLE_NOTE_EN = ("Note: quarterly year-to-date figures whose source reads “示例数据” (sample data) are demonstration "
                  "values, not real statistics.")
QUARTER_ZH = {3: "一季度（1-3月）", 6: "上半年（1-6月）", 9: "前三季度（1-9月）", 12: "全年"}
QUARTER_EN = {3: "Q1 (Jan–Mar)", 6: "H1 (Jan–Jun)", 9: "Q1–Q3 (Jan–Sep)", 12: "Full year"}


def plan_year(plan: Plan) -> int | None:
    return plan.period_end if plan.annual else None


def annual_targets(plan: Plan) -> list[Target]:
    """The 全年 targets of the plan's live version (else of its latest version), not rejected."""
    version = plan.current_version or plan.versions.order_by("-number").first()
    if version is None:
        return []
    return list(version.targets.filter(annual=True).exclude(review_state="rejected")
                .select_related("indicator", "parent_target__version__plan").order_by("start", "id"))


@transaction.atomic
def set_plan_year(user: Any, plan: Plan, year: int) -> Plan:
    """Mark the plan an annual plan of ``year``; the five-year plan holding that year becomes its
    parent where it has none and exactly one is loaded."""
    require(can_edit_plans(user), "只有规划处可以设置年度计划的年份 only the planning office sets the year")
    if not 1900 <= int(year) <= 2100:
        raise InvalidInput(f"年份无效 year out of range: {year}")
    if not plan.annual and plan.period_start and plan.period_end and plan.period_start != plan.period_end:
        raise InvalidInput(f"该规划的规划期为{plan.period_start}—{plan.period_end}年，不是年度计划 "
                           "a plan of several years is not an annual plan")
    plan.annual = True
    plan.period_start = plan.period_end = int(year)
    if plan.parent_id is None:
        parent = five_year_parent(plan)
        if parent is not None:
            check_parent(plan, parent)
            plan.parent = parent
    plan.save()
    return plan


def parent_suggestions(targets: list[Target], parent: Plan | None) -> dict[int, list[Target]]:
    """Per annual target id: the targets of the parent plan's live version of the same series — same
    region and measure (indicator identity, any 口径 or dimension) — its own indicator first."""
    out: dict[int, list[Target]] = {t.pk: [] for t in targets}
    version = parent.current_version if parent is not None else None
    if version is None:
        return out
    pool = list(version.targets.exclude(review_state="rejected").select_related("indicator").order_by("start", "id"))
    for t in targets:
        ind = t.indicator
        same = [p for p in pool if p.indicator_id == ind.pk or (
            ind.measure and p.indicator.measure == ind.measure and p.indicator.region_id == ind.region_id)]
        out[t.pk] = sorted(same, key=lambda p: p.indicator_id != ind.pk)
    return out


def confirm_parent_target(user: Any, target: Target, parent_target: Target | None) -> Target:
    """The office confirms (or, with None, removes) the link of an annual target to a target of its
    plan's parent plan."""
    require(can_edit_plans(user), "只有规划处可以确认目标衔接 only the planning office confirms links")
    plan = target.version.plan
    if parent_target is not None and (plan.parent_id is None or parent_target.version.plan_id != plan.parent_id):
        raise InvalidInput("上级目标须属于本年度计划的上级规划 the parent target must belong to the parent plan")
    return link_target(user, target, parent_target)


def record_year_to_date(user: Any, target: Target, month: int, value: float, **fields: Any
                        ) -> tuple[Observation, bool]:
    """Record the 1-``month``月 cumulative figure of an annual target's indicator for the plan's year
    (month 12: the whole year's figure). The permission is the indicator's (``record_observation``)."""
    year = plan_year(target.version.plan) if target.target_year is None else target.target_year
    if year is None:
        raise InvalidInput("年度计划尚未设定年份 the annual plan has no year yet")
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise InvalidInput(f"月份应为1到12 month must be 1-12: {month}")
    period = "" if month == 12 else f"{year}-{month:02d}"
    return record_observation(user, target.indicator, year, value, period=period, **fields)


@dataclass
class QuarterCell:
    month: int
    label: str
    observation: Observation | None = None
    verdict: Verdict | None = None  # as of the quarter's last day, when that day has come

    @property
    def label_en(self) -> str:
        return QUARTER_EN[self.month]


@dataclass
class AnnualRow:
    target: Target
    year: int | None
    verdict: Verdict
    quarters: list[QuarterCell] = field(default_factory=list)
    suggestions: list[Target] = field(default_factory=list)


def tracking(plan: Plan, targets: list[Target], as_of: dt.date) -> list[AnnualRow]:
    """Each annual target with its verdict as of ``as_of`` and, per quarter of the year, the
    cumulative figure and the verdict as of the quarter's end (both from ``verdicts_for``)."""
    if not targets:
        return []
    plan_of = {t.version_id: plan for t in targets}
    now = verdicts_for(targets, plan_of, as_of)
    year = plan_year(plan)
    by_quarter: dict[int, list[Verdict]] = {}
    if year is not None:
        for m in QUARTER_MONTHS:
            end = month_end(year, m)
            if end <= as_of:
                by_quarter[m] = verdicts_for(targets, plan_of, end)
    figures: dict[tuple[int, int], Observation] = {}
    if year is not None:
        for o in Observation.objects.filter(indicator_id__in={t.indicator_id for t in targets}, year=year,
                                            scope=""):
            month = 12 if not o.period else cumulative_month(o.period)
            if month is not None:
                figures[(o.indicator_id, month)] = o
    suggestions = parent_suggestions(targets, plan.parent)
    rows = []
    for i, (t, v) in enumerate(zip(targets, now, strict=True)):
        row = AnnualRow(t, t.target_year or year, v, suggestions=suggestions.get(t.pk, []))
        for m in QUARTER_MONTHS:
            row.quarters.append(QuarterCell(m, QUARTER_ZH[m], figures.get((t.indicator_id, m)),
                                            by_quarter[m][i] if m in by_quarter else None))
        rows.append(row)
    return rows


@dataclass
class StepRow:
    year: int
    path_value: float | None
    path_step: float | None
    annual: list[Target]
    actual: Observation | None


@dataclass
class AnnualSteps:
    five_year: Target
    plan: Plan
    rows: list[StepRow]


def annual_steps(target: Target) -> AnnualSteps | None:
    """For a five-year target with annual targets linked to it (or an annual target linked to one):
    the five-year path year by year beside the annual targets and the year's actual figure."""
    five = target.parent_target if target.annual and target.parent_target_id else target
    if five is None or five.annual:
        return None
    children = [c for c in five.child_targets.filter(annual=True, version__status="live")
                .exclude(review_state="rejected").select_related("version__plan")]
    if not children:
        return None
    plan = five.version.plan
    due = five.target_year or plan.period_end
    base_year = five.baseline_year or (plan.period_start - 1 if plan.period_start else None)
    if due is None or base_year is None or due <= base_year:
        return None
    path = five_year_path(five.kind, base_year, five.baseline_value, due, five.value)
    actuals = {o.year: o for o in Observation.objects.filter(indicator_id=five.indicator_id, period="", scope="")}
    own = {(o.indicator_id, o.year): o for o in Observation.objects.filter(
        indicator_id__in={c.indicator_id for c in children}, period="", scope="")}
    for c in children:
        c.actual = own.get((c.indicator_id, c.target_year or plan_year(c.version.plan)))  # type: ignore[attr-defined]
    rows = []
    for p in path:
        year_targets = [c for c in children if (c.target_year or plan_year(c.version.plan)) == p.year]
        rows.append(StepRow(p.year, p.value, p.step, year_targets, actuals.get(p.year)))
    return AnnualSteps(five, plan, rows)

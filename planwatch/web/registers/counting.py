"""Counting rules evaluated over the registers, and their figures recorded as observations.

The database narrows rows by the static conditions and thresholds; ``planwatch.registers`` turns
them into per-year sets. ``series(rule)`` is the one function every page, API route, the feed and
the bench call: {year: (value, ids behind it)}.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from planwatch.registers.projects import ProjectFacts, ProjectRule, project_series
from planwatch.registers.rules import (
    Rule,
    by_year,
    constant,
    count_series,
    held_by_year,
    qualifying,
    removed_from,
    scaled,
    window,
)
from planwatch.web.accounts.permissions import can_manage_registers, require
from planwatch.web.errors import InvalidInput
from planwatch.web.registers.models import CountRule, Enterprise, EnterpriseRevenue, EnterpriseTier

SOURCE_ENTERPRISES = "企业名录（计数规则）"
SOURCE_PROJECTS = "重点项目库（计数规则）"


def enterprise_rule(rule: CountRule) -> Rule:
    return Rule(ownership=rule.ownership, tiers=tuple(rule.tiers or ()), revenue_min=rule.revenue_min,
                region=rule.region, industry=rule.industry, sizes=tuple(rule.sizes or ()), mode=rule.mode,
                since=rule.since)


def project_rule(rule: CountRule) -> ProjectRule:
    return ProjectRule(measure=rule.measure, state=rule.project_state, investment_min=rule.investment_min,
                       mode=rule.mode, since=rule.since)


def describe(rule: CountRule) -> str:
    return (enterprise_rule(rule) if rule.register == "enterprise" else project_rule(rule)).describe()


def rule_errors(rule: CountRule) -> list[str]:
    core = enterprise_rule(rule) if rule.register == "enterprise" else project_rule(rule)
    return core.errors()


def _static(rule: Rule) -> Q | None:
    """The year-independent conditions, or None when the rule has none."""
    q = Q()
    if rule.ownership:
        q &= Q(ownership=rule.ownership)
    if rule.region:
        q &= Q(region=rule.region)
    if rule.industry:
        q &= Q(industry__contains=rule.industry)
    if rule.sizes:
        q &= Q(size__in=list(rule.sizes))
    return q if q else None


def _year(d: Any) -> int | None:
    """The year of a date column as the driver returns it (a date, or ISO text on SQLite)."""
    if d is None:
        return None
    return d.year if isinstance(d, dt.date) else int(str(d)[:4])


def _rows(qs: Any) -> Any:
    """The rows of a ``values_list`` query straight from the database cursor: no per-row conversion
    by the ORM (most of the time on 10⁵–10⁶ rows)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(50000):
            yield from batch


def enterprise_members(rule: Rule, years: range) -> dict[int, set[int]]:
    """Enterprise ids counted per year of ``years``.

    Each condition is one join-free query over an index (ids of the year-independent conditions;
    (id, year) rows at or above the revenue threshold; tier spans), intersected in Python per year.
    """
    need = window(rule, years)
    parts: list[dict[int, set[int]]] = []
    static = _static(rule)
    firms = Enterprise.objects.filter(static) if static is not None else Enterprise.objects.all()
    tier_spans = {tier: (EnterpriseTier.objects.filter(tier=tier, start__lt=dt.date(need.stop, 1, 1))
                         .filter(Q(end__isnull=True) | Q(end__gt=dt.date(need.start, 12, 31))).order_by())
                  for tier in rule.tiers}
    for spans in tier_spans.values():
        rows = spans.values_list("enterprise_id", "start", "end")
        parts.append(held_by_year(((i, _year(s), _year(e)) for i, s, e in _rows(rows)), need))
    if rule.revenue_min is not None:
        revenue = EnterpriseRevenue.objects.filter(year__in=list(need), revenue__gte=rule.revenue_min).order_by()
        # Rows of firms that cannot qualify stay in the database (semi-joins; the sets below decide).
        for spans in tier_spans.values():
            revenue = revenue.filter(enterprise_id__in=spans.values("enterprise_id"))
        if static is not None:
            revenue = revenue.filter(enterprise_id__in=firms.order_by().values("id"))
        parts.append(by_year(_rows(revenue.values_list("enterprise_id", "year"))))
    if not parts:
        # Nothing but the register itself: in it at the end of the year (established, not closed).
        rows = (firms.filter(Q(established__isnull=True) | Q(established__lt=dt.date(need.stop, 1, 1)))
                .filter(Q(closed__isnull=True) | Q(closed__gt=dt.date(need.start, 12, 31)))
                .order_by().values_list("id", "established", "closed"))
        parts.append(held_by_year(((i, _year(s), _year(c)) for i, s, c in _rows(rows)), need))
        closed = None
    else:
        if static is not None:
            parts.append(constant((i for (i,) in _rows(firms.order_by().values_list("id"))), need))
        # A tier or a revenue figure implies the firm exists; only closures have to be taken out.
        gone = (Enterprise.objects.filter(closed__lt=dt.date(need.stop, 1, 1)).order_by()
                .values_list("id", "closed"))
        closed = removed_from(((i, _year(c) or 0) for i, c in _rows(gone)), need)
    return count_series(rule, qualifying(need, parts, closed), years)


def project_facts(plan_id: int | None = None, ids: list[int] | None = None) -> list[ProjectFacts]:
    """The projects (of a plan, or given ids) with milestone years and approved investment."""
    from planwatch.web.ledger.models import Milestone
    from planwatch.web.registers.models import InvestmentReport, ProjectRecord

    qs = ProjectRecord.objects.all()
    if plan_id is not None:
        qs = qs.filter(plan_id=plan_id)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    rows = list(qs.values("id", "name", "group", "planned_investment", "task_id"))
    by_task = {r["task_id"]: r["id"] for r in rows if r["task_id"]}
    done: dict[int, dict[str, int]] = {}
    titles = {"开工": "started", "投产": "in_production", "竣工": "completed"}
    for task_id, title, on in (Milestone.objects.filter(task_id__in=list(by_task), done_on__isnull=False,
                                                        title__in=list(titles))
                               .values_list("task_id", "title", "done_on")):
        done.setdefault(by_task[task_id], {})[titles[title]] = on.year
    inv: dict[int, list[tuple[int, float]]] = {}
    for pid, year, amount in (InvestmentReport.objects.filter(project_id__in=[r["id"] for r in rows])
                              .filter(Q(update__isnull=True) | Q(update__review="approved"))
                              .values_list("project_id", "year", "amount")):
        inv.setdefault(pid, []).append((year, amount))
    return [ProjectFacts(id=r["id"], name=r["name"], group=r["group"], planned_investment=r["planned_investment"],
                         investment=tuple(sorted(inv.get(r["id"], []))), **done.get(r["id"], {}))
            for r in rows]


def years_of(rule: CountRule) -> range:
    """From the plan's first year (or the rule's) to the target year, but not past the register's
    latest data (no invented zeros for years nobody has reported yet)."""
    plan = rule.target.version.plan
    first = rule.first_year or plan.period_start or rule.target.baseline_year or timezone.now().year
    last = rule.target.target_year or plan.period_end or first
    last = min(last, latest_year(rule.register))
    return range(first, max(first, last + 1) if last >= first else first)


def latest_year(register: str) -> int:
    """The last year the register holds data for (revenue, tier entries, establishments, reports)."""
    this_year = timezone.now().year
    if register == "enterprise":
        years = [EnterpriseRevenue.objects.aggregate(y=Max("year"))["y"]]
        for model, fld in ((EnterpriseTier, "start"), (Enterprise, "established")):
            d = model.objects.aggregate(d=Max(fld))["d"]
            years.append(d.year if d else None)
    else:
        from planwatch.web.ledger.models import Milestone
        from planwatch.web.registers.models import InvestmentReport

        d = Milestone.objects.filter(task__project_record__isnull=False).aggregate(d=Max("done_on"))["d"]
        years = [InvestmentReport.objects.aggregate(y=Max("year"))["y"], d.year if d else None]
    known = [y for y in years if y is not None]
    return min(max(known), this_year) if known else this_year - 1


def series(rule: CountRule, years: range | None = None) -> dict[int, tuple[float, list[int]]]:
    """{year: (value in the target's unit, ids of the enterprises or projects behind it)}."""
    years = years if years is not None else years_of(rule)
    unit = rule.target.unit or ""
    if rule.register == "enterprise":
        members = enterprise_members(enterprise_rule(rule), years)
        return {y: (scaled(len(ids), unit), sorted(ids)) for y, ids in members.items()}
    facts = project_facts(rule.project_plan_id)
    out = project_series(project_rule(rule), facts, years)
    if rule.measure == "count":
        return {y: (scaled(int(v), unit), ids) for y, (v, ids) in out.items()}
    factor = 10000.0 if unit == "万元" else 1.0  # investment is kept in 亿元
    return {y: (v * factor, ids) for y, (v, ids) in out.items()}


def recorded(rules: list[CountRule]) -> dict[int, list[tuple[int, float]]]:
    """The figures the rules last recorded (the observations with the register as source), per rule:
    what overview pages show without recounting the registers (one query)."""
    from planwatch.web.data.models import Observation

    by_indicator = {r.target.indicator_id: r.pk for r in rules}
    out: dict[int, list[tuple[int, float]]] = {r.pk: [] for r in rules}
    for ind, year, value in (Observation.objects.filter(indicator_id__in=list(by_indicator), scope="", period="",
                                                        source__in=(SOURCE_ENTERPRISES, SOURCE_PROJECTS))
                             .order_by("year").values_list("indicator_id", "year", "value")):
        out[by_indicator[ind]].append((year, value))
    return out


def members_url(rule: CountRule, year: int) -> str:
    from django.urls import reverse

    return reverse("registers:rule_members", args=[rule.pk, year])


def _record(user: Any, rule: CountRule, year: int, value: float) -> bool:
    """The one call site of the data app's observation mechanism (source = the register)."""
    from planwatch.web.data.observations import record_observation

    target = rule.target
    source = SOURCE_ENTERPRISES if rule.register == "enterprise" else SOURCE_PROJECTS
    _, changed = record_observation(
        user, target.indicator, year, value, unit=target.unit, source=source,
        source_url=members_url(rule, year), note=f"规则：{describe(rule)}",
        reason="按名录重新计算 recomputed from the register", check_permission=False)
    return changed


@transaction.atomic
def feed(user: Any, rule: CountRule) -> dict[int, float]:
    """Compute the rule and record each year's figure as an observation of the target's indicator."""
    require(can_manage_registers(user), "只有规划处可以计算名录指标 only the planning office runs count rules")
    errors = rule_errors(rule)
    if errors:
        raise InvalidInput("；".join(errors))
    figures = {y: v for y, (v, _) in series(rule).items()}
    for year, value in figures.items():
        _record(user, rule, year, value)
    rule.computed_at = timezone.now()
    rule.save(update_fields=["computed_at"])
    return figures


def feed_all(user: Any, register: str | None = None) -> int:
    """Recompute every rule (of one register): after an import or a batch of reports."""
    n = 0
    qs = CountRule.objects.select_related("target__version__plan", "target__indicator")
    for rule in qs.filter(register=register) if register else qs:
        feed(user, rule)
        n += 1
    return n

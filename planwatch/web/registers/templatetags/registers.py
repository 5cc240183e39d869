"""Register panels for pages of other apps (plan page, dashboard): one tag each, so those pages
need no register code of their own."""

from __future__ import annotations

from typing import Any

from django import template

from planwatch.web.accounts.permissions import (
    can_manage_registers,
    visible_count_rules,
    visible_project_records,
)

register = template.Library()


@register.simple_tag
def count_rules(version: Any) -> dict[int, int]:
    """{target id: rule id} for the targets of a plan version that are counted from a register."""
    from planwatch.web.registers.models import CountRule

    return dict(CountRule.objects.filter(target__version=version).values_list("target_id", "id"))


@register.inclusion_tag("registers/_plan_projects.html", takes_context=True)
def plan_projects(context: Any, plan: Any) -> dict[str, Any]:
    """The plan's key projects in figures (started/completed, investment completed vs planned)."""
    from planwatch.web.registers.models import ProjectRecord
    from planwatch.web.registers.projects import plan_project_rollup

    user = context["request"].user
    has = visible_project_records(user, ProjectRecord.objects.filter(plan=plan)).exists()
    return {"plan": plan, "has": has, "rollup": plan_project_rollup(plan) if has else None,
            "can_manage": can_manage_registers(user), "request": context["request"]}


@register.inclusion_tag("registers/_dashboard.html", takes_context=True)
def registers_panel(context: Any) -> dict[str, Any]:
    """Targets counted from the registers with their latest figure, and project roll-ups per plan."""
    from planwatch.web.plans.models import Plan
    from planwatch.web.registers.models import CountRule, ProjectRecord
    from planwatch.web.registers.projects import plan_project_rollup
    from planwatch.web.registers.views import rule_rows

    user = context["request"].user
    rules = list(visible_count_rules(user, CountRule.objects.select_related("target__version__plan"))
                 .defer("target__version__text", "target__version__extraction", "target__version__diff")[:12])
    plan_ids = visible_project_records(user, ProjectRecord.objects.all()).values("plan_id").distinct()
    plans = [(p, plan_project_rollup(p)) for p in Plan.objects.filter(pk__in=plan_ids).only("id", "title")]
    return {"rules": rule_rows(rules), "plans": plans, "request": context["request"]}

"""The public portal: published plans, their targets and status, task completion by unit.

Reads only through the permission module as the anonymous public, so nothing internal (notes,
drafts, pending or returned updates, evidence) can appear even for a signed-in visitor.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.accounts.permissions import visible_plans, visible_records, visible_tasks
from planwatch.web.ledger.models import CLOSED, DONE, LedgerTask
from planwatch.web.plans.models import Plan, Target
from planwatch.web.ui.assessments import status_counts, stored_views
from planwatch.web.ui.common import page, visible_or_404
from planwatch.web.ui.pages import STATUS_ORDER, TARGET_FIELDS

PUBLIC = AnonymousUser()


def _published() -> list[Plan]:
    qs = visible_plans(PUBLIC, Plan.objects.select_related("current_version")).defer(
        "internal_note", "current_version__text", "current_version__extraction", "current_version__diff")
    return list(qs)


def _by_unit(plans: list[Plan]) -> list[dict[str, object]]:
    rows = (visible_tasks(PUBLIC, LedgerTask.objects.filter(plan__in=plans)).values("lead_unit__name")
            .annotate(total=Count("id"), done=Count("id", filter=Q(state__in=(DONE, CLOSED))))
            .order_by("lead_unit__name"))
    return [{"unit": r["lead_unit__name"], "total": r["total"], "done": r["done"],
             "share": r["done"] / r["total"] if r["total"] else 0} for r in rows]


@page(internal=False)
def portal(request: HttpRequest) -> HttpResponse:
    plans = _published()
    return render(request, "ui/portal.html", {"plans": plans, "units": _by_unit(plans)})


@page(internal=False)
def portal_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(PUBLIC, Plan.objects.all()).defer("internal_note"), pk=pk)
    targets = list(visible_records(PUBLIC, Target.objects.filter(version_id=plan.current_version_id))
                   .exclude(review_state="rejected").only(*TARGET_FIELDS).order_by("start", "id"))
    views = stored_views(targets, {plan.current_version_id: plan})
    counts = status_counts(views)
    return render(request, "ui/portal_plan.html", {
        "plan": plan, "views": views, "units": _by_unit([plan]),
        "status_counts": [(s, counts[s]) for s in STATUS_ORDER if counts.get(s)]})

"""Shared read pages and helpers: home, audit findings, record history; the plan and indicator pages live in their apps (plans, data)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from planwatch.progress.verdict import VERDICT_STATUSES
from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_VIEWER
from planwatch.web.accounts.permissions import (
    can_read_history,
    is_internal,
    role_of,
    visible_history,
    visible_indicators,
    visible_observations,
    visible_plans,
    visible_records,
    visible_tasks,
    visible_updates,
)
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.history import changes
from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger.models import (
    LedgerTask,
    ProgressUpdate,
)
from planwatch.web.plans.models import Plan, PlanTask, Target
from planwatch.web.ui.audits import ensure_audits, record_links
from planwatch.web.ui.common import forbidden, page, visible_or_404
from planwatch.web.ui.templatetags.ui import is_english

TARGET_FIELDS = ("id", "version", "indicator", "indicator_text", "kind", "value", "value_high", "unit",
                 "comparator", "target_year", "annual", "baseline_value", "baseline_year", "binding", "quote",
                 "start", "end", "review_state")
STATUS_ORDER = list(VERDICT_STATUSES)  # every verdict status, 待核实 (to_verify) counted apart


def live_plans(user: Any) -> list[Plan]:
    """Plans with a live version the user may see; the big text fields are not loaded."""
    qs = (Plan.objects.filter(current_version__status="live").select_related("current_version")
          .defer("current_version__text", "current_version__extraction", "current_version__diff", "internal_note"))
    return list(visible_plans(user, qs))


def task_ids_visible(user: Any) -> Any:
    return visible_tasks(user, LedgerTask.objects.all()).values("pk")


















@page()
def audit(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) not in (ROLE_ADMIN, ROLE_VIEWER):
        return forbidden(request, "审计结果仅规划处和领导可见 audit findings are for the office and leadership")
    plans = live_plans(request.user)
    runs = ensure_audits([p.current_version for p in plans])
    severity = request.GET.get("severity", "")
    sections = []
    for p in plans:
        run = runs[p.current_version_id]
        fs = [f for f in run.findings if not severity or f["severity"] == severity]
        if fs:
            sections.append({"plan": p, "findings": record_links(p.current_version, fs), "run": run})
    return render(request, "ui/audit.html", {"sections": sections, "severity": severity})


HISTORY_MODELS = {
    "plans.plan": (Plan, lambda u, qs: visible_plans(u, qs)),
    "plans.target": (Target, lambda u, qs: visible_records(u, qs)),
    "plans.plantask": (PlanTask, lambda u, qs: visible_records(u, qs)),
    "data.indicator": (Indicator, lambda u, qs: visible_indicators(u, qs)),
    "data.observation": (Observation, lambda u, qs: visible_observations(u, qs)),
    "ledger.ledgertask": (LedgerTask, lambda u, qs: visible_tasks(u, qs)),
    "ledger.progressupdate": (ProgressUpdate, lambda u, qs: visible_updates(u, qs)),
}


def _register_history() -> None:
    """Register records have a trail too (enterprises: office and leadership; projects: as visible)."""
    from planwatch.web.accounts.permissions import can_read_enterprises, visible_project_records
    from planwatch.web.registers.models import Enterprise, ProjectRecord

    HISTORY_MODELS["registers.enterprise"] = (Enterprise, lambda u, qs: qs if can_read_enterprises(u) else qs.none())
    HISTORY_MODELS["registers.projectrecord"] = (ProjectRecord, visible_project_records)


_register_history()


@page()
def history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    if not can_read_history(request.user) or model not in HISTORY_MODELS:
        raise Http404("未找到 not found")
    cls, visible = HISTORY_MODELS[model]
    obj = visible_or_404(visible(request.user, cls.objects.all()), pk=pk)
    entries = list(visible_history(request.user, AuditEntry.objects.filter(model=model, object_id=str(pk)))
                   .order_by("-at", "-id")[:500])
    english = is_english()
    return render(request, "ui/history.html", {"obj": obj, "model": model, "steps": changes.steps(entries, english),
                                               "model_name": changes.model_name(cls, english),
                                               "obj_name": changes.display_name(obj, english)})


def home(request: HttpRequest) -> HttpResponse:
    """The root: the dashboard for staff, the public portal for everyone else."""
    return redirect(reverse("ui:dashboard") if is_internal(request.user) else reverse("ui:portal"))

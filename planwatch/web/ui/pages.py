"""Read pages (the dashboard is in ``dashboard``): plans, plan page, plan reader, indicators, audit findings, record history."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from planwatch.progress.verdict import VERDICT_STATUSES
from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_VIEWER, Unit
from planwatch.web.accounts.permissions import (
    can_download_report,
    can_edit_indicator_data,
    can_read_history,
    can_supervise,
    is_internal,
    role_of,
    visible_assignments,
    visible_history,
    visible_indicators,
    visible_observations,
    visible_plans,
    visible_records,
    visible_tasks,
    visible_updates,
)
from planwatch.web.data.models import Indicator, Observation, ObservationRevision
from planwatch.web.history import changes
from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger.models import (
    LedgerTask,
    ProgressUpdate,
    TargetAssignment,
)
from planwatch.web.plans.models import Fact, Plan, PlanTask, PlanVersion, Project, Target
from planwatch.web.ui.assessments import as_of_param, status_counts, target_views
from planwatch.web.ui.audits import audit_of, ensure_audits, record_links
from planwatch.web.ui.common import forbidden, page, visible_or_404
from planwatch.web.ui.outline_tree import outline_tree, section_marks
from planwatch.web.ui.reader import Span, highlight
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
def plans(request: HttpRequest) -> HttpResponse:
    qs = visible_plans(request.user, Plan.objects.all()).select_related("current_version", "parent").defer(
        "current_version__text", "current_version__extraction", "current_version__diff")
    return render(request, "ui/plans.html", {"plans": list(qs.annotate(n_versions=Count("versions")))})


def _version(plan: Plan, request: HttpRequest) -> PlanVersion:
    """The version asked for (?v=N), else the live one, else the newest."""
    qs = plan.versions.all()
    if request.GET.get("v", "").isdigit():
        v = qs.filter(number=int(request.GET["v"])).first()
        if v is not None:
            return v
    if plan.current_version_id:
        return qs.get(pk=plan.current_version_id)
    v = qs.order_by("-number").first()
    if v is None:
        raise Http404("该规划没有版本 the plan has no version")
    return v


def report_default_as_of(plan: Plan) -> dt.date:
    """The report form's default date: today, or the plan period's last day once it has ended."""
    today = dt.date.today()
    if plan.period_end and plan.period_end < today.year:
        return dt.date(plan.period_end, 12, 31)
    return today


@page()
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(request.user, Plan.objects.select_related("parent")), pk=pk)
    version = _version(plan, request)
    targets = list(Target.objects.filter(version=version).exclude(review_state="rejected")
                   .only(*TARGET_FIELDS).order_by("start", "id"))
    as_of = as_of_param(request)
    tviews = target_views(targets, {version.pk: plan}, as_of)
    plan_tasks = list(PlanTask.objects.filter(version=version).only(
        "id", "version", "title", "deadline_year", "responsible", "review_state", "start", "end", "parent_title")
        .annotate(n_ledger=Count("ledger_tasks")))
    ledger = list(LedgerTask.objects.filter(pk__in=task_ids_visible(request.user), plan=plan)
                  .select_related("lead_unit").order_by("deadline", "id"))
    projects = list(Project.objects.filter(version=version).only("id", "version", "name", "group", "start", "end",
                                                                 "review_state", "planned_investment",
                                                                 "completed_investment"))
    by_target: dict[int, list[TargetAssignment]] = defaultdict(list)
    for a in visible_assignments(request.user, TargetAssignment.objects.filter(target__version=version)
                                 .select_related("unit").order_by("unit__name", "id")):
        by_target[a.target_id].append(a)
    for v in tviews:
        v.ui_assignments = by_target.get(v.target.pk, [])
    counts = status_counts(tviews)
    wanted = request.GET.get("status", "")
    if wanted in STATUS_ORDER:
        tviews = [v for v in tviews if v.status == wanted]
    run = audit_of(version)
    findings = record_links(version, run.findings)
    tree = outline_tree(version.text, version.doc_name, [t.start for t in targets] + [k.start for k in plan_tasks])
    versions = list(plan.versions.only("id", "number", "status", "created").order_by("number"))
    return render(request, "ui/plan.html", {
        "plan": plan, "version": version, "tviews": tviews, "as_of": as_of, "plan_tasks": plan_tasks, "ledger": ledger,
        "projects": projects, "findings": findings, "tree": tree, "versions": versions,
        "status_counts": [(s, counts[s]) for s in STATUS_ORDER if counts.get(s)], "wanted": wanted,
        "can_report": can_download_report(request.user, plan),
        "report_as_of": report_default_as_of(plan),
        "can_assign": can_supervise(request.user),
        "units": list(Unit.objects.filter(active=True).only("id", "name").order_by("name")) if can_supervise(
            request.user) else [],
    })


@page()
def plan_reader(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(request.user, Plan.objects.all()), pk=pk)
    version = _version(plan, request)
    targets = list(Target.objects.filter(version=version).only("id", "version", "indicator", "start", "end", "indicator_text", "value",
                                                               "unit", "kind", "target_year", "review_state"))
    facts = list(Fact.objects.filter(version=version).only("id", "version", "indicator", "start", "end", "indicator_text", "value", "unit",
                                                           "year", "review_state"))
    tasks = list(PlanTask.objects.filter(version=version).only("id", "version", "start", "end", "title", "review_state"))
    projects = list(Project.objects.filter(version=version).only("id", "version", "start", "end", "name", "review_state"))
    spans = ([Span("target", t.pk, t.start, t.end, f"{t.indicator_text} {t.value:g}{t.unit}") for t in targets]
             + [Span("fact", f.pk, f.start, f.end, f"{f.indicator_text} {f.value:g}{f.unit}") for f in facts]
             + [Span("task", k.pk, k.start, k.end, k.title) for k in tasks]
             + [Span("project", p.pk, p.start, p.end, p.name) for p in projects])
    tree = outline_tree(version.text, version.doc_name, [])
    html = highlight(version.text, spans, section_marks(tree))
    return render(request, "ui/reader.html", {
        "plan": plan, "version": version, "body": html, "targets": targets, "facts": facts, "tasks": tasks,
        "projects": projects})


@page()
def indicators(request: HttpRequest) -> HttpResponse:
    qs = visible_indicators(request.user, Indicator.objects.select_related("responsible_unit"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(key__icontains=q))
    rows = list(qs.order_by("name")[:500])
    ids = [i.pk for i in rows]
    n_obs = dict(Observation.objects.filter(indicator_id__in=ids).values("indicator_id")
                 .annotate(n=Count("id")).values_list("indicator_id", "n"))
    n_targets = dict(Target.objects.filter(indicator_id__in=ids).values("indicator_id")
                     .annotate(n=Count("id")).values_list("indicator_id", "n"))
    for i in rows:
        i.n_obs, i.n_targets = n_obs.get(i.pk, 0), n_targets.get(i.pk, 0)
    return render(request, "ui/indicators.html", {"indicators": rows, "q": q})


def chart_data(view: Any, plan: Plan | None, points: list[tuple[float, float]]) -> dict[str, Any]:
    """Series for the indicator chart: baseline, straight and compound paths, actuals, forecast."""
    t = view.target
    a = view.assessment
    ty = t.target_year or (plan.period_end if plan else None)
    by = a.baseline_year if a and a.baseline_year else (t.baseline_year or (plan.period_start - 1 if plan and
                                                                             plan.period_start else None))
    bv = a.baseline_value if a and a.baseline_value is not None else t.baseline_value
    if getattr(t, "annual", False) and ty and t.baseline_year is None:
        # A year's count starts from zero at the start of the year; a level has no such base.
        by, bv = ty - 1, (0.0 if t.kind in ("count", "cumulative") else None)
    tv = t.value
    years = [y for y, _ in points] + [y for y in (by, ty) if y]
    span = [math.floor(min(years)), math.ceil(max(years))] if years else None  # a quarter sits inside its year
    if span is not None and span[0] == span[1]:
        span = [span[0] - 1, span[1] + 1]
    data: dict[str, Any] = {"actual": [[y, v] for y, v in points], "target": [ty, tv] if ty else None,
                            "years": span,
                            "baseline": [by, bv] if by and bv is not None else None, "straight": [],
                            "compound": [], "forecast": [], "kind": t.kind, "unit": t.unit}
    level_like = t.kind in ("level", "count", "cumulative", "share")
    if level_like and by and ty and bv is not None and ty > by:
        data["straight"] = [[by, bv], [ty, tv]]
        if bv > 0 and tv > 0:
            data["compound"] = [[y, round(bv * (tv / bv) ** ((y - by) / (ty - by)), 6)] for y in range(by, ty + 1)]
    if a and a.latest_year and a.latest_value is not None and ty and a.latest_year < ty:
        proj = a.projected_value.compound if a.projected_value.compound is not None else a.projected_value.linear
        if proj is not None and math.isfinite(proj) and level_like:
            data["forecast"] = [[a.latest_year, a.latest_value], [ty, round(proj, 6)]]
    return data


@page()
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    ind = visible_or_404(visible_indicators(user, Indicator.objects.select_related("responsible_unit")), pk=pk)
    targets = list(visible_records(user, Target.objects.filter(indicator=ind, version__status="live"))
                   .exclude(review_state="rejected").select_related("version__plan")
                   .defer("version__text", "version__extraction", "version__diff"))
    chosen = targets[0] if targets else None
    if request.GET.get("target", "").isdigit():
        chosen = next((t for t in targets if t.pk == int(request.GET["target"])), chosen)
    observations = list(visible_observations(user, Observation.objects.filter(indicator=ind))
                        .select_related("reporting_unit")
                        .prefetch_related(Prefetch("revisions", queryset=ObservationRevision.objects
                                                   .select_related("recorded_by").order_by("-number")))
                        .order_by("scope", "year"))
    view = chart = steps = None
    if chosen is not None:
        from planwatch.web.plans.annual import annual_steps

        steps = annual_steps(chosen)
        plan = chosen.version.plan
        view = target_views([chosen], {chosen.version_id: plan}, as_of_param(request))[0]
        chart = chart_data(view, plan, view.points)
    facts = list(visible_records(user, Fact.objects.filter(indicator=ind)).select_related("version__plan")
                 .defer("version__text", "version__extraction", "version__diff").order_by("year")[:50])
    return render(request, "ui/indicator.html", {
        "indicator": ind, "targets": targets, "chosen": chosen, "view": view, "chart": chart, "steps": steps,
        "observations": observations, "facts": facts, "internal": is_internal(user),
        "can_enter": can_edit_indicator_data(user, ind)})


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

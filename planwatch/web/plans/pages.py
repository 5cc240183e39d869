"""Plan pages: the plans list, a plan's page (targets with verdicts, tasks, projects, audit) and its reader."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html_join

from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import (
    can_download_report,
    can_supervise,
    visible_assignments,
    visible_plans,
)
from planwatch.web.ledger.models import (
    LedgerTask,
    TargetAssignment,
)
from planwatch.web.plans.models import Fact, Plan, PlanTask, PlanVersion, Project, Target
from planwatch.web.ui.assessments import as_of_param, status_counts, target_views
from planwatch.web.ui.audits import audit_of, record_links
from planwatch.web.ui.common import page, visible_or_404
from planwatch.web.ui.outline_tree import outline_tree, section_marks
from planwatch.web.ui.pages import STATUS_ORDER, TARGET_FIELDS, task_ids_visible
from planwatch.web.ui.reader import Span, highlight


@page()
def plans(request: HttpRequest) -> HttpResponse:
    qs = visible_plans(request.user, Plan.objects.all()).select_related("current_version", "parent").defer(
        "current_version__text", "current_version__extraction", "current_version__diff")
    return render(request, "plans/plans.html", {"plans": list(qs.annotate(n_versions=Count("versions")))})


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
                  .select_related("lead_unit").only("id", "title", "deadline", "state", "progress_status", "percent",
                                                    "lead_unit__name").order_by("deadline", "id"))
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
    return render(request, "plans/plan.html", {
        "plan": plan, "version": version, "tviews": tviews, "as_of": as_of, "plan_tasks": plan_tasks, "ledger": ledger,
        "projects": projects, "findings": findings, "tree": tree, "versions": versions,
        "status_counts": [(s, counts[s]) for s in STATUS_ORDER if counts.get(s)], "wanted": wanted,
        "can_report": can_download_report(request.user, plan),
        "report_as_of": report_default_as_of(plan),
        "can_assign": can_supervise(request.user),
        # the unit choices of every target's 分解 form, rendered once (a plan can list hundreds of targets)
        "unit_options": format_html_join("", '<option value="{}">{}</option>', (
            (u.pk, u.name) for u in Unit.objects.filter(active=True).only("id", "name").order_by("name")))
        if can_supervise(request.user) else "",
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
    return render(request, "plans/reader.html", {
        "plan": plan, "version": version, "body": html, "targets": targets, "facts": facts, "tasks": tasks,
        "projects": projects})

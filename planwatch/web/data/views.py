"""Indicator pages: the list, an indicator's page (series, targets with their verdicts, chart), entering, importing and mapping actual data."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from django import forms
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planwatch.errors import PlanWatchError
from planwatch.progress.path import compound_path
from planwatch.web.accounts.models import ROLE_REPORTER
from planwatch.web.accounts.permissions import (
    _membership,
    can_edit_indicator_data,
    can_supervise,
    is_admin,
    is_internal,
    role_of,
    visible_indicators,
    visible_observations,
    visible_records,
)
from planwatch.web.data.mapping import confirm_mapping, pending_groups
from planwatch.web.data.models import Indicator, Observation, ObservationRevision, UnmatchedActual
from planwatch.web.data.observations import record_observation
from planwatch.web.jobs.handlers import store_input
from planwatch.web.jobs.runner import enqueue
from planwatch.web.plans.models import Fact, Plan, Target
from planwatch.web.ui.assessments import as_of_param, target_views
from planwatch.web.ui.common import forbidden, in_language, page, say, visible_or_404
from planwatch.web.ui.uploads import TableForm


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
    return render(request, "data/indicators.html", {"indicators": rows, "q": q})


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
        data["compound"] = [[y, round(v, 6)] for y, v in compound_path(by, bv, ty, tv)]
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
    return render(request, "data/indicator.html", {
        "indicator": ind, "targets": targets, "chosen": chosen, "view": view, "chart": chart, "steps": steps,
        "observations": observations, "facts": facts, "internal": is_internal(user),
        "can_enter": can_edit_indicator_data(user, ind)})


class ObservationForm(forms.Form):
    year = forms.IntegerField(min_value=1900, max_value=2100)
    value = forms.FloatField()
    scope = forms.CharField(max_length=100, required=False)
    status = forms.ChoiceField(choices=[("preliminary", "初步 preliminary"), ("final", "最终 final")])
    source = forms.CharField(max_length=300)
    source_url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(required=False, max_length=500)


@page()
def observe(request: HttpRequest, pk: int) -> HttpResponse:
    ind = visible_or_404(visible_indicators(request.user, Indicator.objects.all()), pk=pk)
    if not can_edit_indicator_data(request.user, ind):
        return forbidden(request, "无权填报该指标 may not report this indicator")
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        m = _membership(request.user)
        try:
            record_observation(request.user, ind, d["year"], d["value"], scope=d["scope"], status=d["status"],
                               source=d["source"], source_url=d["source_url"], note=d["note"], reason=d["reason"],
                               reporting_unit=m.unit if m is not None else None)
        except PlanWatchError as exc:
            form.add_error(None, in_language(exc))
        else:
            say(request, "success", "已保存", "saved")
            return redirect("data:indicator", pk=ind.pk)
    return render(request, "data/observe.html", {"indicator": ind, "form": form})


class ImportForm(TableForm):
    kind = forms.ChoiceField(choices=[("actuals", "实际数据表 actual data"), ("tasks", "任务分解表 task decomposition")])
    plan = forms.ModelChoiceField(queryset=Plan.objects.all(), required=False)


@page()
def import_table(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (is_admin(user) or role_of(user) == ROLE_REPORTER):
        return forbidden(request, "无权导入 may not import tables")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str, str]] = []
    result: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        # Parsing a large table takes a while: a background job; its page shows the counts or row errors.
        f = form.cleaned_data["table"]
        table = form.cleaned_data["kind"]
        if table == "tasks" and not can_supervise(user):
            return forbidden(request, "只有规划处可以导入任务分解表 only the office imports task tables")
        plan = form.cleaned_data["plan"]
        job = enqueue("import", {"stored": store_input(f.name, f.checked), "name": Path(f.name).name,
                                 "table": table, "plan": plan.pk if plan and table == "tasks" else None},
                      owner=user)
        return redirect("jobs:job", pk=job.pk)
    return render(request, "data/import.html", {"form": form, "errors": errors, "result": result,
                                              "office": is_admin(user)})


@page()
def mapping(request: HttpRequest) -> HttpResponse:
    if not can_supervise(request.user):
        return forbidden(request, "只有规划处可以确认指标匹配 only the planning office maps indicators")
    error = ""
    if request.method == "POST":
        row = UnmatchedActual.objects.select_related("region").filter(pk=request.POST.get("row") or 0).first()
        choice = request.POST.get("indicator", "")
        if row is None:
            error = "该行已处理 this row was already mapped"
        else:
            indicator = Indicator.objects.filter(pk=choice).first() if choice.isdigit() else None
            if choice != "new" and indicator is None:
                error = "请选择指标 choose an indicator"
            else:
                try:
                    confirm_mapping(request.user, row, indicator)
                    return redirect("data:mapping")
                except PlanWatchError as exc:
                    error = str(exc)
    return render(request, "data/mapping.html", {"groups": pending_groups(), "error": error})

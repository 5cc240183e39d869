"""Pages of annual plans: the year's 全年 targets, their links to the five-year plan's targets
(suggested, confirmed by the office) and their tracking through the year by quarter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.permissions import (
    _membership,
    can_edit_indicator_data,
    can_edit_plans,
    visible_plans,
    visible_records,
)
from planwatch.web.plans import annual as A
from planwatch.web.plans.models import Plan, Target
from planwatch.web.safety.validators import safe_next
from planwatch.web.ui.assessments import as_of_param
from planwatch.web.ui.common import forbidden, in_language, page, visible_or_404


def _back(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Back to the page the form was on (the review page), else the annual plan page."""
    return redirect(safe_next(request, request.POST.get("next"), reverse("plans:annual", args=[plan_id])))


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value


@page()
def annual_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = visible_or_404(visible_plans(user, Plan.objects.select_related("parent", "region")), pk=pk)
    as_of = as_of_param(request)
    targets = A.annual_targets(plan)
    rows = A.tracking(plan, targets, as_of) if plan.annual else []
    for row in rows:
        row.can_enter = can_edit_indicator_data(user, row.target.indicator)  # type: ignore[attr-defined]
    candidates = []
    if can_edit_plans(user) and plan.region_id:
        candidates = list(Plan.objects.filter(annual=False, region_id=plan.region_id, period_start__isnull=False)
                          .exclude(pk=plan.pk).order_by("-period_start"))
    sample = any(q.observation is not None and q.observation.source.startswith(A.SAMPLE_SOURCE)
                 for row in rows for q in row.quarters)
    return render(request, "plans/annual.html", {
        "plan": plan, "rows": rows, "sample_note": A.SAMPLE_NOTE if sample else "",
        "sample_note_en": A.SAMPLE_NOTE_EN if sample else "", "year": A.plan_year(plan), "as_of": as_of,
        "can_link": can_edit_plans(user),
        "candidates": candidates, "months": range(1, 13)})


@require_POST
@page()
def set_year(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_or_404(visible_plans(request.user, Plan.objects.all()), pk=pk)
    if not can_edit_plans(request.user):
        return forbidden(request, "只有规划处可以设置年度计划")
    year = request.POST.get("year", "").strip()
    if not year.isdigit():
        messages.error(request, "请填写四位年份")
        return redirect("plans:annual", pk=plan.pk)
    try:
        A.set_plan_year(request.user, plan, int(year))
        parent = request.POST.get("parent", "")
        if parent.isdigit():
            from planwatch.web.plans.ingest import check_parent

            chosen = visible_or_404(Plan.objects.filter(annual=False), pk=int(parent))
            check_parent(plan, chosen)
            plan.parent = chosen
            plan.save()
    except PlanWatchError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, f"已设为{plan.period_end}年年度计划"
                         + (f"，上级规划：{plan.parent.title}" if plan.parent else "（未找到上级五年规划）"))
    return _back(request, plan.pk)


@require_POST
@page()
def link_parent(request: HttpRequest, pk: int) -> HttpResponse:
    target = visible_or_404(visible_records(request.user, Target.objects.select_related("version__plan")), pk=pk)
    if not can_edit_plans(request.user):
        return forbidden(request, "只有规划处可以确认目标衔接")
    raw = request.POST.get("parent", "")
    parent = None
    if raw.isdigit():
        parent = visible_or_404(Target.objects.select_related("version__plan"), pk=int(raw))
    elif raw:
        messages.error(request, "上级目标无效")
        return redirect("plans:annual", pk=target.version.plan_id)
    try:
        A.confirm_parent_target(request.user, target, parent)
    except PlanWatchError as exc:
        messages.error(request, in_language(exc))
    else:
        messages.success(request, f"已确认：{target.indicator_text} 衔接 {parent.version.plan.title}的"
                                  f"「{parent.indicator_text}」" if parent else f"已取消{target.indicator_text}的衔接")
    return _back(request, target.version.plan_id)


@require_POST
@page()
def year_to_date(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    target = visible_or_404(visible_records(user, Target.objects.select_related("version__plan", "indicator")),
                            pk=pk)
    if not can_edit_indicator_data(user, target.indicator):
        return forbidden(request, "无权填报该指标")
    month = request.POST.get("month", "")
    value = _number(request.POST.get("value", ""))
    if not month.isdigit() or value is None:
        messages.error(request, "请选择累计月份并填写数值")
        return redirect("plans:annual", pk=target.version.plan_id)
    m = _membership(user)
    fields: dict[str, Any] = {
        "status": request.POST.get("status", "preliminary"), "source": request.POST.get("source", "").strip(),
        "source_url": request.POST.get("source_url", "").strip(), "reason": request.POST.get("reason", "").strip(),
        "reporting_unit": m.unit if m is not None else None}
    try:
        A.record_year_to_date(user, target, int(month), value, **fields)
    except PlanWatchError as exc:
        messages.error(request, in_language(exc))
    else:
        span = "全年" if int(month) == 12 else f"1-{int(month)}月累计"
        messages.success(request, f"已录入{target.indicator_text}{span}数{value:g}{target.unit}")
    return redirect("plans:annual", pk=target.version.plan_id)

"""目标分解 in the browser: the office gives a target, or a unit's share of it, to a unit from the plan
page; the rules (who, which targets, one per unit) are the workflow service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import visible_assignments, visible_records
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import TargetAssignment
from planwatch.web.plans.models import Target
from planwatch.web.ui.common import page, say, say_error, visible_or_404


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.filter(active=True))
    value = forms.FloatField(required=False)
    note = forms.CharField(max_length=2000, required=False)


def _back(target: Target) -> HttpResponse:
    """To the target's row on the plan page of its version."""
    plan_url = reverse("plans:plan", args=[target.version.plan_id])
    return redirect(f"{plan_url}?v={target.version.number}#rec-target-{target.pk}")


@require_POST
@page()
def assign_target(request: HttpRequest, pk: int) -> HttpResponse:
    target = visible_or_404(visible_records(request.user, Target.objects.select_related("version")), pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        say(request, "error", "请选择单位，分解值须为数字", "choose a unit; the share must be a number")
        return _back(target)
    try:
        W.assign_target(request.user, target, form.cleaned_data["unit"], form.cleaned_data["value"],
                        form.cleaned_data["note"] or "")
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "目标已分解到单位", "target assigned")
    return _back(target)


@require_POST
@page()
def unassign_target(request: HttpRequest, pk: int) -> HttpResponse:
    a: Any = visible_or_404(visible_assignments(request.user, TargetAssignment.objects.select_related(
        "target__version")), pk=pk)
    W.unassign_target(request.user, a)
    say(request, "success", "已撤销分解", "assignment withdrawn")
    return _back(a.target)

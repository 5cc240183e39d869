"""The mapping screen (指标匹配): imported rows that matched no indicator, with ranked suggestions;
the office confirms one (remembered as an alias) or creates a new indicator."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.permissions import can_supervise
from planwatch.web.data.mapping import confirm_mapping, pending_groups
from planwatch.web.data.models import Indicator, UnmatchedActual
from planwatch.web.ui.common import forbidden, page


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
                    return redirect("ui:mapping")
                except PlanWatchError as exc:
                    error = str(exc)
    return render(request, "ui/mapping.html", {"groups": pending_groups(), "error": error})

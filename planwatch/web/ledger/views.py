"""The ledger pages: the filterable task list and its Excel export, a task with its progress
updates and the 督办 actions, the approval queue, evidence downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.models import ROLE_LEADER, ROLE_REPORTER, Unit
from planwatch.web.accounts.permissions import (
    can_act_for_lead_unit,
    can_report_on_task,
    can_review_update,
    can_see_evidence,
    can_supervise,
    role_of,
    unit_ids,
    visible_plans,
    visible_tasks,
    visible_updates,
)
from planwatch.web.data.tables import export_decomposition
from planwatch.web.errors import InvalidInput, NeedsConfirmation
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import (
    CLOSED,
    DONE,
    PROGRESS,
    STATES,
    Evidence,
    ExtensionRequest,
    LedgerTask,
    Milestone,
    ProgressUpdate,
)
from planwatch.web.plans.models import Plan
from planwatch.web.safety.validators import check_evidence_name, safe_next
from planwatch.web.ui.common import confirm_page, forbidden, in_language, page, say, say_error, visible_or_404
from planwatch.web.ui.templatetags.ui import is_english

DEADLINE_WINDOWS = [("", "全部期限", "any deadline"), ("overdue", "已逾期", "overdue"),
                    ("30", "30天内到期", "due within 30 days"), ("90", "90天内到期", "due within 90 days"),
                    ("year", "本年内到期", "due this year"), ("none", "无期限", "no deadline")]


def filtered_tasks(request: HttpRequest) -> tuple[Any, dict[str, str]]:
    """The visible tasks narrowed by the query string; overdue open tasks first, then by deadline."""
    user = request.user
    g = request.GET
    f = {k: g.get(k, "").strip() for k in ("unit", "state", "type", "window", "plan", "q", "mine", "progress")}
    qs = LedgerTask.objects.filter(pk__in=visible_tasks(user, LedgerTask.objects.all()).values("pk"))
    if f["mine"] == "1" and unit_ids(user):
        qs = qs.filter(Q(lead_unit_id__in=unit_ids(user)) | Q(supporting_units__id__in=unit_ids(user))).distinct()
    if f["unit"].isdigit():
        qs = qs.filter(Q(lead_unit_id=int(f["unit"])) | Q(supporting_units__id=int(f["unit"]))).distinct()
    if f["state"] in dict(STATES):
        qs = qs.filter(state=f["state"])
    if f["progress"] in dict(PROGRESS):
        qs = qs.filter(progress_status=f["progress"])
    if f["type"] in ("mandated", "optional"):
        qs = qs.filter(type=f["type"])
    if f["plan"].isdigit():
        qs = qs.filter(plan_id=int(f["plan"]))
    if f["q"]:
        qs = qs.filter(title__icontains=f["q"])
    today = dt.date.today()
    w = f["window"]
    if w == "overdue":
        qs = qs.filter(deadline__lt=today).exclude(state__in=(DONE, CLOSED))
    elif w in ("30", "90"):
        qs = qs.filter(deadline__gte=today, deadline__lte=today + dt.timedelta(days=int(w)))
    elif w == "year":
        qs = qs.filter(deadline__year=today.year)
    elif w == "none":
        qs = qs.filter(deadline__isnull=True)
    overdue = Case(When(Q(deadline__lt=today) & ~Q(state__in=(DONE, CLOSED)), then=Value(0)), default=Value(1),
                   output_field=IntegerField())
    qs = qs.annotate(overdue_first=overdue).order_by("overdue_first", "deadline", "id")
    return qs, f


@page()
def ledger(request: HttpRequest) -> HttpResponse:
    qs, f = filtered_tasks(request)
    if role_of(request.user) in (ROLE_REPORTER, ROLE_LEADER) and "mine" not in request.GET:
        f["mine"] = "1"
    total = qs.count()
    tasks = list(qs.select_related("lead_unit", "plan").only(
        "id", "number", "title", "type", "deadline", "state", "progress_status", "percent", "lead_unit__name",
        "plan__title", "plan_id")[:300])
    today = dt.date.today()
    for t in tasks:
        t.ui_light = t.light(today)
    return render(request, "ledger/ledger.html", {
        "tasks": tasks, "total": total, "f": f, "states": STATES, "progress": PROGRESS,
        "units": list(Unit.objects.filter(active=True).only("id", "name")),
        "plans": list(visible_plans(request.user, Plan.objects.only("id", "title"))),
        "windows": DEADLINE_WINDOWS, "query": request.GET.urlencode()})


@page()
def ledger_export(request: HttpRequest) -> HttpResponse:
    qs, _ = filtered_tasks(request)
    data = export_decomposition(qs.select_related("lead_unit").prefetch_related("supporting_units"))
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = "attachment; filename=\"ledger.xlsx\""
    return resp


class UpdateForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    status = forms.ChoiceField(choices=PROGRESS)
    percent = forms.IntegerField(min_value=0, max_value=100)
    evidence = forms.FileField(required=False)

    def clean_evidence(self) -> Any:
        f = self.cleaned_data.get("evidence")
        if f is None:
            return None
        try:
            check_evidence_name(f.name)
        except InvalidInput as exc:
            raise forms.ValidationError(in_language(exc)) from exc
        if f.size > settings.PLANWATCH_MAX_UPLOAD_BYTES:
            raise forms.ValidationError("file too large" if is_english() else "文件过大")
        return f


@page()
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    task = visible_or_404(visible_tasks(user, LedgerTask.objects.select_related("lead_unit", "plan", "plan_task")),
                          pk=pk)
    form = UpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_report_on_task(user, task):
            return forbidden(request, "无权填报该任务 may not report on this task")
        if form.is_valid():
            files = []
            ev = form.cleaned_data.get("evidence")
            if ev is not None:
                files.append((ev.name, ev.read()))
            try:
                W.submit_update(user, task, form.cleaned_data["text"], form.cleaned_data["status"],
                                form.cleaned_data["percent"], files)
            except PlanWatchError as exc:
                form.add_error(None, in_language(exc))
            else:
                say(request, "success", "进展已提交，等待单位负责人审批", "update submitted for approval")
                return redirect("ledger:task", pk=task.pk)
    updates = list(visible_updates(user, task.updates.all()).select_related("unit", "submitted_by", "reviewed_by")
                   .prefetch_related("evidence"))
    for u in updates:
        u.ui_evidence = can_see_evidence(user, u)
        u.ui_can_review = can_review_update(user, u) and u.review == ProgressUpdate.PENDING
    today = dt.date.today()
    milestones = list(task.milestones.all())
    for m in milestones:
        m.ui_light = milestone_light(m, today)
    may_milestone = can_supervise(user) or can_act_for_lead_unit(user, task)
    from planwatch.web.cycle.extensions import can_endorse
    from planwatch.web.cycle.todo import pending_declines

    extensions = list(task.extension_requests.select_related("requested_by", "endorsement__leader").all())
    for e in extensions:
        e.ui_endorsement = getattr(e, "endorsement", None)
        e.ui_endorsed = e.ui_endorsement is not None and e.ui_endorsement.endorsed
        e.ui_can_endorse = e.decision == "pending" and e.ui_endorsement is None and can_endorse(user, e)
    return render(request, "ledger/task.html", {
        "decline": pending_declines([task.pk]).get(task.pk),
        "units": list(Unit.objects.filter(active=True).only("id", "name")) if can_supervise(user) else [],
        "task": task, "light": task.light(), "form": form, "updates": updates,
        "supporting": list(task.supporting_units.all()), "milestones": milestones,
        "can_milestone": may_milestone, "milestone_form": MilestoneForm(),
        "extensions": extensions,
        "can_report": can_report_on_task(user, task), "can_lead": can_act_for_lead_unit(user, task),
        "can_supervise": can_supervise(user)})


def milestone_light(m: Milestone, today: dt.date) -> str:
    """The milestone's light, computed like a task's: grey once done, red past due, yellow within the
    reminder window, green otherwise (also without a due date)."""
    if m.done_on is not None:
        return "grey"
    if m.due is None:
        return "green"
    if today > m.due:
        return "red"
    return "yellow" if (m.due - today).days <= settings.PLANWATCH_REMIND_DAYS else "green"


class MilestoneForm(forms.Form):
    title = forms.CharField(max_length=300)
    due = forms.DateField(required=False)


@require_POST
@page()
def add_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """节点: the office or the lead unit adds a dated step to a task (rules in the workflow service)."""
    task = visible_or_404(visible_tasks(request.user, LedgerTask.objects.all()), pk=pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        say(request, "error", "节点名称必填，日期格式为“年-月-日”（如2025-06-30）", "a title is needed; the date must be YYYY-MM-DD")
        return redirect("ledger:task", pk=task.pk)
    try:
        W.add_milestone(request.user, task, form.cleaned_data["title"], form.cleaned_data["due"])
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "节点已添加", "milestone added")
    return redirect("ledger:task", pk=task.pk)


@require_POST
@page()
def complete_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a milestone done today."""
    visible = visible_tasks(request.user, LedgerTask.objects.all())
    m = visible_or_404(Milestone.objects.select_related("task").filter(task__in=visible), pk=pk)
    try:
        W.complete_milestone(request.user, m)
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "节点已完成", "milestone done")
    return redirect("ledger:task", pk=m.task_id)


ACTIONS = {
    "accept": lambda user, task, c, ok: W.accept_task(user, task, c),
    "finish": lambda user, task, c, ok: W.finish_task(user, task, c, confirm=ok),
    "close": lambda user, task, c, ok: W.close_task(user, task, c),
    "return": lambda user, task, c, ok: W.return_task(user, task, c),
    "decline": lambda user, task, c, ok: W.decline_task(user, task, c),
}
DONE_MESSAGES = {"accept": "已承办", "finish": "已申请办结", "close": "已销号", "return": "已退办",
                 "decline": "已退回交办，等待规划处重新交办"}
DONE_MESSAGES_EN = {"accept": "accepted", "finish": "completion requested", "close": "closed", "return": "returned",
                    "decline": "returned at assignment, waiting for the office to reassign"}


@require_POST
@page()
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = visible_or_404(visible_tasks(request.user, LedgerTask.objects.all()), pk=pk)
    if action not in ACTIONS:
        raise Http404("未知操作 unknown action")
    try:
        ACTIONS[action](request.user, task, request.POST.get("comment", ""), request.POST.get("confirm") == "1")
    except NeedsConfirmation as exc:
        return confirm_page(request, str(exc), back=f"/ledger/{task.pk}/")
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", DONE_MESSAGES[action], DONE_MESSAGES_EN[action])
    return redirect("ledger:task", pk=task.pk)


@require_POST
@page()
def review_update(request: HttpRequest, pk: int) -> HttpResponse:
    upd = visible_or_404(visible_updates(request.user, ProgressUpdate.objects.select_related("task")), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        W.review_update(request.user, upd, approve, request.POST.get("comment", ""))
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "已批准", "approved") if approve else say(request, "success", "已退回", "returned")
    return redirect(safe_next(request, request.POST.get("next"), reverse("ledger:approvals")))


@page()
def approvals(request: HttpRequest) -> HttpResponse:
    user = request.user
    if role_of(user) != ROLE_LEADER:
        return forbidden(request, "只有单位负责人审批进展 only unit leaders approve updates")
    pending = list(visible_updates(user, ProgressUpdate.objects.filter(review=ProgressUpdate.PENDING))
                   .select_related("task", "unit", "submitted_by").prefetch_related("evidence")
                   .order_by("submitted_at"))
    return render(request, "ledger/approvals.html", {"pending": pending})


@page()
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    ev = Evidence.objects.select_related("update").filter(pk=pk).first()
    if ev is None or not visible_updates(request.user, ProgressUpdate.objects.filter(pk=ev.update_id)).exists():
        raise Http404("未找到 not found")
    if not can_see_evidence(request.user, ev.update):
        return forbidden(request)
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name)


@require_POST
@page()
def request_extension(request: HttpRequest, pk: int) -> HttpResponse:
    """延期申请 by the lead unit: a later deadline and a reason."""
    task = visible_or_404(visible_tasks(request.user, LedgerTask.objects.all()), pk=pk)
    try:
        new = dt.date.fromisoformat(request.POST.get("new_deadline", ""))
    except ValueError:
        say(request, "error", "新期限应为日期，格式为“年-月-日”（如2025-06-30）", "the new deadline must be a date (YYYY-MM-DD)")
        return redirect("ledger:task", pk=task.pk)
    try:
        W.request_extension(request.user, task, new, request.POST.get("reason", ""),
                            confirm=request.POST.get("confirm") == "1")
    except NeedsConfirmation as exc:
        return confirm_page(request, str(exc), back=f"/ledger/{task.pk}/")
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "延期申请已提交", "extension requested")
    return redirect("ledger:task", pk=task.pk)


@require_POST
@page()
def decide_extension(request: HttpRequest, pk: int) -> HttpResponse:
    """The office grants or refuses an extension request."""
    req = ExtensionRequest.objects.select_related("task").filter(pk=pk).first()
    if req is None or not visible_tasks(request.user, LedgerTask.objects.filter(pk=req.task_id)).exists():
        raise Http404("未找到 not found")
    try:
        W.decide_extension(request.user, req, request.POST.get("decision") == "grant", request.POST.get("comment", ""),
                           confirm=request.POST.get("confirm") == "1")
    except NeedsConfirmation as exc:
        return confirm_page(request, str(exc), back=f"/ledger/{req.task_id}/")
    except PlanWatchError as exc:
        say_error(request, exc)
    else:
        say(request, "success", "已处理", "decided")
    return redirect("ledger:task", pk=req.task_id)

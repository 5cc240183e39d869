"""Pages of the monitoring cycle: the to-do centre, reporting rounds, 考核, 整改, self-evaluations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import can_supervise, unit_ids, visible_plans, visible_tasks
from planwatch.web.cycle import rectifications as R
from planwatch.web.cycle import rounds as RD
from planwatch.web.cycle.extensions import endorse_extension
from planwatch.web.cycle.forms import RectificationForm, RoundForm, SchemeForm
from planwatch.web.cycle.models import RATINGS, Rectification, ReportingRound, RoundReport
from planwatch.web.cycle.permissions import can_report_for_unit, reads_all_cycle, visible_unit_rows
from planwatch.web.cycle.scoring import LIGHT_ZH, ranking, ranking_workbook, scheme_for
from planwatch.web.cycle.selfeval import self_evaluations_for_plan, subject_targets, subject_tasks
from planwatch.web.cycle.todo import todo_items
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import ExtensionRequest, LedgerTask, Notification
from planwatch.web.plans.models import Plan
from planwatch.web.ui.common import forbidden, page, visible_or_404

NOT_OFFICE = "只有规划处和领导可以查看"


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# ---- to-do centre --------------------------------------------------------------------------------

@page()
def todo(request: HttpRequest) -> HttpResponse:
    items = todo_items(request.user)
    groups: dict[str, list[Any]] = {}
    for it in items:
        groups.setdefault(it.group, []).append(it)
    notes = list(Notification.objects.filter(user=request.user).order_by("read", "-created", "-id")[:50])
    return render(request, "cycle/todo.html", {"groups": groups, "notes": notes,
                                               "unread": sum(1 for n in notes if not n.read)})


@require_POST
@page()
def read_notifications(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read=False).update(read=True)
    messages.success(request, "通知已全部标为已读")
    return redirect("cycle:todo")


# ---- reporting rounds ----------------------------------------------------------------------------

@page()
def rounds(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        if not can_supervise(user):
            return forbidden(request, "只有规划处可以发起报送")
        form = RoundForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            plan = Plan.objects.filter(pk=d["plan"]).first() if d["plan"] else None
            try:
                rnd = RD.open_round(user, title=d["title"], frequency=d["frequency"], period_label=d["period_label"],
                                    due=d["due"], plan=plan, task_type=d["task_type"] or "", kind=d["kind"])
            except PlanWatchError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已发起报送，{rnd.reports.count()}个单位须报送")
                return redirect("cycle:round", pk=rnd.pk)
    else:
        form = RoundForm()
    if reads_all_cycle(user):
        qs = ReportingRound.objects.all()
    else:
        qs = ReportingRound.objects.filter(reports__unit_id__in=unit_ids(user)).distinct()
    today = timezone.localdate()
    rows = []
    mine = unit_ids(user)
    for rnd in qs.select_related("plan").prefetch_related("reports__unit")[:200]:
        reps = [r for r in rnd.reports.all() if reads_all_cycle(user) or r.unit_id in mine]
        states = [RD.report_state(r, rnd.due, today).code for r in reps]
        rows.append({"round": rnd, "total": len(reps), "done": sum(s in ("on_time", "late") for s in states),
                     "missing": states.count("missing"), "own": reps if not reads_all_cycle(user) else []})
    return render(request, "cycle/rounds.html", {
        "rows": rows, "form": form, "can_open": can_supervise(user),
        "plans": list(visible_plans(user, Plan.objects.only("id", "title"))) if can_supervise(user) else []})


@page()
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not reads_all_cycle(request.user):
        return forbidden(request, NOT_OFFICE)
    rnd = visible_or_404(ReportingRound.objects.select_related("plan"), pk=pk)
    today = timezone.localdate()
    reports = list(rnd.reports.select_related("unit", "submitted_by").prefetch_related("items__task", "items__target"))
    for r in reports:
        r.ui_state = RD.report_state(r, rnd.due, today)
    counts = {code: sum(1 for r in reports if r.ui_state.code == code) for code in ("on_time", "late", "missing", "pending")}
    return render(request, "cycle/round.html", {"round": rnd, "reports": reports, "counts": counts,
                                                "can_supervise": can_supervise(request.user)})


@require_POST
@page()
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = visible_or_404(ReportingRound.objects.all(), pk=pk)
    try:
        n = RD.remind(request.user, rnd)
    except PlanWatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已向{n}个未报送单位发出催办")
    return redirect("cycle:round", pk=rnd.pk)


@require_POST
@page()
def close_round(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = visible_or_404(ReportingRound.objects.all(), pk=pk)
    RD.close_round(request.user, rnd)
    messages.success(request, "本轮报送已结束")
    return redirect("cycle:round", pk=rnd.pk)


@page()
def round_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's report in a round: the form while it is owed, the submitted text afterwards."""
    user = request.user
    report = visible_or_404(visible_unit_rows(user, RoundReport.objects.select_related("round", "unit")), pk=pk)
    rnd = report.round
    self_eval = rnd.kind == "self_evaluation"
    tasks = subject_tasks(report) if self_eval else []
    targets = subject_targets(report) if self_eval else []
    error = ""
    if request.method == "POST":
        if not can_report_for_unit(user, report.unit_id):
            return forbidden(request, "只有本单位可以报送")
        items = []
        for kind, subjects in (("task", tasks), ("target", targets)):
            for s in subjects:
                rating = request.POST.get(f"rating-{kind}-{s.pk}", "")
                text = request.POST.get(f"text-{kind}-{s.pk}", "").strip()
                if rating or text:
                    items.append({f"{kind}_id": s.pk, "rating": rating, "text": text})
        try:
            RD.submit_report(user, report, request.POST.get("text", ""), items)
        except PlanWatchError as exc:
            error = str(exc)
        else:
            messages.success(request, "报送成功")
            return redirect("cycle:round_report", pk=report.pk)
    return render(request, "cycle/round_report.html", {
        "report": report, "round": rnd, "state": RD.report_state(report, rnd.due), "tasks": tasks, "targets": targets,
        "ratings": RATINGS, "error": error, "can_submit": can_report_for_unit(user, report.unit_id)
        and report.submitted_at is None and not rnd.closed,
        "items": list(report.items.select_related("task", "target"))})


@require_POST
@page()
def grade(request: HttpRequest, pk: int) -> HttpResponse:
    report = visible_or_404(RoundReport.objects.all(), pk=pk)
    try:
        RD.grade_report(request.user, report, int(request.POST.get("quality", "-1") or -1),
                        request.POST.get("comment", ""))
    except (PlanWatchError, ValueError) as exc:
        messages.error(request, str(exc) if isinstance(exc, PlanWatchError) else "质量分须为0到100的整数")
    else:
        messages.success(request, "质量评定已保存")
    return redirect("cycle:round", pk=report.round_id)


@page()
def plan_self_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    if not reads_all_cycle(request.user):
        return forbidden(request, NOT_OFFICE)
    plan = visible_or_404(Plan.objects.all(), pk=pk)
    return render(request, "cycle/self_evaluations.html", {"plan": plan, "entries": self_evaluations_for_plan(plan)})


# ---- 考核 -------------------------------------------------------------------------------------------

def _year(request: HttpRequest) -> int:
    y = request.GET.get("year", "")
    return int(y) if y.isdigit() and 1990 <= int(y) <= 2100 else timezone.localdate().year


@page()
def assessment(request: HttpRequest) -> HttpResponse:
    if not reads_all_cycle(request.user):
        return forbidden(request, NOT_OFFICE)
    year = _year(request)
    r = ranking(year)
    rows = [{"s": row, "light": r.lights[row.unit], "light_zh": LIGHT_ZH[r.lights[row.unit]],
             "unit_id": r.unit_ids.get(row.unit)} for row in r.rows]
    return render(request, "cycle/assessment.html", {
        "r": r, "rows": rows, "year": year, "form": SchemeForm(instance=r.scheme),
        "can_edit": can_supervise(request.user), "years": sorted(
            {year, *range(timezone.localdate().year - 6, timezone.localdate().year + 2)}, reverse=True)})


@page()
def assessment_unit(request: HttpRequest, year: int, unit: int) -> HttpResponse:
    """Every point of one unit's 考核: the office and leadership for any unit, a unit for its own."""
    u = visible_or_404(Unit.objects.all(), pk=unit)
    if not reads_all_cycle(request.user) and u.pk not in unit_ids(request.user):
        return forbidden(request, "只能查看本单位的考核")
    r = ranking(year)
    row = next((x for x in r.rows if x.unit == u.name), None)
    if row is None:
        raise Http404("该单位本年度没有考核事项")
    from planwatch.progress.scorecard import COMPONENT_ZH

    groups: dict[str, list[Any]] = {}
    for it in row.items:
        groups.setdefault(COMPONENT_ZH[it.component], []).append(it)
    return render(request, "cycle/assessment_unit.html", {
        "r": r, "row": row, "unit": u, "year": year, "groups": groups, "light": r.lights[row.unit],
        "light_zh": LIGHT_ZH[r.lights[row.unit]], "steps": row.computation_zh.split("；")})


@page()
def assessment_export(request: HttpRequest, year: int) -> HttpResponse:
    if not reads_all_cycle(request.user):
        return forbidden(request, NOT_OFFICE)
    resp = HttpResponse(ranking_workbook(ranking(year)),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="assessment-{year}.xlsx"'
    return resp


@require_POST
@page()
def save_scheme(request: HttpRequest, year: int) -> HttpResponse:
    if not can_supervise(request.user):
        return forbidden(request, "只有规划处可以设置考核方案")
    scheme = scheme_for(year)
    form = SchemeForm(request.POST, instance=scheme)
    if form.is_valid():
        form.save()
        messages.success(request, f"{year}年度考核方案已保存")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(f"/assessment/?year={year}")


# ---- 整改 -------------------------------------------------------------------------------------------

@page()
def rectifications(request: HttpRequest) -> HttpResponse:
    user = request.user
    qs = visible_unit_rows(user, Rectification.objects.select_related("unit", "plan"))
    if reads_all_cycle(user) or unit_ids(user):
        items = list(qs[:500])
    else:
        return forbidden(request, "无权查看整改事项")
    today = timezone.localdate()
    for rc in items:
        rc.ui_late = rc.state != Rectification.CLOSED and today > rc.due
    return render(request, "cycle/rectifications.html", {"items": items, "can_create": can_supervise(user)})


def _lagging_views() -> list[Any]:
    from planwatch.web.plans.models import PlanVersion, Target
    from planwatch.web.ui.assessments import target_views

    out = []
    for version in PlanVersion.objects.filter(status="live").select_related("plan"):
        targets = list(Target.objects.filter(version=version).exclude(review_state="rejected")
                       .select_related("indicator", "version__plan"))
        out += [v for v in target_views(targets, {version.pk: version.plan}) if v.status in R.LAGGING]
    return out


@page()
def new_rectification(request: HttpRequest) -> HttpResponse:
    """The office picks an audit finding or a lagging target and assigns its rectification."""
    user = request.user
    if not can_supervise(user):
        return forbidden(request, "只有规划处可以交办整改")
    from planwatch.web.plans.models import PlanVersion, Target
    from planwatch.web.ui.assessments import target_views
    from planwatch.web.ui.audits import audit_of

    if request.method == "POST":
        form = RectificationForm(request.POST)
        if not form.is_valid():
            messages.error(request, "请选择责任单位并填写整改期限")
            return redirect(request.get_full_path())
        d = form.cleaned_data
        unit = Unit.objects.filter(pk=d["unit"], active=True).first()
        if unit is None:
            messages.error(request, "责任单位无效")
            return redirect(request.get_full_path())
        try:
            if d["source"] == "indicator":
                t = visible_or_404(Target.objects.select_related("version__plan", "indicator"), pk=d["target"] or 0)
                view = target_views([t], {t.version_id: t.version.plan})[0]
                rc = R.from_target(user, view, unit, d["due"])
            else:
                version = visible_or_404(PlanVersion.objects.select_related("plan"), pk=d["version"] or 0)
                findings = audit_of(version).findings
                index = d["finding"] if d["finding"] is not None else -1
                if not 0 <= index < len(findings):
                    raise Http404("未找到该审计发现")
                rc = R.from_finding(user, version, findings[index], unit, d["due"])
        except PlanWatchError as exc:
            messages.error(request, str(exc))
            return redirect(request.get_full_path())
        messages.success(request, "整改事项已交办")
        return redirect("cycle:rectification", pk=rc.pk)
    findings = []
    for version in PlanVersion.objects.filter(status="live").select_related("plan"):
        for i, f in enumerate(audit_of(version).findings):
            if f.get("severity") in ("error", "warning"):
                findings.append({"version": version, "index": i, "f": f})
    return render(request, "cycle/rectification_new.html", {
        "findings": findings, "lagging": _lagging_views(), "units": list(Unit.objects.filter(active=True)),
        "default_due": (timezone.localdate() + dt.timedelta(days=30)).isoformat()})


@page()
def rectification(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    rc = visible_or_404(visible_unit_rows(user, Rectification.objects.select_related("unit", "plan", "target")), pk=pk)
    if request.method == "POST":
        try:
            if request.POST.get("step") == "respond":
                R.respond(user, rc, request.POST.get("response", ""))
                messages.success(request, "整改反馈已提交")
            else:
                R.close(user, rc, request.POST.get("decision") == "close", request.POST.get("comment", ""))
                messages.success(request, "已处理")
        except PlanWatchError as exc:
            messages.error(request, str(exc))
        return redirect("cycle:rectification", pk=rc.pk)
    return render(request, "cycle/rectification.html", {
        "rc": rc, "can_respond": can_report_for_unit(user, rc.unit_id) and rc.state == Rectification.OPEN,
        "can_close": can_supervise(user) and rc.state == Rectification.RESPONDED,
        "late": rc.state != Rectification.CLOSED and timezone.localdate() > rc.due})


# ---- 督办 steps that belong to the cycle ----------------------------------------------------------

@require_POST
@page()
def reassign(request: HttpRequest, pk: int) -> HttpResponse:
    task = visible_or_404(visible_tasks(request.user, LedgerTask.objects.all()), pk=pk)
    unit = Unit.objects.filter(pk=request.POST.get("unit") or 0, active=True).first()
    if unit is None:
        messages.error(request, "请选择单位")
        return redirect("ledger:task", pk=task.pk)
    try:
        W.reassign_task(request.user, task, unit, request.POST.get("comment", ""))
    except PlanWatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已重新交办给{unit.name}")
    return redirect("ledger:task", pk=task.pk)


@require_POST
@page()
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    req = ExtensionRequest.objects.select_related("task").filter(pk=pk).first()
    if req is None or not visible_tasks(request.user, LedgerTask.objects.filter(pk=req.task_id)).exists():
        raise Http404("未找到")
    try:
        endorse_extension(request.user, req, request.POST.get("decision") == "agree", request.POST.get("comment", ""))
    except PlanWatchError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已审核延期申请")
    return redirect("ledger:task", pk=req.task_id)

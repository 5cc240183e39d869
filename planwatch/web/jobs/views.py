"""Job pages: a job's progress (polled by htmx until it ends), its file, the list of one's jobs, and
the form that starts a report job from the plan page.

A user sees only the jobs they started; the planning office sees all. Another user's job is a 404
(its existence is not revealed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from planwatch.errors import PlanWatchError
from planwatch.reports.pdf import find_converter
from planwatch.web.accounts.permissions import can_download_report, is_admin, visible_plans
from planwatch.web.jobs.models import DONE, FAILED, Job
from planwatch.web.jobs.runner import enqueue
from planwatch.web.plans.models import Plan
from planwatch.web.reports.options import CONTENT_TYPES, parse_as_of, parse_format, parse_kind
from planwatch.web.reports.service import latest_draft
from planwatch.web.ui.common import forbidden, page


def visible_jobs(user: Any) -> QuerySet[Job]:
    """One's own jobs; the office sees all; nobody else (the public, system jobs) sees any."""
    qs = Job.objects.all()
    if is_admin(user):
        return qs
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return qs.none()
    return qs.filter(owner_id=user.pk)


def _job_or_404(request: HttpRequest, pk: int) -> Job:
    job = visible_jobs(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404("没有该任务 no such job")
    return job


def next_url(job: Job) -> str | None:
    """Where a finished job leads: an extracted plan's review page."""
    if job.state == DONE and job.kind == "ingest" and job.result.get("version"):
        return reverse("plans:review", args=[job.result["version"]])
    return None


@page()
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    target = next_url(job)
    if target:
        return redirect(target)
    return render(request, "jobs/job.html", {"job": job})


@page()
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx swaps in every second; a finished upload moves on to its review."""
    job = _job_or_404(request, pk)
    response = render(request, "jobs/_status.html", {"job": job})
    target = next_url(job)
    if target:
        response["HX-Redirect"] = target
    return response


@page()
def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    from planwatch.web.reports.views import content_disposition

    job = _job_or_404(request, pk)
    if job.state != DONE or not job.result_file:
        raise Http404("文件尚未生成 the file is not ready")
    if job.kind == "report":
        plan = Plan.objects.filter(pk=job.result.get("plan")).first()
        if plan is None or not can_download_report(request.user, plan):
            return forbidden(request, "无权下载该规划的评估报告")
    fmt = job.result.get("format", "docx")
    response = FileResponse(default_storage.open(job.result_file, "rb"),
                            content_type=CONTENT_TYPES.get(fmt, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition(job.result.get("name", job.result_file.rsplit("/", 1)[-1]),
                                                          job.result_file.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@page()
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = visible_jobs(request.user).select_related("owner")[:100]
    return render(request, "jobs/jobs.html", {"jobs": jobs, "office": is_admin(request.user)})


class ReportRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def report_job(user: Any, plan_id: int, kind: str, fmt: str, as_of_text: str) -> Job:
    """Start (or find the running) report job, with the download view's checks: the page's form and
    the API call this."""
    plan = visible_plans(user, Plan.objects.filter(pk=plan_id)).first()
    if plan is None:
        raise ReportRefused(404, "没有该规划")
    if not can_download_report(user, plan):
        raise ReportRefused(403, "无权下载该规划的评估报告")
    try:
        kind = parse_kind(kind or "progress")
        fmt = parse_format(fmt or "docx")
        as_of = parse_as_of(as_of_text) if as_of_text else None
    except PlanWatchError as exc:
        raise ReportRefused(400, str(exc)) from exc
    if as_of is None:  # as the download view: the date of the office's latest text, else today
        draft = latest_draft(plan, kind)
        as_of = draft.as_of if draft is not None else date.today()
    if fmt == "pdf" and find_converter() is None:
        raise ReportRefused(503, "服务器未安装 LibreOffice，无法生成 PDF，请选择 .docx 或 .html")
    if plan.current_version_id is None:
        raise ReportRefused(409, "该规划尚无生效版本")
    return enqueue("report", {"plan": plan.pk, "kind": kind, "format": fmt, "as_of": as_of.isoformat()}, owner=user)


@page()
@require_POST
def start_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan page's report form → the job's page."""
    try:
        job = report_job(request.user, pk, request.POST.get("kind", ""), request.POST.get("format", ""),
                         request.POST.get("as_of", ""))
    except ReportRefused as exc:
        if exc.status == 404:
            raise Http404(str(exc)) from exc
        if exc.status == 403:
            return forbidden(request, str(exc))
        return HttpResponse(str(exc), status=exc.status, content_type="text/plain; charset=utf-8")
    return redirect("jobs:job", pk=job.pk)


__all__ = ["FAILED", "job_detail", "job_file", "job_list", "job_status", "start_report", "visible_jobs"]

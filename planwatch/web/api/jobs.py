"""Background jobs over the API: start a report job, follow any of one's jobs (the office: all),
fetch the file. The same rules as the job pages (planwatch.web.jobs.views)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from ninja import Router, Schema, Status

from planwatch.web.api.common import get_visible, user_of
from planwatch.web.jobs.views import ReportRefused, report_job, visible_jobs

router = Router()


class JobOut(Schema):
    id: int
    kind: str
    state: str
    progress: int
    message: str
    result: dict[str, Any]
    error: str
    attempts: int
    created: datetime
    finished: datetime | None
    file_url: str | None
    page_url: str


class ReportJobIn(Schema):
    kind: str = "progress"
    format: str = "docx"
    as_of: str = ""


def job_out(job: Any) -> JobOut:
    return JobOut(id=job.pk, kind=job.kind, state=job.state, progress=job.progress, message=job.message,
                  result=job.result, error=job.error, attempts=job.attempts, created=job.created,
                  finished=job.finished, page_url=reverse("jobs:job", args=[job.pk]),
                  file_url=reverse("jobs:file", args=[job.pk]) if job.result_file and job.state == "done" else None)


@router.get("/jobs/{int:job_id}", response=JobOut)
def get_job(request: Any, job_id: int) -> JobOut:
    return job_out(get_visible(visible_jobs(user_of(request)), job_id))


@router.post("/plans/{int:plan_id}/report-jobs", response={202: JobOut, 400: dict[str, str], 403: dict[str, str],
                                                           404: dict[str, str], 409: dict[str, str],
                                                           503: dict[str, str]})
def start_report_job(request: Any, plan_id: int, body: ReportJobIn) -> Status:
    """Render a report in the background; follow ``/api/jobs/{id}`` and download ``file_url`` when done."""
    try:
        job = report_job(user_of(request), plan_id, body.kind, body.format, body.as_of)
    except ReportRefused as exc:
        return Status(exc.status, {"detail": str(exc)})
    return Status(202, job_out(job))

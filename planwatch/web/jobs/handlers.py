"""What each kind of job does. A handler gets the job and its ``Run`` (progress, complete); it does
the slow part first and its database writes last, in one transaction with ``run.complete`` so a
job runs to the end exactly once however often it is delivered. Each calls the one function the
rest of the application calls for the same work (no second implementation)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from planwatch.errors import PlanWatchError
from planwatch.web.jobs.models import Job

Handler = Callable[[Job, Any], dict[str, Any] | None]


class JobFailed(PlanWatchError):
    """A job that ends in a user-visible failure with details (e.g. an import's row errors)."""

    def __init__(self, message: str, job_result: dict[str, Any]) -> None:
        super().__init__(message)
        self.job_result = job_result


def _owner(job: Job) -> Any:
    if job.owner_id is not None:
        return get_user_model().objects.get(pk=job.owner_id)
    from planwatch.web.accounts.system import cli_user

    return cli_user(None)


def _input_bytes(params: dict[str, Any]) -> bytes:
    """The job's input file: in the shared storage (uploads) or a local path (``planwatch ingest DIR``)."""
    if params.get("stored"):
        with default_storage.open(params["stored"], "rb") as f:
            return bytes(f.read())
    path = Path(params["path"])
    if not path.is_file():
        raise PlanWatchError(f"{path}: 文件不存在 file not found")
    return path.read_bytes()


def store_input(name: str, data: bytes) -> str:
    """Keep an uploaded file where every worker can read it; returns its storage name."""
    import uuid

    return default_storage.save(f"jobs/in/{uuid.uuid4().hex}{Path(name).suffix.lower()}", ContentFile(data))


def discard_input(params: dict[str, Any]) -> None:
    """An uploaded input is kept until its job has ended (a retry reads it again), then removed."""
    if params.get("stored"):
        with contextlib.suppress(OSError):
            default_storage.delete(params["stored"])


def ingest(job: Job, run: Any) -> dict[str, Any]:
    from planwatch.web.history.context import acting_as
    from planwatch.web.plans.ingest import ingest_extraction
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.review_views import extract_upload

    params = job.params
    name = params["name"]
    run.progress(5, "读取文件")
    data = _input_bytes(params)
    run.progress(15, "提取目标、任务和项目")
    extraction, text = extract_upload(name, data)
    run.progress(80, "保存提取结果")
    user = _owner(job)
    with transaction.atomic(), acting_as(user, f"job {job.pk}: ingest {name}"):
        parent = Plan.objects.filter(pk=params["parent"]).first() if params.get("parent") else None
        version = ingest_extraction(extraction, text, doc_name=Path(name).name, parent=parent, user=user)
        if params.get("approve"):
            from planwatch.web.plans.review import approve_version

            approve_version(user, version)
        result = {"version": version.pk, "plan": version.plan_id, "title": version.plan.title,
                  "targets": version.targets.count(), "tasks": version.plantasks.count()}
        run.complete(result, message=f"已提取：{version.plan.title}")
    discard_input(params)
    return result


def report(job: Job, run: Any) -> dict[str, Any]:
    from planwatch.web.plans.models import Plan
    from planwatch.web.reports.options import ascii_file_name, file_name
    from planwatch.web.reports.service import report_bytes

    p = job.params
    plan = Plan.objects.select_related("current_version").filter(pk=p["plan"]).first()
    if plan is None or plan.current_version_id is None:
        raise PlanWatchError("该规划不存在或尚无生效版本 the plan is gone or has no live version")
    as_of = date.fromisoformat(p["as_of"])
    run.progress(10, "汇总数据并撰写报告" if p["format"] != "pdf" else "汇总数据、撰写报告并转换为 PDF")
    data = report_bytes(plan, p["kind"], as_of, p["format"])
    run.progress(95, "保存文件")
    stored = default_storage.save(f"jobs/out/{job.pk}/{ascii_file_name(plan.pk, p['kind'], as_of, p['format'])}",
                                  ContentFile(data))
    result = {"name": file_name(plan.title, plan.pk, p["kind"], as_of, p["format"]), "format": p["format"],
              "bytes": len(data), "plan": plan.pk}
    with transaction.atomic():
        run.complete(result, file=stored, message="报告已生成")
    return result


def import_table(job: Job, run: Any) -> dict[str, Any]:
    from planwatch.web.data.tables import import_actuals, import_decomposition
    from planwatch.web.errors import ImportRejected
    from planwatch.web.history.context import acting_as
    from planwatch.web.plans.models import Plan

    p = job.params
    user = _owner(job)
    run.progress(10, "读取表格")
    data = _input_bytes(p)
    try:
        with transaction.atomic(), acting_as(user, f"job {job.pk}: import {p['name']}"):
            if p["table"] == "tasks":
                plan = Plan.objects.filter(pk=p["plan"]).first() if p.get("plan") else None
                result: dict[str, Any] = {"tasks": len(import_decomposition(user, p["name"], data, plan=plan))}
            else:
                result = dict(import_actuals(user, p["name"], data))
            run.complete(result, message="导入完成")
        discard_input(p)
    except ImportRejected as exc:
        discard_input(p)
        raise JobFailed("导入失败，未写入任何数据 import rejected, nothing written",
                        {"errors": [list(e) for e in exc.errors]}) from exc
    return result


def remind(job: Job, run: Any) -> dict[str, Any]:
    from planwatch.web.ledger.workflow import send_reminders

    day = date.fromisoformat(job.params["date"]) if job.params.get("date") else None
    with transaction.atomic():
        result = dict(send_reminders(day))
        run.complete(result, message="提醒已发送")
    return result


HANDLERS: dict[str, Handler] = {"ingest": ingest, "report": report, "import": import_table, "remind": remind}

"""Enqueue, run and recover jobs.

``enqueue`` writes the Job row and hands its id to the transport after the transaction commits.
``execute`` claims the row with a conditional UPDATE (a duplicate delivery finds nothing to claim),
beats while the handler runs, and ``complete`` marks it done in the handler's own transaction,
fenced by the attempt number (a worker that lost its claim cannot commit). ``recover_jobs`` (run by
the beat schedule and by ``planwatch ingest``) sends again what a dead worker left behind.

Transport (``PLANWATCH_JOBS_MODE``): ``celery`` (default: a worker process; see queue.py),
``thread`` (``planwatch serve`` for development: a thread in the server) or ``sync`` (tests).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from planwatch.errors import PlanWatchError
from planwatch.web.jobs.models import DONE, FAILED, QUEUED, RUNNING, Job

log = logging.getLogger("planwatch.jobs")
ACTIVE = (QUEUED, RUNNING)


class LostClaim(Exception):
    """Another worker took the job over (this one was presumed dead): roll back, do not finish."""


def _mode() -> str:
    return os.environ.get("PLANWATCH_JOBS_MODE") or getattr(settings, "PLANWATCH_JOBS_MODE", "celery")


def enqueue(kind: str, params: dict[str, Any], owner: Any = None, key: str | None = None) -> Job:
    """The job for this work: an active (or, with a key, finished) one if it exists, else a new one."""
    from planwatch.web.jobs.handlers import HANDLERS

    if kind not in HANDLERS:
        raise PlanWatchError(f"未知任务类型 unknown job kind: {kind}")
    owner_id = getattr(owner, "pk", None)
    send = True
    with transaction.atomic():
        job = None
        if key:
            job = Job.objects.select_for_update().filter(key=key).first()
            if job is not None:
                send = job.state == FAILED
                if send:
                    Job.objects.filter(pk=job.pk).update(state=QUEUED, attempts=0, error="", progress=0)
        else:
            job = Job.objects.filter(kind=kind, owner_id=owner_id, state__in=ACTIVE, params=params).first()
            send = False
        if job is None:
            job = Job.objects.create(kind=kind, params=params, owner_id=owner_id, key=key or None,
                                     message="排队中")
            send = True
    if send:
        if _mode() == "sync":  # tests: the caller's transaction may never commit
            dispatch(job.pk)
        else:  # a worker must see the committed row
            job_id = job.pk
            transaction.on_commit(lambda: dispatch(job_id))
    job.refresh_from_db()
    return job


def dispatch(job_id: int) -> None:
    """Hand a job id to the transport. A broker that is down leaves the job queued for recovery."""
    Job.objects.filter(pk=job_id).update(enqueued=timezone.now())
    mode = _mode()
    if mode == "sync":
        execute(job_id, worker="sync")
    elif mode == "thread":
        threading.Thread(target=_thread_run, args=(job_id,), daemon=True, name=f"job-{job_id}").start()
    else:
        from planwatch.web.jobs.queue import run_job

        try:
            run_job.apply_async((job_id,), retry=False)
        except Exception:  # the broker is unreachable: recover_jobs sends it again
            log.exception("could not send job %s to the broker", job_id)


def _thread_run(job_id: int) -> None:
    try:
        execute(job_id, worker=f"thread@{socket.gethostname()}:{os.getpid()}")
    finally:
        connection.close()


def _stale_before() -> Any:
    return timezone.now() - timedelta(seconds=settings.PLANWATCH_JOB_STALE_SECONDS)


class Run:
    """A claimed job as its handler sees it: report progress, then complete inside a transaction."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._claim = Job.objects.filter(pk=job.pk, state=RUNNING, attempts=job.attempts, worker=job.worker)

    def progress(self, percent: int, message: str = "") -> None:
        changes: dict[str, Any] = {"progress": max(0, min(99, percent)), "heartbeat": timezone.now()}
        if message:
            changes["message"] = message[:300]
        self._claim.update(**changes)

    def beat(self) -> None:
        self._claim.update(heartbeat=timezone.now())

    def complete(self, result: dict[str, Any], file: str = "", message: str = "已完成") -> None:
        """Mark done; call inside the transaction that holds the job's own writes."""
        n = self._claim.update(state=DONE, progress=100, result=result, result_file=file, message=message,
                               finished=timezone.now(), heartbeat=timezone.now())
        if n != 1:
            raise LostClaim(f"job {self.job.pk} was taken over by another worker")
        self.job.state = DONE

    def fail(self, message: str, result: dict[str, Any] | None = None) -> None:
        self._claim.update(state=FAILED, error=message, message=message[:300], result=result or {},
                           finished=timezone.now())
        self.job.state = FAILED


def _beating(run: Run, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.PLANWATCH_JOB_BEAT_SECONDS):
            run.beat()
    finally:
        connection.close()


def execute(job_id: int, worker: str = "") -> str:
    """Run one job if it can be claimed; returns the state it ends in (or 'skipped')."""
    from planwatch.web.jobs.handlers import HANDLERS

    now = timezone.now()
    worker = (worker or f"{socket.gethostname()}:{os.getpid()}")[:200]
    claimed = (Job.objects.filter(pk=job_id)
               .filter(Q(state=QUEUED) | Q(state=RUNNING, heartbeat__lt=_stale_before()))
               .update(state=RUNNING, attempts=F("attempts") + 1, heartbeat=now, started=now, worker=worker,
                       message="进行中"))
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    run = Run(job)
    if job.attempts > settings.PLANWATCH_JOB_MAX_ATTEMPTS:
        run.fail(f"已尝试 {job.attempts - 1} 次仍未完成，放弃 gave up after {job.attempts - 1} attempts")
        return FAILED
    log.info("job started", extra={"job": job.pk, "kind": job.kind, "attempt": job.attempts, "worker": worker})
    stop = threading.Event()
    beat = threading.Thread(target=_beating, args=(run, stop), daemon=True)
    if worker != "sync":  # in sync mode (tests) the caller's open transaction would block its writes
        beat.start()
    try:
        result = HANDLERS[job.kind](job, run)
        if run.job.state == RUNNING:
            with transaction.atomic():
                run.complete(result or {})
    except LostClaim:
        log.warning("job lost its claim", extra={"job": job.pk})
        return "skipped"
    except PlanWatchError as exc:
        run.fail(str(exc), getattr(exc, "job_result", None))
    except OperationalError as exc:
        if not _transient(exc):
            log.exception("job crashed", extra={"job": job.pk, "kind": job.kind})
            run.fail(f"内部错误 internal error: {exc}")
        else:  # SQLite busy with another writer: run it again shortly (not counted as an attempt)
            log.warning("database busy, job sent again", extra={"job": job.pk})
            time.sleep(1)
            try:
                run._claim.update(state=QUEUED, attempts=F("attempts") - 1, message="数据库忙，稍后重试")
                dispatch(job.pk)
            except OperationalError:
                pass  # still busy: the heartbeat stops and recover_jobs sends it again
            return QUEUED
    except Exception as exc:
        log.exception("job crashed", extra={"job": job.pk, "kind": job.kind})
        run.fail(f"内部错误 internal error: {type(exc).__name__}: {exc}")
    finally:
        stop.set()
        if beat.is_alive():
            beat.join(timeout=5)
    log.info("job finished", extra={"job": job.pk, "kind": job.kind, "state": run.job.state})
    return run.job.state


def _transient(exc: OperationalError) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def recover_jobs(requeue_after: float | None = None) -> dict[str, int]:
    """Send again the jobs a dead worker left: running ones whose heartbeat stopped, and queued ones
    whose message has waited too long (a transport without late acknowledgement loses the messages a
    killed worker had prefetched). Duplicates are harmless: only one delivery can claim the job."""
    stale = list(Job.objects.filter(state=RUNNING, heartbeat__lt=_stale_before()).values_list("pk", flat=True))
    wait = settings.PLANWATCH_JOB_REQUEUE_SECONDS if requeue_after is None else requeue_after
    waiting = list(Job.objects.filter(state=QUEUED)
                   .filter(Q(enqueued__isnull=True) | Q(enqueued__lt=timezone.now() - timedelta(seconds=wait)))
                   .values_list("pk", flat=True))
    for pk in stale + waiting:
        dispatch(pk)
    if stale or waiting:
        log.info("jobs sent again", extra={"stale": len(stale), "waiting": len(waiting)})
    return {"stale": len(stale), "waiting": len(waiting)}


def wait_for(jobs: list[int], on_progress: Callable[[int, int], None] | None = None,
             poll: float = 1.0, recover_every: float = 15.0, timeout: float | None = None) -> dict[str, int]:
    """Block until the jobs are finished (the CLI's bulk ingest), recovering lost ones on the way."""
    start = last_recover = time.monotonic()
    while True:
        counts = dict.fromkeys((QUEUED, RUNNING, DONE, FAILED), 0)
        for state, n in _state_counts(jobs):
            counts[state] = n
        if on_progress:
            on_progress(counts[DONE] + counts[FAILED], len(jobs))
        if counts[QUEUED] + counts[RUNNING] == 0:
            return counts
        if time.monotonic() - last_recover > recover_every:
            recover_jobs()
            last_recover = time.monotonic()
        if timeout is not None and time.monotonic() - start > timeout:
            return counts
        time.sleep(poll)


def _state_counts(jobs: list[int]) -> list[tuple[str, int]]:
    from django.db.models import Count

    out: dict[str, int] = {}
    for i in range(0, len(jobs), 500):
        for row in (Job.objects.filter(pk__in=jobs[i:i + 500]).values("state").annotate(n=Count("id"))):
            out[row["state"]] = out.get(row["state"], 0) + row["n"]
    return list(out.items())

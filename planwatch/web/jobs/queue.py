"""The Celery application: one task that runs a Job by id, the recovery sweep and the daily
reminders on the beat schedule, and the worker's heartbeat row (read by /readyz and the sweep).

Start a worker with ``celery -A planwatch.web.jobs.queue worker`` (``scripts/run.sh`` does, with
the beat schedule embedded via ``-B``). Broker: ``PLANWATCH_BROKER_URL`` (``redis://...`` in the
scale-out set), else kombu's filesystem transport under the data directory (no server to run).
"""

from __future__ import annotations

import os
import threading
from datetime import date
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")

app = Celery("planwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="planwatch.run_job", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id: int) -> str:
    from planwatch.web.jobs.runner import execute

    return execute(job_id, worker=f"{run_job.request.hostname or 'worker'}:{os.getpid()}")


@app.task(name="planwatch.recover_jobs", ignore_result=True)
def recover_jobs() -> dict[str, int]:
    from planwatch.web.jobs.runner import recover_jobs as sweep

    return sweep()


@app.task(name="planwatch.daily_reminders", ignore_result=True)
def daily_reminders() -> int:
    """Deadline reminders once a day (one job per day, whatever the number of beat processes)."""
    from planwatch.web.jobs.runner import enqueue

    today = date.today().isoformat()
    return enqueue("remind", {"date": today}, key=f"remind:{today}").pk


_stop = threading.Event()


def _beat(hostname: str) -> None:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from planwatch.web.jobs.models import WorkerBeat

    try:
        while True:
            try:
                WorkerBeat.objects.update_or_create(hostname=hostname,
                                                    defaults={"pid": os.getpid(), "last_seen": timezone.now()})
            except Exception:  # the database is briefly unavailable: try again next beat
                connection.close()
            if _stop.wait(settings.PLANWATCH_WORKER_BEAT_SECONDS):
                return
    finally:
        connection.close()


@signals.worker_ready.connect
def _worker_ready(sender: Any = None, **_: Any) -> None:
    hostname = getattr(sender, "hostname", None) or f"worker:{os.getpid()}"
    threading.Thread(target=_beat, args=(hostname,), daemon=True, name="planwatch-worker-beat").start()


@signals.worker_shutdown.connect
def _worker_shutdown(sender: Any = None, **_: Any) -> None:
    _stop.set()
    try:
        from planwatch.web.jobs.models import WorkerBeat

        WorkerBeat.objects.filter(hostname=getattr(sender, "hostname", "")).delete()
    except Exception:
        pass

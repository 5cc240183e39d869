"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: the database answers, every
migration is applied, and a job worker has beaten recently) for load balancers and run scripts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

_migrated = False


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        return True, connection.vendor
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def _migrations() -> tuple[bool, str]:
    global _migrated
    if _migrated:  # migrations are not undone under a running server
        return True, "applied"
    from django.db.migrations.executor import MigrationExecutor

    pending = MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes())
    _migrated = not pending
    return _migrated, "applied" if _migrated else f"{len(pending)} pending"


def _worker() -> tuple[bool, str]:
    from planwatch.web.jobs.models import WorkerBeat

    mode = settings.PLANWATCH_JOBS_MODE
    if mode != "celery":
        return True, f"jobs run {mode}"
    window = timezone.now() - timedelta(seconds=3 * settings.PLANWATCH_WORKER_BEAT_SECONDS)
    live = WorkerBeat.objects.filter(last_seen__gte=window).count()
    return live > 0, f"{live} live worker(s)"


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {}
    ok, checks["database"] = _database()
    if ok:
        for name, check in (("migrations", _migrations), ("worker", _worker)):
            passed, checks[name] = check()
            ok = ok and passed
    return JsonResponse({"status": "ready" if ok else "not ready", "checks": checks}, status=200 if ok else 503)

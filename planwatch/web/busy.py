"""The one retry policy for a busy database ("database is locked" on SQLite).

Write transactions start IMMEDIATE and wait up to the busy timeout for the write lock (settings).
A request still locked out after that is not retried inside the server (replaying a write that may
have partly run is how duplicates are made): it answers 503 with ``Retry-After``, and the client
repeats it — with the same ``Idempotency-Key`` for writes, so a repeat never executes twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

RETRY_AFTER_SECONDS = 1
MESSAGE = "系统繁忙，请稍后重试 the database is busy, please retry"


def is_busy(exc: BaseException) -> bool:
    """A lock timeout (SQLite ``database is locked``/``busy``, PostgreSQL lock/serialization timeouts)."""
    if not isinstance(exc, OperationalError):
        return False
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "lock timeout" in text \
        or "could not serialize" in text or "deadlock detected" in text


def busy_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        resp: HttpResponse = JsonResponse({"detail": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        resp = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
    resp["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return resp


class BusyDatabaseMiddleware:
    """Turns a lock timeout in any view into 503 + Retry-After instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if is_busy(exception):
            return busy_response(request)
        return None

"""``Idempotency-Key`` on the API's write requests: a client that did not get an answer (timeout,
lost connection, 503) sends the same request with the same key again; the first answer comes back
and the write is not executed twice.

The key row and the write are committed in one transaction: if the server dies before the commit,
neither exists and the retry executes the write; after the commit, the retry gets the stored answer.
Two requests with one key at the same moment: the second waits for the first (unique key) and
then replays its answer. Keys are per user and kept for ``KEEP_DAYS``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from planwatch.web.busy import busy_response, is_busy

HEADER = "Idempotency-Key"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
KEEP_DAYS = 7
MAX_KEY = 200


def _user_of(request: HttpRequest) -> Any:
    """The API caller as ninja will see it: a bearer token's user, else the session user."""
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        from planwatch.web.accounts.models import ApiToken

        tok = ApiToken.lookup(auth[7:].strip())
        return tok.user if tok is not None else None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _replay(row: Any) -> HttpResponse:
    resp = HttpResponse(bytes(row.body), status=row.status, content_type=row.content_type or None)
    resp["Idempotent-Replayed"] = "true"
    return resp


def _error(status: int, message: str) -> HttpResponse:
    return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER, "").strip()
        if not key or request.method not in WRITES or not request.path.startswith("/api/"):
            return self.get_response(request)
        if len(key) > MAX_KEY:
            return _error(400, f"Idempotency-Key 过长 too long (max {MAX_KEY})")
        user = _user_of(request)
        if user is None:
            return self.get_response(request)  # the API answers 401; nothing to remember
        try:
            return self._once(request, user, key)
        except OperationalError as exc:  # the write lock was not free within the busy timeout
            if is_busy(exc):
                return busy_response(request)
            raise

    def _once(self, request: HttpRequest, user: Any, key: str) -> HttpResponse:
        from planwatch.web.safety.models import IdempotentReply

        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = IdempotentReply.objects.create(user=user, key=key, method=request.method,
                                                         path=request.get_full_path()[:500])
            except IntegrityError:
                row = IdempotentReply.objects.get(user=user, key=key)
                if row.method != request.method or row.path != request.get_full_path()[:500]:
                    return _error(422, "Idempotency-Key 已用于另一请求 the key was used for a different request")
                return _replay(row)
            response = self.get_response(request)
            if response.status_code >= 500 or response.streaming:
                transaction.set_rollback(True)  # not an answer to remember: the retry runs again
                return response
            row.status = response.status_code
            row.content_type = response.get("Content-Type", "")
            row.body = response.content
            row.save(update_fields=["status", "content_type", "body"])
        if row.pk % 100 == 0:  # now and then, forget old keys
            IdempotentReply.objects.filter(created__lt=timezone.now() - dt.timedelta(days=KEEP_DAYS)).delete()
        return response

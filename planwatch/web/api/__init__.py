"""The JSON REST API (django-ninja), mounted at /api/: OpenAPI at /api/openapi.json, docs at /api/docs
(served from the local static files of ninja — no CDN).

Authentication: a bearer token (``Authorization: Bearer pw_...``, for integrations), or the browser
session (with CSRF on writes), or nobody (the public: read-only, published things only).
Errors: 400 bad input / invalid step, 403 not allowed, 404 not visible, 409 stale version.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.permissions import NotVisible, PermissionDenied
from planwatch.web.api.auth import PublicAuth, SessionAuth, TokenAuth
from planwatch.web.busy import busy_response, is_busy
from planwatch.web.errors import ConflictError, ImportRejected
from planwatch.web.history.models import AuditTrailIsReadOnly


class UTF8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8, not \\u escapes: readable in curl and logs, and a third smaller."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=UTF8JSONRenderer(),
    title="PlanWatch 规划实施监测评估 API",
    version="1",
    description="Plans, targets, indicators, observations, the ledger (台账) and the 督办 workflow.",
    auth=[TokenAuth(), SessionAuth(), PublicAuth()],
    urls_namespace="api",
)


def _err(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 403, str(exc) or "无权操作 permission denied")


@api.exception_handler(AuditTrailIsReadOnly)
def _trail(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 403, str(exc))


@api.exception_handler(NotVisible)
def _not_visible(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 404, "未找到 not found")


@api.exception_handler(ObjectDoesNotExist)
def _missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 404, "未找到 not found")


@api.exception_handler(Http404)
def _http404(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 404, "未找到 not found")


@api.exception_handler(ConflictError)
def _conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 409, str(exc))


@api.exception_handler(ImportRejected)
def _import(request: HttpRequest, exc: ImportRejected) -> HttpResponse:
    return _err(request, 400, str(exc), errors=[{"row": r, "column": c, "message": m} for r, c, m in exc.errors])


@api.exception_handler(OperationalError)
def _database(request: HttpRequest, exc: Exception) -> HttpResponse:
    if is_busy(exc):
        return busy_response(request)
    raise exc


@api.exception_handler(PlanWatchError)
def _bad_input(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _err(request, 400, str(exc))


from planwatch.web.api import data, history, jobs, ledger, plans, session  # noqa: E402

api.add_router("/auth", session.router, tags=["auth 认证"])
api.add_router("/", plans.router, tags=["plans 规划"])
api.add_router("/", data.router, tags=["data 指标数据"])
api.add_router("/", ledger.router, tags=["ledger 台账"])
api.add_router("/history", history.router, tags=["history 审计记录"])
api.add_router("/", jobs.router, tags=["jobs 后台任务"])

from planwatch.web.registers.api import router as registers_router  # noqa: E402

api.add_router("/registers", registers_router, tags=["registers 名录与项目库"])

from planwatch.web.cycle import api as cycle_api  # noqa: E402

api.add_router("/", cycle_api.router, tags=["cycle 监测周期"])

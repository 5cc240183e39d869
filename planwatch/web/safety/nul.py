"""Refuse a request whose parameters or JSON body hold a NUL character: PostgreSQL text cannot
store one (SQLite can), so without this check the same input would be a 500 on one store and
stored on the other. A clear 400 on both instead."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

MESSAGE = "请求中含有空字符（NUL），已拒绝 the request contains a NUL character"


def _has_nul(request: HttpRequest) -> bool:
    if any("\x00" in v for values in request.GET.lists() for v in values[1]):
        return True
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH"):
        if content_type == "application/json":
            body = request.body
            return b"\x00" in body or b"\\u0000" in body
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any("\x00" in v for values in request.POST.lists() for v in values[1])
    return False


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

"""GET /plans/<id>/report/?kind=progress|midterm&as_of=YYYY-MM-DD&format=docx|pdf|html — the report
file of a stored plan, generated on request from the current data.

Who may download is decided by ``permissions.can_download_report``; a plan the user cannot see is a
404 (its existence is not revealed), a visible plan without the right is a 403.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from planwatch.errors import PlanWatchError
from planwatch.reports.pdf import find_converter
from planwatch.web.accounts.permissions import can_download_report, visible_plans
from planwatch.web.plans.models import Plan
from planwatch.web.reports.options import (
    CONTENT_TYPES,
    ascii_file_name,
    file_name,
    parse_as_of,
    parse_format,
    parse_kind,
)
from planwatch.web.reports.service import latest_draft, report_bytes


def _text(status: int, message: str) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def content_disposition(name: str, fallback: str) -> str:
    """RFC 6266: an ASCII fallback name and the real (Chinese) name percent-encoded in UTF-8."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@require_GET
def plan_report(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plans(request.user, Plan.objects.filter(pk=pk)).select_related("current_version").first()
    if plan is None:
        raise Http404("没有该规划 no such plan")
    if not can_download_report(request.user, plan):
        return _text(403, "无权下载该规划的评估报告 you may not download this plan's reports")
    try:
        kind = parse_kind(request.GET.get("kind", "progress"))
        fmt = parse_format(request.GET.get("format", "docx"))
        as_of = parse_as_of(request.GET["as_of"]) if request.GET.get("as_of") else None
    except PlanWatchError as exc:
        return _text(400, str(exc))
    if fmt == "pdf" and find_converter() is None:
        return _text(503, "服务器未安装 LibreOffice，无法生成 PDF / PDF needs LibreOffice on the server; "
                          "choose format=docx or html")
    if plan.current_version_id is None:
        return _text(409, "该规划尚无生效版本 the plan has no live version yet")
    if as_of is None:  # the date the office chose for its latest text, else today
        draft = latest_draft(plan, kind)
        as_of = draft.as_of if draft is not None else date.today()
    try:
        data = report_bytes(plan, kind, as_of, fmt)
    except PlanWatchError as exc:
        return _text(500 if fmt == "pdf" else 400, str(exc))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(file_name(plan.title, plan.pk, kind, as_of, fmt),
                                                          ascii_file_name(plan.pk, kind, as_of, fmt))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

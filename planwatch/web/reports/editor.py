"""GET/POST /plans/<id>/report/text/?kind=midterm — the planning office writes each section of a
report (the computed text offered as a start), the as-of date, 主送机关 and 成文日期. Every save is a
new version (``ReportDraft``); the report files use the latest. Only the office may open or save it.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from planwatch.errors import PlanWatchError
from planwatch.reports.content import NARRATIVE_SECTIONS
from planwatch.reports.layout import computed_sections
from planwatch.web.accounts.permissions import is_admin, visible_plans
from planwatch.web.plans.models import Plan
from planwatch.web.reports.models import ReportDraft
from planwatch.web.reports.options import parse_as_of, parse_kind
from planwatch.web.reports.service import build_content, latest_draft

MAX_SECTION_CHARS = 20000


def _text(status: int, message: str) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@require_http_methods(["GET", "POST"])
def report_text(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plans(request.user, Plan.objects.filter(pk=pk)).first()
    if plan is None:
        raise Http404("没有该规划")
    if not is_admin(request.user):
        return _text(403, "只有规划处可以撰写报告文稿")
    try:
        kind = parse_kind(request.GET.get("kind", "midterm"))
    except PlanWatchError as exc:
        return _text(400, str(exc))
    draft = latest_draft(plan, kind)
    if request.method == "POST":
        try:
            as_of = parse_as_of(request.POST.get("as_of", ""))
            issued_on = parse_as_of(request.POST["issued_on"]) if request.POST.get("issued_on") else None
        except PlanWatchError:
            return _text(400, "日期应为 年-月-日，例如 2008-12-31")
        sections = {key: request.POST.get(key, "").strip()[:MAX_SECTION_CHARS] for key in NARRATIVE_SECTIONS}
        with transaction.atomic():
            number = (ReportDraft.objects.select_for_update().filter(plan=plan, kind=kind)
                      .aggregate(n=Max("number"))["n"] or 0) + 1
            ReportDraft.objects.create(plan=plan, kind=kind, number=number, as_of=as_of, issued_on=issued_on,
                                       recipient=request.POST.get("recipient", "").strip()[:200],
                                       sections=sections, author=request.user)
        return redirect(f"{request.path}?kind={kind}")
    as_of = draft.as_of if draft else (date(plan.period_end, 12, 31) if plan.period_end and
                                        date(plan.period_end, 12, 31) < date.today() else date.today())
    if request.GET.get("as_of"):
        try:
            as_of = parse_as_of(request.GET["as_of"])
        except PlanWatchError as exc:
            return _text(400, str(exc))
    if plan.current_version_id is None:
        return _text(409, "该规划尚无生效版本")
    content = build_content(plan, kind, as_of)
    saved = draft.narrative() if draft else {}
    computed = computed_sections(content)
    sections = [{"key": key, "title": title, "text": saved.get(key) or "\n".join(computed[key]),
                 "written": bool(saved.get(key))} for key, title in NARRATIVE_SECTIONS.items()]
    history = ReportDraft.objects.filter(plan=plan, kind=kind).select_related("author").order_by("-number")[:50]
    return render(request, "reports/text.html", {
        "plan": plan, "kind": kind, "as_of": as_of, "sections": sections, "history": history,
        "recipient": draft.recipient if draft else "", "issued_on": draft.issued_on if draft else None,
        "kinds": ReportDraft.KINDS})

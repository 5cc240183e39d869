"""JSON API of the monitoring cycle: reporting rounds and their reports, 催办, the 考核 ranking,
rectifications, extension endorsements, the to-do list, self-evaluations per plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema
from ninja.responses import Status

from planwatch.web.accounts.permissions import is_internal, require, unit_ids, visible_tasks
from planwatch.web.api.common import get_visible, user_of
from planwatch.web.cycle import rectifications as R
from planwatch.web.cycle import rounds as RD
from planwatch.web.cycle.extensions import endorse_extension
from planwatch.web.cycle.models import Rectification, ReportingRound, RoundReport
from planwatch.web.cycle.permissions import reads_all_cycle, visible_unit_rows
from planwatch.web.cycle.scoring import ranking, ranking_dict
from planwatch.web.cycle.selfeval import self_evaluations_for_plan
from planwatch.web.cycle.todo import todo_items
from planwatch.web.ledger.models import ExtensionRequest, LedgerTask
from planwatch.web.plans.models import Plan

OFFICE_ONLY = "只有规划处和领导可以查看"


def _signed_in(request: Any) -> None:
    """Everything here is internal work: the public is refused (403), not shown an empty list."""
    require(is_internal(user_of(request)), "内部信息，请登录")


router = Router()


class RoundIn(Schema):
    title: str
    frequency: str
    period_label: str
    due: dt.date
    plan_id: int | None = None
    task_type: str = ""
    kind: str = "progress"


class RoundOut(Schema):
    id: int
    title: str
    kind: str
    frequency: str
    period_label: str
    plan_id: int | None
    task_type: str
    due: dt.date
    closed: bool


class ReportOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit: str
    state: str
    state_zh: str
    submitted_at: dt.datetime | None
    quality: int | None
    reminders: int


def _report_out(r: RoundReport) -> dict[str, Any]:
    s = RD.report_state(r, r.round.due)
    return {"id": r.pk, "round_id": r.round_id, "unit_id": r.unit_id, "unit": r.unit.name, "state": s.code,
            "state_zh": s.zh, "submitted_at": r.submitted_at, "quality": r.quality, "reminders": r.reminders}


def _rounds(user: Any) -> Any:
    if reads_all_cycle(user):
        return ReportingRound.objects.all()
    return ReportingRound.objects.filter(reports__unit_id__in=unit_ids(user)).distinct()


@router.get("/rounds", response=list[RoundOut])
def list_rounds(request: Any) -> Any:
    _signed_in(request)
    return list(_rounds(user_of(request))[:500])


@router.post("/rounds", response={201: RoundOut})
def open_round(request: Any, body: RoundIn) -> Status:
    _signed_in(request)
    plan = get_visible(Plan.objects.all(), body.plan_id) if body.plan_id else None
    return Status(201, RD.open_round(user_of(request), title=body.title, frequency=body.frequency,
                                     period_label=body.period_label, due=body.due, plan=plan,
                                     task_type=body.task_type, kind=body.kind))


@router.get("/rounds/{int:round_id}/reports", response=list[ReportOut])
def round_reports(request: Any, round_id: int) -> Any:
    """Who has and has not reported (units see only their own rows)."""
    _signed_in(request)
    user = user_of(request)
    rnd = get_visible(_rounds(user), round_id)
    return [_report_out(r) for r in visible_unit_rows(user, rnd.reports.select_related("round", "unit"))]


class SubmitIn(Schema):
    text: str
    items: list[dict[str, Any]] = []


@router.post("/round-reports/{int:report_id}/submit", response=ReportOut)
def submit_report(request: Any, report_id: int, body: SubmitIn) -> Any:
    _signed_in(request)
    user = user_of(request)
    report = get_visible(visible_unit_rows(user, RoundReport.objects.select_related("round", "unit")), report_id)
    return _report_out(RD.submit_report(user, report, body.text, body.items))


@router.post("/rounds/{int:round_id}/remind")
def remind(request: Any, round_id: int) -> dict[str, int]:
    """催办 the units that have not reported."""
    _signed_in(request)
    rnd = get_visible(ReportingRound.objects.all(), round_id)
    return {"reminded": RD.remind(user_of(request), rnd)}


@router.get("/assessment/{int:year}")
def assessment(request: Any, year: int) -> dict[str, Any]:
    """The year's 考核 ranking with every unit's scored items and the computation in words."""
    _signed_in(request)
    require(reads_all_cycle(user_of(request)), OFFICE_ONLY)
    return ranking_dict(ranking(year))


class RectificationOut(Schema):
    id: int
    source: str
    title: str
    detail: str
    unit_id: int
    due: dt.date
    state: str
    response: str


@router.get("/rectifications", response=list[RectificationOut])
def list_rectifications(request: Any) -> Any:
    _signed_in(request)
    return list(visible_unit_rows(user_of(request), Rectification.objects.all())[:500])


class RespondIn(Schema):
    response: str


@router.post("/rectifications/{int:rect_id}/respond", response=RectificationOut)
def respond(request: Any, rect_id: int, body: RespondIn) -> Rectification:
    _signed_in(request)
    user = user_of(request)
    return R.respond(user, get_visible(visible_unit_rows(user, Rectification.objects.all()), rect_id), body.response)


class CloseIn(Schema):
    accept: bool
    comment: str = ""


@router.post("/rectifications/{int:rect_id}/close", response=RectificationOut)
def close(request: Any, rect_id: int, body: CloseIn) -> Rectification:
    _signed_in(request)
    user = user_of(request)
    return R.close(user, get_visible(visible_unit_rows(user, Rectification.objects.all()), rect_id), body.accept,
                   body.comment)


class EndorseIn(Schema):
    agree: bool
    comment: str = ""


@router.post("/extensions/{int:request_id}/endorse")
def endorse(request: Any, request_id: int, body: EndorseIn) -> dict[str, Any]:
    """The unit leader agrees to (or refuses) a reporter's extension request before the office decides."""
    _signed_in(request)
    user = user_of(request)
    req = get_visible(ExtensionRequest.objects.select_related("task")
                      .filter(task__in=visible_tasks(user, LedgerTask.objects.all())), request_id)
    e = endorse_extension(user, req, body.agree, body.comment)
    return {"request_id": req.pk, "endorsed": e.endorsed, "comment": e.comment}


@router.get("/todo")
def todo(request: Any) -> list[dict[str, str]]:
    _signed_in(request)
    return [it.__dict__ for it in todo_items(user_of(request))]


@router.get("/plans/{int:plan_id}/self-evaluations")
def self_evaluations(request: Any, plan_id: int) -> list[dict[str, Any]]:
    _signed_in(request)
    require(reads_all_cycle(user_of(request)), OFFICE_ONLY)
    plan = get_visible(Plan.objects.all(), plan_id)
    return [e.__dict__ | {"submitted_on": e.submitted_on.isoformat() if e.submitted_on else None}
            for e in self_evaluations_for_plan(plan)]

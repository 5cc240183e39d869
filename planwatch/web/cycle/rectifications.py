"""整改: the office turns an audit finding or a lagging indicator into a rectification of a unit
(assign), the unit responds, the office closes it or sends it back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from planwatch.web.accounts.models import ROLE_LEADER, ROLE_REPORTER, Unit
from planwatch.web.accounts.permissions import can_supervise, require
from planwatch.web.cycle.models import Rectification
from planwatch.web.cycle.permissions import can_report_for_unit
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.history.recorder import record_action
from planwatch.web.ledger.workflow import _admins, _unit_users, notify

LAGGING = ("slightly_behind", "lagging", "seriously_lagging", "regressing")


def _check(unit: Unit, due: dt.date, title: str) -> None:
    if not unit.active:
        raise InvalidInput("单位已停用")
    if not title.strip():
        raise InvalidInput("整改事项名称为空")
    if due < timezone.localdate():
        raise InvalidInput("整改期限不能早于今天")


@transaction.atomic
def create_rectification(user: Any, *, source: str, title: str, detail: str, unit: Unit, due: dt.date,
                         plan: Any | None = None, target: Any | None = None, finding_rule: str = "",
                         ) -> Rectification:
    """Assign a rectification to a unit and notify it."""
    require(can_supervise(user), "只有规划处可以交办整改")
    if source not in dict(Rectification.SOURCES):
        raise InvalidInput("整改来源无效")
    _check(unit, due, title)
    r = Rectification.objects.create(source=source, title=title.strip()[:300], detail=detail.strip(), unit=unit,
                                     due=due, plan=plan, target=target, finding_rule=finding_rule[:60],
                                     created_by=user)
    record_action(r, "assign", unit=unit.name)
    notify(_unit_users({unit.pk}, (ROLE_REPORTER, ROLE_LEADER)), None, "rectification_assigned",
           f"新交办整改事项：{r.title}，期限{due.isoformat()}")
    return r


def from_finding(user: Any, version: Any, finding: dict[str, Any], unit: Unit, due: dt.date) -> Rectification:
    """A finding of the plan version's audit (``planwatch.web.ui.audits``) as a rectification."""
    message = str(finding.get("message_zh") or finding.get("message") or "")
    quotes = "；".join(f"「{r.get('quote', '')[:60]}」" for r in finding.get("records", []) if r.get("quote"))
    return create_rectification(user, source="audit", title=f"规划核验问题整改：{message[:120]}",
                                detail=f"{message}\n{quotes}".strip(), unit=unit, due=due, plan=version.plan,
                                finding_rule=str(finding.get("rule", "")))


def from_target(user: Any, view: Any, unit: Unit, due: dt.date) -> Rectification:
    """A lagging target (its verdict ``view`` from ``planwatch.web.ui.assessments``) as a rectification."""
    if view.status not in LAGGING:
        raise InvalidInput("该指标未滞后，无需整改")
    t = view.target
    lines = [f"评估结论：{view.status_zh}"]
    if view.assessment is not None and view.assessment.explanation_zh:
        lines.append(view.assessment.explanation_zh)
    return create_rectification(user, source="indicator", title=f"指标滞后整改：{t.indicator_text}",
                                detail="\n".join(lines), unit=unit, due=due, plan=t.version.plan, target=t)


@transaction.atomic
def respond(user: Any, r: Rectification, text: str) -> Rectification:
    """The unit reports what it did; the office is told."""
    require(can_report_for_unit(user, r.unit_id), "只有责任单位可以反馈整改")
    r = Rectification.objects.select_for_update().get(pk=r.pk)
    if r.state != Rectification.OPEN:
        raise WorkflowError("整改事项当前不能反馈")
    if not text.strip():
        raise InvalidInput("整改反馈为空")
    r.response, r.responded_by, r.responded_at, r.state = text.strip(), user, timezone.now(), Rectification.RESPONDED
    r.save()
    record_action(r, "respond")
    notify(_admins(), None, "rectification_responded", f"整改已反馈：{r.title}（{r.unit.name}）")
    return r


@transaction.atomic
def close(user: Any, r: Rectification, accept: bool, comment: str = "") -> Rectification:
    """The office closes (销号) a responded rectification, or sends it back with a reason."""
    require(can_supervise(user), "只有规划处可以整改销号")
    r = Rectification.objects.select_for_update().get(pk=r.pk)
    if r.state != Rectification.RESPONDED:
        raise WorkflowError("整改尚未反馈，不能处理")
    if not accept and not comment.strip():
        raise InvalidInput("退回须说明原因")
    r.close_comment = comment.strip()
    if accept:
        r.state, r.closed_at = Rectification.CLOSED, timezone.now()
    else:
        r.state = Rectification.OPEN
    r.save()
    record_action(r, "close" if accept else "return", comment)
    notify(_unit_users({r.unit_id}, (ROLE_REPORTER, ROLE_LEADER)), None, "rectification_decided",
           f"整改已销号：{r.title}" if accept else f"整改被退回：{r.title}。原因：{comment.strip()}")
    return r

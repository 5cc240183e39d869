"""The to-do centre: what waits for the signed-in user, per role, from the ledger, the reporting
rounds, the rectifications and the extension requests; plus the 退回交办 still to be reassigned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_REPORTER
from planwatch.web.accounts.permissions import role_of, unit_ids
from planwatch.web.cycle.models import ExtensionEndorsement, Rectification, RoundReport
from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger.models import ASSIGNED, DONE, ExtensionRequest, LedgerTask, ProgressUpdate


@dataclass(frozen=True)
class TodoItem:
    group: str  # heading on the page
    title: str
    detail: str
    url: str
    level: str  # red | yellow | info


def pending_declines(task_ids: Iterable[int] | None = None) -> dict[int, Any]:
    """Tasks a unit returned at 交办 (退回交办) and the office has not assigned again: task id →
    reason, when, unit. Read from the audit trail, where both steps are recorded."""
    entries = AuditEntry.objects.filter(model="ledger.ledgertask", action="action",
                                        after__action__in=["decline", "assign"])
    if task_ids is not None:
        entries = entries.filter(object_id__in=[str(i) for i in task_ids])
    else:
        declined = AuditEntry.objects.filter(model="ledger.ledgertask", action="action", after__action="decline")
        entries = entries.filter(object_id__in=declined.values("object_id"))
    latest: dict[int, Any] = {}
    for e in entries.order_by("at", "id"):
        latest[int(e.object_id)] = e
    open_ids = set(LedgerTask.objects.filter(pk__in=list(latest), state=ASSIGNED).values_list("pk", flat=True))
    names = dict(LedgerTask.objects.filter(pk__in=open_ids).values_list("pk", "lead_unit__name"))
    return {pk: SimpleNamespace(reason=e.comment, at=e.at, unit=names.get(pk, ""), actor=e.actor_name)
            for pk, e in latest.items() if pk in open_ids and e.after.get("action") == "decline"}


def _round_items(units: set[int], today: dt.date) -> list[TodoItem]:
    out = []
    for r in (RoundReport.objects.filter(unit_id__in=units, submitted_at__isnull=True, round__closed=False)
              .select_related("round", "unit").order_by("round__due")):
        late = today > r.round.due
        word = f"已逾期{(today - r.round.due).days}天" if late else f"期限{r.round.due.isoformat()}"
        out.append(TodoItem("待报送", f"{r.round.title}（{r.round.period_label}）", f"{r.unit.name} · {word}",
                            reverse("cycle:round_report", args=[r.pk]), "red" if late else "yellow"))
    return out


def _unit_items(user: Any, role: str, today: dt.date) -> list[TodoItem]:
    units = unit_ids(user)
    items = _round_items(units, today)
    declined = pending_declines(LedgerTask.objects.filter(lead_unit_id__in=units, state=ASSIGNED)
                                .values_list("pk", flat=True))
    for t in LedgerTask.objects.filter(lead_unit_id__in=units, state=ASSIGNED).order_by("deadline", "id")[:100]:
        if t.pk in declined:
            continue
        items.append(TodoItem("待承办", t.title, f"期限{t.deadline.isoformat() if t.deadline else '未定'}",
                              reverse("ledger:task", args=[t.pk]), "info"))
    for rc in Rectification.objects.filter(unit_id__in=units, state=Rectification.OPEN).order_by("due"):
        items.append(TodoItem("待整改", rc.title, f"期限{rc.due.isoformat()}", reverse("cycle:rectification", args=[rc.pk]),
                              "red" if today > rc.due else "yellow"))
    if role == ROLE_LEADER:
        n = ProgressUpdate.objects.filter(unit_id__in=units, review=ProgressUpdate.PENDING).count()
        if n:
            items.append(TodoItem("待审批", f"{n}条进展待审批", "审批后规划处才能看到", reverse("ledger:approvals"), "yellow"))
        endorsed = ExtensionEndorsement.objects.values("request_id")
        for req in (ExtensionRequest.objects.filter(task__lead_unit_id__in=units, decision=ExtensionRequest.PENDING)
                    .exclude(pk__in=endorsed).select_related("task")):
            items.append(TodoItem("延期申请待审核", req.task.title,
                                  f"申请延至{req.new_deadline.isoformat()}。理由：{req.reason}",
                                  reverse("ledger:task", args=[req.task_id]), "yellow"))
    return items


def _office_items(today: dt.date) -> list[TodoItem]:
    from planwatch.web.cycle.models import ReportingRound

    items = []
    for t_id, d in pending_declines().items():
        items.append(TodoItem("退回交办", LedgerTask.objects.get(pk=t_id).title, f"{d.unit}退回。退回原因：{d.reason}",
                              reverse("ledger:task", args=[t_id]), "red"))
    for req in (ExtensionRequest.objects.filter(decision=ExtensionRequest.PENDING, endorsement__endorsed=True)
                .select_related("task__lead_unit")):
        items.append(TodoItem("延期待审批", req.task.title,
                              f"{req.task.lead_unit.name}申请延至{req.new_deadline.isoformat()}（单位负责人已同意）",
                              reverse("ledger:task", args=[req.task_id]), "yellow"))
    for t in LedgerTask.objects.filter(state=DONE).select_related("lead_unit").order_by("updated")[:100]:
        items.append(TodoItem("待销号", t.title, f"{t.lead_unit.name}申请办结（进度{t.percent}%）",
                              reverse("ledger:task", args=[t.pk]), "info"))
    for rnd in ReportingRound.objects.filter(closed=False).order_by("due"):
        total = rnd.reports.count()
        missing = rnd.reports.filter(submitted_at__isnull=True).count()
        if missing:
            items.append(TodoItem("报送未齐", f"{rnd.title}（{rnd.period_label}）", f"已报{total - missing}/{total}，期限{rnd.due.isoformat()}",
                                  reverse("cycle:round", args=[rnd.pk]), "red" if today > rnd.due else "info"))
    for rc in Rectification.objects.filter(state=Rectification.RESPONDED).select_related("unit"):
        items.append(TodoItem("整改待销号", rc.title, f"{rc.unit.name}已反馈", reverse("cycle:rectification", args=[rc.pk]),
                              "info"))
    return items


def todo_items(user: Any) -> list[TodoItem]:
    """Everything waiting for ``user``; empty for leadership viewers and the public."""
    today = timezone.localdate()
    role = role_of(user)
    if role == ROLE_ADMIN:
        return _office_items(today)
    if role in (ROLE_REPORTER, ROLE_LEADER):
        return _unit_items(user, role, today)
    return []


def unread_count(user: Any) -> int:
    from planwatch.web.ledger.models import Notification

    return Notification.objects.filter(Q(user=user) & Q(read=False)).count()

"""The unit leader's part in an extension request (延期申请): a reporter's request reaches the office
only once the leader of the lead unit agrees; a leader's refusal ends it with the reason given."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from planwatch.web.accounts.models import ROLE_LEADER
from planwatch.web.accounts.permissions import require, role_of, unit_ids
from planwatch.web.cycle.models import ExtensionEndorsement
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.history.recorder import record_action
from planwatch.web.ledger.models import ExtensionRequest
from planwatch.web.ledger.workflow import _admins, notify


def can_endorse(user: Any, req: ExtensionRequest) -> bool:
    return role_of(user) == ROLE_LEADER and req.task.lead_unit_id in unit_ids(user)


def awaiting_endorsement(req: ExtensionRequest) -> bool:
    return req.decision == ExtensionRequest.PENDING and not ExtensionEndorsement.objects.filter(request=req).exists()


@transaction.atomic
def endorse_extension(user: Any, req: ExtensionRequest, agree: bool, comment: str = "") -> ExtensionEndorsement:
    """The leader agrees (the office is asked next) or refuses (the request is closed as refused)."""
    require(can_endorse(user, req), "只有牵头单位负责人可以审核延期申请")
    req = ExtensionRequest.objects.select_for_update().select_related("task").get(pk=req.pk)
    if req.decision != ExtensionRequest.PENDING or ExtensionEndorsement.objects.filter(request=req).exists():
        raise WorkflowError("该延期申请已审核")
    if not agree and not comment.strip():
        raise InvalidInput("不同意须说明原因")
    e = ExtensionEndorsement.objects.create(request=req, leader=user, endorsed=agree, comment=comment.strip())
    task = req.task
    record_action(task, "endorse_extension" if agree else "refuse_extension_unit", comment,
                  new_deadline=req.new_deadline)
    if agree:
        notify(_admins(), task, "extension_requested",
               f"延期申请（单位负责人已同意）：{task.title}，申请延至{req.new_deadline.isoformat()}。理由：{req.reason}")
    else:
        req.decision = ExtensionRequest.REFUSED
        req.decided_by = user
        req.decided_at = timezone.now()
        req.decision_comment = f"单位负责人不同意：{comment.strip()}"
        req.save()
        notify([req.requested_by], task, "extension_decided",
               f"延期申请未获单位负责人同意：{task.title}。原因：{comment.strip()}")
    return e

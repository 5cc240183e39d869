"""The audit trail, read-only: there is no endpoint that writes, changes or deletes it."""


from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from planwatch.web.accounts.permissions import PermissionDenied, can_read_history, reads_all, visible_history
from planwatch.web.api.common import user_of
from planwatch.web.history.models import AuditEntry

router = Router()


class AuditOut(Schema):
    id: int
    at: Any
    actor_name: str
    action: str
    model: str
    object_id: str
    object_repr: str
    before: Any
    after: Any
    comment: str


@router.get("", response=list[AuditOut])
@paginate
def list_history(request: Any, model: str = "", object_id: str = "", actor: str = "", action: str = "") -> Any:
    """The trail, newest first. Office and leadership read all of it; unit users read the history of
    objects they can see (ask with model= and object_id=)."""
    user = user_of(request)
    if not can_read_history(user):
        raise PermissionDenied("审计记录不公开 the audit trail is internal")
    qs = visible_history(user, AuditEntry.objects.all())
    if not reads_all(user):
        if not (model and object_id):
            raise PermissionDenied("请指定对象 ask for the history of one object (model, object_id)")
        _check_object_visible(user, model, object_id)
    if model:
        qs = qs.filter(model=model)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor:
        qs = qs.filter(actor_name=actor)
    if action:
        qs = qs.filter(action=action)
    return qs


def _check_object_visible(user: Any, model: str, object_id: str) -> None:
    from planwatch.web.accounts import permissions as P
    from planwatch.web.data.models import Indicator, Observation
    from planwatch.web.ledger.models import LedgerTask
    from planwatch.web.plans.models import Plan

    scopes = {
        "ledger.ledgertask": (LedgerTask, P.visible_tasks),
        "data.indicator": (Indicator, P.visible_indicators),
        "data.observation": (Observation, P.visible_observations),
        "plans.plan": (Plan, P.visible_plans),
    }
    if model not in scopes:
        raise PermissionDenied("无权查看该类记录的历史 may not read this history")
    klass, visible = scopes[model]
    if not object_id.isdigit() or not visible(user, klass.objects.all()).filter(pk=int(object_id)).exists():
        from planwatch.web.accounts.permissions import NotVisible

        raise NotVisible()

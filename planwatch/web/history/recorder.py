"""The one mechanism that writes the audit trail: model signals on every business model.

A model takes part by setting ``audited = True`` as a class attribute. ``pre_save`` snapshots the
stored row, ``post_save`` writes the entry with before/after, ``post_delete`` the deletion.
Fixture loading (``raw=True``, used by restore) writes nothing, so a restore does not invent history.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from planwatch.web.history.context import current_actor, current_comment
from planwatch.web.history.models import AuditEntry

LONG_TEXT = 2000  # longer texts (document bodies) are summarised by length and hash


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return f"<{len(value)} chars sha256:{hashlib.sha256(value.encode()).hexdigest()[:16]}>"
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    return value


SECRET_FIELDS = {"password", "key_hash"}  # recorded as changed, never with their value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored field values of a row (foreign keys as ids), JSON-ready; secrets redacted."""
    out: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        value = getattr(instance, f.attname)
        if f.attname in SECRET_FIELDS:
            out[f.attname] = f"<redacted {hashlib.sha256(str(value).encode()).hexdigest()[:8]}>" if value else ""
        else:
            out[f.attname] = _jsonable(value)
    return out


def record(action: str, instance: models.Model, before: dict[str, Any] | None,
           after: dict[str, Any] | None, comment: str = "") -> AuditEntry:
    actor = current_actor()
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else "system"),
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
        comment=comment or current_comment(),
    )


def record_action(instance: models.Model, name: str, comment: str = "", **details: Any) -> AuditEntry:
    """A workflow step (交办, 退办, 销号 ...) that is more than a field change."""
    return record("action", instance, None, {"action": name, **_jsonable(details)}, comment)


def _pre_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kw: Any) -> None:
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None  # type: ignore[attr-defined]


def _post_save(sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False,
               **kw: Any) -> None:
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    if not created and before is not None:
        stamps = {f.attname for f in sender._meta.concrete_fields if getattr(f, "auto_now", False)}
        changed = {k for k in after if before.get(k) != after[k] and k not in stamps}
        if not changed:
            return
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after[k] for k in sorted(changed)}
    record("create" if created else "update", instance, None if created else before, after)


def _post_delete(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    record("delete", instance, snapshot(instance), None)


def _m2m_ids(instance: models.Model, field: str) -> list[Any]:
    return sorted(getattr(instance, field).values_list("pk", flat=True))


def _make_m2m_handler(field: str) -> Any:
    def handler(sender: Any, instance: models.Model, action: str, reverse: bool, pk_set: set[Any] | None,
                **kw: Any) -> None:
        if reverse:  # changed from the other side (e.g. unit.supporting_tasks): rare, recorded on that side
            return
        if action == "pre_clear":
            instance._audit_m2m_before = _m2m_ids(instance, field)  # type: ignore[attr-defined]
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        after = _m2m_ids(instance, field)
        if action == "post_add":
            before = sorted(set(after) - set(pk_set or ()))
        elif action == "post_remove":
            before = sorted(set(after) | set(pk_set or ()))
        else:
            before = getattr(instance, "_audit_m2m_before", [])
        if before != after:
            record("update", instance, {field: before}, {field: after})

    return handler


def connect() -> None:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    for model in apps.get_models():
        if getattr(model, "audited", False) or model is user_model:
            uid = f"audit-{model._meta.label_lower}"
            pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
            post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
            post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")
            for m2m in model._meta.local_many_to_many:
                m2m_changed.connect(_make_m2m_handler(m2m.name), sender=m2m.remote_field.through,
                                    dispatch_uid=f"{uid}-m2m-{m2m.name}", weak=False)


def history_of(instance: models.Model) -> models.QuerySet[AuditEntry]:
    """The trail of one object, newest first."""
    return AuditEntry.objects.filter(model=instance._meta.label_lower, object_id=str(instance.pk))

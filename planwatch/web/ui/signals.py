"""Bump an indicator's change counter when its observations change (see ``IndicatorStamp``).

Fixture loading (restore) counts as a change too. Rows written with ``bulk_create`` send no
signal: code that bulk-inserts observations must call ``bump`` itself (only the bench does)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save


def bump(indicator_id: int) -> None:
    from planwatch.web.ui.models import IndicatorStamp

    if not IndicatorStamp.objects.filter(indicator_id=indicator_id).update(changes=F("changes") + 1):
        IndicatorStamp.objects.get_or_create(indicator_id=indicator_id, defaults={"changes": 1})


def _changed(sender: Any, instance: Any, **kw: Any) -> None:
    bump(instance.indicator_id)


def connect() -> None:
    from planwatch.web.data.models import Observation

    post_save.connect(_changed, sender=Observation, dispatch_uid="ui-indicator-stamp-save")
    post_delete.connect(_changed, sender=Observation, dispatch_uid="ui-indicator-stamp-delete")

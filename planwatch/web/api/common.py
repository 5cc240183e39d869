"""Helpers shared by the API routers."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from planwatch.web.accounts.permissions import NotVisible


def user_of(request: Any) -> Any:
    return request.auth


def get_visible(qs: QuerySet, pk: Any) -> Any:
    """The object if it exists *for this user*; otherwise NotVisible (404), never a hint that it exists."""
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise NotVisible()
    return obj


def model_label(obj: Model) -> str:
    return obj._meta.label_lower

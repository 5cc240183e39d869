"""Helpers shared by the API routers."""

from __future__ import annotations

from collections.abc import Callable
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


class RowPage:
    """A list endpoint's rows as plain dicts (``QuerySet.values()``) for ninja's paginator.

    The paginator counts it (on the plain queryset: counting the annotated rows would wrap them in
    a subquery) and slices it; each slice is completed in bulk by ``complete(rows)`` (e.g. one query
    for the page's many-to-many ids), so a page costs a fixed number of queries and no model
    instances — building those was most of a list request's time.
    """

    def __init__(self, qs: QuerySet, rows: QuerySet,
                 complete: Callable[[list[dict[str, Any]]], None] | None = None) -> None:
        self._qs = qs
        self._rows = rows
        self._complete = complete

    def all(self) -> RowPage:  # the paginator calls ``.all().count()``
        return self

    def count(self) -> int:
        return self._qs.count()

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        rows = list(self._rows[page])
        if rows and self._complete is not None:
            self._complete(rows)
        return rows


def field_of(obj: Any, key: str) -> Any:
    """A field of a model instance or of a ``.values()`` row, for schema resolvers that see both."""
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)

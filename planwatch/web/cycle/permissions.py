"""Who may do what in the monitoring cycle (the rules on top of planwatch.web.accounts.permissions)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_REPORTER, ROLE_VIEWER
from planwatch.web.accounts.permissions import role_of, unit_ids


def reads_all_cycle(user: Any) -> bool:
    """The office and leadership see every unit's reports, scores and rectifications."""
    return role_of(user) in (ROLE_ADMIN, ROLE_VIEWER)


def is_unit_member(user: Any) -> bool:
    return role_of(user) in (ROLE_REPORTER, ROLE_LEADER)


def can_report_for_unit(user: Any, unit_id: int) -> bool:
    """Submit a round report or respond to a rectification: the unit's reporter or leader."""
    return is_unit_member(user) and unit_id in unit_ids(user)


def visible_unit_rows(user: Any, qs: QuerySet, field: str = "unit_id") -> QuerySet:
    """Rows belonging to a unit: all for the office and leadership, own units' for unit members,
    none for the public."""
    if reads_all_cycle(user):
        return qs
    if is_unit_member(user):
        return qs.filter(**{f"{field}__in": unit_ids(user)})
    return qs.none()

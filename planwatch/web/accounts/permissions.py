"""Object permissions: the one place that decides who may see or change what.

Used by the API and by every view. Two kinds of answer:
- ``visible_*(user, qs)`` narrows a queryset to what the user may read (an object outside it is a
  404 for that user: its existence is not revealed);
- ``can_*(user, obj)`` says whether a visible object may be changed (False → 403).

Roles: planning office admin (everything), unit reporter (own unit's tasks, indicators and
observations), unit leader (reads like a reporter of the unit and its sub-units, approves their
submissions), leadership viewer (reads everything, writes nothing), public (anonymous: published
plans and public indicators only, never internal notes, drafts or evidence).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from planwatch.web.accounts.models import (
    ROLE_ADMIN,
    ROLE_LEADER,
    ROLE_PUBLIC,
    ROLE_REPORTER,
    ROLE_VIEWER,
    Membership,
)


class PermissionDenied(Exception):
    """The object is visible to the user but the action is not allowed (→ 403)."""


class NotVisible(Exception):
    """The object does not exist for this user (→ 404)."""


def role_of(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ROLE_PUBLIC
    if user.is_superuser:
        return ROLE_ADMIN
    m = _membership(user)
    return m.role if m is not None else ROLE_PUBLIC


def _membership(user: Any) -> Membership | None:
    cached = getattr(user, "_pw_membership", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    m = Membership.objects.select_related("unit").filter(user=user).first()
    user._pw_membership = m
    return m


def remember_membership(user: Any, membership: Membership | None) -> None:
    """Cache a membership the caller has already loaded (the API token lookup joins it): one query
    less per request. The role rules below are the same either way."""
    user._pw_membership = membership


def unit_ids(user: Any) -> set[int]:
    """Units whose business the user handles: a reporter's own unit; a leader's unit and sub-units."""
    cached = getattr(user, "_pw_unit_ids", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    m = _membership(user) if getattr(user, "is_authenticated", False) else None
    ids: set[int] = set()
    if m is not None and m.unit is not None:
        ids = m.unit.descendant_ids() if m.role == ROLE_LEADER else {m.unit.pk}
    user._pw_unit_ids = ids
    return ids


def is_admin(user: Any) -> bool:
    return role_of(user) == ROLE_ADMIN


def reads_all(user: Any) -> bool:
    return role_of(user) in (ROLE_ADMIN, ROLE_VIEWER)


def is_internal(user: Any) -> bool:
    """Anyone signed in with a role; sees internal notes of what they can read."""
    return role_of(user) != ROLE_PUBLIC


# ---- plans --------------------------------------------------------------------------------------

def visible_plans(user: Any, qs: QuerySet) -> QuerySet:
    if is_internal(user):
        return qs
    return qs.filter(published=True, current_version__isnull=False)


def visible_versions(user: Any, qs: QuerySet) -> QuerySet:
    """Drafts (versions in review) are internal; the public sees only the live version of published plans."""
    if is_internal(user):
        return qs
    return qs.filter(plan__published=True, status="live")


def visible_records(user: Any, qs: QuerySet) -> QuerySet:
    """Targets, facts, tasks, projects of plan versions."""
    if is_internal(user):
        return qs
    return qs.filter(version__plan__published=True, version__status="live").exclude(review_state="rejected")


def can_edit_plans(user: Any) -> bool:
    return is_admin(user)


# ---- indicators and observations -----------------------------------------------------------------

def visible_indicators(user: Any, qs: QuerySet) -> QuerySet:
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs
    if role == ROLE_PUBLIC:
        return qs.filter(public=True)
    return qs.filter(Q(responsible_unit_id__in=unit_ids(user)) | Q(public=True))


def visible_observations(user: Any, qs: QuerySet) -> QuerySet:
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs
    if role == ROLE_PUBLIC:
        return qs.filter(indicator__public=True)
    units = unit_ids(user)
    return qs.filter(Q(indicator__responsible_unit_id__in=units) | Q(reporting_unit_id__in=units)
                     | Q(indicator__public=True))


def can_edit_indicator_data(user: Any, indicator: Any) -> bool:
    """May record observations of this indicator."""
    role = role_of(user)
    if role == ROLE_ADMIN:
        return True
    return role == ROLE_REPORTER and indicator.responsible_unit_id in unit_ids(user)


def can_edit_indicator(user: Any) -> bool:
    return is_admin(user)


# ---- ledger --------------------------------------------------------------------------------------

def visible_tasks(user: Any, qs: QuerySet) -> QuerySet:
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs
    if role == ROLE_PUBLIC:
        return qs.filter(plan__published=True)
    units = unit_ids(user)
    # A subquery instead of a join: no DISTINCT, so counts and pages stay cheap on large ledgers.
    through = qs.model.supporting_units.through
    supported = through.objects.filter(unit_id__in=units).values("ledgertask_id")
    return qs.filter(Q(lead_unit_id__in=units) | Q(id__in=supported))


def _task_units(task: Any) -> set[int]:
    return {task.lead_unit_id, *task.supporting_units.values_list("id", flat=True)}


def can_edit_task(user: Any, task: Any) -> bool:
    """Change the task itself (title, units, deadline): the office only."""
    return is_admin(user)


def can_report_on_task(user: Any, task: Any) -> bool:
    """Submit progress: reporters of the lead or a supporting unit."""
    return role_of(user) == ROLE_REPORTER and bool(_task_units(task) & unit_ids(user))


def can_act_for_lead_unit(user: Any, task: Any) -> bool:
    """Accept (承办), declare done (办结), ask for an extension: reporter or leader of the lead unit."""
    return role_of(user) in (ROLE_REPORTER, ROLE_LEADER) and task.lead_unit_id in unit_ids(user)


def can_review_update(user: Any, update: Any) -> bool:
    """Approve or return a progress update: the leader of the submitting unit."""
    return role_of(user) == ROLE_LEADER and update.unit_id in unit_ids(user)


def visible_assignments(user: Any, qs: QuerySet) -> QuerySet:
    """Target decomposition (目标分解): the office and leadership see every unit's share; a unit's
    reporters and leaders see their own units' shares; the public none (it is internal work)."""
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs
    if role == ROLE_PUBLIC:
        return qs.none()
    return qs.filter(unit_id__in=unit_ids(user))


def can_supervise(user: Any) -> bool:
    """督办 by the office: assign, return (退办), close (销号), decide extensions."""
    return is_admin(user)


def visible_updates(user: Any, qs: QuerySet) -> QuerySet:
    """The office and viewers see updates only after approval; units see their own; public: approved
    updates of published plans (served without evidence)."""
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs.filter(review="approved")
    if role == ROLE_PUBLIC:
        return qs.filter(review="approved", task__plan__published=True)
    return qs.filter(unit_id__in=unit_ids(user))


def can_see_evidence(user: Any, update: Any) -> bool:
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return update.review == "approved"
    if role == ROLE_PUBLIC:
        return False
    return update.unit_id in unit_ids(user)


def can_read_history(user: Any) -> bool:
    return is_internal(user)


def require(allowed: bool, message: str = "无权操作 permission denied") -> None:
    if not allowed:
        raise PermissionDenied(message)


# ---- reports -------------------------------------------------------------------------------------

def can_download_report(user: Any, plan: Any) -> bool:
    """Progress and mid-term reports carry internal material (the sources' remarks on observations,
    responsible units, overdue tasks), so: the office and leadership, and the leaders and reporters
    of units with work in the plan (a ledger task they lead or support, or a target decomposed to
    them). Never the public, even for a published plan."""
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return True
    if role not in (ROLE_LEADER, ROLE_REPORTER):
        return False
    units = unit_ids(user)
    if not units:
        return False
    from planwatch.web.ledger.models import LedgerTask, TargetAssignment

    tasks = LedgerTask.objects.filter(Q(plan=plan) | Q(plan_task__version__plan=plan))
    through = LedgerTask.supporting_units.through
    supported = through.objects.filter(unit_id__in=units).values("ledgertask_id")
    if tasks.filter(Q(lead_unit_id__in=units) | Q(id__in=supported)).exists():
        return True
    return TargetAssignment.objects.filter(target__version__plan=plan, unit_id__in=units).exists()


# ---- registers (企业名录, 重点项目库, counting rules) ------------------------------------------------------

def can_manage_registers(user: Any) -> bool:
    """Enterprises, project records, counting rules, publication: the planning office."""
    return is_admin(user)


def can_read_enterprises(user: Any) -> bool:
    """The enterprise register names firms and their revenue: the office and leadership only."""
    return reads_all(user)


def visible_project_records(user: Any, qs: QuerySet) -> QuerySet:
    """The office and leadership see every project; units the projects they own; the public none
    (it sees published counts only)."""
    role = role_of(user)
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        return qs
    if role == ROLE_PUBLIC:
        return qs.none()
    return qs.filter(owner_unit_id__in=unit_ids(user))


def can_report_project(user: Any, project: Any) -> bool:
    """Yearly investment of a project: the reporters of its owner unit (through its ledger task)."""
    return role_of(user) == ROLE_REPORTER and project.owner_unit_id in unit_ids(user)


def visible_count_rules(user: Any, qs: QuerySet) -> QuerySet:
    """Rules and their counts: staff see all; the public only published ones."""
    if is_internal(user):
        return qs
    return qs.filter(published=True)

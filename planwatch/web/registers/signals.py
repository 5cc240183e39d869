"""Targets counted from the project register follow it: when a project's investment report is
approved (or recorded by the office) or one of its milestones is done, the project rules are
recomputed once the transaction commits (as the system account; the trail names it)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save


def refeed_projects() -> int:
    from planwatch.web.accounts.system import system_user
    from planwatch.web.history.context import acting_as
    from planwatch.web.registers.counting import feed_all

    user = system_user()
    with acting_as(user, "重点项目库变化后重新计算"):
        return feed_all(user, "project")


def _schedule() -> None:
    from planwatch.web.registers.models import CountRule

    if CountRule.objects.filter(register="project").exists():
        transaction.on_commit(refeed_projects)


def _update_saved(sender: Any, instance: Any, created: bool, **kw: Any) -> None:
    if not kw.get("raw") and instance.review == "approved" and hasattr(instance, "investment"):
        _schedule()


def _milestone_saved(sender: Any, instance: Any, created: bool, **kw: Any) -> None:
    if not kw.get("raw") and instance.done_on is not None and hasattr(instance.task, "project_record"):
        _schedule()


def _investment_saved(sender: Any, instance: Any, created: bool, **kw: Any) -> None:
    if not kw.get("raw") and instance.update_id is None:
        _schedule()


def connect() -> None:
    from planwatch.web.ledger.models import Milestone, ProgressUpdate
    from planwatch.web.registers.models import InvestmentReport

    post_save.connect(_update_saved, sender=ProgressUpdate, dispatch_uid="registers-update")
    post_save.connect(_milestone_saved, sender=Milestone, dispatch_uid="registers-milestone")
    post_save.connect(_investment_saved, sender=InvestmentReport, dispatch_uid="registers-investment")

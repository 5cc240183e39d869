"""Mid-term self-evaluation (中期自评): in a ``self_evaluation`` round each unit rates its own tasks and
targets; the office reads them compiled per plan (``self_evaluations_for_plan`` is what the mid-term
report pulls in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from planwatch.web.cycle.models import RATINGS, RoundReport, SelfEvaluationItem
from planwatch.web.errors import InvalidInput
from planwatch.web.ledger.models import LedgerTask, TargetAssignment
from planwatch.web.plans.models import Target


def subject_tasks(report: RoundReport) -> list[LedgerTask]:
    """The unit's tasks a self-evaluation covers: those it leads in the round's plan (all plans when none)."""
    qs = LedgerTask.objects.filter(lead_unit_id=report.unit_id)
    if report.round.plan_id:
        qs = qs.filter(plan_id=report.round.plan_id)
    return list(qs.order_by("deadline", "id"))


def subject_targets(report: RoundReport) -> list[Target]:
    """The unit's targets: decomposed to it, or of an indicator it is responsible for, in live versions."""
    assigned = TargetAssignment.objects.filter(unit_id=report.unit_id).values("target_id")
    qs = Target.objects.filter(version__status="live").exclude(review_state="rejected").filter(
        Q(pk__in=assigned) | Q(indicator__responsible_unit_id=report.unit_id))
    if report.round.plan_id:
        qs = qs.filter(version__plan_id=report.round.plan_id)
    return list(qs.order_by("version_id", "start", "id"))


def save_items(report: RoundReport, items: list[dict[str, Any]]) -> list[SelfEvaluationItem]:
    """Validate and store the items: every one about a task or target of the unit, rated, explained."""
    if not items:
        raise InvalidInput("中期自评须至少评价一项任务或指标")
    tasks = {t.pk for t in subject_tasks(report)}
    targets = {t.pk for t in subject_targets(report)}
    rows = []
    for item in items:
        task_id, target_id = item.get("task_id"), item.get("target_id")
        if (task_id is None) == (target_id is None):
            raise InvalidInput("每项自评须对应一项任务或一项指标")
        if task_id is not None and int(task_id) not in tasks:
            raise InvalidInput("只能评价本单位牵头的任务")
        if target_id is not None and int(target_id) not in targets:
            raise InvalidInput("只能评价本单位负责的指标")
        if item.get("rating") not in dict(RATINGS):
            raise InvalidInput("自评等次无效")
        if not str(item.get("text", "")).strip():
            raise InvalidInput("每项自评须有说明")
        rows.append(SelfEvaluationItem(report=report, task_id=task_id, target_id=target_id,
                                       rating=item["rating"], text=str(item["text"]).strip()))
    return SelfEvaluationItem.objects.bulk_create(rows)


@dataclass(frozen=True)
class SelfEvaluationEntry:
    """One self-evaluated task or target, as a report prints it."""

    round_title: str
    unit: str
    subject_kind: str  # task | target
    subject: str
    rating: str
    rating_zh: str
    text: str
    submitted_on: date | None


def self_evaluations_for_plan(plan: Any) -> list[SelfEvaluationEntry]:
    """Every submitted self-evaluation item about the plan's tasks and targets, by round then unit."""
    labels = dict(RATINGS)
    items = (SelfEvaluationItem.objects
             .filter(report__submitted_at__isnull=False)
             .filter(Q(task__plan=plan) | Q(target__version__plan=plan))
             .select_related("report__round", "report__unit", "task", "target")
             .order_by("report__round__due", "report__round_id", "report__unit__name", "id"))
    out = []
    for it in items:
        r = it.report
        subject = it.task.title if it.task_id else str(it.target.indicator_text if it.target else "")
        out.append(SelfEvaluationEntry(
            round_title=r.round.title, unit=r.unit.name, subject_kind="task" if it.task_id else "target",
            subject=subject, rating=it.rating, rating_zh=labels.get(it.rating, it.rating), text=it.text,
            submitted_on=timezone.localdate(r.submitted_at) if r.submitted_at else None))
    return out

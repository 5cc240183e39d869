"""Reporting rounds (定期跟踪): the office opens a round, each unit in scope submits its report, the
office sees who is late, sends 催办 and grades quality. Every step checks permission and state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from planwatch.web.accounts.models import ROLE_LEADER, ROLE_REPORTER, Unit
from planwatch.web.accounts.permissions import can_supervise, require
from planwatch.web.cycle.models import FREQUENCIES, ROUND_KINDS, TASK_TYPES, ReportingRound, RoundReport
from planwatch.web.cycle.permissions import can_report_for_unit
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.history.recorder import record_action
from planwatch.web.ledger.models import CLOSED, LedgerTask
from planwatch.web.ledger.workflow import _unit_users, notify


def units_in_scope(plan: Any | None, task_type: str) -> list[Unit]:
    """Units leading an open ledger task of the plan (all plans when None) and type (all when '')."""
    tasks = LedgerTask.objects.exclude(state=CLOSED)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    if task_type:
        tasks = tasks.filter(type=task_type)
    return list(Unit.objects.filter(active=True, pk__in=tasks.values("lead_unit_id")).order_by("name"))


@transaction.atomic
def open_round(user: Any, *, title: str, frequency: str, period_label: str, due: dt.date,
               plan: Any | None = None, task_type: str = "", kind: str = "progress") -> ReportingRound:
    """The office opens a round; every unit in scope owes a report and is notified."""
    require(can_supervise(user), "只有规划处可以发起报送")
    if frequency not in dict(FREQUENCIES):
        raise InvalidInput("报送频次无效")
    if kind not in dict(ROUND_KINDS):
        raise InvalidInput("报送类型无效")
    if task_type not in dict(TASK_TYPES):
        raise InvalidInput("任务类型无效")
    if not title.strip() or not period_label.strip():
        raise InvalidInput("请填写名称和报送期")
    units = units_in_scope(plan, task_type)
    if not units:
        raise InvalidInput("范围内没有承担任务的单位")
    rnd = ReportingRound.objects.create(title=title.strip(), frequency=frequency, period_label=period_label.strip(),
                                        due=due, plan=plan, task_type=task_type, kind=kind, opened_by=user)
    RoundReport.objects.bulk_create([RoundReport(round=rnd, unit=u) for u in units])
    record_action(rnd, "open_round", units=len(units))
    for u in units:
        notify(_unit_users({u.pk}, (ROLE_REPORTER, ROLE_LEADER)), None, "round_opened",
               f"请于{due.isoformat()}前报送：{rnd.title}（{rnd.period_label}）")
    return rnd


@transaction.atomic
def submit_report(user: Any, report: RoundReport, text: str, items: list[dict[str, Any]] | None = None,
                  ) -> RoundReport:
    """A unit submits its report (once); a mid-term round carries one self-evaluation item per task
    or target (``items``: task_id or target_id, rating, text)."""
    from planwatch.web.cycle.selfeval import save_items

    require(can_report_for_unit(user, report.unit_id), "只有本单位可以报送")
    report = RoundReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    if report.round.closed:
        raise WorkflowError("该轮报送已结束")
    if report.submitted_at is not None:
        raise WorkflowError("本单位已报送")
    if not text.strip():
        raise InvalidInput("报送内容为空")
    if report.round.kind == "self_evaluation":
        save_items(report, items or [])
    report.text = text.strip()
    report.submitted_by = user
    report.submitted_at = timezone.now()
    report.save()
    return report


@transaction.atomic
def remind(user: Any, rnd: ReportingRound) -> int:
    """催办: notify every unit that has not reported yet (in-app; e-mail when SMTP is configured)."""
    require(can_supervise(user), "只有规划处可以催办")
    if rnd.closed:
        raise WorkflowError("该轮报送已结束")
    pending = list(rnd.reports.filter(submitted_at__isnull=True).select_related("unit"))
    now = timezone.now()
    late = timezone.localdate() > rnd.due
    for r in pending:
        word = "已逾期" if late else "即将到期"
        notify(_unit_users({r.unit_id}, (ROLE_REPORTER, ROLE_LEADER)), None, "round_reminder",
               f"催办：{rnd.title}（{rnd.period_label}）{word}，报送期限{rnd.due.isoformat()}，请尽快报送",
               level="red" if late else "yellow")
        r.reminders += 1
        r.last_reminded_at = now
        r.save(update_fields=["reminders", "last_reminded_at"])
    record_action(rnd, "remind", units=len(pending))
    return len(pending)


@transaction.atomic
def grade_report(user: Any, report: RoundReport, quality: int, comment: str = "") -> RoundReport:
    """The office grades a submitted report's quality (0–100); it feeds the 考核."""
    require(can_supervise(user), "只有规划处可以评定质量")
    if report.submitted_at is None:
        raise WorkflowError("尚未报送，不能评定")
    if not 0 <= int(quality) <= 100:
        raise InvalidInput("质量分须在0到100之间")
    report.quality = int(quality)
    report.quality_comment = comment.strip()
    report.save()
    return report


@transaction.atomic
def close_round(user: Any, rnd: ReportingRound) -> ReportingRound:
    require(can_supervise(user), "只有规划处可以结束报送")
    rnd.closed = True
    rnd.save()
    return rnd


def submitted_on(report: RoundReport) -> dt.date | None:
    return timezone.localdate(report.submitted_at) if report.submitted_at is not None else None


@dataclass(frozen=True)
class ReportState:
    """Where a unit stands in a round, in words: 按期报送 / 迟报 / 逾期未报 / 待报送."""

    code: str  # on_time | late | missing | pending
    zh: str
    light: str


def report_state(report: RoundReport, due: dt.date, today: dt.date | None = None) -> ReportState:
    """The one judgement of a report's punctuality (pages, API and the 考核 read it)."""
    today = today or timezone.localdate()
    on = submitted_on(report)
    if on is not None and on <= due:
        return ReportState("on_time", "按期报送", "green")
    if on is not None:
        return ReportState("late", f"迟报{(on - due).days}天", "yellow")
    if today > due:
        return ReportState("missing", f"逾期未报（已过{(today - due).days}天）", "red")
    return ReportState("pending", f"待报送（{(due - today).days}天后到期）", "grey")

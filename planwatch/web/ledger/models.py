"""The implementation ledger (台账): tasks with owners and deadlines, progress, the 督办 workflow."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

# 督办 states, in order.
ASSIGNED, ACCEPTED, REPORTED, DONE, CLOSED = "assigned", "accepted", "reported", "done", "closed"
STATES = [(ASSIGNED, "交办 assigned"), (ACCEPTED, "承办 accepted"), (REPORTED, "反馈 reported"),
          (DONE, "办结 done"), (CLOSED, "销号 closed")]
PROGRESS = [("not_started", "未启动"), ("in_progress", "推进中"), ("completed", "已完成"),
            ("behind", "滞后"), ("blocked", "受阻")]


class LedgerTask(models.Model):
    TYPES = [("mandated", "规定动作 mandated"), ("optional", "自选动作 optional")]
    audited = True

    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="ledger_tasks")
    plan_task = models.ForeignKey("plans.PlanTask", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="ledger_tasks")
    source_removed = models.BooleanField(default=False)  # the plan task vanished from a newer version
    number = models.CharField(max_length=30, blank=True)  # 序号
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    type = models.CharField(max_length=10, choices=TYPES, default="mandated")
    lead_unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="lead_tasks")
    supporting_units = models.ManyToManyField("accounts.Unit", blank=True, related_name="supporting_tasks")
    deadline = models.DateField(null=True, blank=True, db_index=True)
    state = models.CharField(max_length=10, choices=STATES, default=ASSIGNED, db_index=True)
    progress_status = models.CharField(max_length=12, choices=PROGRESS, default="not_started")
    percent = models.PositiveSmallIntegerField(default=0)
    internal_note = models.TextField(blank=True)  # 备注; never public
    version = models.PositiveIntegerField(default=1)  # optimistic lock: checked on every update
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["lead_unit", "state", "progress_status", "deadline"]),
                   # lead_unit makes it covering for the dashboard's red count per unit
                   models.Index(fields=["state", "deadline", "lead_unit"]),
                   models.Index(fields=["plan", "state"])]
        verbose_name = "台账任务 ledger task"

    def __str__(self) -> str:
        return self.title[:80]

    def light(self, today: dt.date | None = None) -> str:
        """green / yellow (deadline within the reminder window) / red (overdue); grey when finished."""
        return task_light(self.state, self.deadline, today)


def task_light(state: str, deadline: dt.date | None, today: dt.date | None = None) -> str:
    """The light of a task from its state and deadline alone, so list pages can compute it from plain rows."""
    if state in (DONE, CLOSED):
        return "grey"
    if deadline is None:
        return "green"
    today = today or dt.date.today()
    if today > deadline:
        return "red"
    if (deadline - today).days <= settings.PLANWATCH_REMIND_DAYS:
        return "yellow"
    return "green"


class Milestone(models.Model):
    audited = True

    task = models.ForeignKey(LedgerTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title


class TargetAssignment(models.Model):
    """A plan target decomposed to a unit (目标分解), optionally with the unit's share of the value."""

    audited = True

    target = models.ForeignKey("plans.Target", on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="target_assignments")
    value = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "unit"], name="uniq_target_unit")]

    def __str__(self) -> str:
        return f"{self.target} → {self.unit}"


class ProgressUpdate(models.Model):
    """A progress report by a unit reporter; the office sees it only after the unit leader approves."""

    PENDING, APPROVED, RETURNED = "pending", "approved", "returned"
    REVIEW = [(PENDING, "待审批 pending"), (APPROVED, "已批准 approved"), (RETURNED, "已退回 returned")]
    audited = True

    task = models.ForeignKey(LedgerTask, on_delete=models.CASCADE, related_name="updates")
    unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    status = models.CharField(max_length=12, choices=PROGRESS)
    percent = models.PositiveSmallIntegerField(default=0)
    review = models.CharField(max_length=10, choices=REVIEW, default=PENDING, db_index=True)
    review_comment = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.get_status_display()} {self.percent}%"


class Evidence(models.Model):
    """A file attached to a progress update; internal, never public."""

    audited = True

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ExtensionRequest(models.Model):
    """延期申请: a unit asks to move the deadline; the office grants or refuses."""

    PENDING, GRANTED, REFUSED = "pending", "granted", "refused"
    DECISIONS = [(PENDING, "待审批 pending"), (GRANTED, "同意 granted"), (REFUSED, "不同意 refused")]
    audited = True

    task = models.ForeignKey(LedgerTask, on_delete=models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    old_deadline = models.DateField(null=True, blank=True)
    new_deadline = models.DateField()
    reason = models.TextField()
    decision = models.CharField(max_length=10, choices=DECISIONS, default=PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.task_id} → {self.new_deadline} ({self.decision})"


class Notification(models.Model):
    LEVELS = [("info", "通知 info"), ("yellow", "黄灯 yellow"), ("red", "红灯 red")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    task = models.ForeignKey(LedgerTask, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=8, choices=LEVELS, default="info")
    kind = models.CharField(max_length=30)  # assigned / returned / due_soon / overdue / ...
    message = models.TextField()
    dedupe_key = models.CharField(max_length=120, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.message[:80]

"""The monitoring cycle's records: reporting rounds and each unit's report in them (with the
self-evaluation items of a mid-term round), rectifications (整改), the 考核 scheme per year and the
unit leader's endorsement of an extension request."""

from __future__ import annotations

from django.conf import settings
from django.db import models

FREQUENCIES = [("monthly", "月报"), ("quarterly", "季报"), ("half_yearly", "半年报"), ("annual", "年报")]
ROUND_KINDS = [("progress", "进展报送"), ("self_evaluation", "中期自评")]
TASK_TYPES = [("", "全部任务"), ("mandated", "规定动作"), ("optional", "自选动作")]
RATINGS = [("ahead", "超前完成"), ("on_track", "符合进度"), ("behind", "滞后")]


class ReportingRound(models.Model):
    """A round of periodic reporting (定期跟踪) opened by the office, for one plan or all, and for all
    tasks or one task type; every unit leading a task in scope owes one report by ``due``."""

    audited = True

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ROUND_KINDS, default="progress")
    frequency = models.CharField(max_length=12, choices=FREQUENCIES)
    period_label = models.CharField(max_length=50)  # 2026年第3季度
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    task_type = models.CharField(max_length=10, choices=TASK_TYPES, blank=True, default="")
    due = models.DateField(db_index=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-due", "-id"]

    def __str__(self) -> str:
        return self.title


class RoundReport(models.Model):
    """One unit's report in a round: owed from the moment the round opens, submitted once."""

    audited = True

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    quality = models.PositiveSmallIntegerField(null=True, blank=True)  # the office's grade, 0–100
    quality_comment = models.TextField(blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)  # 催办 sent
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="uniq_round_unit")]

    def __str__(self) -> str:
        return f"{self.round} · {self.unit}"


class SelfEvaluationItem(models.Model):
    """A unit's self-evaluation of one of its tasks or indicators (targets) in a mid-term round."""

    audited = True

    report = models.ForeignKey(RoundReport, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey("ledger.LedgerTask", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("plans.Target", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField(max_length=10, choices=RATINGS)
    text = models.TextField()

    class Meta:
        ordering = ["id"]


class Rectification(models.Model):
    """整改: an audit finding or a lagging indicator turned into a tracked task of a unit."""

    OPEN, RESPONDED, CLOSED = "open", "responded", "closed"
    STATES = [(OPEN, "整改中"), (RESPONDED, "已反馈"), (CLOSED, "已销号")]
    SOURCES = [("audit", "审计发现"), ("indicator", "指标滞后")]
    audited = True

    source = models.CharField(max_length=10, choices=SOURCES)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)  # the finding or the indicator's verdict, in words
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    finding_rule = models.CharField(max_length=60, blank=True)
    target = models.ForeignKey("plans.Target", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("accounts.Unit", on_delete=models.PROTECT, related_name="rectifications")
    due = models.DateField()
    state = models.CharField(max_length=10, choices=STATES, default=OPEN, db_index=True)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["state", "due", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class ScoringScheme(models.Model):
    """The 考核 weights of one year (components renormalised over those a unit has) and the light
    thresholds of the ranking."""

    audited = True

    year = models.PositiveSmallIntegerField(unique=True)
    w_targets = models.FloatField(default=0.4)
    w_tasks = models.FloatField(default=0.25)
    w_reporting = models.FloatField(default=0.15)
    w_quality = models.FloatField(default=0.1)
    w_rectification = models.FloatField(default=0.1)
    green_from = models.FloatField(default=85.0)
    yellow_from = models.FloatField(default=70.0)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}"


class ExtensionEndorsement(models.Model):
    """The unit leader's opinion on a reporter's extension request, required before the office decides."""

    audited = True

    request = models.OneToOneField("ledger.ExtensionRequest", on_delete=models.CASCADE, related_name="endorsement")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    endorsed = models.BooleanField()
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

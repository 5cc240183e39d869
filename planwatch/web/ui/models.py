"""Stored results the pages read often and that are costly to compute: audit findings per version."""

from __future__ import annotations

from django.db import models


class AuditRun(models.Model):
    """The audit findings of one plan version (``planwatch.audit``), kept so pages read them in one
    query. Recomputed when the version's extraction changes (``extraction_sha``)."""

    version = models.OneToOneField("plans.PlanVersion", on_delete=models.CASCADE, related_name="audit_run")
    extraction_sha = models.CharField(max_length=64)
    findings = models.JSONField(default=list)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    computed = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "审计结果 audit run"

    def __str__(self) -> str:
        return f"audit of version {self.version_id}: {self.errors} errors"


class TargetStatus(models.Model):
    """The last progress verdict on a target, with the fingerprint of what it was computed from
    (the target's figures, the plan period, its indicator's observations). The dashboard and the
    portal read these instead of re-assessing thousands of targets per request; a stale
    fingerprint means recompute."""

    target = models.OneToOneField("plans.Target", on_delete=models.CASCADE, related_name="ui_status")
    fingerprint = models.CharField(max_length=200)
    status = models.CharField(max_length=20)
    light = models.CharField(max_length=8)
    latest_year = models.IntegerField(null=True, blank=True)
    latest_value = models.FloatField(null=True, blank=True)
    computed = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"target {self.target_id}: {self.status}"


class IndicatorStamp(models.Model):
    """A change counter per indicator, bumped whenever one of its observations is saved or deleted
    (signals in ``planwatch.web.ui.signals``). Cached target verdicts carry the counter they were
    computed with, so checking them is one small query instead of aggregating every observation."""

    indicator = models.OneToOneField("data.Indicator", on_delete=models.CASCADE, related_name="ui_stamp")
    changes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"indicator {self.indicator_id}: {self.changes}"

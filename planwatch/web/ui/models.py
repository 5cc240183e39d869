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

"""The planning office's own text of a report: each saved edit is a new version, never overwritten."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from planwatch.reports.content import KIND_TITLES, NARRATIVE_SECTIONS


class ReportDraft(models.Model):
    """One saved version of a plan's report text (per report kind): the analysis of each section
    (keys of ``NARRATIVE_SECTIONS``), the as-of date, 主送机关 and 成文日期 the file is made with."""

    KINDS = [(k, v[0]) for k, v in KIND_TITLES.items()]

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_drafts")
    kind = models.CharField(max_length=10, choices=KINDS)
    number = models.PositiveIntegerField()
    as_of = models.DateField()
    recipient = models.CharField(max_length=200, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    sections = models.JSONField(default=dict)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan_id", "kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind", "number"], name="uniq_report_draft")]
        verbose_name = "报告文稿"

    def __str__(self) -> str:
        return f"{self.plan_id} {self.kind} 第{self.number}稿"

    def narrative(self) -> dict[str, str]:
        return {k: str(v) for k, v in (self.sections or {}).items() if k in NARRATIVE_SECTIONS}

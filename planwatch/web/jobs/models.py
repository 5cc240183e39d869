"""The job record: what to do (kind + params), who asked, how far it is, what came out.

The record, not the broker message, is the source of truth: a worker claims a job with a
conditional UPDATE (so a message delivered twice runs once), beats while it runs, and writes the
result in the same transaction as the job's own database effects (so a worker killed mid-job
leaves nothing half-written and the job is simply run again).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = [(QUEUED, "排队中"), (RUNNING, "进行中"), (DONE, "已完成"), (FAILED, "失败")]
KINDS = [("ingest", "规划提取"), ("report", "生成报告"), ("import", "导入表格"), ("remind", "期限提醒")]


class Job(models.Model):
    kind = models.CharField(max_length=20, choices=KINDS)
    params = models.JSONField(default=dict)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="jobs")
    # Same key, same job: a repeated request (a re-run bulk ingest, a second beat) returns the first.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.CharField(max_length=300, blank=True, help_text="storage name of the produced file")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    enqueued = models.DateTimeField(null=True, blank=True)
    started = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "heartbeat"]), models.Index(fields=["owner", "-id"])]

    def __str__(self) -> str:
        return f"{self.kind}#{self.pk} {self.state}"

    @property
    def subject(self) -> str:
        """What the job works on, for lists: the file name, or the report's title once known."""
        p = self.params or {}
        if p.get("name"):
            return str(p["name"])
        if self.kind == "report":
            return str((self.result or {}).get("name") or f"规划 {p.get('plan')}（截至 {p.get('as_of')}）")
        return str(p.get("date", ""))


class WorkerBeat(models.Model):
    """One row per live worker, refreshed every few seconds: /readyz and the recovery sweep read it."""

    hostname = models.CharField(max_length=200, unique=True)
    pid = models.PositiveIntegerField(default=0)
    started = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return self.hostname

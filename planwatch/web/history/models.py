"""The audit trail: one append-only row per create, update or delete of a business record.

Rows are written only by ``planwatch.web.history.recorder``; the model refuses updates and deletes
so no code path of the application (admin, API, views, querysets) can rewrite history.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditTrailIsReadOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AuditTrailIsReadOnly("审计记录不可修改 the audit trail cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditTrailIsReadOnly("审计记录不可删除 the audit trail cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditTrailIsReadOnly("审计记录不可修改 the audit trail cannot be changed")


class AuditEntry(models.Model):
    ACTIONS = [("create", "新增 create"), ("update", "修改 update"), ("delete", "删除 delete"),
               ("action", "操作 action")]

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", db_constraint=False)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=ACTIONS)
    model = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id", "at"])]
        verbose_name = "审计记录 audit entry"
        verbose_name_plural = "审计记录 audit trail"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditTrailIsReadOnly("审计记录不可修改 the audit trail cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditTrailIsReadOnly("审计记录不可删除 the audit trail cannot be deleted")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.model}#{self.object_id}"

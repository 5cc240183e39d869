"""Idempotency keys: the first answer to a write sent with an ``Idempotency-Key`` header."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IdempotentReply(models.Model):
    """The stored answer to one (user, key). Written in the same transaction as the write itself, so
    either both are committed or neither (a retry after a crash then runs the write once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField(default=0)
    content_type = models.CharField(max_length=200, blank=True)
    body = models.BinaryField(default=b"")
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="safety_idempotent_user_key")]
        verbose_name = "幂等应答 idempotent reply"

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.key}] → {self.status}"

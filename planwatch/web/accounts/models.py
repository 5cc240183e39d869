"""The organisation: units in a hierarchy, users' membership and role, API tokens.

Units live here rather than in the ledger app so that indicators, plans and the ledger can all
point at them without a cycle between apps.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models

ROLE_ADMIN = "office_admin"
ROLE_REPORTER = "unit_reporter"
ROLE_LEADER = "unit_leader"
ROLE_VIEWER = "leadership_viewer"
ROLE_PUBLIC = "public"
ROLES = [
    (ROLE_ADMIN, "规划处管理员 planning office admin"),
    (ROLE_REPORTER, "单位联络员 unit reporter"),
    (ROLE_LEADER, "单位负责人 unit leader"),
    (ROLE_VIEWER, "领导查看 leadership viewer"),
]


class Hierarchy:
    """A model with a ``parent`` link to itself (units, regions)."""

    pk: Any

    def descendant_ids(self) -> set[int]:
        """This node and every node below it (breadth-first; hierarchies are shallow)."""
        model: Any = type(self)
        ids = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(model.objects.filter(parent_id__in=frontier).exclude(pk__in=ids)
                            .values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class Unit(Hierarchy, models.Model):
    """A department (部门), district (区县), development zone (开发区) or other responsible body."""

    KINDS = [("department", "部门 department"), ("district", "区县 district"),
             ("zone", "开发区 development zone"), ("enterprise", "企业 enterprise"), ("other", "其他 other")]
    audited = True

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=20, choices=KINDS, default="department")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "单位 unit"

    def __str__(self) -> str:
        return self.name



class Membership(models.Model):
    """A user's unit and role. Office admins and viewers may have no unit."""

    audited = True

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=30, choices=ROLES)

    class Meta:
        verbose_name = "成员 membership"

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit or '-'} ({self.role})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # Mirror the role as a Django group so the admin and the permission module agree.
        groups = [g for g, _ in ROLES]
        self.user.groups.remove(*Group.objects.filter(name__in=groups).exclude(name=self.role))
        self.user.groups.add(Group.objects.get_or_create(name=self.role)[0])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for integrations. Only its hash is stored; the clear token is shown once."""

    audited = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        clear = "pw_" + secrets.token_urlsafe(32)
        tok = cls.objects.create(user=user, name=name, key_hash=_hash(clear), prefix=clear[:8])
        return tok, clear

    @classmethod
    def lookup(cls, clear: str) -> ApiToken | None:
        # The membership (and its unit) comes along: every API request needs the role next.
        return cls.objects.select_related("user", "user__membership__unit").filter(
            key_hash=_hash(clear), revoked=False, user__is_active=True).first()

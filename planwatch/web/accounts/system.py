"""The account CLI commands act as when no ``--as USER`` is given: a superuser that cannot log in, so
the audit trail names "system" for command-line changes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"


def system_user() -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=SYSTEM_USERNAME,
                                               defaults={"is_superuser": True, "is_active": True})
    if created:
        user.set_unusable_password()
        user.save()
    return user


def cli_user(username: str | None) -> Any:
    from planwatch.web.errors import InvalidInput

    if not username:
        return system_user()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InvalidInput(f"用户不存在 no such user: {username}")
    return user

"""API authentication: bearer tokens, the Django session, and the anonymous public."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security import SessionAuth as _NinjaSessionAuth

from planwatch.web.accounts.models import ApiToken, Membership
from planwatch.web.accounts.permissions import remember_membership
from planwatch.web.history.context import set_actor

SAFE = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        tok = ApiToken.lookup(token)
        if tok is None:
            return None
        if tok.last_used is None or (timezone.now() - tok.last_used).total_seconds() > 300:
            ApiToken.objects.filter(pk=tok.pk).update(last_used=timezone.now())
        try:
            membership = tok.user.membership  # joined by ApiToken.lookup: no query
        except Membership.DoesNotExist:
            membership = None
        remember_membership(tok.user, membership)
        request.user = tok.user
        set_actor(tok.user)
        return tok.user


class SessionAuth(_NinjaSessionAuth):
    """The browser session; ninja checks the CSRF token on unsafe methods."""


class _Anonymous(AnonymousUser):
    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


class PublicAuth:
    """Lets anonymous readers through as the public role; writes need a real user."""

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization"):
            return None  # a bad or revoked token is a 401, not a silent downgrade to public data
        if request.method in SAFE:
            request.user = _Anonymous()
            return request.user
        return None

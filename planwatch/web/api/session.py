"""Who am I, and API tokens for integrations."""


from typing import Any

from django.contrib.auth import authenticate
from ninja import Router, Schema
from ninja.throttling import AnonRateThrottle

from planwatch.web.accounts.models import ApiToken
from planwatch.web.accounts.permissions import PermissionDenied, role_of, unit_ids
from planwatch.web.api.common import user_of

router = Router()


class MeOut(Schema):
    username: str | None
    role: str
    unit_ids: list[int]


@router.get("/me", response=MeOut)
def me(request: Any) -> dict[str, Any]:
    user = user_of(request)
    authed = getattr(user, "is_authenticated", False)
    return {"username": user.get_username() if authed else None, "role": role_of(user),
            "unit_ids": sorted(unit_ids(user)) if authed else []}


class TokenIn(Schema):
    username: str
    password: str
    name: str = "integration"


class TokenOut(Schema):
    token: str
    name: str
    prefix: str


@router.post("/tokens", response=TokenOut, auth=None, throttle=[AnonRateThrottle("20/m")])
def issue_token(request: Any, body: TokenIn) -> dict[str, Any]:
    """Exchange a username and password for a bearer token (shown once; only its hash is stored)."""
    user = authenticate(request, username=body.username, password=body.password)
    if user is None or role_of(user) == "public":
        raise PermissionDenied("用户名或密码错误 wrong username or password")
    tok, clear = ApiToken.issue(user, body.name)
    return {"token": clear, "name": tok.name, "prefix": tok.prefix}

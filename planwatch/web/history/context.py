"""Who is acting right now: set by the middleware (web), the API auth, and CLI commands."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_actor: ContextVar[Any] = ContextVar("planwatch_actor", default=None)
_comment: ContextVar[str] = ContextVar("planwatch_audit_comment", default="")


def current_actor() -> Any:
    return _actor.get()


def current_comment() -> str:
    return _comment.get()


def set_actor(user: Any) -> None:
    _actor.set(user if user is not None and getattr(user, "is_authenticated", False) else None)


@contextlib.contextmanager
def acting_as(user: Any, comment: str = "") -> Iterator[None]:
    """Attribute every change inside the block to ``user`` (a User, or None for the system)."""
    t1 = _actor.set(user if user is not None and getattr(user, "is_authenticated", False) else None)
    t2 = _comment.set(comment)
    try:
        yield
    finally:
        _actor.reset(t1)
        _comment.reset(t2)

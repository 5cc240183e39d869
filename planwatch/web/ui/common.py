"""What every view shares: sign-in and role checks, turning store errors into pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.labels import split_bilingual
from planwatch.web.accounts.permissions import NotVisible, PermissionDenied, is_internal
from planwatch.web.ui.templatetags.ui import is_english

View = Callable[..., HttpResponse]


def confirm_page(request: HttpRequest, question: str, back: str) -> HttpResponse:
    """The confirmation step of an unusual workflow step (``NeedsConfirmation``): the question in
    words and the same form again with ``confirm=1``."""
    fields = [(k, v) for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "confirm")]
    return render(request, "ui/confirm.html", {"question": question, "fields": fields, "action": request.path,
                                               "back": back})


def say(request: HttpRequest, level: str, zh: str, en: str) -> None:
    """A flash message in the user's language only (never both halves)."""
    messages.add_message(request, getattr(messages, level.upper()), en if is_english() else zh)


def in_language(exc: Exception | str) -> str:
    """The message of a store or workflow error ("中文 English") in the user's language."""
    zh, en = split_bilingual(str(exc))
    return en if is_english() else zh


def say_error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, in_language(exc))


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return render(request, "ui/forbidden.html", {"message": message}, status=403)


def page(internal: bool = True) -> Callable[[View], View]:
    """Decorate a view: internal pages send the anonymous to the login page and refuse a signed-in
    user without a role; PermissionDenied → 403 page, NotVisible → 404."""

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if internal and not is_internal(request.user):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, str(exc))
            except NotVisible as exc:
                raise Http404("未找到 not found") from exc

        return inner

    return wrap


def visible_or_404(qs: Any, **lookup: Any) -> Any:
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404("未找到 not found")
    return obj

"""The results page of the search box in the top navigation: results grouped by kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.web.accounts.permissions import is_internal
from planwatch.web.search.finder import MAX_LENGTH, PER_KIND, BadQuery, clean_query, find
from planwatch.web.ui.common import in_language, page


@page(internal=False)
def results(request: HttpRequest) -> HttpResponse:
    """``?q=``: what the user may see that matches; without ``q`` the empty form; an empty or too
    long query is named (400)."""
    ctx = {"q": request.GET.get("q", "")[:200], "max_length": MAX_LENGTH, "per_kind": PER_KIND,
           "internal": is_internal(request.user), "groups": [], "error": "", "asked": "q" in request.GET}
    if not ctx["asked"]:
        return render(request, "search/results.html", ctx)
    try:
        q = clean_query(request.GET["q"])
    except BadQuery as exc:
        ctx["error"] = in_language(exc)
        return render(request, "search/results.html", ctx, status=400)
    groups = find(request.user, q)
    ctx.update(q=q, groups=groups, found=sum(g.total for g in groups))
    return render(request, "search/results.html", ctx)

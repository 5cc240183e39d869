"""The Chinese edition shows no English: every page of every role, read through Django's test client
(the fast variant of the browser test in test_browser_chinese.py, over the same URL list)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.latin_words import add_progress, latin_words, page_urls, typed_words, visible_text
from tests.web.ui_world import build_world

ROLES = ["admin", "reporter", "leader", "other_reporter", "viewer"]


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    w = build_world(org)
    add_progress(w)
    return w


def scan(client: Client, urls: list[str], typed: set[str]) -> dict[str, list[str]]:
    bad: dict[str, list[str]] = {}
    for url in urls:
        resp = client.get(url)
        if resp.status_code in (301, 302) or resp.get("Content-Type", "").split(";")[0] != "text/html":
            continue
        words = latin_words(visible_text(resp.content.decode()), typed)
        if words:
            bad[f"{url} [{resp.status_code}]"] = sorted(set(words))
    return bad


@pytest.mark.parametrize("role", ROLES)
def test_no_latin_word_on_any_page(world: dict[str, Any], role: str) -> None:
    client = Client()
    client.force_login(world["users"][role])
    bad = scan(client, page_urls(world), typed_words(world))
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_no_latin_word_for_the_public(world: dict[str, Any]) -> None:
    bad = scan(Client(), [*page_urls(world), "/accounts/login/"], typed_words(world))
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_the_checker_catches_english(world: dict[str, Any]) -> None:
    """The check itself can fail: the English edition is full of Latin words."""
    client = Client()
    client.force_login(world["users"]["admin"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert scan(client, page_urls(world)[:3], typed_words(world))

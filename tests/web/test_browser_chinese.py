"""The Chinese edition in a real browser: every page reachable from each role's navigation and the
world's objects shows no Latin word outside the allow-list (tests/web/latin_words.py). The same URL
list is checked fast through Django's test client in test_chinese_pages.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.latin_words import add_progress, latin_words, page_urls, typed_words
from tests.web.test_browser import browser, page, pytestmark, shot  # noqa: F401 (fixtures and the chromium skip)
from tests.web.ui_world import build_world

USERS = ["office", "rep_ind", "lead_ind", "rep_zone", "viewer"]

# What a user reads besides the text: tooltips, placeholders, labels of controls and images.
READ_JS = """() => {
  const parts = [document.body.innerText, document.title];
  for (const el of document.querySelectorAll('[title],[placeholder],[aria-label],[alt],input[type=submit]')) {
    for (const a of ['title', 'placeholder', 'aria-label', 'alt', 'value']) {
      if (a === 'value' && el.type !== 'submit') continue;
      if (el.getAttribute(a)) parts.push(el.getAttribute(a));
    }
  }
  return parts.join('\\n');
}"""


@pytest.fixture
def world(org: dict[str, Any], transactional_db: Any) -> dict[str, Any]:
    w = build_world(org)
    add_progress(w)
    return w


def _login(pg: Any, base: str, username: str) -> None:
    pg.goto(f"{base}/accounts/login/")
    pg.fill("#id_username", username)
    pg.fill("#id_password", "pw-" + username)
    pg.click("#login-submit")
    pg.wait_for_url(f"{base}/dashboard/")


def _visit_all(pg: Any, base: str, urls: list[str], typed: set[str]) -> dict[str, list[str]]:
    bad: dict[str, list[str]] = {}
    nav = [a.get_attribute("href") for a in pg.locator("nav.main a").all()]
    for url in dict.fromkeys([*(h for h in nav if h), *urls]):
        resp = pg.goto(base + url)
        if resp is None or "html" not in (resp.headers.get("content-type") or ""):
            continue
        words = latin_words(pg.evaluate(READ_JS), typed)
        if words:
            bad[f"{url} [{resp.status}]"] = sorted(set(words))
    return bad


def test_every_page_in_chinese_for_every_role(world: dict[str, Any], live_server: Any, page: Any) -> None:  # noqa: F811
    base, typed = live_server.url, typed_words(world)
    urls = [u for u in page_urls(world) if "/report/" not in u]  # reports download; the client test reads them
    bad: dict[str, list[str]] = {}
    page.goto(f"{base}/portal/")
    bad.update({f"anonymous {k}": v for k, v in _visit_all(page, base, [*urls, "/accounts/login/"], typed).items()})
    for username in USERS:
        _login(page, base, username)
        bad.update({f"{username} {k}": v for k, v in _visit_all(page, base, urls, typed).items()})
        if username == "office":
            page.goto(f"{base}/history/ledger.ledgertask/{world['t_ind'].pk}/")
            assert page.locator("#history td.field").get_by_text("督办状态").count() >= 1
            shot(page, "history-task-zh")
        page.context.clear_cookies()
    assert not bad, "\n".join(f"{k}: {v}" for k, v in bad.items())


def test_the_english_button_still_works(world: dict[str, Any], live_server: Any, page: Any) -> None:  # noqa: F811
    base = live_server.url
    _login(page, base, "office")
    page.goto(f"{base}/plans/{world['plan'].pk}/")
    page.click("#lang-en")
    page.wait_for_selector("#lang-zh")
    assert latin_words(page.evaluate(READ_JS), typed_words(world))  # the English edition is English
    page.click("#lang-zh")
    page.wait_for_selector("#lang-en")
    assert not latin_words(page.evaluate(READ_JS), typed_words(world))

"""Browser test of the search box and the dashboard filters (Playwright + Debian Chromium, like
test_browser.py, whose fixtures it reuses): the box in the top navigation, a result opened, a
forbidden result not offered, a dashboard filter applied from its form."""

# ruff: noqa: F811  (the fixtures of test_browser.py are imported by name, then used as arguments)
from __future__ import annotations

import re
from typing import Any

from tests.web.test_browser import browser, login, logout, page, pytestmark, shot, world  # noqa: F401


def test_search_box_opens_a_result_and_dashboard_filters(world: dict[str, Any], live_server: Any, page: Any
                                                         ) -> None:
    base = live_server.url
    task = world["t_ind"]
    login(page, base, "rep_ind")
    page.fill("#nav-search-q", "工业技术改造")
    page.press("#nav-search-q", "Enter")
    page.wait_for_selector("#results-task")
    assert page.input_value("#nav-search-q") == "工业技术改造"  # the box keeps the query
    shot(page, "search-results")
    page.locator("#results-task a", has_text="推进工业技术改造").click()
    page.wait_for_url(re.compile(rf".*/ledger/{task.pk}/$"))
    assert "推进工业技术改造" in page.locator("h1").inner_text()
    # another unit's task is not offered to this reporter
    page.fill("#nav-search-q", "开发区招商任务")
    page.click("#nav-search-btn")
    page.wait_for_selector("#search-summary")
    assert "没有找到" in page.locator("#search-summary").inner_text()
    assert page.locator("#results-task").count() == 0
    logout(page)

    login(page, base, "office")
    plan = world["plan"]  # 2006–2010: its period has ended
    assert page.locator("#ended-table tr.plan-row", has_text=plan.title).count() == 1
    assert page.locator("#plans-table tr.plan-row", has_text=plan.title).count() == 0
    page.select_option("#f-phase", "current")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r".*phase=current.*"))
    assert page.locator("#ended-table tr.plan-row").count() == 0
    assert page.locator("#overview").inner_text().count("所选范围内没有目标") == 1
    page.select_option("#f-phase", "")
    page.select_option("#f-plan", str(plan.pk))
    page.click("#f-apply")
    page.wait_for_url(re.compile(rf".*plan={plan.pk}.*"))
    assert page.locator("#status-shares tr.share-total").count() == 1
    assert page.locator("#ended-table tr.plan-row .time-bar").inner_text().strip().endswith("100.0%")
    shot(page, "dashboard-filtered")
    logout(page)

    # the public finds the published plan and opens its portal page
    page.goto(f"{base}/portal/")
    page.fill("#nav-search-q", "工业经济")
    page.press("#nav-search-q", "Enter")
    page.wait_for_selector("#results-plan")
    page.locator("#results-plan a").first.click()
    page.wait_for_url(re.compile(rf".*/portal/plans/{plan.pk}/$"))

"""Browser test of annual plans (Playwright + Debian Chromium, like test_browser_cycle.py): the office
confirms the suggested link of a 全年 target to the five-year target in review and makes the work
report live; the reporting unit enters 1-3月、1-6月、1-9月 cumulative figures; a leader sees the
tracking but may neither enter nor link; the indicator page shows the annual step against the
five-year path."""

# ruff: noqa: F811  (the fixtures of test_browser.py are imported by name, then used as arguments)
from __future__ import annotations

from typing import Any

import pytest

from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold
from tests.web.test_browser import browser, login, logout, page, pytestmark, shot, web_server  # noqa: F401
from tests.web.test_plans_annual import FIVE_YEAR_TEXT, NEW_AREA, five_year_extraction


@pytest.fixture
def annual_draft(org: dict[str, Any], transactional_db: Any) -> dict[str, Any]:
    office = org["users"]["admin"]
    five = ingest_extraction(five_year_extraction(), FIVE_YEAR_TEXT, doc_name="new-area-14th.txt", user=office,
                             region=NEW_AREA)
    approve_version(office, five, "测试")
    data, text = gold("harbin-new-area-work-report-excerpt")
    v = ingest_extraction(data, text, doc_name=data["doc"], user=office, region=NEW_AREA, year=2023)
    t = Target.objects.get(version=v, indicator_text="新增高新技术企业")
    t.indicator.responsible_unit = org["units"]["ind"]
    t.indicator.save()
    return {"version": v, "plan": Plan.objects.get(pk=v.plan_id), "target": t,
            "parent": Target.objects.get(version=five, indicator_text="新增高新技术企业")}


def test_annual_plan_linked_in_review_and_tracked_by_quarter(annual_draft: dict[str, Any], web_server: Any,
                                                             page: Any) -> None:
    base = web_server.url
    v, t, parent = annual_draft["version"], annual_draft["target"], annual_draft["parent"]
    login(page, base, "office")
    page.goto(f"{base}/review/{v.pk}/")
    box = page.locator(f"#links-{t.pk}")
    assert "建议：新增高新技术企业 500家（2025）" in box.inner_text()
    box.locator("button.confirm-link").click()
    page.wait_for_selector(".messages .success")
    assert "已确认" in page.locator(f"#links-{t.pk}").inner_text()
    shot(page, "annual-review-link")
    page.click("#save-version")
    page.wait_for_selector("#targets-table")
    page.click("#annual-link")
    page.wait_for_selector("#tracking")
    assert "哈尔滨新区“十四五”规划纲要" in page.locator("#parent-plan").inner_text()
    assert page.locator(f"#annual-{t.pk} .linked").count() == 1
    logout(page)

    login(page, base, "rep_ind")
    page.goto(f"{base}/plans/{v.plan_id}/annual/")
    form = page.locator(f"#ytd-form-{t.pk}")
    for month, value in (("3", "26"), ("6", "52"), ("9", "68")):
        page.locator(f"#ytd-form-{t.pk}").locator("xpath=ancestor::details").evaluate("d => d.open = true")
        form.locator(".ytd-month").select_option(month)
        form.locator(".ytd-value").fill(value)
        form.locator(".ytd-save").click()
        page.wait_for_selector(".messages .success")
    row = page.locator(f"#annual-{t.pk}")
    cells = [row.locator(f"td.quarter[data-month='{m}'] .ytd").inner_text() for m in (3, 6, 9)]
    assert cells == ["26家", "52家", "68家"]
    states = [row.locator(f"td.quarter[data-month='{m}'] .q-verdict").get_attribute("data-status") for m in (3, 6, 9)]
    assert states == ["on_track", "on_track", "slightly_behind"]
    assert "2023年全年实际值暂缺" in row.locator("td.verdict .reason").inner_text()
    row.locator("td a", has_text="新增高新技术企业").first.click()
    page.wait_for_selector("#chart[data-ready='1'] canvas")
    assert "2023年1-9月累计" in page.locator("#observations").inner_text()
    assert "按1-9月累计数与全年时间进度" in page.locator("#verdict-reason").inner_text()
    shot(page, "annual-indicator")
    page.go_back()
    assert page.locator("button.confirm-link").count() == 0  # the unit enters data, it does not link targets
    shot(page, "annual-quarterly")
    logout(page)

    login(page, base, "lead_ind")
    page.goto(f"{base}/plans/{v.plan_id}/annual/")
    assert page.locator(f"#annual-{t.pk} td.quarter[data-month='9'] .ytd").inner_text() == "68家"
    assert page.locator(".ytd-form").count() == 0 and page.locator("button.confirm-link").count() == 0
    logout(page)

    login(page, base, "office")
    page.goto(f"{base}/indicators/{parent.indicator_id}/?target={parent.pk}")
    step = page.locator("#steps-table tr.step-row[data-year='2023']")
    assert "300家" in step.inner_text() and "100家" in step.inner_text()
    assert "新增高新技术企业 不低于100家" in step.locator(".annual-step").inner_text()
    page.locator("#annual-steps").scroll_into_view_if_needed()
    shot(page, "annual-steps")


def test_demo_work_report_tracked_by_quarter(transactional_db: Any, web_server: Any, page: Any) -> None:
    from planwatch.web.demo import setup_demo
    from tests.web.conftest import HARBIN

    accounts = {a["username"]: a["password"] for a in setup_demo(HARBIN)["accounts"]}
    plan = Plan.objects.get(title="哈尔滨新区政府工作报告（节选）")
    base = web_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "demo_office")
    page.fill("#id_password", accounts["demo_office"])
    page.click("#login-submit")
    page.wait_for_url(f"{base}/dashboard/")
    page.goto(f"{base}/plans/")
    page.locator("a.annual-badge").first.click()
    page.wait_for_selector("#tracking")
    assert page.locator("#plan-year").inner_text() == "2023年"
    row = page.locator("tr.annual-row", has_text="招商引资项目")
    assert row.locator("td.quarter[data-month='9'] .ytd").inner_text() == "69个"
    assert "示例数据" in row.locator("td.quarter[data-month='9'] .source").inner_text()
    assert "不是真实统计数据" in page.locator("#sample-note").inner_text()
    assert page.url.endswith(f"/plans/{plan.pk}/annual/")
    row.scroll_into_view_if_needed()
    shot(page, "annual-demo")

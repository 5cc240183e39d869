"""Browser tests: Playwright driving Debian's Chromium against the production server (gunicorn and
a Celery job worker, as scripts/run.sh starts them) on the test database.

Skipped when /usr/bin/chromium is missing (CI installs it). Screenshots of the main pages go to
artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.ui_world import INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE, PLAN_TEXT, build_world

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium (/usr/bin/chromium) not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def web_server(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Replaces pytest-django's development server: the production processes on the test database."""
    from tests.web.production_server import production_server

    with django_db_blocker.unblock(), production_server(tmp_path_factory.mktemp("server")) as server:
        yield server


@pytest.fixture
def world(org: dict[str, Any], transactional_db: Any) -> dict[str, Any]:
    return build_world(org)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    pg = ctx.new_page()
    pg.set_default_timeout(15000)
    yield pg
    ctx.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("#login-submit")
    page.wait_for_url(f"{base}/dashboard/")


def logout(page: Any) -> None:
    page.click("#logout")
    page.wait_for_load_state()


NAV = {"office": "上传规划", "rep_ind": "本单位任务", "lead_ind": "待审批", "viewer": "审计"}


def test_each_role_logs_in_and_sees_its_navigation(world: dict[str, Any], web_server: Any, page: Any) -> None:
    base = web_server.url
    for username, link in NAV.items():
        login(page, base, username)
        assert page.locator("nav.main").get_by_text(link).count() == 1, username
        assert page.locator("h1").first.inner_text() == "实施监测总览"
        shot(page, f"dashboard-{username}")
        logout(page)
        assert "/portal/" in page.url
    # A reporter has no upload link, and the page itself is refused.
    login(page, base, "rep_ind")
    assert page.locator("nav.main").get_by_text("上传规划").count() == 0
    resp = page.goto(f"{base}/audit/")
    assert resp.status == 403 and page.locator("#forbidden").is_visible()
    shot(page, "forbidden-reporter")


def test_update_submitted_approved_seen_by_office(world: dict[str, Any], web_server: Any, page: Any,
                                                 tmp_path: Path) -> None:
    base = web_server.url
    task = world["t_ind"]
    evidence = tmp_path / "进展佐证.pdf"
    evidence.write_bytes(b"%PDF-1.4 demo evidence")
    login(page, base, "rep_ind")
    page.goto(f"{base}/ledger/{task.pk}/")
    page.fill("#id_text", "已完成技术改造项目8个<script>alert(1)</script>")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_percent", "45")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#submit-update-btn")
    page.wait_for_selector(".messages .success")
    assert page.locator("tr.update[data-review=pending]").count() == 1
    shot(page, "task-submitted")
    logout(page)
    login(page, base, "lead_ind")
    page.goto(f"{base}/approvals/")
    assert page.locator(".update-card .evidence").inner_text() == "进展佐证.pdf"
    shot(page, "approvals")
    page.locator(".update-card button.approve").click()
    page.wait_for_selector("#nothing-pending")
    logout(page)
    login(page, base, "office")
    item = page.locator("#waiting .approved-update")
    assert "已完成技术改造项目8个<script>alert(1)</script>" in item.first.inner_text()
    shot(page, "dashboard-office-after-approval")


def test_upload_correct_save_find_on_plan_page(world: dict[str, Any], web_server: Any, page: Any,
                                               tmp_path: Path) -> None:
    base = web_server.url
    doc = tmp_path / "测试规划.txt"
    doc.write_text(PLAN_TEXT, encoding="utf-8")
    login(page, base, "office")
    page.goto(f"{base}/upload/")
    page.set_input_files("#id_document", str(doc))
    page.click("#upload-btn")
    page.wait_for_url("**/review/*/")
    shot(page, "review")
    form = page.locator("form.target-form").filter(has=page.locator("select[name=kind] option[selected]",
                                                                    has_text="总量")).first
    form.locator("input[name=value]").fill("3300")
    form.locator("input[name=indicator_text]").fill("规上工业增加值")
    form.locator("button.primary").click()
    page.wait_for_selector(".messages .success")
    page.check("input[name=publish]")
    page.click("#save-version")
    page.wait_for_selector("#targets-table")
    row = page.locator("#targets-table tr", has_text="规上工业增加值")
    assert "3300" in row.inner_text()
    shot(page, "plan-page")
    # The uploaded text's <script> is shown as text in the reader, never run.
    page.click("#open-reader")
    assert page.locator("#doc").get_by_text('<script>alert("plan")</script>').count() == 1


def test_report_is_rendered_by_a_job_and_offered_when_ready(world: dict[str, Any], web_server: Any,
                                                           page: Any) -> None:
    base = web_server.url
    login(page, base, "office")
    page.goto(f"{base}/plans/{world['plan'].pk}/")
    page.select_option("#report-kind", "midterm")
    page.fill("#report-as-of", "2008-12-31")
    page.click("#report-btn")
    page.wait_for_url("**/jobs/*/")
    page.wait_for_selector("#job-download", timeout=60000)  # the page polls the job until the file is ready
    assert page.locator("#job-status").get_attribute("data-state") == "done"
    assert page.locator("#job-progress").get_attribute("value") == "100"
    shot(page, "report-job-done")
    with page.expect_download() as dl:
        page.click("#job-download")
    assert dl.value.suggested_filename.endswith("（截至2008年12月31日）.docx")
    # The reporter of another unit neither sees the job nor gets its file.
    job_url = page.url
    logout(page)
    login(page, base, "rep_zone")
    assert page.goto(job_url).status == 404
    assert page.goto(job_url + "file/").status == 404


def test_reader_highlight_and_record_link_each_other(world: dict[str, Any], web_server: Any, page: Any) -> None:
    base = web_server.url
    target = world["target"]
    login(page, base, "viewer")
    page.goto(f"{base}/plans/{world['plan'].pk}/reader/")
    shot(page, "reader")
    page.locator(f'a.hl[href="#rec-target-{target.pk}"]').first.click()
    assert page.url.endswith(f"#rec-target-{target.pk}")
    rec = page.locator(f"#rec-target-{target.pk}")
    assert rec.is_visible()
    rec.locator("a.back").click()
    assert page.url.endswith(f"#hl-target-{target.pk}")
    # The record's own page (the indicator) is one click away and links back to the highlight.
    rec.locator("a").nth(1).click()
    page.wait_for_selector("#chart[data-ready='1'] canvas")
    shot(page, "indicator")
    page.locator("#status a").first.click()
    assert page.url.endswith(f"#hl-target-{target.pk}")


def test_public_portal_shows_nothing_internal(world: dict[str, Any], web_server: Any, page: Any) -> None:
    base = web_server.url
    page.goto(f"{base}/portal/")
    body = page.content()
    assert world["plan"].title in body and world["draft"].plan.title not in body
    page.click(f"a[href='/portal/plans/{world['plan'].pk}/']")
    body = page.content()
    for secret in (INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE, "内部说明"):
        assert secret not in body
    assert page.locator("#public-targets tbody tr").count() == world["live"].targets.count()
    shot(page, "portal-plan")


def test_english_switch(world: dict[str, Any], web_server: Any, page: Any) -> None:
    login(page, web_server.url, "office")
    page.click("#lang-en")
    page.wait_for_selector("text=Implementation overview")
    assert page.locator("nav.main").get_by_text("Ledger").count() == 1
    shot(page, "dashboard-english")


def test_ledger_filters_update_in_place(world: dict[str, Any], web_server: Any, page: Any) -> None:
    base = web_server.url
    login(page, base, "office")
    page.goto(f"{base}/ledger/")
    table = page.locator("#ledger-table")
    assert "开发区招商任务" in table.inner_text() and "推进工业技术改造" in table.inner_text()
    page.evaluate("window.__stay = 1")  # survives only if htmx swapped the table instead of reloading
    page.select_option("select[name=window]", "overdue")
    page.wait_for_function("!document.querySelector('#ledger-table').innerText.includes('开发区招商任务')")
    assert "推进工业技术改造" in page.locator("#ledger-table").inner_text()
    assert page.evaluate("window.__stay") == 1 and "window=overdue" in page.url
    shot(page, "ledger")


@pytest.mark.parametrize("width,height", [(375, 740), (1366, 768)])
def test_no_horizontal_scroll(world: dict[str, Any], web_server: Any, browser: Any, width: int,
                              height: int) -> None:
    base = web_server.url
    ctx = browser.new_context(viewport={"width": width, "height": height})
    page = ctx.new_page()
    login(page, base, "office")
    paths = ["/dashboard/", f"/plans/{world['plan'].pk}/", f"/plans/{world['plan'].pk}/reader/", "/ledger/",
             f"/indicators/{world['indicator'].pk}/", f"/ledger/{world['t_ind'].pk}/", "/audit/", "/portal/"]
    for path in paths:
        page.goto(base + path)
        sw, iw = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert sw <= iw, (path, width, sw, iw)
    if width == 375:
        page.goto(base + "/dashboard/")
        shot(page, "phone-dashboard")
    ctx.close()


def test_reporter_adds_a_milestone_and_marks_it_done(world: dict[str, Any], web_server: Any, page: Any) -> None:
    base = web_server.url
    task = world["t_ind"]
    login(page, base, "rep_ind")
    page.goto(f"{base}/ledger/{task.pk}/")
    page.click("details:has(#add-milestone) > summary")
    page.fill("#id_milestone_title", "完成设备招标<b>")
    page.fill("#id_milestone_due", "2000-01-01")
    page.click("#add-milestone-btn")
    page.wait_for_selector(".messages .success")
    row = page.locator("tr.milestone")
    assert row.count() == 1 and row.get_attribute("data-light") == "red"  # due in the past, not done
    assert "完成设备招标<b>" in row.inner_text()
    row.locator("button.milestone-done").click()
    page.wait_for_selector(".messages .success")
    assert page.locator("tr.milestone").get_attribute("data-light") == "grey"
    shot(page, "task-milestones")

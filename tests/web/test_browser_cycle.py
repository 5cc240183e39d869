"""Browser tests of the monitoring cycle (Playwright + Debian Chromium, like test_browser.py):
reporting rounds and 催办, the 考核 ranking and its drill-down, 整改, the mid-term self-evaluation,
the to-do centre and the 督办 guards with their confirmation step."""

# ruff: noqa: F811  (the fixtures of test_browser.py are imported by name, then used as arguments)
from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from planwatch.web.data.observations import record_observation
from planwatch.web.ledger import workflow as W
from tests.web.test_browser import browser, login, logout, page, pytestmark, shot, world  # noqa: F401  # noqa: F401

TODAY = timezone.localdate()


def test_office_opens_round_unit_reports_office_reminds(world: dict[str, Any], live_server: Any, page: Any
                                                        ) -> None:
    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/rounds/")
    page.fill("#id_title", "重点任务季报")
    page.select_option("#id_frequency", "quarterly")
    page.fill("#id_period_label", "2026年第3季度")
    page.fill("#id_due", (TODAY - dt.timedelta(days=3)).isoformat())  # already due: reports are late
    page.select_option("#id_plan", str(world["plan"].pk))
    page.click("#open-round-btn")
    page.wait_for_selector("#round-units")
    assert page.locator("tr.unit-row[data-state=missing]").count() == 2
    logout(page)
    # The unit finds the round on its to-do list and reports (late).
    login(page, base, "rep_ind")
    page.goto(f"{base}/todo/")
    shot(page, "todo-reporter")
    page.locator(".todo-item a", has_text="重点任务季报").click()
    page.fill("#id_report_text", "完成技改项目8个，投资12亿元")
    page.click("#submit-report")
    page.wait_for_selector("#submitted-report")
    assert "迟报" in page.locator("#report-state").inner_text()
    logout(page)
    login(page, base, "office")
    page.goto(f"{base}/rounds/")
    page.locator(".round-row a", has_text="重点任务季报").click()
    assert page.locator("tr.unit-row[data-state=late]").count() == 1
    assert page.locator("tr.unit-row[data-state=missing]").count() == 1
    page.click("#remind-btn")
    page.wait_for_selector(".messages .success")
    assert "1个未报送单位" in page.locator(".messages").inner_text()
    shot(page, "round-office")
    logout(page)
    login(page, base, "rep_zone")
    page.goto(f"{base}/todo/")
    assert "催办" in page.locator("#notifications").inner_text()


def test_ranking_drilldown_and_scheme(world: dict[str, Any], live_server: Any, page: Any) -> None:
    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/assessment/?year=2000")
    row = page.locator("tr.rank-row", has_text="市工业和信息化局")
    assert row.get_attribute("data-light") == "red"
    assert "总分 = " in row.locator(".computation").inner_text()
    page.click("#scheme summary")
    page.fill("#id_w_tasks", "0.6")
    page.click("#save-scheme")
    page.wait_for_selector(".messages .success")
    assert "任务时效 0.6" in page.locator("#scheme-summary").inner_text()
    shot(page, "assessment-ranking")
    with page.expect_download() as dl:
        page.click("#export-xlsx")
    assert dl.value.suggested_filename == "assessment-2000.xlsx"
    page.locator("tr.rank-row a.unit-link", has_text="市工业和信息化局").click()
    page.wait_for_selector("#computation")
    assert page.locator("tr.point", has_text="推进工业技术改造").count() == 1
    shot(page, "assessment-unit")
    logout(page)
    login(page, base, "rep_ind")
    assert page.goto(f"{base}/assessment/?year=2000").status == 403


def test_rectification_assigned_responded_closed(world: dict[str, Any], live_server: Any, page: Any
                                                 ) -> None:
    base = live_server.url
    us = world["users"]
    from planwatch.web.cycle.rectifications import LAGGING
    from planwatch.web.ui.assessments import target_views

    # a lagging target (one the plan-text audit doubts says 待核实 and is no rectification)
    lagging = None
    for t in world["live"].targets.filter(kind="level").exclude(baseline_value=None).order_by("start", "id"):
        record_observation(us["admin"], t.indicator, 2009, (t.baseline_value or 1) * 0.5, source="公报")
        if target_views([t], {t.version_id: world["plan"]})[0].status in LAGGING:
            lagging = t
            break
    assert lagging is not None
    login(page, base, "office")
    page.goto(f"{base}/rectifications/new/")
    row = page.locator("tr.lagging-row", has_text=lagging.indicator_text).first
    row.locator("select[name=unit]").select_option(str(world["units"]["ind"].pk))  # the unit that reports
    row.locator("button.assign-lagging").click()
    page.wait_for_selector("#rect-state")
    assert page.locator("#rect-state").inner_text() == "整改中"
    logout(page)
    login(page, base, "rep_ind")
    page.goto(f"{base}/todo/")
    page.locator(".todo-group", has_text="待整改").locator("a").first.click()
    page.fill("#id_response", "已督促重点项目投产，预计下季度回升")
    page.click("#respond-btn")
    page.wait_for_selector(".messages .success")
    assert page.locator("#rect-state").inner_text() == "已反馈"
    logout(page)
    login(page, base, "office")
    page.goto(f"{base}/todo/")
    page.locator(".todo-group", has_text="整改待销号").locator("a").first.click()
    page.click("#close-rect")
    page.wait_for_selector(".messages .success")
    assert page.locator("#rect-state").inner_text() == "已销号"
    shot(page, "rectification")


def test_self_evaluation_submitted_and_compiled(world: dict[str, Any], live_server: Any, page: Any
                                                ) -> None:
    base = live_server.url
    login(page, base, "office")
    page.goto(f"{base}/rounds/")
    page.fill("#id_title", "中期评估自评")
    page.select_option("#id_kind", "self_evaluation")
    page.select_option("#id_frequency", "annual")
    page.fill("#id_period_label", "中期")
    page.fill("#id_due", (TODAY + dt.timedelta(days=10)).isoformat())
    page.select_option("#id_plan", str(world["plan"].pk))
    page.click("#open-round-btn")
    page.wait_for_selector("#round-units")
    logout(page)
    login(page, base, "rep_ind")
    page.goto(f"{base}/todo/")
    page.locator(".todo-item a", has_text="中期评估自评").click()
    task = world["t_ind"]
    page.fill("#id_report_text", "总体进展符合预期")
    page.select_option(f"select[name=rating-task-{task.pk}]", "behind")
    page.fill(f"input[name=text-task-{task.pk}]", "资金到位滞后")
    shot(page, "self-evaluation-form")
    page.click("#submit-report")
    page.wait_for_selector("#self-items")
    logout(page)
    login(page, base, "office")
    page.goto(f"{base}/plans/{world['plan'].pk}/self-evaluations/")
    assert "资金到位滞后" in page.locator("#compiled").inner_text()
    shot(page, "self-evaluations-compiled")


def test_decline_reassign_and_confirmation_guards(world: dict[str, Any], live_server: Any, page: Any
                                                  ) -> None:
    base = live_server.url
    us = world["users"]
    # 退回交办 by the zone, seen by the office with the reason in words, then reassigned.
    login(page, base, "rep_zone")
    page.goto(f"{base}/ledger/{world['t_zone'].pk}/")
    page.fill("#decline-reason", "招商引资不属本单位职责")
    page.click("#decline-task")
    page.wait_for_selector("#decline-note")
    logout(page)
    login(page, base, "office")
    page.goto(f"{base}/todo/")
    group = page.locator(".todo-group", has_text="退回交办")
    assert "招商引资不属本单位职责" in group.inner_text()
    shot(page, "todo-office")
    group.locator("a").first.click()
    page.select_option("#reassign-unit", str(world["units"]["ind"].pk))
    page.click("#reassign-btn")
    page.wait_for_selector(".messages .success")
    assert page.locator("#decline-note").count() == 0
    logout(page)
    # 办结 at 45%: the confirmation step.
    task = world["t_ind"]
    W.review_update(us["leader"], W.submit_update(us["reporter"], task, "完成一半", "in_progress", 45), True)
    login(page, base, "rep_ind")
    page.goto(f"{base}/ledger/{task.pk}/")
    page.click("#finish-task")
    page.wait_for_selector("#confirm-question")
    assert "45%" in page.locator("#confirm-question").inner_text()
    shot(page, "confirm-finish")
    page.click("#confirm-yes")
    page.wait_for_selector(".messages .success")
    assert page.locator("#task-state").inner_text() == "办结"
    logout(page)


def test_extension_leader_then_office_past_the_period(world: dict[str, Any], live_server: Any, page: Any
                                                      ) -> None:
    base = live_server.url
    task = world["t_ind"]
    login(page, base, "rep_ind")
    page.goto(f"{base}/ledger/{task.pk}/")
    page.locator("details.card summary", has_text="申请延期").click()
    page.fill("input[name=new_deadline]", "2012-06-30")
    page.fill("textarea[name=reason]", "资金未到位")
    page.locator("details.card button.primary", has_text="提交申请").click()
    page.wait_for_selector("#confirm-question")
    assert "晚于规划期末" in page.locator("#confirm-question").inner_text()
    page.click("#confirm-yes")
    page.wait_for_selector("#extensions")
    assert "待单位负责人审核" in page.locator("#extensions").inner_text()
    logout(page)
    login(page, base, "lead_ind")
    page.goto(f"{base}/todo/")
    page.locator(".todo-group", has_text="延期申请待审核").locator("a").first.click()
    page.click("#endorse-agree")
    page.wait_for_selector(".messages .success")
    logout(page)
    login(page, base, "office")
    page.goto(f"{base}/ledger/{task.pk}/")
    page.click("#extensions button[value=grant]")
    page.wait_for_selector("#confirm-question")
    page.click("#confirm-yes")
    page.wait_for_selector(".messages .success")
    assert "2012-06-30" in page.locator("p.muted").first.inner_text()
    logout(page)
    login(page, base, "rep_ind")
    page.goto(f"{base}/todo/")
    assert "延期申请已同意" in page.locator("#notifications").inner_text()

"""The monitoring cycle: reporting rounds and 催办, 考核 with its scheme, ranking, drill-down and
export, 整改, mid-term self-evaluation, the to-do centre and the 督办 guards — each with the roles
that are refused."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from planwatch.web.accounts.permissions import PermissionDenied
from planwatch.web.cycle import rectifications as R
from planwatch.web.cycle import rounds as RD
from planwatch.web.cycle.extensions import endorse_extension
from planwatch.web.cycle.models import RoundReport
from planwatch.web.cycle.scoring import ranking
from planwatch.web.cycle.selfeval import self_evaluations_for_plan
from planwatch.web.cycle.todo import todo_items
from planwatch.web.data.observations import record_observation
from planwatch.web.errors import InvalidInput, NeedsConfirmation, WorkflowError
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import ExtensionRequest, Notification
from tests.web.ui_world import build_world

TODAY = timezone.localdate()


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    return build_world(org)


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _report(rnd: Any, unit: Any) -> RoundReport:
    return RoundReport.objects.get(round=rnd, unit=unit)


# ---- reporting rounds ----------------------------------------------------------------------------

def test_round_reports_late_missing_and_reminders(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    with pytest.raises(PermissionDenied):
        RD.open_round(us["reporter"], title="季报", frequency="quarterly", period_label="第1季度", due=TODAY)
    with pytest.raises(InvalidInput):
        RD.open_round(us["admin"], title="季报", frequency="weekly", period_label="第1季度", due=TODAY)
    past = TODAY - dt.timedelta(days=10)
    rnd = RD.open_round(us["admin"], title="重点任务季报", frequency="quarterly", period_label="第1季度", due=past,
                        plan=world["plan"])
    assert {r.unit.name for r in rnd.reports.all()} == {un["ind"].name, un["zone"].name}
    assert Notification.objects.filter(user=us["other_reporter"], kind="round_opened").exists()
    with pytest.raises(PermissionDenied):  # another unit cannot report for this one
        RD.submit_report(us["other_reporter"], _report(rnd, un["ind"]), "代报")
    ind_report = RD.submit_report(us["reporter"], _report(rnd, un["ind"]), "完成技改项目8个")
    with pytest.raises(WorkflowError):
        RD.submit_report(us["reporter"], ind_report, "再报一次")
    assert RD.report_state(ind_report, rnd.due).code == "late"
    assert RD.report_state(_report(rnd, un["zone"]), rnd.due).code == "missing"
    with pytest.raises(PermissionDenied):
        RD.remind(us["viewer"], rnd)
    us["other_reporter"].email = "zone@example.org"
    us["other_reporter"].save()
    with override_settings(EMAIL_HOST="smtp.example.org"):
        assert RD.remind(us["admin"], rnd) == 1  # only the unit that has not reported
    note = Notification.objects.get(user=us["other_reporter"], kind="round_reminder")
    assert "催办" in note.message and note.level == "red" and note.emailed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zone@example.org"]
    assert not Notification.objects.filter(user=us["reporter"], kind="round_reminder").exists()
    assert _report(rnd, un["zone"]).reminders == 1
    with pytest.raises(PermissionDenied):
        RD.grade_report(us["reporter"], ind_report, 90)
    RD.grade_report(us["admin"], ind_report, 80, "内容完整")
    # Late and missing reports feed the 考核.
    rows = {r.unit: r for r in ranking(past.year).rows}
    assert rows[un["ind"].name].reports_late == 1 and rows[un["zone"].name].reports_missing == 1
    assert rows[un["ind"].name].quality_score == 80
    assert "报送 (50×1)/1 = 50" in rows[un["ind"].name].computation_zh


def test_round_pages_and_their_permissions(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    office = client_for(us["admin"])
    resp = office.post(reverse("cycle:rounds"), {"title": "月度报送", "kind": "progress", "frequency": "monthly",
                                                  "period_label": "2026年5月", "due": str(TODAY + dt.timedelta(days=5)),
                                                  "plan": "", "task_type": ""})
    assert resp.status_code == 302
    from planwatch.web.cycle.models import ReportingRound

    rnd = ReportingRound.objects.get(title="月度报送")
    zone_report = _report(rnd, un["zone"])
    # Units cannot open rounds, see the office's round page, or another unit's report.
    assert client_for(us["reporter"]).post(reverse("cycle:rounds"), {"title": "x"}).status_code == 403
    assert client_for(us["reporter"]).get(reverse("cycle:round", args=[rnd.pk])).status_code == 403
    assert client_for(us["reporter"]).get(reverse("cycle:round_report", args=[zone_report.pk])).status_code == 404
    assert client_for(None).get(reverse("cycle:rounds")).status_code == 302
    assert client_for(us["viewer"]).post(reverse("cycle:remind", args=[rnd.pk])).status_code == 403
    assert client_for(us["viewer"]).post(reverse("cycle:grade", args=[zone_report.pk]),
                                         {"quality": "90"}).status_code == 403
    # The unit sees the round on its to-do list and submits there.
    rep = client_for(us["other_reporter"])
    todo = rep.get(reverse("cycle:todo")).content.decode()
    assert "月度报送" in todo and "待报送" in todo
    assert client_for(us["viewer"]).post(reverse("cycle:round_report", args=[zone_report.pk]),
                                         {"text": "x"}).status_code == 403
    rep.post(reverse("cycle:round_report", args=[zone_report.pk]), {"text": "招商项目签约3个"})
    zone_report.refresh_from_db()
    assert zone_report.submitted_at is not None
    page = office.get(reverse("cycle:round", args=[rnd.pk])).content.decode()
    assert "按期报送" in page and "待报送" in page  # zone on time, ind not yet due
    assert not [i for i in todo_items(us["other_reporter"]) if i.group == "待报送"]


# ---- 考核 -------------------------------------------------------------------------------------------

def test_assessment_scheme_ranking_drilldown_export(world: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    us, un = world["users"], world["units"]
    year = 2000  # world["t_ind"] is due 2000-01-01 and still open: overdue
    office = client_for(us["admin"])
    assert client_for(us["viewer"]).post(reverse("cycle:save_scheme", args=[year]),
                                         {"w_targets": "1"}).status_code == 403
    bad = office.post(reverse("cycle:save_scheme", args=[year]), {
        "w_targets": "0", "w_tasks": "0", "w_reporting": "0", "w_quality": "0", "w_rectification": "0",
        "green_from": "85", "yellow_from": "70"}, follow=True)
    assert "权重之和须大于0" in bad.content.decode()
    office.post(reverse("cycle:save_scheme", args=[year]), {
        "w_targets": "0.5", "w_tasks": "0.5", "w_reporting": "0", "w_quality": "0", "w_rectification": "0",
        "green_from": "85", "yellow_from": "70"})
    r = ranking(year)
    assert r.scheme.w_tasks == 0.5
    ind_row = next(x for x in r.rows if x.unit == un["ind"].name)
    assert ind_row.tasks_overdue == 1 and ind_row.tasks_score == 0
    assert r.lights[un["ind"].name] == "red"
    page = office.get(reverse("cycle:assessment") + f"?year={year}").content.decode()
    assert un["ind"].name in page and "总分 = " in page
    # Drill-down: every point, the task named by its title.
    url = reverse("cycle:assessment_unit", args=[year, un["ind"].pk])
    detail = office.get(url).content.decode()
    assert "推进工业技术改造" in detail and "逾期未完成" in detail
    assert client_for(us["reporter"]).get(url).status_code == 200  # its own unit
    assert client_for(us["other_reporter"]).get(url).status_code == 403
    assert client_for(us["reporter"]).get(reverse("cycle:assessment")).status_code == 403
    assert client_for(None).get(reverse("cycle:assessment")).status_code == 302
    resp = office.get(reverse("cycle:assessment_export", args=[year]))
    wb = load_workbook(BytesIO(resp.content))
    assert wb.sheetnames == ["考核排名", "得分明细"]
    units = [row[1].value for row in wb["考核排名"].iter_rows(min_row=3)]
    assert un["ind"].name in units
    assert client_for(us["reporter"]).get(reverse("cycle:assessment_export", args=[year])).status_code == 403


# ---- 整改 -------------------------------------------------------------------------------------------

def test_rectification_from_lagging_indicator_and_audit_finding(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    from planwatch.web.cycle.rectifications import LAGGING
    from planwatch.web.ui.assessments import target_views

    # a target whose figure lags (a target the plan-text audit doubts says 待核实 instead: not lagging)
    target = None
    for t in world["live"].targets.filter(kind="level").exclude(baseline_value=None).order_by("start", "id"):
        record_observation(us["admin"], t.indicator, 2009, (t.baseline_value or 1) * 0.5, source="统计公报")
        if target_views([t], {t.version_id: world["plan"]})[0].status in LAGGING:
            target = t
            break
    assert target is not None
    office = client_for(us["admin"])
    assert client_for(us["reporter"]).get(reverse("cycle:new_rectification")).status_code == 403
    page = office.get(reverse("cycle:new_rectification")).content.decode()
    assert target.indicator_text in page
    due = str(TODAY + dt.timedelta(days=20))
    resp = office.post(reverse("cycle:new_rectification"), {"source": "indicator", "target": target.pk,
                                                            "unit": un["ind"].pk, "due": due})
    assert resp.status_code == 302
    from planwatch.web.cycle.models import Rectification

    rc = Rectification.objects.get(source="indicator")
    assert "评估结论" in rc.detail and rc.unit == un["ind"]
    assert Notification.objects.filter(user=us["reporter"], kind="rectification_assigned").exists()
    # The unit responds; another unit cannot see it; the office closes it.
    url = reverse("cycle:rectification", args=[rc.pk])
    assert client_for(us["other_reporter"]).get(url).status_code == 404
    with pytest.raises(WorkflowError):
        R.close(us["admin"], rc, True)  # nothing to close before the response
    client_for(us["reporter"]).post(url, {"step": "respond", "response": "已加快项目建设"})
    rc.refresh_from_db()
    assert rc.state == "responded"
    client_for(us["reporter"]).post(url, {"step": "close", "decision": "close"})
    rc.refresh_from_db()
    assert rc.state == "responded"  # a unit cannot close its own rectification
    office.post(url, {"step": "close", "decision": "close", "comment": "同意销号"})
    rc.refresh_from_db()
    assert rc.state == "closed" and rc.closed_at is not None
    # An audit finding of the live version.
    office.post(reverse("cycle:new_rectification"), {"source": "audit", "version": world["live"].pk, "finding": 0,
                                                     "unit": un["zone"].pk, "due": due})
    finding = Rectification.objects.get(source="audit")
    assert finding.unit == un["zone"] and finding.finding_rule
    assert any(i.group == "待整改" for i in todo_items(us["other_reporter"]))
    with pytest.raises(InvalidInput):  # a target on track is not a rectification
        live = world["live"]
        ok = next(v for v in target_views(list(live.targets.all()), {live.pk: world["plan"]})
                  if v.status not in R.LAGGING)
        R.from_target(us["admin"], ok, un["ind"], TODAY)
    # Rectifications feed the 考核 when the scheme weighs them.
    rows = {r.unit: r for r in ranking(TODAY.year).rows}
    assert any(i.component == "rectification" for i in rows[un["ind"].name].items)


# ---- mid-term self-evaluation -------------------------------------------------------------------

def test_self_evaluation_round_compiled_per_plan(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    rnd = RD.open_round(us["admin"], title="中期评估自评", kind="self_evaluation", frequency="annual",
                        period_label="中期", due=TODAY + dt.timedelta(days=7), plan=world["plan"])
    report = _report(rnd, un["ind"])
    with pytest.raises(InvalidInput):  # a self-evaluation rates at least one task or target
        RD.submit_report(us["reporter"], report, "总体进展良好", [])
    with pytest.raises(InvalidInput):  # not this unit's task
        RD.submit_report(us["reporter"], report, "总体", [{"task_id": world["t_zone"].pk, "rating": "on_track",
                                                           "text": "x"}])
    rep = client_for(us["reporter"])
    url = reverse("cycle:round_report", args=[report.pk])
    form = rep.get(url).content.decode()
    assert "推进工业技术改造" in form and "工业增加值" in form
    rep.post(url, {"text": "总体进展良好", f"rating-task-{world['t_ind'].pk}": "behind",
                   f"text-task-{world['t_ind'].pk}": "资金未到位",
                   f"rating-target-{world['target'].pk}": "ahead", f"text-target-{world['target'].pk}": "超额完成"})
    entries = self_evaluations_for_plan(world["plan"])
    assert [(e.unit, e.subject_kind, e.rating_zh, e.text) for e in entries] == [
        (un["ind"].name, "task", "滞后", "资金未到位"), (un["ind"].name, "target", "超前完成", "超额完成")]
    compiled = reverse("cycle:self_evaluations", args=[world["plan"].pk])
    assert "资金未到位" in client_for(us["viewer"]).get(compiled).content.decode()
    assert client_for(us["reporter"]).get(compiled).status_code == 403


# ---- 督办 guards, 退回交办, leader endorsement, to-do centre ------------------------------------------

def test_finish_below_100_needs_confirmation_in_the_browser_form(world: dict[str, Any]) -> None:
    us = world["users"]
    task = world["t_ind"]
    W.review_update(us["leader"], W.submit_update(us["reporter"], task, "完成一半", "in_progress", 45), True)
    rep = client_for(us["reporter"])
    url = reverse("ledger:task_action", args=[task.pk, "finish"])
    page = rep.post(url, {"comment": "申请办结"}).content.decode()
    assert "任务进度为45%" in page and 'name="confirm" value="1"' in page
    task.refresh_from_db()
    assert task.state == "reported"
    rep.post(url, {"comment": "申请办结", "confirm": "1"})
    task.refresh_from_db()
    assert task.state == "done"
    assert any(i.group == "待销号" for i in todo_items(us["admin"]))


def test_decline_at_assignment_and_reassign(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    task = world["t_zone"]  # assigned to the zone, not yet accepted
    with pytest.raises(PermissionDenied):
        W.decline_task(us["reporter"], task, "不是我们的")
    with pytest.raises(InvalidInput):
        W.decline_task(us["other_reporter"], task, " ")
    client_for(us["other_reporter"]).post(reverse("ledger:task_action", args=[task.pk, "decline"]),
                                          {"comment": "招商不属本单位职责"})
    note = Notification.objects.get(user=us["admin"], kind="declined")
    assert "退回原因：招商不属本单位职责" in note.message
    office_todo = [i for i in todo_items(us["admin"]) if i.group == "退回交办"]
    assert office_todo and "招商不属本单位职责" in office_todo[0].detail
    assert "招商不属本单位职责" in client_for(us["admin"]).get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert not any(i.group == "待承办" and i.title == task.title for i in todo_items(us["other_reporter"]))
    reassign = reverse("cycle:reassign", args=[task.pk])
    assert client_for(us["other_reporter"]).post(reassign, {"unit": un["ind"].pk}).status_code == 403
    client_for(us["admin"]).post(reassign, {"unit": un["ind"].pk})
    task.refresh_from_db()
    assert task.lead_unit == un["ind"] and task.state == "assigned"
    assert not [i for i in todo_items(us["admin"]) if i.group == "退回交办"]
    assert any(i.group == "待承办" and i.title == task.title for i in todo_items(us["reporter"]))


def test_extension_needs_leader_then_office_and_confirmation_past_the_period(world: dict[str, Any]) -> None:
    us = world["users"]
    task = world["t_ind"]  # plan 2006–2010
    with pytest.raises(NeedsConfirmation, match="晚于规划期末（2010年）"):
        W.request_extension(us["reporter"], task, dt.date(2012, 6, 30), "资金未到位")
    rep = client_for(us["reporter"])
    page = rep.post(reverse("ledger:request_extension", args=[task.pk]),
                    {"new_deadline": "2012-06-30", "reason": "资金未到位"}).content.decode()
    assert "晚于规划期末" in page
    rep.post(reverse("ledger:request_extension", args=[task.pk]),
             {"new_deadline": "2012-06-30", "reason": "资金未到位", "confirm": "1"})
    req = ExtensionRequest.objects.get(task=task)
    assert Notification.objects.filter(user=us["leader"], kind="extension_to_endorse").exists()
    assert any(i.group == "延期申请待审核" for i in todo_items(us["leader"]))
    with pytest.raises(WorkflowError):
        W.decide_extension(us["admin"], req, True, confirm=True)  # the leader has not agreed yet
    endorse = reverse("cycle:endorse_extension", args=[req.pk])
    assert rep.post(endorse, {"decision": "agree"}).status_code == 403
    assert client_for(us["other_leader"]).post(endorse, {"decision": "agree"}).status_code == 404
    client_for(us["leader"]).post(endorse, {"decision": "agree", "comment": "情况属实"})
    assert any(i.group == "延期待审批" for i in todo_items(us["admin"]))
    office = client_for(us["admin"])
    decide = reverse("ledger:decide_extension", args=[req.pk])
    assert "晚于规划期末" in office.post(decide, {"decision": "grant"}).content.decode()
    office.post(decide, {"decision": "grant", "comment": "同意", "confirm": "1"})
    task.refresh_from_db()
    assert task.deadline == dt.date(2012, 6, 30)
    note = Notification.objects.get(user=us["reporter"], kind="extension_decided")
    assert "已同意" in note.message and "2012-06-30" in note.message


def test_leader_refusal_ends_the_request(world: dict[str, Any]) -> None:
    us = world["users"]
    req = W.request_extension(us["reporter"], world["t_ind"], dt.date(2009, 6, 30), "用地")
    with pytest.raises(InvalidInput):
        endorse_extension(us["leader"], req, False, "")
    endorse_extension(us["leader"], req, False, "理由不充分")
    req.refresh_from_db()
    assert req.decision == "refused" and "理由不充分" in req.decision_comment
    assert "理由不充分" in Notification.objects.get(user=us["reporter"], kind="extension_decided").message


def test_todo_page_per_role_and_marking_read(world: dict[str, Any]) -> None:
    us = world["users"]
    rep = client_for(us["other_reporter"])
    body = rep.get(reverse("cycle:todo")).content.decode()
    assert "待承办" in body and "开发区招商任务" in body  # t_zone is assigned to the zone
    assert "新交办任务：开发区招商任务" in body
    rep.post(reverse("cycle:read_notifications"))
    assert not Notification.objects.filter(user=us["other_reporter"], read=False).exists()
    assert client_for(us["viewer"]).get(reverse("cycle:todo")).status_code == 200
    assert client_for(None).get(reverse("cycle:todo")).status_code == 302


# ---- API ----------------------------------------------------------------------------------------

def api_client(user: Any) -> Client:
    from planwatch.web.accounts.models import ApiToken

    _, clear = ApiToken.issue(user, "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {clear}")


def test_cycle_api_and_its_permissions(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    office, rep = api_client(us["admin"]), api_client(us["reporter"])
    body = {"title": "半年报", "frequency": "half_yearly", "period_label": "上半年",
            "due": str(TODAY + dt.timedelta(days=3)), "plan_id": world["plan"].pk}
    assert rep.post("/api/rounds", body, content_type="application/json").status_code == 403
    resp = office.post("/api/rounds", body, content_type="application/json")
    assert resp.status_code == 201
    rid = resp.json()["id"]
    own = rep.get(f"/api/rounds/{rid}/reports").json()
    assert [r["unit"] for r in own] == [un["ind"].name]  # a unit sees only its own row
    assert rep.post(f"/api/round-reports/{own[0]['id']}/submit", {"text": "上半年进展"},
                    content_type="application/json").json()["state"] == "on_time"
    states = {r["unit"]: r["state"] for r in office.get(f"/api/rounds/{rid}/reports").json()}
    assert states == {un["ind"].name: "on_time", un["zone"].name: "pending"}
    assert office.post(f"/api/rounds/{rid}/remind").json() == {"reminded": 1}
    assert rep.post(f"/api/rounds/{rid}/remind").status_code == 403
    assert Client().get("/api/rounds").status_code in (401, 403)
    assert Client().get("/api/todo").status_code in (401, 403)
    assert rep.get(f"/api/assessment/{TODAY.year}").status_code == 403
    data = office.get(f"/api/assessment/{TODAY.year}").json()
    assert {u["unit"] for u in data["units"]} >= {un["ind"].name}
    # The 办结 guard through the API: a 400 with the question, then confirmed.
    task = world["t_ind"]
    W.review_update(us["leader"], W.submit_update(us["reporter"], task, "过半", "in_progress", 60), True)
    resp = rep.post(f"/api/tasks/{task.pk}/finish", {"comment": ""}, content_type="application/json")
    assert resp.status_code == 400 and "60%" in resp.json()["detail"]
    assert rep.post(f"/api/tasks/{task.pk}/finish", {"confirm": True},
                    content_type="application/json").json()["state"] == "done"
    # 退回交办 through the API, by the lead unit only.
    zone_task = world["t_zone"]
    assert rep.post(f"/api/tasks/{zone_task.pk}/decline", {"comment": "非本单位"},
                    content_type="application/json").status_code in (403, 404)
    assert api_client(us["other_reporter"]).post(f"/api/tasks/{zone_task.pk}/decline", {"comment": "非本单位"},
                                                 content_type="application/json").status_code == 200


# ---- the demo -----------------------------------------------------------------------------------

def test_demo_shows_a_late_round_a_ranking_and_a_rectification(db: Any) -> None:
    from planwatch.web.cycle.models import Rectification, ReportingRound
    from planwatch.web.demo import setup_demo
    from tests.web.conftest import HARBIN

    result = setup_demo(HARBIN)
    assert result["cycle"] == {"rounds": 2, "rectifications": 1}
    last = ReportingRound.objects.get(title="重点任务季度报送")
    states = [RD.report_state(r, last.due).code for r in last.reports.all()]
    assert {"on_time", "late", "missing"} <= set(states)
    rows = ranking(TODAY.year).rows
    assert len(rows) >= 3 and rows[0].rank == 1 and rows[0].total is not None
    assert Rectification.objects.filter(source="audit", state="open").count() == 1
    assert setup_demo(HARBIN)["cycle"] == {}  # idempotent

"""The web UI's milestone, target-decomposition and review-correction pages, role by role: who may
act (allowed), who is refused (403 when the object is visible, 404 when it is not), CSRF, escaping
and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import Milestone, TargetAssignment
from tests.web.ui_world import build_world


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    return build_world(org)


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


# ---- milestones --------------------------------------------------------------------------------------

def test_milestone_add_by_role(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    url = reverse("ui:add_milestone", args=[task.pk])
    expected = {"admin": 302, "reporter": 302, "leader": 302, "viewer": 403, "other_reporter": 404,
                "other_leader": 404}
    for role, code in expected.items():
        r = client_for(us[role]).post(url, {"title": f"节点-{role}", "due": "2030-06-30"})
        assert r.status_code == code, role
    titles = set(task.milestones.values_list("title", flat=True))
    assert titles == {"节点-admin", "节点-reporter", "节点-leader"}
    assert Client().post(url, {"title": "匿名"}).status_code == 302  # to the login page
    assert task.milestones.count() == 3
    assert client_for(us["admin"]).get(url).status_code == 405


def test_milestone_done_by_role_and_only_once(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    m = Milestone.objects.create(task=task, title="完成选址", due=dt.date(2030, 1, 1))
    url = reverse("ui:complete_milestone", args=[m.pk])
    assert client_for(us["viewer"]).post(url).status_code == 403
    assert client_for(us["other_reporter"]).post(url).status_code == 404
    m.refresh_from_db()
    assert m.done_on is None
    assert client_for(us["reporter"]).post(url).status_code == 302
    m.refresh_from_db()
    assert m.done_on == dt.date.today()
    r = client_for(us["admin"]).post(url, follow=True)
    assert "已完成" in r.content.decode()  # the second time is refused with a message
    assert AuditEntry.objects.filter(model="ledger.ledgertask", object_id=str(task.pk),
                                     after__action="complete_milestone").count() == 1


def test_milestone_lights_computed_and_title_escaped(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    today = dt.date.today()
    Milestone.objects.create(task=task, title="<b>过期</b>节点", due=today - dt.timedelta(days=1))
    Milestone.objects.create(task=task, title="临近节点", due=today + dt.timedelta(days=1))
    Milestone.objects.create(task=task, title="远期节点", due=today + dt.timedelta(days=3650))
    Milestone.objects.create(task=task, title="已完成节点", due=today - dt.timedelta(days=9),
                             done_on=today - dt.timedelta(days=10))
    body = client_for(us["viewer"]).get(reverse("ui:task", args=[task.pk])).content.decode()
    assert "<b>过期</b>" not in body and "&lt;b&gt;过期&lt;/b&gt;" in body
    lights = [chunk.split('"', 1)[0] for chunk in body.split('class="milestone" data-light="')[1:]]
    assert sorted(lights) == ["green", "grey", "red", "yellow"]
    assert 'id="add-milestone"' not in body and "milestone-done" not in body  # the viewer may not act
    rep = client_for(us["reporter"]).get(reverse("ui:task", args=[task.pk])).content.decode()
    assert 'id="add-milestone"' in rep and rep.count('class="milestone-done"') == 3


def test_milestone_steps_on_the_task_history_page(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    rep = client_for(us["reporter"])
    rep.post(reverse("ui:add_milestone", args=[task.pk]), {"title": "完成方案编制", "due": ""})
    m = task.milestones.get()
    assert m.due is None
    rep.post(reverse("ui:complete_milestone", args=[m.pk]))
    body = client_for(us["admin"]).get(reverse("ui:history", args=["ledger.ledgertask", task.pk])).content.decode()
    assert "add_milestone" in body and "complete_milestone" in body and "完成方案编制" in body
    assert "rep_ind" in body


def test_milestone_forms_need_csrf_and_valid_input(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    c = Client(enforce_csrf_checks=True)
    c.force_login(us["admin"])
    assert c.post(reverse("ui:add_milestone", args=[task.pk]), {"title": "x"}).status_code == 403
    m = Milestone.objects.create(task=task, title="y")
    assert c.post(reverse("ui:complete_milestone", args=[m.pk])).status_code == 403
    office = client_for(us["admin"])
    office.post(reverse("ui:add_milestone", args=[task.pk]), {"title": "  ", "due": "2030-01-01"})
    office.post(reverse("ui:add_milestone", args=[task.pk]), {"title": "坏日期", "due": "明年"})
    assert list(task.milestones.values_list("title", flat=True)) == ["y"]


# ---- target decomposition (目标分解) -------------------------------------------------------------------

def test_assign_target_by_role(world: dict[str, Any]) -> None:
    us, un, target = world["users"], world["units"], world["target"]
    url = reverse("ui:assign_target", args=[target.pk])
    for role in ("reporter", "leader", "viewer", "other_reporter"):
        r = client_for(us[role]).post(url, {"unit": un["ind"].pk, "value": "1"})
        assert r.status_code == 403, role
    assert not TargetAssignment.objects.exists()
    assert Client().post(url, {"unit": un["ind"].pk}).status_code == 302  # to the login page
    office = client_for(us["admin"])
    r = office.post(url, {"unit": un["ind"].pk, "value": "1200.5", "note": "<i>区级</i>份额"})
    assert r.status_code == 302 and r["Location"].endswith(f"#rec-target-{target.pk}")
    a = TargetAssignment.objects.get()
    assert (a.target_id, a.unit_id, a.value) == (target.pk, un["ind"].pk, 1200.5)
    r = office.post(url, {"unit": un["ind"].pk, "value": "5"}, follow=True)  # the same unit again: refused
    assert "已分解到此单位" in r.content.decode() and TargetAssignment.objects.count() == 1
    office.post(url, {"unit": un["zone"].pk, "value": "半数"})  # not a number: refused
    office.post(url, {"unit": un["zone"].pk})  # the whole target, no share
    assert set(TargetAssignment.objects.values_list("unit_id", "value")) == {(un["ind"].pk, 1200.5),
                                                                           (un["zone"].pk, None)}
    assert client_for(us["admin"]).get(url).status_code == 405
    assert AuditEntry.objects.filter(model="ledger.targetassignment", action="create").count() == 2


def test_assignments_shown_per_role_on_plan_page_and_my_unit(world: dict[str, Any]) -> None:
    us, un, target = world["users"], world["units"], world["target"]
    W.assign_target(us["admin"], target, un["ind"], 850.0, "<i>区级</i>份额")
    W.assign_target(us["admin"], target, un["zone"], None, "开发区份额")
    plan_url = reverse("ui:plan", args=[world["plan"].pk])
    office = client_for(us["admin"]).get(plan_url).content.decode()
    assert f"市工业和信息化局：850{target.unit} ({target.target_year})" in office
    assert "开发区份额" in office and "&lt;i&gt;区级&lt;/i&gt;" in office and "<i>区级</i>" not in office
    assert 'class="assign-form"' in office
    viewer = client_for(us["viewer"]).get(plan_url).content.decode()
    assert "开发区份额" in viewer and "区级" in viewer and 'class="assign-form"' not in viewer
    rep = client_for(us["reporter"]).get(plan_url).content.decode()
    assert "区级" in rep and "开发区份额" not in rep and 'class="assign-form"' not in rep
    dash = client_for(us["reporter"]).get(reverse("ui:dashboard")).content.decode()
    assert 'id="my-targets"' in dash and dash.count('class="my-target"') == 1 and target.indicator_text in dash
    zone = client_for(us["other_leader"]).get(reverse("ui:dashboard")).content.decode()
    assert zone.count('class="my-target"') == 1 and "开发区份额" in zone and "区级" not in zone
    assert 'id="my-targets"' not in client_for(us["admin"]).get(reverse("ui:dashboard")).content.decode()


def test_withdraw_assignment_by_role(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    a = W.assign_target(us["admin"], world["target"], un["ind"], 10.0)
    url = reverse("ui:unassign_target", args=[a.pk])
    assert client_for(us["reporter"]).post(url).status_code == 403  # sees it, may not change it
    assert client_for(us["other_reporter"]).post(url).status_code == 404  # not theirs: not there
    assert client_for(us["viewer"]).post(url).status_code == 403
    c = Client(enforce_csrf_checks=True)
    c.force_login(us["admin"])
    assert c.post(url).status_code == 403
    assert TargetAssignment.objects.filter(pk=a.pk).exists()
    assert client_for(us["admin"]).post(url).status_code == 302
    assert not TargetAssignment.objects.exists()
    assert AuditEntry.objects.filter(model="ledger.targetassignment", action="delete").count() == 1


def test_assign_target_service_rules(world: dict[str, Any]) -> None:
    from planwatch.web.accounts.permissions import PermissionDenied
    from planwatch.web.errors import InvalidInput

    us, un, target = world["users"], world["units"], world["target"]
    with pytest.raises(PermissionDenied):
        W.assign_target(us["reporter"], target, un["ind"])
    with pytest.raises(InvalidInput):
        W.assign_target(us["admin"], target, un["ind"], float("nan"))
    target.review_state = "rejected"
    with pytest.raises(InvalidInput):
        W.assign_target(us["admin"], target, un["ind"])
    assert not TargetAssignment.objects.exists()

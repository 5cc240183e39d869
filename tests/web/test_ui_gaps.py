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
    url = reverse("ledger:add_milestone", args=[task.pk])
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
    url = reverse("ledger:complete_milestone", args=[m.pk])
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
    body = client_for(us["viewer"]).get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert "<b>过期</b>" not in body and "&lt;b&gt;过期&lt;/b&gt;" in body
    lights = [chunk.split('"', 1)[0] for chunk in body.split('class="milestone" data-light="')[1:]]
    assert sorted(lights) == ["green", "grey", "red", "yellow"]
    assert 'id="add-milestone"' not in body and "milestone-done" not in body  # the viewer may not act
    rep = client_for(us["reporter"]).get(reverse("ledger:task", args=[task.pk])).content.decode()
    assert 'id="add-milestone"' in rep and rep.count('class="milestone-done"') == 3


def test_milestone_steps_on_the_task_history_page(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    rep = client_for(us["reporter"])
    rep.post(reverse("ledger:add_milestone", args=[task.pk]), {"title": "完成方案编制", "due": ""})
    m = task.milestones.get()
    assert m.due is None
    rep.post(reverse("ledger:complete_milestone", args=[m.pk]))
    body = client_for(us["admin"]).get(reverse("ui:history", args=["ledger.ledgertask", task.pk])).content.decode()
    assert "新增节点" in body and "节点完成" in body and "完成方案编制" in body
    assert "rep_ind" in body


def test_milestone_forms_need_csrf_and_valid_input(world: dict[str, Any]) -> None:
    us, task = world["users"], world["t_ind"]
    c = Client(enforce_csrf_checks=True)
    c.force_login(us["admin"])
    assert c.post(reverse("ledger:add_milestone", args=[task.pk]), {"title": "x"}).status_code == 403
    m = Milestone.objects.create(task=task, title="y")
    assert c.post(reverse("ledger:complete_milestone", args=[m.pk])).status_code == 403
    office = client_for(us["admin"])
    office.post(reverse("ledger:add_milestone", args=[task.pk]), {"title": "  ", "due": "2030-01-01"})
    office.post(reverse("ledger:add_milestone", args=[task.pk]), {"title": "坏日期", "due": "明年"})
    assert list(task.milestones.values_list("title", flat=True)) == ["y"]


# ---- target decomposition (目标分解) -------------------------------------------------------------------

def test_assign_target_by_role(world: dict[str, Any]) -> None:
    us, un, target = world["users"], world["units"], world["target"]
    url = reverse("plans:assign_target", args=[target.pk])
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
    plan_url = reverse("plans:plan", args=[world["plan"].pk])
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
    url = reverse("plans:unassign_target", args=[a.pk])
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


# ---- review page: correcting facts, tasks and projects --------------------------------------------------

REVIEW_TEXT = """某县工业发展规划（2021—2025年）
一、发展基础
2020年，全县工业增加值达到85亿元。
二、主要任务
（一）推进园区扩容。由县工信局、县发改局负责，2023年前完成。
专栏1 重点项目
年产5万吨新材料项目，总投资12亿元。
"""


@pytest.fixture
def draft(world: dict[str, Any]) -> Any:
    from planwatch.web.plans.ingest import ingest_extraction

    ex = {"doc": "county.txt", "title": "某县工业发展规划", "period": [2021, 2025], "targets": [],
          "facts": [{"quote": "全县工业增加值达到85亿元", "start": -1, "end": -1, "indicator": "工业增加值",
                     "kind": "level", "value": 58, "value_high": None, "unit": "亿元", "year": 2020,
                     "period": None, "section": "一、发展基础"}],
          "tasks": [{"title": "推进园区扩容", "quote": "推进园区扩容", "start": -1, "end": -1, "section": "二、主要任务",
                     "parent": None, "deadline_year": None, "responsible": ["县工信局"]}],
          "projects": [{"name": "年产5万吨新材料", "group": "专栏1 重点项目", "quote": "年产5万吨新材料项目",
                        "start": -1, "end": -1}]}
    return ingest_extraction(ex, REVIEW_TEXT, doc_name="county.txt")


def _post(user: Any, version: Any, data: dict[str, Any]) -> Any:
    return client_for(user).post(reverse("plans:review", args=[version.pk]), {"action": "correct", **data})


def test_office_corrects_fact_task_project(world: dict[str, Any], draft: Any) -> None:
    admin = world["users"]["admin"]
    fact, task, project = draft.facts.get(), draft.plantasks.get(), draft.projects.get()
    page = client_for(admin).get(reverse("plans:review", args=[draft.pk])).content.decode()
    assert page.count('class="filters fact-form"') == 1 and 'class="filters task-form"' in page
    assert 'class="filters project-form"' in page
    r = _post(admin, draft, {"type": "fact", "id": fact.pk, "indicator_text": "工业增加值", "kind": "level",
                             "value": "85", "unit": "亿元", "year": "2020", "quote": fact.quote})
    assert r.status_code == 302 and r["Location"].endswith(f"#rec-fact-{fact.pk}")
    fact.refresh_from_db()
    assert fact.value == 85 and fact.review_state == "corrected"
    _post(admin, draft, {"type": "task", "id": task.pk, "title": "推进园区扩容", "parent_title": "",
                         "deadline_year": "2023", "responsible": "县工信局、县发改局", "quote": task.quote})
    task.refresh_from_db()
    assert task.deadline_year == 2023 and task.responsible == ["县工信局", "县发改局"]
    _post(admin, draft, {"type": "project", "id": project.pk, "name": "年产5万吨新材料项目", "group": project.group,
                         "planned_investment": "12", "completed_investment": "", "quote": project.quote})
    project.refresh_from_db()
    assert project.name == "年产5万吨新材料项目" and project.planned_investment == 12
    logged = {(c.record_type, tuple(sorted(c.after))) for c in draft.corrections.filter(action="correct")}
    assert logged == {("fact", ("review_state", "value")),  # only what changed, as the office sent it
                      ("task", ("deadline_year", "responsible", "review_state")),
                      ("project", ("key", "name", "planned_investment", "review_state"))}


def test_correction_quote_must_be_in_text_and_values_valid(world: dict[str, Any], draft: Any) -> None:
    admin = world["users"]["admin"]
    fact, project = draft.facts.get(), draft.projects.get()
    r = client_for(admin).post(reverse("plans:review", args=[draft.pk]), follow=True, data={
        "action": "correct", "type": "fact", "id": fact.pk, "indicator_text": "工业增加值", "kind": "level",
        "value": "85", "unit": "亿元", "year": "2020", "quote": "文中没有的句子"})
    assert "引文不在文档中" in r.content.decode()
    _post(admin, draft, {"type": "project", "id": project.pk, "name": project.name, "planned_investment": "很多",
                         "quote": project.quote})
    _post(admin, draft, {"type": "record", "id": project.pk, "name": "x", "quote": project.quote})
    fact.refresh_from_db()
    project.refresh_from_db()
    assert fact.value == 58 and fact.review_state != "corrected" and project.planned_investment is None
    assert not draft.corrections.exists()


def test_correction_refused_for_other_roles_and_without_csrf(world: dict[str, Any], draft: Any) -> None:
    us = world["users"]
    task = draft.plantasks.get()
    data = {"type": "task", "id": task.pk, "title": "改掉", "quote": task.quote}
    for role in ("reporter", "leader", "viewer", "other_reporter"):
        assert _post(us[role], draft, data).status_code == 403, role
    c = Client(enforce_csrf_checks=True)
    c.force_login(us["admin"])
    assert c.post(reverse("plans:review", args=[draft.pk]), {"action": "correct", **data}).status_code == 403
    task.refresh_from_db()
    assert task.title == "推进园区扩容"


def test_review_fields_are_escaped(world: dict[str, Any], draft: Any) -> None:
    admin = world["users"]["admin"]
    project = draft.projects.get()
    _post(admin, draft, {"type": "project", "id": project.pk, "name": '<script>alert("p")</script>',
                         "quote": project.quote})
    body = client_for(admin).get(reverse("plans:review", args=[draft.pk])).content.decode()
    assert '<script>alert("p")' not in body and "&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;" in body

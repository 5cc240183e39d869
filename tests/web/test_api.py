"""The JSON API: every role's allowed and forbidden actions, auth, pagination, filters, 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import LedgerTask
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

J = "application/json"


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    us, un = org["users"], org["units"]
    data, text = gold("harbin-industry-2006-2010")
    live = ingest_extraction(data, text)
    approve_version(us["admin"], live)
    live.plan.published = True
    live.plan.internal_note = "内部意见"
    live.plan.save()
    d2, t2 = gold("harbin-nonpublic-economy-2006-2010")
    draft = ingest_extraction(d2, t2)  # never approved, never published
    t_ind = W.create_task(us["admin"], title="工信局任务", lead_unit=un["ind"], plan=live.plan,
                          deadline=dt.date(2030, 1, 1), internal_note="内部备注")
    t_zone = W.create_task(us["admin"], title="开发区任务", lead_unit=un["zone"], plan=draft.plan)
    ind_pub = Indicator.objects.create(key="pub", name="公开指标", public=True, responsible_unit=un["ind"])
    ind_zone = Indicator.objects.create(key="zone", name="开发区指标", responsible_unit=un["zone"])
    Observation.objects.create(indicator=ind_pub, year=2008, value=1.0, note="内部说明")
    Observation.objects.create(indicator=ind_zone, year=2008, value=2.0)
    return {**org, "live": live, "draft": draft, "t_ind": t_ind, "t_zone": t_zone, "ind_pub": ind_pub,
            "ind_zone": ind_zone}


def test_openapi_and_local_docs(db: Any) -> None:
    c = Client()
    spec = c.get("/api/openapi.json").json()
    assert "/api/tasks" in spec["paths"] and "/api/observations" in spec["paths"]
    html = c.get("/api/docs").content.decode()
    assert "cdn" not in html.lower() and "/static/ninja/swagger-ui-bundle.js" in html
    assert c.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_public_reads_only_published(world: dict[str, Any]) -> None:
    c = client_for(None)
    plans = c.get("/api/plans").json()
    assert [p["id"] for p in plans["items"]] == [world["live"].plan_id]
    assert plans["items"][0]["internal_note"] is None
    assert c.get(f"/api/plans/{world['draft'].plan_id}").status_code == 404
    assert c.get(f"/api/versions/{world['draft'].pk}").status_code == 404
    assert c.get(f"/api/targets?version={world['draft'].pk}").json()["count"] == 0
    assert c.get(f"/api/targets?plan={world['live'].plan_id}").json()["count"] == world["live"].targets.count()
    tasks = c.get("/api/tasks").json()["items"]
    assert [t["title"] for t in tasks] == ["工信局任务"] and tasks[0]["internal_note"] is None
    obs = c.get("/api/observations").json()["items"]
    assert len(obs) == 1 and obs[0]["note"] is None
    assert c.get("/api/indicators").json()["count"] == 1
    assert c.get("/api/history").status_code == 403
    assert c.post("/api/tasks", {"title": "x", "lead_unit_id": 1}, content_type=J).status_code == 401


def test_reporter_sees_and_acts_only_for_own_unit(world: dict[str, Any]) -> None:
    us = world["users"]
    c = client_for(us["reporter"])
    assert [t["id"] for t in c.get("/api/tasks").json()["items"]] == [world["t_ind"].pk]
    other = world["t_zone"].pk
    assert c.get(f"/api/tasks/{other}").status_code == 404  # another unit's task by id
    assert c.post(f"/api/tasks/{other}/accept", {}, content_type=J).status_code == 404
    assert c.post(f"/api/tasks/{other}/updates", {"text": "x", "status": "in_progress"},
                  content_type=J).status_code == 404
    own = world["t_ind"].pk
    assert c.post(f"/api/tasks/{own}/accept", {}, content_type=J).status_code == 200
    r = c.post(f"/api/tasks/{own}/updates", {"text": "进展", "status": "in_progress", "percent": 20},
               content_type=J)
    assert r.status_code == 201
    upd = r.json()["id"]
    assert c.post(f"/api/updates/{upd}/review", {"approve": True}, content_type=J).status_code == 403
    assert c.patch(f"/api/tasks/{own}", {"version": 2, "title": "改名"}, content_type=J).status_code == 403
    assert c.post(f"/api/tasks/{own}/close", {}, content_type=J).status_code == 403
    # data: own unit's indicator yes, another unit's indicator is invisible
    ok = c.post("/api/observations", {"indicator_id": world["ind_pub"].pk, "year": 2009, "value": 3.5,
                                      "source": "统计局"}, content_type=J)
    assert ok.status_code == 201 and ok.json()["revisions"][0]["value"] == 3.5
    assert c.post("/api/observations", {"indicator_id": world["ind_zone"].pk, "year": 2009, "value": 1},
                  content_type=J).status_code == 404
    assert c.get(f"/api/indicators/{world['ind_zone'].pk}").status_code == 404
    # the office does not see the update before the unit leader approves it
    admin = client_for(us["admin"])
    assert admin.get(f"/api/tasks/{own}/updates").json()["count"] == 0
    lead = client_for(us["leader"])
    assert lead.post(f"/api/updates/{upd}/review", {"approve": True}, content_type=J).status_code == 200
    assert admin.get(f"/api/tasks/{own}/updates").json()["count"] == 1


def test_leader_of_other_unit_cannot_approve(world: dict[str, Any]) -> None:
    us = world["users"]
    W.accept_task(us["reporter"], world["t_ind"])
    upd = W.submit_update(us["reporter"], world["t_ind"], "x", "in_progress", 5)
    c = client_for(us["other_leader"])
    assert c.post(f"/api/updates/{upd.pk}/review", {"approve": True}, content_type=J).status_code == 404


def test_viewer_reads_everything_writes_nothing(world: dict[str, Any]) -> None:
    us = world["users"]
    c = client_for(us["viewer"])
    assert c.get("/api/tasks").json()["count"] == 2
    assert c.get(f"/api/plans/{world['draft'].plan_id}").status_code == 200
    assert c.get("/api/observations").json()["count"] == 2
    assert c.get("/api/history").status_code == 200
    t = world["t_ind"]
    for method, url, body in [
        ("post", "/api/tasks", {"title": "x", "lead_unit_id": world["units"]["ind"].pk}),
        ("patch", f"/api/tasks/{t.pk}", {"version": t.version, "title": "y"}),
        ("post", f"/api/tasks/{t.pk}/accept", {}),
        ("post", f"/api/tasks/{t.pk}/close", {}),
        ("post", "/api/observations", {"indicator_id": world["ind_pub"].pk, "year": 2010, "value": 1}),
        ("patch", f"/api/plans/{world['live'].plan_id}", {"published": False}),
        ("post", f"/api/versions/{world['draft'].pk}/approve", {}),
        ("patch", f"/api/indicators/{world['ind_pub'].pk}", {"public": False}),
    ]:
        r = getattr(c, method)(url, body, content_type=J)
        assert r.status_code == 403, (url, r.status_code, r.content)


def test_admin_workflow_and_conflict(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    c = client_for(us["admin"])
    r = c.post("/api/tasks", {"title": "新任务", "lead_unit_id": un["ind"].pk, "supporting_unit_ids": [un["zone"].pk],
                              "deadline": "2027-06-30", "type": "optional"}, content_type=J)
    assert r.status_code == 201
    task = r.json()
    assert task["supporting_unit_ids"] == [un["zone"].pk] and task["state"] == "assigned"
    v = task["version"]
    a = c.patch(f"/api/tasks/{task['id']}", {"version": v, "title": "甲的修改"}, content_type=J)
    assert a.status_code == 200 and a.json()["version"] == v + 1
    b = c.patch(f"/api/tasks/{task['id']}", {"version": v, "title": "乙的修改"}, content_type=J)
    assert b.status_code == 409
    assert LedgerTask.objects.get(pk=task["id"]).title == "甲的修改"
    assert c.post(f"/api/tasks/{task['id']}/close", {}, content_type=J).status_code == 400  # wrong state
    assert c.post("/api/tasks", {"title": "x", "lead_unit_id": 99999}, content_type=J).status_code == 400
    # approving the draft version publishes nothing by itself but makes it live
    assert c.post(f"/api/versions/{world['draft'].pk}/approve", {}, content_type=J).status_code == 200


def test_pagination_and_filters(world: dict[str, Any]) -> None:
    us, un = world["users"], world["units"]
    for i in range(7):
        W.create_task(us["admin"], title=f"批量任务{i}", lead_unit=un["zone_sub"], deadline=dt.date(2020, 1, 1))
    c = client_for(us["admin"])
    p1 = c.get("/api/tasks?page=1&page_size=4").json()
    p3 = c.get("/api/tasks?page=3&page_size=4").json()
    assert p1["count"] == 9 and len(p1["items"]) == 4 and len(p3["items"]) == 1
    assert c.get(f"/api/tasks?unit={un['zone_sub'].pk}").json()["count"] == 7
    assert c.get("/api/tasks?light=red").json()["count"] == 7
    assert c.get("/api/tasks?q=批量任务3").json()["count"] == 1
    assert c.get("/api/tasks?light=purple").status_code == 400
    dash = c.get("/api/dashboard").json()
    assert dash["total"] == 9 and dash["red"] == 7 and dash["by_state"] == {"assigned": 9}


def test_token_auth(world: dict[str, Any]) -> None:
    us = world["users"]
    r = Client().post("/api/auth/tokens", {"username": "rep_ind", "password": "pw-rep_ind"}, content_type=J)
    assert r.status_code == 200
    token = r.json()["token"]
    assert ApiToken.objects.get().key_hash != token  # only the hash is stored
    c = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert c.get("/api/auth/me").json() == {"username": "rep_ind", "role": "unit_reporter",
                                             "unit_ids": [world["units"]["ind"].pk]}
    assert c.post(f"/api/tasks/{world['t_ind'].pk}/accept", {}, content_type=J).status_code == 200
    entry = AuditEntry.objects.filter(model="ledger.ledgertask", action="action").order_by("-id").first()
    assert entry.actor == us["reporter"]  # token requests are attributed
    bad = Client(HTTP_AUTHORIZATION="Bearer pw_wrong")
    assert bad.get("/api/plans").status_code == 401
    assert bad.post(f"/api/tasks/{world['t_ind'].pk}/accept", {}, content_type=J).status_code == 401
    assert Client().post("/api/auth/tokens", {"username": "rep_ind", "password": "x"},
                         content_type=J).status_code == 403
    ApiToken.objects.update(revoked=True)
    assert c.get("/api/tasks").status_code == 401


def test_session_writes_need_csrf(world: dict[str, Any]) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(world["users"]["admin"])
    r = c.post("/api/tasks", {"title": "x", "lead_unit_id": world["units"]["ind"].pk}, content_type=J)
    assert r.status_code in (401, 403)


def test_nobody_can_change_the_audit_trail(world: dict[str, Any]) -> None:
    n = AuditEntry.objects.count()
    entry = AuditEntry.objects.first()
    for user in (world["users"]["admin"], world["users"]["viewer"], world["users"]["reporter"], None):
        c = client_for(user)
        for method in ("post", "put", "patch", "delete"):
            r = getattr(c, method)("/api/history", {"comment": "x"}, content_type=J)
            assert r.status_code in (401, 403, 404, 405)
            r = getattr(c, method)(f"/api/history/{entry.pk}", {"comment": "x"}, content_type=J)
            assert r.status_code in (401, 403, 404, 405)
    admin = client_for(world["users"]["admin"])
    admin.user = world["users"]["admin"]
    world["users"]["admin"].is_staff = world["users"]["admin"].is_superuser = True
    world["users"]["admin"].save()
    admin.force_login(world["users"]["admin"])
    assert admin.post(f"/admin/history/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.post(f"/admin/history/auditentry/{entry.pk}/change/", {"comment": "x"}).status_code == 403
    assert AuditEntry.objects.count() >= n and AuditEntry.objects.get(pk=entry.pk).comment == entry.comment


def test_object_history_per_role(world: dict[str, Any]) -> None:
    us = world["users"]
    t = world["t_ind"]
    url = f"/api/history?model=ledger.ledgertask&object_id={t.pk}"
    assert client_for(us["reporter"]).get(url).json()["count"] >= 1
    other = f"/api/history?model=ledger.ledgertask&object_id={world['t_zone'].pk}"
    assert client_for(us["reporter"]).get(other).status_code == 404
    assert client_for(us["reporter"]).get("/api/history").status_code == 403


def test_delete_task_only_by_office_with_reason_and_before_reports(world: dict[str, Any]) -> None:
    us = world["users"]
    t = world["t_ind"]
    assert client_for(us["reporter"]).delete(f"/api/tasks/{t.pk}?reason=x").status_code == 403
    assert client_for(us["other_reporter"]).delete(f"/api/tasks/{t.pk}?reason=x").status_code == 404
    assert client_for(us["viewer"]).delete(f"/api/tasks/{t.pk}?reason=x").status_code == 403
    admin = client_for(us["admin"])
    assert admin.delete(f"/api/tasks/{t.pk}").status_code == 400  # no reason
    W.accept_task(us["reporter"], t)
    W.submit_update(us["reporter"], t, "已有进展", "in_progress", 10)
    assert admin.delete(f"/api/tasks/{t.pk}?reason=误建").status_code == 400  # has reports: kept
    z = world["t_zone"]
    assert admin.delete(f"/api/tasks/{z.pk}?reason=误建").status_code == 204
    assert not LedgerTask.objects.filter(pk=z.pk).exists()
    assert AuditEntry.objects.filter(model="ledger.ledgertask", object_id=str(z.pk), action="delete").exists()

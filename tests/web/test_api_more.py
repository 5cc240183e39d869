"""API: plan cascade, target decomposition, milestones, evidence visibility, review over HTTP, ingest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.ledger import workflow as W
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

J = "application/json"


def login(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_ingest_review_and_cascade_over_http(org: dict[str, Any]) -> None:
    admin = login(org["users"]["admin"])
    data, text = gold("harbin-economic-reform-2016-2020")
    r = admin.post("/api/plans/ingest", {"extraction": data, "text": text, "doc_name": data["doc"]}, content_type=J)
    assert r.status_code == 201, r.content
    vid, pid = r.json()["id"], r.json()["plan_id"]
    targets = admin.get(f"/api/targets?version={vid}&page_size=500").json()["items"]
    assert len(targets) == len(data["targets"])
    t = targets[0]
    assert text[t["start"]:t["end"]] == t["quote"]
    r = admin.post(f"/api/versions/{vid}/records/target/{t['id']}/review",
                   {"action": "correct", "changes": {"value": 99.0}, "comment": "核对原文"}, content_type=J)
    assert r.status_code == 200 and r.json()["review_state"] == "corrected"
    r = admin.post(f"/api/versions/{vid}/records/target/{targets[1]['id']}/review", {"action": "reject"},
                   content_type=J)
    assert r.json()["review_state"] == "rejected"
    viewer = login(org["users"]["viewer"])
    assert viewer.post(f"/api/versions/{vid}/records/target/{t['id']}/review", {"action": "accept"},
                       content_type=J).status_code == 403
    assert admin.post(f"/api/versions/{vid}/approve", {}, content_type=J).status_code == 200
    assert admin.get(f"/api/targets?plan={pid}&review_state=rejected").json()["count"] == 1
    # plan cascade: a parent plan and a target serving a higher-level target
    d2, t2 = gold("harbin-industry-2006-2010")
    upper = ingest_extraction(d2, t2)
    approve_version(org["users"]["admin"], upper)
    assert admin.patch(f"/api/plans/{pid}", {"parent_id": upper.plan_id}, content_type=J).json()["parent_id"] == upper.plan_id
    assert admin.patch(f"/api/plans/{pid}", {"parent_id": pid}, content_type=J).status_code == 400
    up_t = upper.targets.first()
    r = admin.put(f"/api/targets/{t['id']}/parent", {"parent_target_id": up_t.pk}, content_type=J)
    assert r.status_code == 200 and r.json()["parent_target_id"] == up_t.pk
    r = admin.put(f"/api/targets/{up_t.pk}/parent", {"parent_target_id": t["id"]}, content_type=J)
    assert r.status_code == 400  # would be a cycle
    r = admin.put(f"/api/targets/{t['id']}/parent", {"parent_target_id": targets[2]["id"]}, content_type=J)
    assert r.status_code == 400  # same plan


def test_assignments_milestones_and_evidence_visibility(org: dict[str, Any]) -> None:
    us, un = org["users"], org["units"]
    data, text = gold("harbin-industry-2006-2010")
    v = ingest_extraction(data, text)
    approve_version(us["admin"], v)
    v.plan.published = True
    v.plan.save()
    admin = login(us["admin"])
    target = v.targets.first()
    r = admin.post(f"/api/targets/{target.pk}/assignments", {"unit_id": un["ind"].pk, "value": 300}, content_type=J)
    assert r.status_code == 201
    assert admin.post(f"/api/targets/{target.pk}/assignments", {"unit_id": un["ind"].pk},
                      content_type=J).status_code == 400  # duplicate
    assert login(us["reporter"]).post(f"/api/targets/{target.pk}/assignments", {"unit_id": un["ind"].pk},
                                      content_type=J).status_code == 403
    task = W.create_task(us["admin"], title="示范任务", lead_unit=un["ind"], plan=v.plan, deadline=dt.date(2030, 1, 1))
    rep = login(us["reporter"])
    ms = rep.post(f"/api/tasks/{task.pk}/milestones", {"title": "完成选址", "due": "2029-06-30"}, content_type=J)
    assert ms.status_code == 201
    assert login(us["other_reporter"]).post(f"/api/milestones/{ms.json()['id']}/done", {},
                                            content_type=J).status_code == 404
    assert rep.post(f"/api/milestones/{ms.json()['id']}/done", {}, content_type=J).json()["done_on"]
    W.accept_task(us["reporter"], task)
    upd = rep.post(f"/api/tasks/{task.pk}/updates", {"text": "进展", "status": "in_progress", "percent": 40},
                   content_type=J).json()
    r = rep.post(f"/api/updates/{upd['id']}/evidence", {"file": SimpleUploadedFile("证明.pdf", b"%PDF-1.4 evidence")})
    assert r.status_code == 201
    ev = r.json()["id"]
    assert rep.get(f"/api/evidence/{ev}").status_code == 200
    assert login(us["other_reporter"]).get(f"/api/evidence/{ev}").status_code == 404
    assert admin.get(f"/api/evidence/{ev}").status_code == 404  # not approved yet: not the office's yet
    login(us["leader"]).post(f"/api/updates/{upd['id']}/review", {"approve": True}, content_type=J)
    assert admin.get(f"/api/evidence/{ev}").status_code == 200
    public = Client()
    assert public.get(f"/api/evidence/{ev}").status_code == 404
    items = public.get(f"/api/tasks/{task.pk}/updates").json()["items"]
    assert len(items) == 1 and items[0]["evidence"] == [] and items[0]["review_comment"] is None
    assert public.get(f"/api/tasks/{task.pk}/extensions").status_code == 403
    n = login(us["reporter"]).get("/api/notifications?unread=true").json()
    assert n["count"] >= 1 and all(i["read"] is False for i in n["items"])

"""The registers' API routes: figures and ids per role, imports with row errors, investment reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.ledger import workflow as W
from planwatch.web.registers.models import CountRule, Enterprise, ProjectRecord
from planwatch.web.registers.projects import sync_projects, update_project
from tests.web.registers_world import build_register, code, live_plan, xlsx


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    build_register()
    target = plan.current_version.targets.get(indicator_text="销售收入20亿元以上的大型企业集团")
    rule = CountRule.objects.create(target=target, revenue_min=200_000, first_year=2006)
    sync_projects(admin, plan)
    p = ProjectRecord.objects.filter(plan=plan).order_by("id").first()
    update_project(admin, p, owner_unit=org["units"]["ind"], planned_investment=5.0,
                   planned_start=dt.date(2007, 1, 1))
    return {**org, "plan": plan, "rule": rule, "project": p}


def api(user: Any = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_rules_and_ids_per_role(world: dict[str, Any]) -> None:
    us, rule = world["users"], world["rule"]
    office = api(us["admin"]).get(f"/api/registers/rules/{rule.pk}").json()
    y2007 = next(y for y in office["years"] if y["year"] == 2007)
    assert y2007["value"] == 2 and len(y2007["ids"]) == 2
    reporter = api(us["reporter"]).get(f"/api/registers/rules/{rule.pk}").json()
    assert "ids" not in reporter["years"][0]
    assert api().get(f"/api/registers/rules/{rule.pk}").status_code == 404  # unpublished
    assert api().get("/api/registers/rules").json() == []
    rule.published = True
    rule.save()
    for role in ("viewer", "reporter", "leader"):
        assert api(us[role]).post(f"/api/registers/rules/{rule.pk}/feed").status_code == 403
    assert api().get("/api/registers/rules").json()[0]["years"] == []  # nothing recorded yet
    assert api(us["admin"]).post(f"/api/registers/rules/{rule.pk}/feed").json()["figures"] == {"2006": 1, "2007": 2}
    public = api().get("/api/registers/rules").json()
    assert public[0]["years"] == [{"year": 2006, "value": 1}, {"year": 2007, "value": 2}]
    assert api().get(f"/api/registers/rules/{rule.pk}").json()["years"][1] == {"year": 2007, "value": 2}


def test_enterprise_routes(world: dict[str, Any]) -> None:
    us = world["users"]
    assert api(us["viewer"]).get("/api/registers/enterprises").json()["count"] == 6
    for user in (us["reporter"], us["leader"], None):
        assert api(user).get("/api/registers/enterprises").status_code == 403
    good = xlsx([["企业名称", "统一社会信用代码", "所有制", "营业收入2007"], ["新（示例数据）", code(77), "民营", 300000]])
    r = api(us["admin"]).post("/api/registers/enterprises/import", {"file": SimpleUploadedFile("e.xlsx", good)})
    assert r.status_code == 201 and r.json()["created"] == 1 and r.json()["rules"] == 1
    wrong = code(78)[:-1] + ("0" if code(78)[-1] != "0" else "1")
    bad = xlsx([["企业名称", "统一社会信用代码", "所有制"], ["坏", wrong, "民营"]])
    r = api(us["admin"]).post("/api/registers/enterprises/import", {"file": SimpleUploadedFile("e.xlsx", bad)})
    assert r.status_code == 400 and r.json()["errors"][0]["column"] == "统一社会信用代码"
    r = api(us["viewer"]).post("/api/registers/enterprises/import", {"file": SimpleUploadedFile("e.xlsx", good)})
    assert r.status_code == 403
    assert Enterprise.objects.count() == 7


def test_investment_through_the_api(world: dict[str, Any]) -> None:
    us, p = world["users"], world["project"]
    W.accept_task(us["reporter"], p.task)
    assert api(us["other_reporter"]).post(f"/api/registers/projects/{p.pk}/investments",
                                          {"year": 2007, "amount": 1}, content_type="application/json"
                                          ).status_code == 404
    r = api(us["reporter"]).post(f"/api/registers/projects/{p.pk}/investments", {"year": 2007, "amount": 2.5},
                                 content_type="application/json")
    assert r.status_code == 201
    rollup = api(us["viewer"]).get(f"/api/registers/plans/{world['plan'].pk}/projects/rollup").json()
    assert rollup["completed_investment"] == 0
    api(us["leader"]).post(f"/api/updates/{r.json()['update_id']}/review", {"approve": True},
                           content_type="application/json")
    rollup = api(us["viewer"]).get(f"/api/registers/plans/{world['plan'].pk}/projects/rollup").json()
    assert rollup["completed_investment"] == 2.5 and rollup["projects"] == 281
    assert api(us["reporter"]).patch(f"/api/registers/projects/{p.pk}", {"location": "x"},
                                     content_type="application/json").status_code == 403
    assert api(us["admin"]).patch(f"/api/registers/projects/{p.pk}", {"location": "平房区"},
                                  content_type="application/json").json()["location"] == "平房区"
    assert api().get(f"/api/registers/plans/{world['plan'].pk}/projects/rollup").status_code == 403
    assert api(us["reporter"]).get("/api/registers/projects").json()["count"] == 1

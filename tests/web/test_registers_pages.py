"""Register pages per role: the office manages, leadership reads, units see their own projects,
the public sees published counts only (never enterprise names)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from planwatch.web.data.models import Observation
from planwatch.web.ledger import workflow as W
from planwatch.web.registers.models import CountRule, Enterprise, ProjectRecord
from planwatch.web.registers.projects import sync_projects, update_project
from tests.web.registers_world import build_register, code, live_plan, xlsx


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    admin = org["users"]["admin"]
    plan = live_plan(admin)
    firms = build_register()
    target = plan.current_version.targets.get(indicator_text="销售收入20亿元以上的大型企业集团")
    sync_projects(admin, plan)
    mine, other = ProjectRecord.objects.filter(plan=plan).order_by("id")[:2]
    update_project(admin, mine, owner_unit=org["units"]["ind"], planned_investment=8.0,
                   planned_start=dt.date(2007, 1, 1))
    update_project(admin, other, owner_unit=org["units"]["zone"], planned_investment=2.0)
    return {**org, "plan": plan, "firms": firms, "target": target, "mine": mine, "other": other}


def client(user: Any = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def test_office_defines_a_rule_from_the_suggestion(world: dict[str, Any]) -> None:
    c = client(world["users"]["admin"])
    t = world["target"]
    page = c.get(f"/plans/{world['plan'].pk}/")
    assert f"/registers/targets/{t.pk}/rule/" in page.content.decode()
    assert 'id="project-rollup"' in page.content.decode()
    form = c.get(f"/registers/targets/{t.pk}/rule/").content.decode()
    assert "销售收入20亿元以上 → 营业收入≥20亿元" in form
    assert 'name="revenue_min_yi" type="number" step="any" min="0" value="20.0"' in form
    r = c.post(f"/registers/targets/{t.pk}/rule/", {"register": "enterprise", "revenue_min_yi": "20", "mode": "stock",
                                                    "measure": "count", "first_year": "2006", "published": "on"})
    assert r.status_code == 302
    rule = CountRule.objects.get(target=t)
    assert rule.revenue_min == 200_000 and rule.published
    assert Observation.objects.get(indicator=t.indicator, year=2007).value == 2
    detail = c.get(f"/registers/rules/{rule.pk}/").content.decode()
    assert f"/registers/rules/{rule.pk}/2007/" in detail
    members = c.get(f"/registers/rules/{rule.pk}/2007/").content.decode()
    assert "甲集团（示例数据）" in members and "乙公司（示例数据）" in members and "丙公司" not in members
    # the indicator page links every figure to its list
    assert f"/registers/rules/{rule.pk}/2007/" in c.get(f"/indicators/{t.indicator_id}/").content.decode()
    # an invalid rule is refused with a message, nothing saved
    bad = c.post(f"/registers/rules/{rule.pk}/edit/", {"register": "enterprise", "mode": "cumulative",
                                                        "measure": "count"})
    assert bad.status_code == 200 and "累计新增须给出起始年" in bad.content.decode()


def test_import_page(world: dict[str, Any]) -> None:
    c = client(world["users"]["admin"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = xlsx([["企业名称", "统一社会信用代码", "所有制"], ["新企业（示例数据）", code(99), "民营"]])
    r = c.post("/registers/enterprises/import/", {"table": SimpleUploadedFile("e.xlsx", good)})
    assert r.status_code == 200 and "import-ok" in r.content.decode()
    bad = xlsx([["企业名称", "统一社会信用代码", "所有制"], ["坏", "91230100MA00000990", "民营"]])
    r = c.post("/registers/enterprises/import/", {"table": SimpleUploadedFile("e.xlsx", bad)})
    assert r.status_code == 400 and "校验位" in r.content.decode()
    assert c.get("/registers/enterprises/export.xlsx").status_code == 200
    assert Enterprise.objects.count() == 7


def test_reporter_reports_investment_of_own_project(world: dict[str, Any]) -> None:
    us = world["users"]
    mine, other = world["mine"], world["other"]
    W.accept_task(us["reporter"], mine.task)
    c = client(us["reporter"])
    assert c.get(f"/registers/projects/{other.pk}/").status_code == 404
    r = c.post(f"/registers/projects/{mine.pk}/", {"action": "invest", "year": 2007, "amount": 3, "text": "进展"})
    assert r.status_code == 302
    assert mine.investments.get().update.review == "pending"
    assert c.post(f"/registers/projects/{mine.pk}/", {"action": "edit", "location": "x"}).status_code == 403
    client(us["leader"]).post(f"/updates/{mine.investments.get().update_id}/review/", {"decision": "approve"})
    page = client(us["admin"]).get(f"/plans/{world['plan'].pk}/").content.decode()
    assert 'id="rollup-invested">3<' in page


@pytest.mark.parametrize("role", ["reporter", "leader"])
def test_units_do_not_see_the_enterprise_register(world: dict[str, Any], role: str) -> None:
    c = client(world["users"][role])
    assert c.get("/registers/enterprises/").status_code == 403
    assert c.get(f"/registers/enterprises/{world['firms']['甲'].pk}/").status_code == 403
    assert c.get("/registers/enterprises/export.xlsx").status_code == 403
    rule = CountRule.objects.create(target=world["target"], revenue_min=1)
    assert c.get(f"/registers/rules/{rule.pk}/2007/").status_code == 403
    assert c.get(f"/registers/targets/{world['target'].pk}/rule/").status_code == 403


def test_viewer_reads_but_does_not_change(world: dict[str, Any]) -> None:
    c = client(world["users"]["viewer"])
    rule = CountRule.objects.create(target=world["target"], revenue_min=1)
    assert c.get("/registers/").status_code == 200
    assert "甲集团" in c.get("/registers/enterprises/").content.decode()
    assert c.get(f"/registers/rules/{rule.pk}/2007/").status_code == 200
    assert c.post(f"/registers/rules/{rule.pk}/feed/").status_code == 403
    assert not Observation.objects.filter(indicator=world["target"].indicator).exists()
    assert c.get("/registers/enterprises/import/").status_code == 403
    assert c.get(f"/registers/rules/{rule.pk}/edit/").status_code == 403
    assert c.post(f"/registers/plans/{world['plan'].pk}/projects/sync/").status_code == 403
    assert c.post(f"/registers/projects/{world['mine'].pk}/", {"action": "edit", "location": "x"}).status_code == 403


def test_public_sees_published_counts_only(world: dict[str, Any]) -> None:
    anon = client()
    hidden = CountRule.objects.create(target=world["target"], revenue_min=200_000, first_year=2006)
    assert "销售收入20亿元以上" not in anon.get("/portal/registers/").content.decode()
    hidden.published = True
    hidden.save()
    from planwatch.web.registers.counting import feed

    feed(world["users"]["admin"], hidden)
    page = anon.get("/portal/registers/").content.decode()
    assert "销售收入20亿元以上的大型企业集团" in page and "2007：2" in page
    assert "甲集团" not in page
    for url in ("/registers/", "/registers/enterprises/", f"/registers/rules/{hidden.pk}/2007/",
                f"/registers/projects/{world['mine'].pk}/"):
        assert anon.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize("role", ["admin", "viewer", "reporter", "leader"])
def test_every_page_renders(world: dict[str, Any], role: str) -> None:
    rule = CountRule.objects.create(target=world["target"], revenue_min=200_000, first_year=2006)
    plan, mine = world["plan"], world["mine"]
    c = client(world["users"][role])
    urls = ["/registers/", f"/registers/plans/{plan.pk}/projects/", f"/registers/plans/{plan.pk}/projects/?q=技术",
            f"/registers/projects/{mine.pk}/", f"/registers/rules/{rule.pk}/", f"/plans/{plan.pk}/", "/dashboard/",
            f"/history/registers.projectrecord/{mine.pk}/"]
    if role in ("admin", "viewer"):
        urls += ["/registers/enterprises/", "/registers/enterprises/?ownership=nonpublic&tier=high_tech&q=公司",
                 f"/registers/enterprises/{world['firms']['乙'].pk}/", f"/registers/rules/{rule.pk}/2007/",
                 f"/history/registers.enterprise/{world['firms']['乙'].pk}/"]
    if role == "admin":
        urls += ["/registers/enterprises/import/", f"/registers/rules/{rule.pk}/edit/"]
    for url in urls:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
    assert c.get(f"/history/registers.enterprise/{world['firms']['乙'].pk}/").status_code == (
        200 if role in ("admin", "viewer") else 404)


def test_overview_makes_project_records(org: dict[str, Any]) -> None:
    plan = live_plan(org["users"]["admin"])
    page = client(org["users"]["admin"]).get("/registers/").content.decode()
    assert f'<option value="{plan.pk}">' in page
    r = client(org["users"]["admin"]).post("/registers/projects/sync/", {"plan": plan.pk})
    assert r.status_code == 302 and ProjectRecord.objects.filter(plan=plan).count() == 281
    assert client(org["users"]["viewer"]).post("/registers/projects/sync/", {"plan": plan.pk}).status_code == 403

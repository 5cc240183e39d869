"""The search box: finds each kind (plans, targets, ledger tasks, plan-text tasks, register and
plan-text projects, units) for those who may see them and nothing else; the public finds published
plans only; an empty or too long query gets a message, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.web.plans.models import PlanTask, Project
from planwatch.web.registers.models import ProjectRecord
from planwatch.web.search.finder import MAX_LENGTH, PER_KIND
from tests.web.latin_words import latin_words, typed_words, visible_text
from tests.web.ui_world import build_world

URL = "/search/"


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    w = build_world(org)
    w["zone_project"] = ProjectRecord.objects.create(plan=w["plan"], key="p-zone", name="开发区新材料产业园建设",
                                                     owner_unit=org["units"]["zone"])
    w["ind_project"] = ProjectRecord.objects.create(plan=w["plan"], key="p-ind", name="工业技改示范园建设",
                                                    owner_unit=org["units"]["ind"])
    return w


def client_for(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def found(c: Client, q: str) -> dict[str, list[str]]:
    r = c.get(URL, {"q": q})
    assert r.status_code == 200, r.content.decode()[:500]
    return {g.kind: [h.title for h in g.hits] for g in r.context["groups"] if g.total}


def test_the_office_finds_each_kind(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    plan = world["plan"]
    assert found(c, "工业经济发展")["plan"] == [plan.title]
    target = world["target"]
    hits = found(c, target.indicator_text)
    assert target.indicator_text in hits["target"]
    assert found(c, "推进工业技术改造")["task"] == ["推进工业技术改造"]
    plan_task = PlanTask.objects.filter(version=world["live"]).order_by("start", "id").first()
    assert plan_task is not None and plan_task.title in found(c, plan_task.title)["plan_task"]
    assert found(c, "新材料产业园")["project"] == ["开发区新材料产业园建设"]
    plan_project = Project.objects.filter(version=world["live"]).order_by("start", "id").first()
    assert plan_project is not None and plan_project.name in found(c, plan_project.name)["plan_project"]
    assert found(c, "工业和信息化")["unit"] == ["市工业和信息化局"]
    # the draft plan (no live version yet) is internal but the office may see it
    assert found(c, "招商引资")["plan"] == ["某区招商引资规划"]


def test_results_are_grouped_and_open(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    r = c.get(URL, {"q": "工业"})
    body = r.content.decode()
    kinds = [g.kind for g in r.context["groups"] if g.total]
    assert {"plan", "target", "task", "unit"} <= set(kinds)
    assert body.index('id="results-plan"') < body.index('id="results-target"') < body.index('id="results-unit"')
    assert "规划" in body and "目标" in body and "台账任务" in body and "单位" in body
    for g in r.context["groups"]:
        for h in g.hits[:2]:
            assert c.get(h.url.split("#")[0]).status_code == 200, h.url
    # a target shows the verdict its plan page shows (the stored one verdict)
    tg = next(g for g in r.context["groups"] if g.kind == "target")
    assert all(h.status for h in tg.hits) and 'class="pill st-' in body


def test_a_reporter_finds_only_what_the_unit_may_see(world: dict[str, Any]) -> None:
    rep = client_for(world["users"]["reporter"])
    assert found(rep, "推进工业技术改造")["task"] == ["推进工业技术改造"]
    assert "task" not in found(rep, "开发区招商任务")  # the other unit's task
    assert "project" not in found(rep, "新材料产业园")  # the other unit's register project
    assert found(rep, "技改示范园")["project"] == ["工业技改示范园建设"]
    zone = client_for(world["users"]["other_reporter"])
    assert found(zone, "开发区招商任务")["task"] == ["开发区招商任务"]
    assert "task" not in found(zone, "推进工业技术改造")
    assert found(zone, "新材料产业园")["project"] == ["开发区新材料产业园建设"]
    # the leader of the zone sees its sub-units' business too; the viewer everything
    assert found(client_for(world["users"]["other_leader"]), "开发区招商任务")["task"] == ["开发区招商任务"]
    assert found(client_for(world["users"]["viewer"]), "开发区招商任务")["task"] == ["开发区招商任务"]


def test_the_public_finds_published_plans_only(world: dict[str, Any]) -> None:
    pub = Client()
    hits = found(pub, "规划")
    assert hits == {"plan": [world["plan"].title]}  # not the unpublished draft, nothing but plans
    r = pub.get(URL, {"q": "规划"})
    url, = [h.url for g in r.context["groups"] for h in g.hits]
    assert url == reverse("ui:portal_plan", args=[world["plan"].pk]) and pub.get(url).status_code == 200
    assert found(pub, "招商引资") == {}
    assert found(pub, "推进工业技术改造") == {} and found(pub, "工业和信息化") == {}
    # a published plan withdrawn from publication is no longer found
    world["plan"].published = False
    world["plan"].save()
    assert found(pub, "工业经济发展") == {}
    assert found(client_for(world["users"]["admin"]), "工业经济发展")["plan"] == [world["plan"].title]


def test_internal_notes_are_not_searched_for_the_public(world: dict[str, Any]) -> None:
    from tests.web.ui_world import INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE

    pub = Client()
    for note in (INTERNAL_PLAN_NOTE, INTERNAL_TASK_NOTE):
        body = pub.get(URL, {"q": note[:6]}).content.decode()
        assert "没有找到" in body and note not in body.replace(f'value="{note[:6]}"', "")


@pytest.mark.parametrize("q, message", [("", "请输入要查找的词语"), ("   ", "请输入要查找的词语"),
                                        ("工" * (MAX_LENGTH + 1), f"最多{MAX_LENGTH}个字")])
def test_an_empty_or_too_long_query_is_named(world: dict[str, Any], q: str, message: str) -> None:
    for user in (world["users"]["admin"], None):
        r = client_for(user).get(URL, {"q": q})
        assert r.status_code == 400 and message in r.content.decode()
        assert 'id="search-error"' in r.content.decode()


def test_odd_queries_do_not_break(world: dict[str, Any]) -> None:
    c = client_for(world["users"]["admin"])
    for q in ("%", "_", "'; drop table", "<script>alert(1)</script>", "\\", "工业\x00"):
        r = c.get(URL, {"q": q})
        assert r.status_code in (200, 400), q
        assert "<script>alert(1)</script>" not in r.content.decode()
    assert found(c, "工%业") == {} and found(c, "工_业") == {}  # a LIKE wildcard is a character, not "anything"
    assert c.get(URL).status_code == 200 and "输入词语" in c.get(URL).content.decode()


def test_many_results_are_capped_and_counted(world: dict[str, Any]) -> None:
    from planwatch.web.ledger import workflow as W

    us, un = world["users"], world["units"]
    for i in range(PER_KIND + 3):
        W.create_task(us["admin"], title=f"批量督办事项{i}", lead_unit=un["ind"], plan=world["plan"])
    r = client_for(us["admin"]).get(URL, {"q": "批量督办"})
    g, = [g for g in r.context["groups"] if g.total]
    assert g.total == PER_KIND + 3 and len(g.hits) == PER_KIND
    assert f"显示前{PER_KIND}项" in r.content.decode()


def test_the_box_is_on_every_page_and_chinese(world: dict[str, Any]) -> None:
    typed = typed_words(world)
    for user, page in ((world["users"]["admin"], "/dashboard/"), (world["users"]["reporter"], "/ledger/"),
                       (None, "/portal/")):
        body = client_for(user).get(page).content.decode()
        assert 'id="nav-search"' in body and 'name="q"' in body
    for user in (world["users"]["admin"], world["users"]["reporter"], None):
        for q in ("工业", "没有这个词"):
            text = visible_text(client_for(user).get(URL, {"q": q}).content.decode())
            assert not latin_words(text, typed), (q, latin_words(text, typed))
        text = visible_text(client_for(user).get(URL, {"q": ""}).content.decode())
        assert not latin_words(text, typed)


def test_the_results_page_needs_no_role_but_shows_only_plans_without_one(world: dict[str, Any]) -> None:
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("norole", password="x")
    assert found(client_for(nobody), "推进工业技术改造") == {}
    assert found(client_for(nobody), "工业经济发展") == {"plan": [world["plan"].title]}

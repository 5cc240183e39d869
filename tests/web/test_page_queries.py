"""Query budgets of the read pages made fast for a big store (issue 15): the 考核 ranking and its
drill-down read the stored verdicts in a fixed number of queries however many tasks, targets and
decompositions there are; the stored verdicts read by version (many targets) are the same as by id
and as the one verdict; the plan page's 分解 form offers every active unit on each target."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.ui_world import build_world


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    return build_world(org)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _count(c: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert c.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_assessment_queries_do_not_grow_with_rows(world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    from planwatch.web.ledger import workflow as W
    from planwatch.web.ledger.models import TargetAssignment

    us, un = world["users"], world["units"]
    year = 2000  # world["t_ind"] is due 2000-01-01
    c = client_for(us["admin"])
    urls = [reverse("cycle:assessment") + f"?year={year}", reverse("cycle:assessment_unit", args=[year, un["ind"].pk])]
    for u in urls:
        c.get(u)  # the stored verdicts made current
    before = [_count(c, u) for u in urls]
    targets = list(world["live"].targets.exclude(review_state="rejected").order_by("id")[:5])
    for i in range(10):
        t = W.create_task(us["admin"], title=f"新增任务{i}", lead_unit=un["ind"], plan=world["plan"],
                          supporting_units=[un["zone"]], deadline=dt.date(year, 3, 1 + i))
        W.accept_task(us["reporter"], t)
    for unit in (un["ind"], un["zone"]):
        for t in targets:
            TargetAssignment.objects.get_or_create(target=t, unit=unit)
    for u in urls:
        c.get(u)
    after = [_count(c, u) for u in urls]
    assert after == before
    for u in urls:
        with django_assert_max_num_queries(26):
            assert c.get(u).status_code == 200


def test_stored_verdicts_read_by_version_match_the_one_verdict(world: dict[str, Any], monkeypatch: Any) -> None:
    from planwatch.web.data import verdicts as V

    plan, version = world["plan"], world["live"]
    targets = list(version.targets.exclude(review_state="rejected").order_by("start", "id"))
    assert len(targets) > 1
    expected = [(v.status, v.reason, v.observed_value) for v in V.verdicts_for(targets, {version.pk: plan})]
    for many in (V.MANY_TARGETS, 0):  # by target ids, then by version (as for thousands of targets)
        monkeypatch.setattr(V, "MANY_TARGETS", many)
        for _ in range(2):  # computed and stored, then read back
            got = [(v.status, v.reason, v.observed_value) for v in V.stored_verdicts(targets, {version.pk: plan})]
            assert got == expected
    assert V.refresh_stored(targets, {version.pk: plan}) == 0  # all current


def test_plan_page_offers_every_unit_on_each_target(world: dict[str, Any]) -> None:
    from planwatch.web.accounts.models import Unit

    body = client_for(world["users"]["admin"]).get(reverse("plans:plan", args=[world["plan"].pk])).content.decode()
    forms = body.count('class="assign-form"')
    assert forms == world["live"].targets.exclude(review_state="rejected").count() > 0
    for u in Unit.objects.filter(active=True):
        assert body.count(f'<option value="{u.pk}">{u.name}</option>') == forms
    # a unit's reporter sees no 分解 form and no unit choices
    body = client_for(world["users"]["reporter"]).get(reverse("plans:plan", args=[world["plan"].pk])).content.decode()
    assert 'class="assign-form"' not in body

"""Query budgets of the list endpoints and the dashboard (so an N+1 cannot come back), and list rows
equal to the detail objects: the list pages are built from plain rows, the details from model
instances, and both must say the same thing to every role."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from planwatch.web.accounts.models import ApiToken, Unit
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.ledger.models import LedgerTask
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan
from planwatch.web.plans.review import approve_version
from tests.web.conftest import gold

ROWS = 30


def bearer(user: Any) -> Client:
    """A client with an API token whose last_used is already set (no write in the measured request)."""
    c = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user, 'test')[1]}")
    assert c.get("/api/units").status_code == 200
    return c


@pytest.fixture
def ledger(org: dict[str, Any]) -> dict[str, Any]:
    us, un = org["users"], org["units"]
    data, text = gold("harbin-industry-2006-2010")
    live = ingest_extraction(data, text)
    approve_version(us["admin"], live)
    live.plan.published = True
    live.plan.save()
    Plan.objects.create(title="另一规划", period_start=2021, period_end=2025, internal_note="内部")
    today = dt.date.today()
    # Deadlines spread over overdue, due soon and later; every third task with two supporting units,
    # named so that name order differs from id order.
    extra = Unit.objects.create(name="啊市统计局", kind="department")
    for i in range(ROWS):
        t = LedgerTask.objects.create(title=f"任务{i}", lead_unit=un["ind"] if i % 2 else un["zone"],
                                      plan=live.plan if i % 4 else None, state=["assigned", "accepted", "done"][i % 3],
                                      deadline=today + dt.timedelta(days=i * 5 - 40), internal_note=f"备注{i}")
        if i % 3 == 0:
            t.supporting_units.set([un["city"], extra])
        elif i % 3 == 1:
            t.supporting_units.set([un["zone_sub"]])
    ind = Indicator.objects.create(key="gdp", name="地区生产总值", public=True, responsible_unit=un["ind"])
    for year in range(1990, 1990 + ROWS):
        Observation.objects.create(indicator=ind, year=year, value=year * 1.5, note=f"说明{year}",
                                   reporting_unit=un["ind"])
    return {**org, "live": live, "indicator": ind}


LISTS = ["/api/tasks", "/api/tasks?light=red", "/api/tasks?unit={ind}", "/api/observations?indicator={indicator}",
         "/api/targets?plan={plan}", "/api/plan-tasks?plan={plan}", "/api/facts?plan={plan}",
         "/api/projects?plan={plan}", "/api/plans", "/api/indicators", "/api/units", "/api/dashboard"]


def _url(path: str, ledger: dict[str, Any]) -> str:
    return path.format(ind=ledger["units"]["ind"].pk, indicator=ledger["indicator"].pk,
                       plan=ledger["live"].plan_id)


def _paged(url: str, size: int) -> str:
    return url if "dashboard" in url else url + ("&" if "?" in url else "?") + f"page_size={size}"


def test_list_query_budget_with_a_token(ledger: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    """The token (with the membership joined), a leader's sub-units, the count, the page, one query
    for the page's supporting units; the dashboard: two grouped counts and the unit names."""
    for role in ("admin", "reporter", "leader", "viewer"):
        c = bearer(ledger["users"][role])
        for path in LISTS:
            with django_assert_max_num_queries(6):
                r = c.get(_paged(_url(path, ledger), 100))
            assert r.status_code == 200, (role, path, r.content)


def test_list_queries_do_not_grow_with_the_page(ledger: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = bearer(ledger["users"]["admin"])
    for path in LISTS:
        if "dashboard" in path:
            continue
        counts = []
        for size in (1, 100):
            with CaptureQueriesContext(connection) as cq:
                r = c.get(_paged(_url(path, ledger), size))
            assert r.status_code == 200
            counts.append(len(cq.captured_queries))
        assert len(r.json()["items"]) > 1, path  # the fixture really fills the big page
        assert counts[0] == counts[1], (path, counts)


def test_public_lists_stay_within_budget(ledger: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    c = Client()
    for path in LISTS:
        with django_assert_max_num_queries(4):
            assert c.get(_url(path, ledger)).status_code == 200


def test_task_list_rows_equal_the_task_details(ledger: dict[str, Any]) -> None:
    """Lead unit name, supporting units (in the detail's order), light and the internal note (hidden
    from the public) come out of the list exactly as out of the detail."""
    for role in ("admin", "reporter", "leader", "viewer", None):
        _check_task_rows(ledger, role)


def _check_task_rows(ledger: dict[str, Any], role: str | None) -> None:
    c = bearer(ledger["users"][role]) if role else Client()
    items = c.get("/api/tasks?page_size=100").json()["items"]
    assert items, role
    lights = set()
    for item in items:
        detail = c.get(f"/api/tasks/{item['id']}").json()
        assert {k: detail[k] for k in item} == item
        lights.add(item["light"])
        assert (item["internal_note"] is None) == (role is None)
    if role in ("admin", "viewer"):
        assert lights == {"red", "yellow", "green", "grey"}
        several = [i for i in items if len(i["supporting_unit_ids"]) == 2]
        assert several
        # Unit order is by name, as supporting_units.all() gives it, not by id.
        names = dict(Unit.objects.values_list("id", "name"))
        assert all([names[u] for u in i["supporting_unit_ids"]] == sorted(names[u] for u in i["supporting_unit_ids"])
                   for i in several)


def test_record_and_observation_rows_equal_the_details(ledger: dict[str, Any]) -> None:
    for role in ("admin", "reporter", None):
        _check_record_rows(ledger, role)


def _check_record_rows(ledger: dict[str, Any], role: str | None) -> None:
    c = bearer(ledger["users"][role]) if role else Client()
    plan = ledger["live"].plan_id
    targets = c.get(f"/api/targets?plan={plan}&page_size=500").json()["items"]
    assert targets and any(t["section"] for t in targets)
    for t in targets[:40]:
        assert c.get(f"/api/targets/{t['id']}").json() == t
    observations = c.get(f"/api/observations?indicator={ledger['indicator'].pk}&page_size=100").json()["items"]
    assert len(observations) == ROWS
    for o in observations[:5]:
        detail = c.get(f"/api/observations/{o['id']}").json()
        assert {k: detail[k] for k in o} == o
        assert (o["note"] is None) == (role is None)
    plans = c.get("/api/plans").json()["items"]
    for p in plans:
        detail = c.get(f"/api/plans/{p['id']}").json()
        assert {k: detail[k] for k in p} == p

"""The dashboard's aggregates: targets per verdict status and per 约束性/预期性 as the one verdict says,
the 时间过半、任务过半 bars, the filters by plan, unit, region and phase, ended plans shown apart, and
what each role counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.web.data.observations import record_observation
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import LedgerTask
from planwatch.web.plans.ingest import ingest_extraction
from planwatch.web.plans.models import Plan, Target
from planwatch.web.plans.review import approve_version
from planwatch.web.ui.assessments import target_views
from planwatch.web.ui.dashboard import elapsed_share, plan_phase

THIS_YEAR = dt.date.today().year


def make_plan(admin: Any, title: str, period: tuple[int, int], region: str,
              targets: list[tuple[str, float, bool]]) -> Plan:
    """A live plan of ``targets`` (indicator, value, binding) in ``region``."""
    text = title + "\n" + "\n".join(f"到{period[1]}年，{name}达到{value:g}亿元。" for name, value, _ in targets)
    version = ingest_extraction({
        "doc": f"{title}.txt", "title": title, "period": list(period), "facts": [], "tasks": [], "projects": [],
        "targets": [{"quote": f"{name}达到{value:g}亿元", "start": -1, "end": -1, "indicator": name, "kind": "level",
                     "value": value, "value_high": None, "unit": "亿元", "comparator": "=", "target_year": period[1],
                     "baseline_value": value / 2, "baseline_year": period[0] - 1}
                    for name, value, _ in targets]}, text, doc_name=f"{title}.txt", region=region)
    approve_version(admin, version)
    for t, (_, _, binding) in zip(version.targets.order_by("start", "id"), targets, strict=True):
        Target.objects.filter(pk=t.pk).update(binding=binding)
    plan = version.plan
    plan.refresh_from_db()
    return plan


@pytest.fixture
def small(org: dict[str, Any]) -> dict[str, Any]:
    admin, un = org["users"]["admin"], org["units"]
    current = make_plan(admin, "新城区产业发展规划", (THIS_YEAR - 2, THIS_YEAR + 2), "新城区",
                        [("新城区工业增加值", 500, True), ("新城区服务业增加值", 300, False),
                         ("新城区固定资产投资", 800, True)])
    ended = make_plan(admin, "老城区工业规划", (2006, 2010), "老城区", [("老城区工业增加值", 100, False)])
    t1, t2, _ = current.current_version.targets.order_by("start", "id")
    # observations: one target on its way, one far behind, the rest without data
    record_observation(admin, t1.indicator, THIS_YEAR - 1, 400, source="统计公报")
    record_observation(admin, t1.indicator, THIS_YEAR - 3, 250, source="统计公报")
    record_observation(admin, t2.indicator, THIS_YEAR - 1, 100, source="统计公报")
    record_observation(admin, t2.indicator, THIS_YEAR - 3, 150, source="统计公报")
    W.assign_target(admin, t2, un["zone"], 100.0)
    ind_task = W.create_task(admin, title="新城区技改任务", lead_unit=un["ind"], plan=current,
                             deadline=dt.date(THIS_YEAR + 1, 6, 30))
    W.create_task(admin, title="新城区招商任务", lead_unit=un["zone"], plan=current,
                  deadline=dt.date(THIS_YEAR + 1, 6, 30))
    LedgerTask.objects.filter(pk=ind_task.pk).update(state="done")
    return {**org, "current": current, "ended": ended}


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def expected_counts(plans: list[Plan]) -> tuple[Counter[str], Counter[str]]:
    """Statuses of all and of the binding targets, from the one verdict (computed afresh)."""
    all_, binding = Counter[str](), Counter[str]()
    for p in plans:
        targets = list(p.current_version.targets.exclude(review_state="rejected"))
        for v in target_views(targets, {p.current_version_id: p}):
            all_[v.status] += 1
            if v.verdict.target.binding:
                binding[v.status] += 1
    return all_, binding


def shown(resp: Any) -> tuple[Counter[str], Counter[str]]:
    rows = [o for o in resp.context["overview"] if o["status"]]
    return Counter({o["status"]: o["n"] for o in rows}), Counter({o["status"]: o["binding"] for o in rows})


def test_counts_per_status_and_binding_are_the_verdicts(small: dict[str, Any]) -> None:
    resp = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"))
    assert resp.status_code == 200
    all_, binding = expected_counts([small["current"], small["ended"]])
    assert sum(all_.values()) == 4 and sum(binding.values()) == 2
    assert len(all_) >= 2  # the small world has more than one status
    assert shown(resp) == (all_, binding)
    total = resp.context["overview"][-1]
    assert (total["n"], total["binding"], total["expected"]) == (4, 2, 2)
    assert total["share"] == 1.0
    for o in resp.context["overview"][:-1]:
        assert o["share"] == pytest.approx(o["n"] / 4)
        assert o["expected"] == o["n"] - o["binding"]
    body = resp.content.decode()
    assert 'id="status-shares"' in body and "约束性" in body and "预期性" in body


def test_a_changed_observation_changes_the_counts(small: dict[str, Any]) -> None:
    """The counts follow the data (stored verdicts are refreshed, not frozen)."""
    c = client_for(small["users"]["admin"])
    before = shown(c.get(reverse("ui:dashboard")))
    t1 = small["current"].current_version.targets.order_by("start", "id")[0]
    record_observation(small["users"]["admin"], t1.indicator, THIS_YEAR - 1, 40, source="统计公报", reason="更正")
    after = shown(c.get(reverse("ui:dashboard")))
    assert after == expected_counts([small["current"], small["ended"]])
    assert after != before


def test_ended_plans_are_shown_apart(small: dict[str, Any]) -> None:
    resp = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"))
    assert [r["plan"].pk for r in resp.context["in_force"]] == [small["current"].pk]
    assert [r["plan"].pk for r in resp.context["ended"]] == [small["ended"].pk]
    body = resp.content.decode()
    in_force_table = body[body.index('id="plans-table"'):body.index('id="ended-table"')]
    ended_table = body[body.index('id="ended-table"'):]
    assert "老城区工业规划" not in in_force_table and "老城区工业规划" in ended_table
    assert "已到期" in ended_table and "新城区产业发展规划" in in_force_table


def test_time_and_task_bars(small: dict[str, Any]) -> None:
    resp = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"))
    row, = resp.context["in_force"]
    assert (row["n_tasks"], row["done"], row["done_share"]) == (2, 1, 0.5)
    assert 0.4 < row["time_share"] < 0.8  # the third of five years
    assert row["targets"] == 3 and row["good"] + (row["judged"] - row["good"]) + row["unjudged"] == 3
    old, = resp.context["ended"]
    assert old["time_share"] == 1.0 and old["done_share"] is None
    body = resp.content.decode()
    assert "时间进度" in body and "任务完成" in body and "目标达标" in body


def test_elapsed_share_and_phase() -> None:
    class P:
        period_start, period_end = 2021, 2025

    assert elapsed_share(P, dt.date(2023, 12, 31)) == pytest.approx(0.6)
    assert elapsed_share(P, dt.date(2020, 6, 1)) == 0.0
    assert elapsed_share(P, dt.date(2030, 1, 1)) == 1.0
    assert plan_phase(P, 2026) == "ended" and plan_phase(P, 2025) == "current" and plan_phase(P, 2020) == "pending"

    class Q:
        period_start, period_end = None, None

    assert elapsed_share(Q, dt.date(2023, 1, 1)) is None and plan_phase(Q, 2026) == "current"


def test_filters_narrow_the_counts(small: dict[str, Any]) -> None:
    c = client_for(small["users"]["admin"])
    url = reverse("ui:dashboard")
    cur, old = small["current"], small["ended"]
    r = c.get(url, {"plan": cur.pk})
    assert r.status_code == 200 and shown(r) == expected_counts([cur])
    assert not r.context["ended"] and [x["plan"].pk for x in r.context["in_force"]] == [cur.pk]
    r = c.get(url, {"region": old.region_id})
    assert shown(r) == expected_counts([old]) and not r.context["in_force"]
    r = c.get(url, {"phase": "ended"})
    assert shown(r) == expected_counts([old])
    r = c.get(url, {"phase": "current"})
    assert shown(r) == expected_counts([cur]) and not r.context["ended"]
    # a unit: its decomposed target and its own tasks only
    r = c.get(url, {"unit": small["units"]["zone"].pk})
    assert r.context["n_targets"] == 1
    row, = r.context["in_force"]
    assert row["n_tasks"] == 1 and row["done"] == 0
    r = c.get(url, {"unit": small["units"]["ind"].pk})
    row, = r.context["in_force"]
    assert r.context["n_targets"] == 0 and (row["n_tasks"], row["done"]) == (1, 1)
    # filters combine: the unit has nothing in the ended plan
    r = c.get(url, {"unit": small["units"]["ind"].pk, "phase": "ended"})
    assert not r.context["in_force"] and not r.context["ended"] and r.context["n_targets"] == 0
    assert "所选范围内没有目标" in r.content.decode()


@pytest.mark.parametrize("params, message", [
    ({"plan": "abc"}, "所选规划不存在或未生效"), ({"plan": "999999"}, "所选规划不存在或未生效"),
    ({"unit": "-1"}, "所选单位不存在"), ({"region": "9" * 30}, "所选地区不存在"), ({"phase": "x"}, "所选规划期别无效")])
def test_a_bad_filter_is_named(small: dict[str, Any], params: dict[str, str], message: str) -> None:
    r = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"), params)
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body and 'id="filter-errors"' in body
    assert r.context["n_targets"] == 4  # the bad filter is left out, the rest shown


def test_filter_form_is_chinese_and_keeps_the_choice(small: dict[str, Any]) -> None:
    from tests.web.latin_words import latin_words, visible_text

    r = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"), {"plan": small["current"].pk,
                                                                          "phase": "current"})
    body = r.content.decode()
    assert 'id="dash-filters"' in body and f'<option value="{small["current"].pk}" selected>' in body
    assert '<option value="current" selected>' in body
    typed = {u.username for u in small["users"].values()}
    assert not latin_words(visible_text(body), typed), latin_words(visible_text(body), typed)


def test_a_reporter_counts_only_the_tasks_of_the_unit(small: dict[str, Any]) -> None:
    rep = client_for(small["users"]["reporter"]).get(reverse("ui:dashboard"))
    row, = rep.context["in_force"]
    assert (row["n_tasks"], row["done"]) == (1, 1)  # the zone's task is not the reporter's to see
    office = client_for(small["users"]["admin"]).get(reverse("ui:dashboard"))
    assert office.context["in_force"][0]["n_tasks"] == 2
    zone = client_for(small["users"]["other_reporter"]).get(reverse("ui:dashboard"), {"unit": small["units"]["ind"].pk})
    assert zone.context["in_force"] == [] or zone.context["in_force"][0]["n_tasks"] == 0


def test_dashboard_needs_a_role(small: dict[str, Any]) -> None:
    assert Client().get(reverse("ui:dashboard")).status_code == 302

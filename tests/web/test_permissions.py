"""The permission module: what each role reads and may change."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from planwatch.web.accounts import permissions as P
from planwatch.web.data.models import Indicator, Observation
from planwatch.web.ledger.models import LedgerTask
from planwatch.web.plans.models import Plan


def _tasks(org: dict[str, Any]) -> tuple[LedgerTask, LedgerTask, LedgerTask]:
    u = org["units"]
    t_ind = LedgerTask.objects.create(title="工信任务", lead_unit=u["ind"])
    t_zone = LedgerTask.objects.create(title="开发区任务", lead_unit=u["zone"])
    t_sub = LedgerTask.objects.create(title="下属单位任务", lead_unit=u["zone_sub"])
    t_zone.supporting_units.add(u["ind"])
    return t_ind, t_zone, t_sub


def test_roles(org: dict[str, Any]) -> None:
    us = org["users"]
    assert P.role_of(us["admin"]) == "office_admin"
    assert P.role_of(us["viewer"]) == "leadership_viewer"
    assert P.role_of(AnonymousUser()) == "public"
    assert us["reporter"].groups.filter(name="unit_reporter").exists()  # mirrored as a Django group


def test_task_visibility_by_role(org: dict[str, Any]) -> None:
    us = org["users"]
    t_ind, t_zone, t_sub = _tasks(org)
    qs = LedgerTask.objects.all()
    assert set(P.visible_tasks(us["admin"], qs)) == {t_ind, t_zone, t_sub}
    assert set(P.visible_tasks(us["viewer"], qs)) == {t_ind, t_zone, t_sub}
    assert set(P.visible_tasks(us["reporter"], qs)) == {t_ind, t_zone}  # lead + supporting
    assert set(P.visible_tasks(us["other_reporter"], qs)) == {t_zone}  # not the sub-unit's
    assert set(P.visible_tasks(us["other_leader"], qs)) == {t_zone, t_sub}  # leader: unit + sub-units
    assert list(P.visible_tasks(AnonymousUser(), qs)) == []


def test_task_actions_by_role(org: dict[str, Any]) -> None:
    us = org["users"]
    t_ind, t_zone, _ = _tasks(org)
    assert P.can_edit_task(us["admin"], t_ind)
    for name in ("reporter", "leader", "viewer", "other_reporter"):
        assert not P.can_edit_task(us[name], t_ind)
    assert P.can_report_on_task(us["reporter"], t_ind)
    assert P.can_report_on_task(us["reporter"], t_zone)  # supporting unit reports too
    assert not P.can_report_on_task(us["other_reporter"], t_ind)
    assert not P.can_report_on_task(us["viewer"], t_ind)
    assert P.can_act_for_lead_unit(us["reporter"], t_ind)
    assert not P.can_act_for_lead_unit(us["reporter"], t_zone)  # only supporting
    assert not P.can_supervise(us["viewer"]) and not P.can_supervise(us["leader"])


def test_public_sees_only_published_plans_and_public_indicators(org: dict[str, Any]) -> None:
    us = org["users"]
    draft = Plan.objects.create(title="草案")
    Plan.objects.create(title="已发布但无生效版本", published=True)
    assert list(P.visible_plans(AnonymousUser(), Plan.objects.all())) == []
    assert draft in P.visible_plans(us["viewer"], Plan.objects.all())
    pub = Indicator.objects.create(key="a", name="A", public=True)
    internal = Indicator.objects.create(key="b", name="B", responsible_unit=org["units"]["ind"])
    hidden = Indicator.objects.create(key="c", name="C", responsible_unit=org["units"]["zone"])
    assert list(P.visible_indicators(AnonymousUser(), Indicator.objects.all())) == [pub]
    assert set(P.visible_indicators(us["reporter"], Indicator.objects.all())) == {pub, internal}
    assert set(P.visible_indicators(us["viewer"], Indicator.objects.all())) == {pub, internal, hidden}
    Observation.objects.create(indicator=hidden, year=2010, value=1)
    assert not P.visible_observations(us["reporter"], Observation.objects.all()).exists()
    assert P.can_edit_indicator_data(us["reporter"], internal)
    assert not P.can_edit_indicator_data(us["reporter"], hidden)
    assert not P.can_edit_indicator_data(us["viewer"], internal)
    assert not P.can_edit_indicator_data(us["leader"], internal)  # leaders approve, reporters enter

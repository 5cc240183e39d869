"""The demo's example registers: invented enterprises marked as such, feeding seed count targets;
the industry plan's 专栏 projects with example figures; dashboard and plan page show them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from planwatch.web.data.models import Observation
from planwatch.web.demo import setup_demo
from planwatch.web.registers.counting import SOURCE_ENTERPRISES, SOURCE_PROJECTS
from planwatch.web.registers.models import CountRule, Enterprise, ProjectRecord
from tests.web.conftest import HARBIN


@pytest.mark.slow
def test_demo_registers(db: Any) -> None:
    out = setup_demo(HARBIN)
    assert out["registers"]["enterprises"] > 50
    assert all("示例数据" in e.name and "示例数据" in e.note for e in Enterprise.objects.all())
    fed = {r.target.indicator_text for r in CountRule.objects.filter(register="enterprise")
           if Observation.objects.filter(indicator=r.target.indicator, source=SOURCE_ENTERPRISES).exists()}
    assert len(fed) >= 3 and "新增高新技术企业" in fed
    assert Observation.objects.filter(source=SOURCE_PROJECTS).exists()
    plan = ProjectRecord.objects.first().plan
    assert ProjectRecord.objects.filter(plan=plan, planned_investment__gt=0).count() == 281
    assert setup_demo(HARBIN)["registers"]["enterprises"] == 0  # idempotent
    office = Client()
    office.force_login(get_user_model().objects.get(username="demo_office"))
    dash = office.get("/dashboard/").content.decode()
    assert 'id="registers-panel"' in dash and "销售收入200亿元以上的大型企业集团" in dash
    page = office.get(f"/plans/{plan.pk}/").content.decode()
    assert 'id="project-rollup"' in page and "rule-link" in page
    leader = Client()
    leader.force_login(get_user_model().objects.get(username="demo_leader"))
    assert "重点项目" in leader.get("/approvals/").content.decode()  # the reporter's investment report waits
    public = Client().get("/portal/registers/").content.decode()
    assert "新增高新技术企业" in public and "示例电子信息企业" not in public and "示例装备制造企业" not in public

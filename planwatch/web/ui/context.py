"""Navigation per role, for every page (the base template reads ``nav`` and ``role``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_PUBLIC, ROLE_REPORTER, ROLE_VIEWER
from planwatch.web.accounts.permissions import role_of

ROLE_LABELS = {
    ROLE_ADMIN: ("规划处", "Planning office"),
    ROLE_REPORTER: ("单位联络员", "Unit reporter"),
    ROLE_LEADER: ("单位负责人", "Unit leader"),
    ROLE_VIEWER: ("领导查看", "Leadership"),
    ROLE_PUBLIC: ("公众", "Public"),
}

# (url name, 中文, English) per role; the order is the menu order.
NAV = {
    ROLE_ADMIN: [("ui:dashboard", "首页", "Dashboard"), ("ui:plans", "规划", "Plans"),
                 ("ui:ledger", "台账", "Ledger"), ("ui:indicators", "指标", "Indicators"),
                 ("ui:audit", "审计", "Audit"), ("registers:index", "名录与项目库", "Registers"),
                 ("ui:upload", "上传规划", "Upload plan"),
                 ("ui:import", "导入表格", "Import"), ("ui:portal", "公众门户", "Public portal")],
    ROLE_REPORTER: [("ui:dashboard", "首页", "Dashboard"), ("ui:ledger", "本单位任务", "My unit's tasks"),
                    ("ui:indicators", "指标", "Indicators"), ("ui:import", "导入数据", "Import data"),
                    ("registers:index", "本单位项目", "My unit's projects"),
                    ("ui:plans", "规划", "Plans")],
    ROLE_LEADER: [("ui:dashboard", "首页", "Dashboard"), ("ui:approvals", "待审批", "To approve"),
                  ("ui:ledger", "本单位任务", "My unit's tasks"), ("ui:plans", "规划", "Plans"),
                  ("registers:index", "本单位项目", "My unit's projects")],
    ROLE_VIEWER: [("ui:dashboard", "首页", "Dashboard"), ("ui:plans", "规划", "Plans"),
                  ("ui:ledger", "台账", "Ledger"), ("ui:indicators", "指标", "Indicators"),
                  ("ui:audit", "审计", "Audit"), ("registers:index", "名录与项目库", "Registers")],
    ROLE_PUBLIC: [("ui:portal", "公开规划", "Published plans"), ("registers:portal", "名录统计", "Register counts")],
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    return {"role": role, "role_label": ROLE_LABELS.get(role, ("", "")), "nav": NAV.get(role, NAV[ROLE_PUBLIC])}

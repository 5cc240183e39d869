"""Navigation per role, for every page (the base template reads ``nav`` and ``role``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from planwatch.labels import ROLE
from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_PUBLIC, ROLE_REPORTER, ROLE_VIEWER
from planwatch.web.accounts.permissions import role_of

ROLE_LABELS = ROLE  # the display names live in planwatch.labels

# (url name, 中文, English) per role; the order is the menu order.
NAV = {
    ROLE_ADMIN: [("ui:dashboard", "首页", "Dashboard"), ("cycle:todo", "待办", "To do"), ("plans:plans", "规划", "Plans"),
                 ("ledger:ledger", "台账", "Ledger"), ("cycle:rounds", "报送", "Reporting"),
                 ("cycle:assessment", "考核", "Assessment"), ("cycle:rectifications", "整改", "Rectification"),
                 ("data:indicators", "指标", "Indicators"),
                 ("ui:audit", "审计", "Audit"), ("registers:index", "名录与项目库", "Registers"),
                 ("plans:upload", "上传规划", "Upload plan"),
                 ("data:import", "导入表格", "Import"), ("data:mapping", "指标匹配", "Mapping"),
                 ("ui:portal", "公众门户", "Public portal")],
    ROLE_REPORTER: [("ui:dashboard", "首页", "Dashboard"), ("cycle:todo", "待办", "To do"),
                    ("ledger:ledger", "本单位任务", "My unit's tasks"), ("cycle:rectifications", "整改", "Rectification"),
                    ("data:indicators", "指标", "Indicators"), ("data:import", "导入数据", "Import data"),
                    ("registers:index", "本单位项目", "My unit's projects"),
                    ("plans:plans", "规划", "Plans")],
    ROLE_LEADER: [("ui:dashboard", "首页", "Dashboard"), ("cycle:todo", "待办", "To do"),
                  ("ledger:approvals", "待审批", "To approve"), ("cycle:rectifications", "整改", "Rectification"),
                  ("ledger:ledger", "本单位任务", "My unit's tasks"), ("plans:plans", "规划", "Plans"),
                  ("registers:index", "本单位项目", "My unit's projects")],
    ROLE_VIEWER: [("ui:dashboard", "首页", "Dashboard"), ("plans:plans", "规划", "Plans"),
                  ("ledger:ledger", "台账", "Ledger"), ("cycle:rounds", "报送", "Reporting"),
                  ("cycle:assessment", "考核", "Assessment"), ("cycle:rectifications", "整改", "Rectification"),
                  ("data:indicators", "指标", "Indicators"),
                  ("ui:audit", "审计", "Audit"), ("registers:index", "名录与项目库", "Registers")],
    ROLE_PUBLIC: [("ui:portal", "公开规划", "Published plans"), ("registers:portal", "名录统计", "Register counts")],
}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    return {"role": role, "role_label": ROLE_LABELS.get(role, ("", "")), "nav": NAV.get(role, NAV[ROLE_PUBLIC])}

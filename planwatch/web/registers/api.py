"""JSON routes of the registers (mounted at /api/registers/): enterprises (office and leadership),
counting rules with their yearly figures and the ids behind them, project records, investment
reports and the per-plan roll-up. Permissions as on the pages (planwatch.web.accounts.permissions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from planwatch.web.accounts.permissions import (
    can_read_enterprises,
    is_internal,
    require,
    visible_count_rules,
    visible_plans,
    visible_project_records,
)
from planwatch.web.api.common import get_visible, user_of
from planwatch.web.plans.models import Plan
from planwatch.web.registers import counting
from planwatch.web.registers.models import CountRule, Enterprise, ProjectRecord
from planwatch.web.registers.projects import plan_project_rollup, report_investment, update_project
from planwatch.web.registers.tables import export_enterprises, import_enterprises

router = Router()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EnterpriseOut(Schema):
    id: int
    name: str
    credit_code: str
    region: str
    industry: str
    ownership: str
    size: str
    established: dt.date | None
    closed: dt.date | None


@router.get("/enterprises", response=list[EnterpriseOut])
@paginate
def list_enterprises(request: Any, q: str = "", ownership: str = "", region: str = "") -> Any:
    require(can_read_enterprises(user_of(request)), "企业名录仅规划处和领导可见")
    qs = Enterprise.objects.all()
    if q:
        qs = qs.filter(name__icontains=q)
    if ownership:
        qs = qs.filter(ownership=ownership)
    if region:
        qs = qs.filter(region=region)
    return qs.order_by("id")


@router.post("/enterprises/import", response={201: dict[str, Any]})
def import_enterprise_table(request: Any, file: UploadedFile = File(...)) -> Status:
    """Upload a 企业名录表; all rows or none (400 with ``errors`` rows); the enterprise rules are recomputed."""
    user = user_of(request)
    counts = import_enterprises(user, file.name or "upload.xlsx", file.read())
    counts["rules"] = counting.feed_all(user, "enterprise")
    return Status(201, counts)


@router.get("/enterprises/export.xlsx")
def export_enterprise_table(request: Any) -> HttpResponse:
    require(can_read_enterprises(user_of(request)), "企业名录仅规划处和领导可见")
    resp = HttpResponse(export_enterprises(Enterprise.objects.order_by("name", "id")), content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="enterprises.xlsx"'
    return resp


def _rules(request: Any) -> Any:
    return visible_count_rules(user_of(request), CountRule.objects.select_related("target__version__plan"))


def _rule_head(rule: CountRule) -> dict[str, Any]:
    t = rule.target
    return {"id": rule.pk, "target_id": t.pk, "indicator_id": t.indicator_id, "indicator": t.indicator_text,
            "target_value": t.value, "unit": t.unit, "target_year": t.target_year, "register": rule.register,
            "rule": counting.describe(rule), "published": rule.published}


@router.get("/rules", response=list[dict[str, Any]])
def list_rules(request: Any) -> list[dict[str, Any]]:
    """Every rule the user may see with the yearly figures it recorded (the public: published rules)."""
    rules = list(_rules(request))
    figures = counting.recorded(rules)
    return [{**_rule_head(r), "years": [{"year": y, "value": v} for y, v in figures[r.pk]]} for r in rules]


@router.get("/rules/{int:rule_id}", response=dict[str, Any])
def get_rule(request: Any, rule_id: int) -> dict[str, Any]:
    """Staff: the rule counted now, with the ids behind each figure (enterprise ids for the office and
    leadership, project ids the user may see). The public: the recorded figures."""
    user = user_of(request)
    rule = get_visible(_rules(request), rule_id)
    if not is_internal(user):
        return {**_rule_head(rule), "years": [{"year": y, "value": v} for y, v in counting.recorded([rule])[rule.pk]]}
    years = []
    for y, (v, ids) in counting.series(rule).items():
        row: dict[str, Any] = {"year": y, "value": v, "count": len(ids)}
        if rule.register == "project":
            row["ids"] = list(visible_project_records(user, ProjectRecord.objects.filter(pk__in=ids))
                              .values_list("id", flat=True))
        elif can_read_enterprises(user):
            row["ids"] = ids
        years.append(row)
    return {**_rule_head(rule), "years": years}


@router.post("/rules/{int:rule_id}/feed", response=dict[str, Any])
def feed_rule(request: Any, rule_id: int) -> dict[str, Any]:
    """Recompute the rule and record its figures as observations of the target's indicator."""
    rule = get_visible(_rules(request), rule_id)
    figures = counting.feed(user_of(request), rule)
    return {"id": rule.pk, "figures": {str(y): v for y, v in figures.items()}}


class ProjectOut(Schema):
    id: int
    plan_id: int
    source_id: int | None
    name: str
    group: str
    owner_unit_id: int | None
    location: str
    planned_investment: float | None
    planned_start: dt.date | None
    planned_completion: dt.date | None
    task_id: int | None


@router.get("/projects", response=list[ProjectOut])
@paginate
def list_projects(request: Any, plan: int | None = None, q: str = "") -> Any:
    qs = visible_project_records(user_of(request), ProjectRecord.objects.all())
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("id")


class ProjectPatch(Schema):
    owner_unit_id: int | None = None
    location: str | None = None
    planned_investment: float | None = None
    planned_start: dt.date | None = None
    planned_completion: dt.date | None = None
    note: str | None = None


@router.patch("/projects/{int:project_id}", response=ProjectOut)
def patch_project(request: Any, project_id: int, body: ProjectPatch) -> ProjectRecord:
    from planwatch.web.accounts.models import Unit

    user = user_of(request)
    p = get_visible(visible_project_records(user, ProjectRecord.objects.all()), project_id)
    changes = body.dict(exclude_unset=True)
    if "owner_unit_id" in changes:
        uid = changes.pop("owner_unit_id")
        changes["owner_unit"] = Unit.objects.get(pk=uid) if uid is not None else None
    return update_project(user, p, **changes)


class InvestmentIn(Schema):
    year: int
    amount: float
    text: str = ""


@router.post("/projects/{int:project_id}/investments", response={201: dict[str, Any]})
def post_investment(request: Any, project_id: int, body: InvestmentIn) -> Status:
    """A unit reporter's yearly completed investment (亿元): a progress update of the project's ledger
    task, counted after the unit leader approves it (``/api/updates/{update_id}/review``)."""
    user = user_of(request)
    p = get_visible(visible_project_records(user, ProjectRecord.objects.all()), project_id)
    inv = report_investment(user, p, body.year, body.amount, body.text)
    return Status(201, {"id": inv.pk, "update_id": inv.update_id, "year": inv.year, "amount": inv.amount})


@router.get("/plans/{int:plan_id}/projects/rollup", response=dict[str, Any])
def project_rollup(request: Any, plan_id: int, upto: int | None = None) -> dict[str, Any]:
    """The plan's key projects in figures (the same function as the plan page and the reports)."""
    user = user_of(request)
    plan = get_visible(visible_plans(user, Plan.objects.all()), plan_id)
    require(visible_project_records(user, ProjectRecord.objects.filter(plan=plan)).exists()
            or can_read_enterprises(user), "无权查看该规划的项目库")
    return plan_project_rollup(plan, upto=upto).as_dict()

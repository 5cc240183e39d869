"""The project register (重点项目库): project records made from a plan's extracted projects, put under
督办 as ledger tasks with 开工/投产/竣工 milestones, yearly investment reported with progress updates.

Nothing here duplicates the ledger: a unit's investment figure is a progress update of the project's
task (approved by the unit leader as any other update), milestones are the task's milestones.
``plan_project_rollup(plan)`` is the one roll-up the plan page, the API and the reports use.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db import transaction

from planwatch.registers.projects import MILESTONES, Rollup, rollup
from planwatch.web.accounts.permissions import can_manage_registers, can_report_project, require
from planwatch.web.errors import InvalidInput, WorkflowError
from planwatch.web.registers.counting import project_facts
from planwatch.web.registers.models import InvestmentReport, ProjectRecord

EDITABLE = ("owner_unit", "location", "planned_investment", "planned_start", "planned_completion", "note",
            "group", "name")


@transaction.atomic
def sync_projects(user: Any, plan: Any) -> int:
    """A project record for every project of the plan's live version (not rejected) that has none;
    an existing record (same key) keeps its figures and follows the newer version's text."""
    require(can_manage_registers(user), "只有规划处可以维护项目库 only the planning office keeps the register")
    if plan.current_version_id is None:
        raise InvalidInput("该规划没有生效版本 the plan has no live version")
    from planwatch.web.plans.models import Project

    existing = {r.key: r for r in ProjectRecord.objects.filter(plan=plan)}
    created = 0
    for p in Project.objects.filter(version_id=plan.current_version_id).exclude(review_state="rejected"):
        rec = existing.get(p.key)
        if rec is None:
            ProjectRecord.objects.create(plan=plan, source=p, key=p.key, name=p.name[:300], group=p.group[:300],
                                         planned_investment=p.planned_investment)
            created += 1
        elif rec.source_id != p.pk:
            rec.source = p
            rec.name = p.name[:300]
            rec.save()
    return created


@transaction.atomic
def update_project(user: Any, project: ProjectRecord, **changes: Any) -> ProjectRecord:
    """The office fills in owner unit, location, planned investment and dates; a project with an owner
    unit is put under 督办 (a ledger task with its milestones)."""
    require(can_manage_registers(user), "只有规划处可以修改项目 only the planning office edits projects")
    bad = sorted(set(changes) - set(EDITABLE))
    if bad:
        raise InvalidInput(f"不可修改的字段：{', '.join(bad)}")
    inv = changes.get("planned_investment")
    if inv is not None and (not math.isfinite(inv) or inv < 0):
        raise InvalidInput("计划总投资应为非负数（亿元）")
    start = changes.get("planned_start", project.planned_start)
    end = changes.get("planned_completion", project.planned_completion)
    if start and end and end < start:
        raise InvalidInput("计划竣工日期早于计划开工日期")
    for k, v in changes.items():
        setattr(project, k, v)
    project.save()
    if project.owner_unit_id and project.task_id is None:
        supervise(user, project)
    elif project.task_id and project.owner_unit_id and project.task.lead_unit_id != project.owner_unit_id:
        from planwatch.web.ledger.workflow import update_task

        update_task(user, project.task_id, project.task.version, {"lead_unit": project.owner_unit})
    return project


def supervise(user: Any, project: ProjectRecord) -> Any:
    """The project's ledger task (owner unit leads) with 开工 / 投产 / 竣工 milestones."""
    from planwatch.web.ledger.workflow import add_milestone, create_task

    task = create_task(user, title=f"重点项目：{project.name}"[:500], lead_unit=project.owner_unit,
                       plan=project.plan, deadline=project.planned_completion,
                       description=f"项目库：{project.group}".strip("："))
    project.task = task
    project.save(update_fields=["task"])
    due = {"started": project.planned_start, "in_production": None, "completed": project.planned_completion}
    for state, title in MILESTONES.items():
        add_milestone(user, task, title, due[state])
    return task


def _amount(year: int, amount: float) -> None:
    if not 1900 <= int(year) <= 2100:
        raise InvalidInput(f"年份无效：{year}")
    if not isinstance(amount, int | float) or not math.isfinite(amount) or amount < 0:
        raise InvalidInput("完成投资应为非负数（亿元）")


@transaction.atomic
def report_investment(user: Any, project: ProjectRecord, year: int, amount: float, text: str = "") -> InvestmentReport:
    """A unit reporter reports a year's completed investment: a progress update of the project's
    task carrying the figure; it counts once the unit leader approves the update."""
    from planwatch.web.ledger.workflow import submit_update

    require(can_report_project(user, project), "只有项目责任单位联络员可以填报投资 only the owner unit reports")
    if project.task_id is None:
        raise WorkflowError("项目尚未纳入督办（未指定责任单位） the project has no ledger task yet")
    _amount(year, amount)
    done = sum(a for y, a in project.investments.filter(update__review="approved").exclude(year=year)
               .values_list("year", "amount")) + amount
    planned = project.planned_investment or 0
    percent = min(100, round(done / planned * 100)) if planned else 0
    words = f"{year}年完成投资{amount:g}亿元" + (f"（累计{done:g}亿元，占计划{percent}%）" if planned else "")
    update = submit_update(user, project.task, f"{words}。{text.strip()}".rstrip("。") + "。",
                           "in_progress", percent)
    return InvestmentReport.objects.create(project=project, year=int(year), amount=float(amount), update=update,
                                           recorded_by=user)


@transaction.atomic
def record_investment(user: Any, project: ProjectRecord, year: int, amount: float) -> InvestmentReport:
    """The office records a year's figure directly (e.g. from the 项目库 statistics); counts at once.
    A figure for the same year replaces the office's earlier one."""
    require(can_manage_registers(user), "只有规划处可以直接录入投资 only the planning office records directly")
    _amount(year, amount)
    project.investments.filter(update__isnull=True, year=year).delete()
    return InvestmentReport.objects.create(project=project, year=int(year), amount=float(amount), recorded_by=user)


def plan_project_rollup(plan: Any, upto: int | None = None) -> Rollup:
    """The plan's key projects in figures — projects, with an owner, started / in production /
    completed (milestones done), planned vs completed investment (approved reports), by year and by
    专栏 group. For the plan page, the API and the reports' 重大项目 section."""
    facts = project_facts(plan.pk)
    owners = ProjectRecord.objects.filter(plan=plan, owner_unit__isnull=False).count()
    return rollup(facts, owners=owners, upto=upto)


def milestone_years(project: ProjectRecord) -> dict[str, dt.date | None]:
    """开工/投产/竣工 → date done (None when not yet), from the project's ledger task."""
    out: dict[str, dt.date | None] = {title: None for title in MILESTONES.values()}
    if project.task_id:
        for title, on in project.task.milestones.filter(title__in=list(out)).values_list("title", "done_on"):
            out[title] = on
    return out

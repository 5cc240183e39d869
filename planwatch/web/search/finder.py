"""What a user finds for a query: per kind, the matching records the permission module lets the
user read (``planwatch.web.accounts.permissions``), never more.

- the office and leadership: every plan, target, task of the plan texts, ledger task, project,
  unit;
- a unit's reporters and leaders: the plans and their records (as on the plan pages), their own
  units' ledger tasks and register projects, the units;
- the public (anonymous, or signed in without a role): published plans only.

Targets show their verdict as stored (``stored_views``: the one verdict, never recomputed here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse

from planwatch.web.accounts.models import Unit
from planwatch.web.accounts.permissions import (
    is_internal,
    visible_plans,
    visible_project_records,
    visible_records,
    visible_tasks,
)
from planwatch.web.ledger.models import LedgerTask
from planwatch.web.plans.models import Plan, PlanTask, Project, Target
from planwatch.web.registers.models import ProjectRecord
from planwatch.web.ui.assessments import stored_views, target_rows

MAX_LENGTH = 50  # characters of a query
PER_KIND = 20  # results shown per kind (the total is counted)

# (code, 中文, English): the kinds in the order the results page lists them.
KINDS = [("plan", "规划", "Plans"), ("target", "目标", "Targets"), ("task", "台账任务", "Ledger tasks"),
         ("plan_task", "规划任务", "Tasks in plan texts"), ("project", "项目库项目", "Register projects"),
         ("plan_project", "规划中的项目", "Projects in plan texts"), ("unit", "单位", "Units")]


class BadQuery(ValueError):
    """A query that cannot be searched for: empty or too long (the message says which)."""


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    status: str = ""  # a target's verdict status code


@dataclass
class Group:
    kind: str
    zh: str
    en: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)


def clean_query(raw: str) -> str:
    """The query without surrounding blanks; ``BadQuery`` when empty or longer than ``MAX_LENGTH``."""
    q = " ".join((raw or "").split())
    if not q:
        raise BadQuery("请输入要查找的词语 enter a word to search for")
    if len(q) > MAX_LENGTH:
        raise BadQuery(f"查找的词语过长，最多{MAX_LENGTH}个字 the query is too long (at most {MAX_LENGTH} characters)")
    return q


def _period(plan: Any) -> str:
    return f"{plan.period_start or ''}–{plan.period_end or ''}" if plan.period_start or plan.period_end else ""


def _live_versions(user: Any) -> Any:
    """The live version of each plan the user may see (records of drafts and of superseded
    versions are not searched: the plan page shows the live one)."""
    return visible_plans(user, Plan.objects.filter(current_version__status="live")).values("current_version_id")


def find(user: Any, q: str) -> list[Group]:
    """The groups of results for a cleaned query (``clean_query``), each kind the user may search."""
    internal = is_internal(user)
    groups: list[Group] = []
    names = {code: (zh, en) for code, zh, en in KINDS}

    def group(kind: str, qs: Any, hit: Any) -> None:
        g = Group(kind, *names[kind], total=qs.count())
        g.hits = [hit(obj) for obj in qs[:PER_KIND]] if g.total else []
        groups.append(g)

    plans = visible_plans(user, Plan.objects.all()).filter(
        Q(title__icontains=q) | Q(document_number__icontains=q) | Q(issuing_body__icontains=q)).only(
        "id", "title", "period_start", "period_end", "issuing_body").order_by("-period_start", "title", "id")
    detail_url = "plans:plan" if internal else "ui:portal_plan"
    group("plan", plans, lambda p: Hit(p.title, reverse(detail_url, args=[p.pk]),
                                       " · ".join(x for x in (_period(p), p.issuing_body) if x)))
    if not internal:
        return groups  # the public finds published plans only
    live = _live_versions(user)
    plan_of = {p.current_version_id: p for p in Plan.objects.filter(current_version_id__in=live).only(
        "id", "title", "current_version_id", "period_start", "period_end", "region_id")}
    targets = visible_records(user, Target.objects.filter(version_id__in=live)).exclude(
        review_state="rejected").filter(Q(indicator_text__icontains=q) | Q(quote__icontains=q))
    total = targets.count()
    views = stored_views(target_rows(targets, PER_KIND), plan_of) if total else []
    groups.append(Group("target", *names["target"], total=total, hits=[
        Hit(v.target.indicator_text, reverse("plans:plan", args=[plan_of[v.target.version_id].pk])
            + f"#rec-target-{v.target.pk}", plan_of[v.target.version_id].title, v.status) for v in views]))
    tasks = visible_tasks(user, LedgerTask.objects.all()).filter(
        Q(title__icontains=q) | Q(number__icontains=q) | Q(description__icontains=q)).select_related(
        "lead_unit").only("id", "title", "deadline", "lead_unit__name").order_by("deadline", "id")
    group("task", tasks, lambda t: Hit(t.title, reverse("ledger:task", args=[t.pk]), " · ".join(
        x for x in (t.lead_unit.name, t.deadline.isoformat() if t.deadline else "") if x)))

    def in_plan(kind: str, model: Any, name: str, anchor: str) -> None:
        qs = visible_records(user, model.objects.filter(version_id__in=live)).exclude(
            review_state="rejected").filter(**{f"{name}__icontains": q}).only("id", "version_id", name).order_by(
            "version_id", "start", "id")
        group(kind, qs, lambda r: Hit(getattr(r, name), reverse("plans:plan", args=[plan_of[r.version_id].pk])
                                      + f"#rec-{anchor}-{r.pk}", plan_of[r.version_id].title))

    in_plan("plan_task", PlanTask, "title", "task")
    records = visible_project_records(user, ProjectRecord.objects.all()).filter(
        Q(name__icontains=q) | Q(group__icontains=q) | Q(location__icontains=q)).select_related(
        "plan", "owner_unit").only("id", "name", "plan__title", "owner_unit__name").order_by("name", "id")
    group("project", records, lambda r: Hit(r.name, reverse("registers:project", args=[r.pk]), " · ".join(
        x for x in (r.plan.title, r.owner_unit.name if r.owner_unit else "") if x)))
    in_plan("plan_project", Project, "name", "project")
    units = Unit.objects.filter(active=True).filter(Q(name__icontains=q) | Q(short_name__icontains=q)).only(
        "id", "name").order_by("name")
    group("unit", units, lambda u: Hit(u.name, reverse("ui:dashboard") + f"?unit={u.pk}"))
    return groups

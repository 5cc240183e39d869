"""The dashboard (首页): the share of targets by verdict status and by 约束性/预期性, each plan's time
elapsed against its tasks done and targets on track (时间过半、任务过半), filters by plan, unit, region
and phase, the plans whose period has ended shown apart from those in force.

Verdicts are read, never recomputed here: the stored form of the one verdict
(``planwatch.web.data.verdicts``: ``refresh_stored`` brings the ``StoredVerdict`` rows up to date,
recomputing only the stale ones), then counted with aggregate queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from planwatch.progress.shares import period_elapsed_share
from planwatch.progress.verdict import VERDICT_LIGHTS, VERDICT_STATUSES
from planwatch.reports.content import GOOD_STATUSES, NO_VERDICT_STATUSES
from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_REPORTER, ROLE_VIEWER, Unit
from planwatch.web.accounts.permissions import (
    role_of,
    unit_ids,
    visible_records,
    visible_tasks,
    visible_updates,
)
from planwatch.web.data.models import Region, StoredVerdict
from planwatch.web.data.verdicts import is_binding, refresh_stored
from planwatch.web.ledger.models import (
    CLOSED,
    DONE,
    STATES,
    ExtensionRequest,
    LedgerTask,
    ProgressUpdate,
    TargetAssignment,
)
from planwatch.web.plans.models import Plan, Target
from planwatch.web.ui.assessments import OFF_TRACK, target_rows
from planwatch.web.ui.audits import ensure_audits
from planwatch.web.ui.common import page
from planwatch.web.ui.pages import live_plans
from planwatch.web.ui.templatetags.ui import is_english

STATUS_ORDER = list(VERDICT_STATUSES)
PHASES = [("", "不限", "any"), ("current", "实施中", "in force"), ("ended", "已到期", "ended")]


def plan_phase(plan: Any, year: int) -> str:
    """``ended`` once the plan period's last year is over (a 2006–2010 plan in 2026), ``pending``
    before its first year, else ``current``; a plan without a period counts as in force."""
    if plan.period_end and plan.period_end < year:
        return "ended"
    if plan.period_start and plan.period_start > year:
        return "pending"
    return "current"


def elapsed_share(plan: Any, today: dt.date) -> float | None:
    """Share of the plan period passed by the end of ``today`` (0 before it starts, 1 after it
    ends); the period runs from the start of its first year to the end of its last."""
    if not plan.period_start or not plan.period_end:
        return None
    return period_elapsed_share(plan.period_start, plan.period_end, today)


@dataclass
class Filters:
    plan: Plan | None = None
    unit: Unit | None = None
    region: Region | None = None
    phase: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.plan or self.unit or self.region or self.phase)


def _pick(request: HttpRequest, name: str, qs: Any, wrong: tuple[str, str], errors: list[str]) -> Any:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    obj = qs.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
    if obj is None:
        errors.append(wrong[1] if is_english() else wrong[0])
    return obj


def read_filters(request: HttpRequest, plans: list[Plan]) -> Filters:
    """The GET parameters ``plan``, ``unit``, ``region``, ``phase``; an unknown value is named in a
    message and left out (the page shows everything it would otherwise)."""
    errors: list[str] = []
    ids = [p.pk for p in plans]
    f = Filters(
        plan=_pick(request, "plan", Plan.objects.filter(pk__in=ids).only("id", "title"),
                   ("所选规划不存在或未生效", "no such plan in force"), errors),
        unit=_pick(request, "unit", Unit.objects.filter(active=True).only("id", "name"),
                   ("所选单位不存在", "no such unit"), errors),
        region=_pick(request, "region", Region.objects.all(), ("所选地区不存在", "no such region"), errors),
        errors=errors)
    phase = request.GET.get("phase", "").strip()
    if phase in {code for code, _, _ in PHASES}:
        f.phase = phase
    else:
        errors.append("no such phase" if is_english() else "所选规划期别无效")
    return f


def _unit_tasks(qs: Any, unit: Unit) -> Any:
    through = LedgerTask.supporting_units.through
    supported = through.objects.filter(unit_id=unit.pk).values("ledgertask_id")
    return qs.filter(Q(lead_unit_id=unit.pk) | Q(id__in=supported))


def _unit_targets(qs: Any, unit: Unit) -> Any:
    """Targets decomposed to the unit (目标分解) or of an indicator the unit is responsible for."""
    assigned = TargetAssignment.objects.filter(unit_id=unit.pk).values("target_id")
    return qs.filter(Q(id__in=assigned) | Q(indicator__responsible_unit_id=unit.pk))


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@page()
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = role_of(user)
    today = dt.date.today()
    every_plan = live_plans(user)
    f = read_filters(request, every_plan)
    tasks_qs = visible_tasks(user, LedgerTask.objects.all())
    targets_qs = visible_records(user, Target.objects.filter(
        version_id__in=[p.current_version_id for p in every_plan])).exclude(review_state="rejected")
    plans = every_plan
    if f.plan:
        plans = [p for p in plans if p.pk == f.plan.pk]
    if f.region:
        regions = f.region.descendant_ids()
        plans = [p for p in plans if p.region_id in regions]
    if f.phase:
        plans = [p for p in plans if (plan_phase(p, today.year) == "ended") == (f.phase == "ended")]
    if f.unit:
        tasks_qs = _unit_tasks(tasks_qs, f.unit)
        targets_qs = _unit_targets(targets_qs, f.unit)
        with_work = set(tasks_qs.filter(plan__in=plans).values_list("plan_id", flat=True).distinct())
        with_work |= set(targets_qs.filter(version_id__in=[p.current_version_id for p in plans])
                         .values_list("version__plan_id", flat=True).distinct())
        plans = [p for p in plans if p.pk in with_work]
    by_version = {p.current_version_id: p for p in plans}
    scope = targets_qs.filter(version_id__in=list(by_version))
    # the stored verdicts made current (the one verdict recomputes the stale ones), then counted in SQL
    refresh_stored(target_rows(scope), by_version)
    per_plan: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    total: dict[str, int] = defaultdict(int)
    binding: dict[str, int] = defaultdict(int)
    for row in (StoredVerdict.objects.filter(target_id__in=scope.values("pk"))
                .values("target__version_id", "status", "target__binding", "target__indicator__type")
                .annotate(n=Count("id")).order_by()):
        status, n = row["status"], row["n"]
        per_plan[by_version[row["target__version_id"]].pk][status] += n
        total[status] += n
        if is_binding(row["target__binding"], row["target__indicator__type"]):
            binding[status] += n
    # the first lagging targets with their stored (current) status: no verdict objects needed
    off_track = [{"pk": pk, "indicator_id": ind, "indicator_text": text, "status": status,
                  "light": VERDICT_LIGHTS.get(status, "grey")}
                 for pk, ind, text, status in scope.filter(stored_verdict__status__in=OFF_TRACK)
                 .order_by("start", "id").values_list("id", "indicator_id", "indicator_text",
                                                      "stored_verdict__status")[:10]]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (tasks_qs.filter(plan__in=plans).values("plan_id", "state").annotate(n=Count("id"))
                .order_by()):
        counts[row["plan_id"]][row["state"]] = row["n"]
    audits = ensure_audits([p.current_version for p in plans])
    in_force, ended = [], []
    for p in plans:
        sc = per_plan.get(p.pk, {})
        judged = sum(n for s, n in sc.items() if s not in NO_VERDICT_STATUSES)
        good = sum(n for s, n in sc.items() if s in GOOD_STATUSES)
        n_tasks = sum(counts[p.pk].values())
        done = counts[p.pk].get(DONE, 0) + counts[p.pk].get(CLOSED, 0)
        phase = plan_phase(p, today.year)
        row = {"plan": p, "phase": phase, "status": [(s, sc[s]) for s in STATUS_ORDER if sc.get(s)],
               "targets": sum(sc.values()), "judged": judged, "good": good, "good_share": share(good, judged),
               "unjudged": sum(sc.values()) - judged, "n_tasks": n_tasks, "done": done, "done_share": share(done, n_tasks),
               "time_share": elapsed_share(p, today),
               "tasks": [(code, label, counts[p.pk].get(code, 0)) for code, label in STATES],
               "audit": audits.get(p.current_version_id)}
        (ended if phase == "ended" else in_force).append(row)
    open_tasks = tasks_qs.exclude(state__in=(DONE, CLOSED))
    if f.active:
        open_tasks = open_tasks.filter(plan__in=plans)
    overdue_qs = open_tasks.filter(deadline__lt=today)
    overdue = list(overdue_qs.select_related("lead_unit", "plan").only(
        "id", "title", "deadline", "state", "lead_unit__name", "plan__title").order_by("deadline", "id")[:10])
    pending = []
    my_targets = []
    if role in (ROLE_LEADER, ROLE_REPORTER):
        pending = list(visible_updates(user, ProgressUpdate.objects.filter(review=ProgressUpdate.PENDING))
                       .select_related("task", "unit", "submitted_by").order_by("submitted_at")[:20])
        my_targets = list(TargetAssignment.objects.filter(unit_id__in=unit_ids(user),
                                                          target__version__plan__in=plans,
                                                          target__version__status="live")
                          .exclude(target__review_state="rejected")
                          .select_related("unit", "target__version__plan").order_by("target__version__plan_id",
                                                                                    "target__start", "id"))
    approved = []
    extensions = []
    finished = []
    if role in (ROLE_ADMIN, ROLE_VIEWER):
        approved = list(visible_updates(user, ProgressUpdate.objects.all())
                        .select_related("task", "unit", "submitted_by").order_by("-reviewed_at", "-id")[:10])
        extensions = list(ExtensionRequest.objects.filter(decision=ExtensionRequest.PENDING)
                          .select_related("task", "requested_by")[:10])
        finished = list(LedgerTask.objects.filter(state=DONE).select_related("lead_unit")[:10])
    return render(request, "ui/dashboard.html", {
        "in_force": in_force, "ended": ended, "overview": overview(total, binding), "n_targets": sum(total.values()),
        "overdue": overdue, "overdue_count": overdue_qs.count(), "off_track": off_track,
        "off_track_count": sum(total[s] for s in OFF_TRACK), "pending": pending, "approved": approved,
        "extensions": extensions, "finished": finished, "today": today, "my_targets": my_targets,
        "audit_errors": [(r["plan"], r["audit"]) for r in in_force + ended if r["audit"] and r["audit"].errors],
        "f": f, "phases": PHASES, "plan_choices": every_plan,
        "unit_choices": list(Unit.objects.filter(active=True).only("id", "name").order_by("name")),
        "region_choices": list(Region.objects.only("id", "name").order_by("name")),
    }, status=400 if f.errors else 200)


def overview(total: dict[str, int], binding: dict[str, int]) -> list[dict[str, Any]]:
    """Per verdict status: targets in all, 约束性 and 预期性, each with its share of its column,
    and a total row."""
    n, nb = sum(total.values()), sum(binding.values())
    ne = n - nb
    rows = [{"status": s, "n": total[s], "share": share(total[s], n), "binding": binding[s],
             "binding_share": share(binding[s], nb), "expected": total[s] - binding[s],
             "expected_share": share(total[s] - binding[s], ne)} for s in STATUS_ORDER if total.get(s)]
    if rows:
        rows.append({"status": "", "n": n, "share": share(n, n), "binding": nb, "binding_share": share(nb, nb),
                     "expected": ne, "expected_share": share(ne, ne)})
    return rows

"""考核 from the store: the year's scheme, the units' indicators, tasks, round reports and
rectifications turned into the plain inputs of ``planwatch.progress.scorecard`` (which does all
the arithmetic), and the ranking as an Excel workbook."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils import timezone

from planwatch.progress.scorecard import (
    COMPONENT_ZH,
    RectificationDue,
    ReportDue,
    ScorecardWeights,
    ScoredItem,
    UnitIndicator,
    UnitScore,
    score_light,
    unit_scorecard,
)
from planwatch.progress.tasks import Milestone as ProgressMilestone
from planwatch.progress.tasks import TaskInput, TaskStatus, TaskUpdate, task_status
from planwatch.web.accounts.models import Unit
from planwatch.web.cycle.models import Rectification, RoundReport, ScoringScheme
from planwatch.web.cycle.rounds import submitted_on
from planwatch.web.history.models import AuditEntry
from planwatch.web.ledger.models import CLOSED, DONE, LedgerTask, Milestone, ProgressUpdate, TargetAssignment

UPDATE_STATES = {"completed": "done", "blocked": "blocked", "not_started": "not_started"}


def scheme_for(year: int) -> ScoringScheme:
    """The year's scheme; the defaults (unsaved) when the office has not set one."""
    return ScoringScheme.objects.filter(year=year).first() or ScoringScheme(year=year)


def weights_of(scheme: ScoringScheme) -> ScorecardWeights:
    return ScorecardWeights(targets=scheme.w_targets, tasks=scheme.w_tasks, reporting=scheme.w_reporting,
                            quality=scheme.w_quality, rectification=scheme.w_rectification)


def _indicators() -> list[UnitIndicator]:
    """Every live target of a unit (decomposed to it, or its indicator's responsible unit) with its
    stored verdict; one row per unit and target. The stored verdicts are made current first
    (``refresh_stored`` recomputes the stale ones through the one verdict), then read in one query:
    a city's store holds thousands of targets, and no model instance or plan text is loaded here."""
    from planwatch.web.data.models import StoredVerdict
    from planwatch.web.data.verdicts import refresh_stored
    from planwatch.web.plans.models import Plan, PlanVersion, Target
    from planwatch.web.ui.assessments import target_rows

    qs = Target.objects.filter(version__status="live").exclude(review_state="rejected")
    rows = target_rows(qs)
    if not rows:
        return []
    plan_ids = dict(PlanVersion.objects.filter(status="live").values_list("id", "plan_id"))
    plans = {p.pk: p for p in Plan.objects.filter(pk__in=set(plan_ids.values())).defer("internal_note")}
    refresh_stored(rows, {v: plans[p] for v, p in plan_ids.items()})
    status = dict(StoredVerdict.objects.filter(target__in=qs).values_list("target_id", "status"))
    responsible = dict(qs.filter(indicator__responsible_unit__isnull=False)
                       .values_list("pk", "indicator__responsible_unit__name"))
    owners: dict[int, set[str]] = defaultdict(set)
    for pk, unit in responsible.items():
        owners[pk].add(unit)
    for pk, unit in TargetAssignment.objects.values_list("target_id", "unit__name"):  # few rows: no IN list
        owners[pk].add(unit)
    text = {r.pk: f"{r.indicator_text}（{r.target_year or ''}）" for r in rows}
    return [UnitIndicator(unit, text[pk], status[pk]) for pk in sorted(owners) for unit in sorted(owners[pk])
            if pk in status]  # type: ignore[arg-type]


def _finished_on(task_ids: list[int]) -> dict[int, dt.date]:
    """When each task was last declared done (办结), from the audit trail."""
    out: dict[int, dt.date] = {}
    for oid, at in (AuditEntry.objects.filter(model="ledger.ledgertask", action="action", after__action="finish",
                                              object_id__in=[str(i) for i in task_ids])
                    .order_by("at").values_list("object_id", "at")):
        out[int(oid)] = timezone.localdate(at)
    return out


def task_statuses(year: int, as_of: dt.date) -> tuple[list[TaskStatus], dict[str, str]]:
    """Tasks due in ``year`` judged by ``planwatch.progress.task_status``; a task the unit declared
    done (办结/销号) counts as done on the day it did. Also id → title. Plain rows, three queries:
    a city's year can hold thousands of tasks."""
    tasks = list(LedgerTask.objects.filter(deadline__year=year)
                 .values_list("pk", "title", "deadline", "lead_unit__name", "state"))
    milestones: dict[int, list[tuple[str, dt.date | None, dt.date | None]]] = defaultdict(list)
    for task_id, title, due, done_on in (Milestone.objects.filter(task__deadline__year=year)
                                         .values_list("task_id", "title", "due", "done_on")):
        milestones[task_id].append((title, due, done_on))
    updates: dict[int, list[TaskUpdate]] = defaultdict(list)
    for task_id, status, percent, reviewed, submitted in (
            ProgressUpdate.objects.filter(task__deadline__year=year, review="approved")
            .values_list("task_id", "status", "percent", "reviewed_at", "submitted_at")):
        updates[task_id].append(TaskUpdate(on=timezone.localdate(reviewed or submitted),
                                           state=UPDATE_STATES.get(status, "in_progress"),  # type: ignore[arg-type]
                                           percent=float(percent)))
    finished = _finished_on([t[0] for t in tasks if t[4] in (DONE, CLOSED)])
    out = []
    for pk, title, deadline, unit, _state in tasks:
        ups = list(updates.get(pk, []))
        if pk in finished:
            ups.append(TaskUpdate(on=finished[pk], state="done", percent=100.0))
        ms = [ProgressMilestone(t, due or deadline, done_on) for t, due, done_on in milestones.get(pk, [])
              if (due or deadline) is not None]
        out.append(task_status(TaskInput(id=str(pk), title=title, deadline=deadline, unit=unit, milestones=ms,
                                         updates=ups), as_of))
    return out, {str(t[0]): t[1] for t in tasks}


def report_dues(year: int) -> list[ReportDue]:
    return [ReportDue(r.unit.name, r.round.due, submitted_on(r), r.quality, f"{r.round.title}（{r.round.period_label}）")
            for r in RoundReport.objects.filter(round__due__year=year).select_related("round", "unit")]


def rectification_dues(year: int) -> list[RectificationDue]:
    return [RectificationDue(r.unit.name, r.due, timezone.localdate(r.closed_at) if r.closed_at else None, r.title)
            for r in Rectification.objects.filter(due__year=year).select_related("unit")]


@dataclass
class Ranking:
    year: int
    as_of: dt.date
    scheme: ScoringScheme
    rows: list[UnitScore]
    lights: dict[str, str]
    unit_ids: dict[str, int]


def ranking(year: int, as_of: dt.date | None = None) -> Ranking:
    """The year's 考核 of every unit, ranked (as of today, or the year's end once it is over)."""
    today = timezone.localdate()
    as_of = as_of or min(today, dt.date(year, 12, 31))
    scheme = scheme_for(year)
    tasks, titles = task_statuses(year, as_of)
    rows = unit_scorecard(_indicators(), tasks, report_dues(year), as_of, weights_of(scheme),
                          rectification_dues(year))
    for row in rows:
        # the task's title for its id (built directly: thousands of items, dataclasses.replace is slow)
        row.items = [ScoredItem(i.component, i.key, titles.get(i.key, i.label), i.outcome_zh, i.points)
                     if i.component == "tasks" else i for i in row.items]
    lights = {r.unit: score_light(r.total, scheme.green_from, scheme.yellow_from) for r in rows}
    ids = dict(Unit.objects.filter(name__in=[r.unit for r in rows]).values_list("name", "pk"))
    return Ranking(year, as_of, scheme, rows, lights, ids)


LIGHT_ZH = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "grey": "暂无"}


def _score(v: float | None) -> float | str:
    return round(v, 1) if v is not None else "—"


def ranking_workbook(r: Ranking) -> bytes:
    """The ranking and every scored item, two sheets, for the office's 考核 file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "考核排名"
    ws.append([f"{r.year}年度责任考核（截至{r.as_of.isoformat()}）"])
    ws.append(["排名", "单位", "总分", "灯号", "指标进展", "任务时效", "报送及时", "报送质量", "整改", "计算过程"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in r.rows:
        ws.append([row.rank if row.rank is not None else "—", row.unit, _score(row.total), LIGHT_ZH[r.lights[row.unit]],
                   _score(row.targets_score), _score(row.tasks_score), _score(row.reporting_score),
                   _score(row.quality_score), _score(row.rectification_score), row.computation_zh])
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["J"].width = 90
    detail = wb.create_sheet("得分明细")
    detail.append(["单位", "考核项", "事项", "结果", "得分"])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for row in r.rows:
        for item in row.items:
            detail.append([row.unit, COMPONENT_ZH[item.component], item.label, item.outcome_zh,
                           item.points if item.points is not None else "不计分"])
    detail.column_dimensions["A"].width = 28
    detail.column_dimensions["C"].width = 50
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ranking_dict(r: Ranking) -> dict[str, Any]:
    """JSON of the ranking (the API)."""
    return {"year": r.year, "as_of": r.as_of.isoformat(),
            "weights": dataclasses.asdict(weights_of(r.scheme)) | {"status_points": None},
            "units": [{**row.to_dict(), "light": r.lights[row.unit], "unit_id": r.unit_ids.get(row.unit)}
                      for row in r.rows]}

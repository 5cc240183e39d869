"""The report builder's inputs read from the database: ``report_inputs_from_db(plan, as_of)``.

What the report shows is what the store holds, nothing else:
- the plan model is the CURRENT (live) version's records with the office's review applied
  (rejected records left out, corrections used), sections as stored;
- actual values are the observations of every indicator whose published name measures a plan
  target under the report's matching rules (``planwatch.reports.actuals``); of each observation the
  latest FINAL revision is used, else the latest revision, flagged preliminary. Period figures
  (e.g. a 2001–2005 average) are not annual values and are left out;
- task progress comes from the ledger tasks of the plan: ``planwatch.progress.task_status`` on the
  deadline, the milestones and the approved progress updates known by the report date; ledger tasks
  that are not (or no longer) a task of the current version are reported as well;
- project investment is the planned/completed investment stored on the version's projects;
- audit findings come from running ``planwatch.audit`` on the version's records and text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from planwatch.audit import audit_plans
from planwatch.errors import PlanWatchError
from planwatch.extract.model import Fact, PlanExtraction, Project, Target, Task
from planwatch.progress.tasks import Milestone as ProgressMilestone
from planwatch.progress.tasks import TaskInput, TaskUpdate, task_status
from planwatch.reports.actuals import key_of_observation, key_of_target
from planwatch.reports.assessment import Observation
from planwatch.reports.build import ProjectProgress, ReportInputs, TaskStatus
from planwatch.reports.doubts import UNREVIEWED, findings_from_audit
from planwatch.web.data.models import Observation as StoredObservation
from planwatch.web.data.models import ObservationRevision
from planwatch.web.ledger.models import LedgerTask, ProgressUpdate
from planwatch.web.plans.models import Plan, PlanVersion

# ProgressUpdate.status (the unit's words) -> what planwatch.progress understands.
UPDATE_STATES = {"not_started": "not_started", "in_progress": "in_progress", "behind": "in_progress",
                 "completed": "done", "blocked": "blocked"}
INVESTMENT_UNIT = "亿元"  # Project.planned_investment / completed_investment are stored in 亿元


def current_version(plan: Plan) -> PlanVersion:
    """The live version a report describes; a plan still in review has nothing to report on."""
    version = plan.current_version
    if version is None:
        raise PlanWatchError(f"规划“{plan.title}”尚无生效版本，无法生成报告 / plan {plan.pk} has no live version yet")
    return version


def _live(qs: Any) -> Any:
    return qs.exclude(review_state="rejected").select_related("section")




@dataclass
class StoredPlan:
    """The live version as the report builder reads it (see ``stored_plan``)."""

    extraction: PlanExtraction
    binding: dict[int, bool]  # target index -> 约束性 as stored
    task_ids: list[int]  # task index -> database id
    unreviewed: dict[int, str]  # target index -> why it is doubtful (record still pending)
    reviewed: dict[str, set[int]]  # "targets" | "tasks" | "projects" -> indexes a person has reviewed


def _reviewed_by_person(rtype: str, rec: Any, accepted: set[tuple[str, int]]) -> bool:
    """Corrected or added by the office, or accepted one by one; the blanket acceptance of the records
    still pending when a version is approved is no review of each."""
    return rec.review_state in ("corrected", "added") or (rtype, rec.pk) in accepted


def plan_extraction(plan: Plan, version: PlanVersion) -> tuple[PlanExtraction, dict[int, bool], list[int], dict[int, str]]:
    """The version as a plan model, the binding flags stored on its targets (by target index), the
    database id of each task (by task index), and the targets not yet reviewed (by target index)."""
    stored = stored_plan(plan, version)
    return stored.extraction, stored.binding, stored.task_ids, stored.unreviewed


def stored_plan(plan: Plan, version: PlanVersion) -> StoredPlan:
    """The version as a plan model with the extractor's confidence of each record, and what the
    office has done with the records (``plan_extraction``, plus the records a person reviewed)."""
    accepted = {(str(rtype), int(rid)) for rtype, rid in
                version.corrections.filter(action="accept").values_list("record_type", "record_id")}
    reviewed: dict[str, set[int]] = {"targets": set(), "tasks": set(), "projects": set()}
    targets: list[Target] = []
    binding: dict[int, bool] = {}
    unreviewed: dict[int, str] = {}
    for t in _live(version.targets.select_related("indicator")):
        if t.binding or t.indicator.type == "binding":
            binding[len(targets)] = True
        if t.review_state == "pending":
            unreviewed[len(targets)] = UNREVIEWED
        if _reviewed_by_person("target", t, accepted):
            reviewed["targets"].add(len(targets))
        targets.append(Target(
            quote=t.quote, start=t.start, end=t.end, indicator=t.indicator_text, kind=t.kind, value=t.value,
            value_high=t.value_high, unit=t.unit, comparator=t.comparator, target_year=t.target_year,
            annual=t.annual, baseline_value=t.baseline_value, baseline_year=t.baseline_year,
            section=t.section.path if t.section else "", confidence=t.confidence))
    facts = [
        Fact(quote=f.quote, start=f.start, end=f.end, indicator=f.indicator_text, kind=f.kind, value=f.value,
             value_high=f.value_high, unit=f.unit, year=f.year,
             period=(f.period_start, f.period_end) if f.period_start and f.period_end else None,
             section=f.section.path if f.section else "")
        for f in _live(version.facts)]
    tasks: list[Task] = []
    task_ids: list[int] = []
    for k in _live(version.plantasks):
        if _reviewed_by_person("task", k, accepted):
            reviewed["tasks"].add(len(tasks))
        tasks.append(Task(title=k.title, quote=k.quote, start=k.start, end=k.end,
                          section=k.section.path if k.section else "", parent=k.parent_title or None,
                          deadline_year=k.deadline_year, responsible=[str(r) for r in k.responsible or []],
                          confidence=k.confidence))
        task_ids.append(k.pk)
    projects: list[Project] = []
    for p in _live(version.projects):
        if _reviewed_by_person("project", p, accepted):
            reviewed["projects"].add(len(projects))
        projects.append(Project(name=p.name, group=p.group or None, quote=p.quote, start=p.start, end=p.end,
                                confidence=p.confidence))
    period = (plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    extraction = PlanExtraction(doc=version.doc_name, title=plan.title, period=period, targets=targets,
                                facts=facts, tasks=tasks, projects=projects)
    return StoredPlan(extraction, binding, task_ids, unreviewed, reviewed)


def _chosen_revision(obs: StoredObservation) -> Any:
    """The latest final revision, else the latest revision (preliminary); the row itself if it has none."""
    revisions = list(obs.revisions.all())  # ordered by number (prefetched)
    finals = [r for r in revisions if r.status == "final"]
    if finals:
        return finals[-1]
    return revisions[-1] if revisions else obs


def observations_for(targets: Iterable[Target]) -> list[Observation]:
    """Stored actual values of every indicator that can measure one of ``targets``.

    Only indicators whose name and unit give the same indicator key as a target are read; the
    builder then matches each figure to its target and notes every difference of wording or scope.
    """
    keys = {key_of_target(t.indicator, t.kind, t.unit) for t in targets}
    if not keys:
        return []
    pairs = (StoredObservation.objects.filter(period="")
             .values_list("indicator_id", "indicator__name", "unit").distinct())
    ids = {iid for iid, name, unit in pairs
           if key_of_observation(Observation(indicator=name, year=0, value=0.0, unit=unit)) in keys}
    rows = (StoredObservation.objects.filter(indicator_id__in=ids, period="").select_related("indicator")
            .prefetch_related(Prefetch("revisions", queryset=ObservationRevision.objects.order_by("number")))
            .order_by("indicator_id", "year", "scope"))
    out: list[Observation] = []
    for obs in rows:
        rev = _chosen_revision(obs)
        out.append(Observation(
            indicator=obs.indicator.name, year=obs.year, value=rev.value, unit=rev.unit or obs.unit,
            scope=obs.scope, comparator=rev.comparator or "=", source=rev.source or rev.source_url,
            quote=rev.quote, note=rev.note, preliminary=rev.status != "final"))
    return out


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


@dataclass(frozen=True)
class LedgerEntry:
    """One ledger task as the report counts it on the report date."""

    task: LedgerTask
    state: str  # done | in_progress | not_started
    reported: bool  # an approved update or a completed milestone by the report date
    overdue: bool
    missed_milestone: date | None  # the earliest milestone passed undone, if the deadline is still ahead
    latest: TaskUpdate | None = None  # the latest approved update known by the report date


def _ledger_entry(task: LedgerTask, as_of: date) -> LedgerEntry:
    """Judge one ledger task with ``planwatch.progress.task_status`` from its deadline, milestones
    and approved progress updates."""
    milestones = [ProgressMilestone(m.title, m.due or task.deadline, m.done_on)
                  for m in task.milestones.all() if (m.due or task.deadline) is not None]
    updates = []
    for u in task.updates.all():  # approved only (prefetched)
        on = _day(u.reviewed_at) or _day(u.submitted_at)
        if on is not None:
            updates.append(TaskUpdate(on=on, state=UPDATE_STATES.get(u.status, "in_progress"),  # type: ignore[arg-type]
                                      approved=True, percent=float(u.percent), note=u.text[:200]))
    status = task_status(TaskInput(id=str(task.pk), title=task.title, deadline=task.deadline,
                                   unit=task.lead_unit.name, milestones=milestones, updates=updates), as_of)
    known = [u for u in updates if u.on <= as_of]
    reported = bool(known) or status.milestones_done > 0
    if status.state == "done":
        state = "done"
    elif status.state in ("in_progress", "blocked"):
        state = "in_progress"
    else:  # not started, or overdue: was any work reported?
        latest = max(known, key=lambda u: u.on) if known else None
        started = status.milestones_done > 0 or (latest is not None and (
            latest.state in ("in_progress", "blocked") or (latest.percent or 0) > 0))
        state = "in_progress" if started else "not_started"
    overdue = status.state == "overdue"
    missed = None
    if overdue and (task.deadline is None or task.deadline >= as_of):
        late = [m.due for m in milestones if m.due < as_of and not (m.done_on and m.done_on <= as_of)]
        missed = min(late) if late else None
    latest_known = max(known, key=lambda u: u.on) if known else None
    return LedgerEntry(task, state, reported, overdue, missed, latest_known)


def _combine(entries: list[LedgerEntry]) -> TaskStatus:
    """One report status for a plan task the ledger split into one or more ledger tasks: done when
    all are done, overdue when any is, owners = the lead units, deadline = the latest one."""
    if all(e.state == "done" for e in entries):
        combined = "done"
    elif any(e.state != "not_started" for e in entries):
        combined = "in_progress"
    else:
        combined = "not_started"
    owners: list[str] = []
    for e in entries:
        if e.task.lead_unit.name not in owners:
            owners.append(e.task.lead_unit.name)
    deadlines = [e.task.deadline for e in entries if e.task.deadline is not None]
    overdue = [e for e in entries if e.overdue]
    # A milestone is named only when no task of the group is past its own deadline.
    missed = ([e.missed_milestone for e in overdue if e.missed_milestone is not None]
              if all(e.missed_milestone is not None for e in overdue) else [])
    updates = [e.latest for e in entries if e.latest is not None]
    latest = max(updates, key=lambda u: u.on) if updates else None
    return TaskStatus(combined, tuple(owners), max(deadlines) if deadlines else None,
                      reported=any(e.reported for e in entries), overdue=bool(overdue),
                      missed_milestone=min(missed) if missed else None,
                      latest_update=(latest.note or "") if latest else "",
                      latest_update_on=latest.on if latest else None)


def ledger_statuses(plan: Plan, extraction: PlanExtraction, task_ids: list[int], as_of: date
                    ) -> dict[int, TaskStatus]:
    """Task statuses by index in ``extraction.tasks``. Ledger tasks that are not a task of this
    version (added by the office, or whose plan task was dropped by a later version) are appended
    to ``extraction.tasks`` so that the report counts them too."""
    ledger = (LedgerTask.objects.filter(Q(plan=plan) | Q(plan_task__version__plan=plan))
              .select_related("lead_unit", "plan_task__section")
              .prefetch_related("milestones",
                                Prefetch("updates", queryset=ProgressUpdate.objects.filter(review="approved")))
              .order_by("id"))
    index_of = {pk: i for i, pk in enumerate(task_ids)}
    grouped: dict[int, list[LedgerEntry]] = defaultdict(list)
    for task in ledger:
        index = index_of.get(task.plan_task_id) if task.plan_task_id is not None else None
        if index is None:
            index = len(extraction.tasks)
            section = task.plan_task.section.path if task.plan_task and task.plan_task.section else ""
            extraction.tasks.append(Task(title=task.title, quote="", start=-1, end=-1, section=section,
                                         deadline_year=task.deadline.year if task.deadline else None,
                                         responsible=[task.lead_unit.name]))
        grouped[index].append(_ledger_entry(task, as_of))
    return {index: _combine(entries) for index, entries in grouped.items()}


def project_progress(plan: Plan, version: PlanVersion, as_of: date) -> dict[str, ProjectProgress]:
    """Each key project's figures as of ``as_of``: the project register's (planned investment,
    approved yearly investment, 开工/竣工 milestones) where the project is kept there, else the
    figures stored on the version's project. Projects without any figure are omitted."""
    from planwatch.web.registers.counting import project_facts

    out: dict[str, ProjectProgress] = {}
    for p in version.projects.exclude(review_state="rejected"):
        if p.planned_investment is not None or p.completed_investment is not None:
            out[p.name] = ProjectProgress(p.planned_investment, p.completed_investment, INVESTMENT_UNIT)
    year = as_of.year
    for f in project_facts(plan.pk):
        known = [a for y, a in f.investment if y <= year]
        started = f.started if f.started is not None and f.started <= year else None
        completed = f.completed if f.completed is not None and f.completed <= year else None
        stored = out.get(f.name)
        planned = f.planned_investment if f.planned_investment is not None else (stored.planned_investment
                                                                                  if stored else None)
        if planned is None and not known and started is None and completed is None and stored is None:
            continue
        out[f.name] = ProjectProgress(planned, sum(known) if known else (stored.completed_investment if stored else None),
                                      INVESTMENT_UNIT, started, completed)
    return out


def report_inputs_from_db(plan: Plan, as_of: date) -> ReportInputs:
    """Everything the report builder needs about ``plan`` as of ``as_of``, read from the store."""
    version = current_version(plan)
    stored = stored_plan(plan, version)
    extraction, binding, task_ids, unreviewed = stored.extraction, stored.binding, stored.task_ids, stored.unreviewed
    findings = findings_from_audit(audit_plans([extraction], texts={extraction.doc: version.text}))
    statuses = ledger_statuses(plan, extraction, task_ids, as_of)
    return ReportInputs(plan=extraction, observations=observations_for(extraction.targets), task_status=statuses,
                        project_progress=project_progress(plan, version, as_of), findings=findings, binding=binding,
                        unreviewed=unreviewed, reviewed=stored.reviewed)


def db_assessor(plan: Plan, extraction: PlanExtraction, as_of: date) -> Any:
    """The report builder's assessor for a stored plan: the one verdict of each target
    (``planwatch.web.data.verdicts``), the very one the pages and ``planwatch status`` show."""
    from planwatch.reports.assessment import verdict_assessor
    from planwatch.web.data.verdicts import plan_verdicts

    verdicts = plan_verdicts(plan, as_of)
    if len(verdicts) != len(extraction.targets):
        raise PlanWatchError("规划目标与评估结论数目不一致 targets and verdicts differ in number")
    return verdict_assessor({id(t): v for t, v in zip(extraction.targets, verdicts, strict=True)})

"""Build a ReportContent from plain inputs: the plan model, actual values, task and project
progress, audit findings, and an assessment function.

Everything the report states is computed here from those inputs; the writers only lay it out.
The assessment is a parameter (``assessor``) so the progress layer's method can be used instead of
the expected-progress method in ``planwatch.reports.assessment``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from planwatch.errors import PlanWatchError
from planwatch.extract.confidence import is_low_confidence
from planwatch.extract.model import PlanExtraction, Target
from planwatch.progress.path import compound_path
from planwatch.progress.shares import period_elapsed_share
from planwatch.reports.actuals import find_baseline_fact, match_observations
from planwatch.reports.assessment import (
    Assessor,
    Baseline,
    Observation,
    RowAssessment,
    assess_target,
    available,
)
from planwatch.reports.content import (
    PROBLEM_STATUSES,
    STATUS_LABELS,
    STATUS_ORDER,
    ChartSeries,
    Figure,
    FindingRow,
    IndicatorGroup,
    IndicatorRow,
    Problem,
    ProjectRow,
    ReportContent,
    ReportKind,
    SourceNote,
    TaskRow,
    UnitScore,
    fmt_date,
    fmt_number,
)
from planwatch.reports.doubts import (
    AuditFinding,
    baseline_contradiction,
    plain_message,
    target_doubts,
)
from planwatch.reports.summary import overall_sentences

TASK_STATES = ("done", "in_progress", "not_started")
CHART_KINDS = ("level", "share", "count", "cumulative")
MAX_PROBLEMS_PER_KIND = 12


@dataclass(frozen=True)
class TaskStatus:
    """Progress of one plan task (from the ledger).

    ``reported`` False: the task is registered (owners, deadline) but no progress has been reported
    yet. ``overdue`` None: judged from the deadline; True/False when the ledger judged it, e.g. a
    milestone past due (``missed_milestone``, its due date) before the final deadline."""

    status: str
    owners: tuple[str, ...] = ()
    deadline: date | None = None
    reported: bool = True
    overdue: bool | None = None
    missed_milestone: date | None = None
    latest_update: str = ""  # the latest approved progress update by the report date
    latest_update_on: date | None = None

    def __post_init__(self) -> None:
        if self.status not in TASK_STATES:
            raise PlanWatchError(f"task status must be one of {', '.join(TASK_STATES)}, not {self.status!r}")


@dataclass(frozen=True)
class ProjectProgress:
    """Planned and completed investment of a key project."""

    planned_investment: float | None
    completed_investment: float | None
    unit: str = "亿元"
    started: int | None = None  # year of the 开工 milestone (the project register)
    completed: int | None = None  # year of the 竣工 milestone


@dataclass
class ReportInputs:
    """Everything a report is made from. Task statuses are keyed by the task's index in plan.tasks,
    project progress by project name; ``binding`` marks targets (by index in plan.targets) recorded
    as 约束性 elsewhere than in the plan's wording (e.g. by the planning office in the ledger)."""

    plan: PlanExtraction
    observations: Sequence[Observation] = ()
    task_status: Mapping[int, TaskStatus] = field(default_factory=dict)
    project_progress: Mapping[str, ProjectProgress] = field(default_factory=dict)
    findings: Sequence[AuditFinding] = ()
    binding: Mapping[int, bool] = field(default_factory=dict)
    unreviewed: Mapping[int, str] = field(default_factory=dict)  # target index -> why it is doubtful
    # "targets" | "tasks" | "projects" -> indexes of the records a person has reviewed; the others are
    # the machine's word, and a low-confidence one is marked ※ (a report made straight from an
    # extraction has none reviewed).
    reviewed: Mapping[str, Collection[int]] = field(default_factory=dict)

    def unchecked(self, kind: str, index: int, confidence: float) -> bool:
        """Whether record ``index`` of ``kind`` is low-confidence and not reviewed by a person."""
        return is_low_confidence(confidence) and index not in self.reviewed.get(kind, ())


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_URL = re.compile(r"https?://\S+")


def is_chinese_text(text: str) -> bool:
    """Text a Chinese report can quote: no English words (URLs and short codes such as GDP aside)."""
    return len(_LATIN_WORD.findall(_URL.sub("", text))) <= 1


def is_binding(target: Target) -> bool:
    """Plans mark mandatory indicators with the word 约束性 in the sentence or its heading."""
    return "约束性" in target.quote or "约束性" in target.section


_HEADING_NUMBER = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节篇部分]|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|——)\s*")


_CLAUSE_END = re.compile(r"[，。；：,;:]")


def group_title(target: Target) -> str:
    """The heading a target stands under (its first path element), without the plan's numbering,
    which the report renumbers."""
    section = target.section.strip()
    if not section:
        return "其他指标"
    title = section.split()[0]
    while (stripped := _HEADING_NUMBER.sub("", title, count=1)) != title:
        title = stripped
    # A heading that is a whole sentence (重点构筑…产业集群，打响…) is named by its first clause.
    title = _CLAUSE_END.split(title, maxsplit=1)[0]
    return title or section.split()[0]


def _baseline(target: Target, plan: PlanExtraction) -> tuple[Baseline | None, str | None, bool]:
    """The baseline, a note about where it comes from, and whether the plan text contradicts it."""
    if target.baseline_value is not None and target.baseline_year is not None:
        note = baseline_contradiction(target, plan.facts)
        return Baseline(target.baseline_value, target.baseline_year), note, note is not None
    before = plan.period[0] if plan.period else target.target_year
    fact = find_baseline_fact(target, plan.facts, before)
    if fact is None or fact.year is None:
        return None, None, False
    note = f"基期值为规划文本所载{fact.year}年“{fact.indicator}”{fmt_number(fact.value)}{fact.unit}"
    return Baseline(fact.value, fact.year), note, False


def _paths(base: Baseline, target_value: float, due: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    span = due - base.year
    straight = [(base.year + i, base.value + (target_value - base.value) * i / span) for i in range(span + 1)]
    return straight, compound_path(base.year, base.value, due, target_value)


def _time_share(period: tuple[int, int] | None, as_of: date) -> float | None:
    return period_elapsed_share(period[0], period[1], as_of) if period else None


def build_report(
    inputs: ReportInputs,
    *,
    kind: ReportKind,
    as_of: date,
    issuer: str,
    recipient: str = "",
    issued_on: date | None = None,
    narrative: Mapping[str, str] | None = None,
    assessor: Assessor = assess_target,
    binding: Callable[[Target], bool] = is_binding,
    group_of: Callable[[Target], str] = group_title,
    max_charts: int = 8,
) -> ReportContent:
    """Compute the whole report content for ``inputs`` as of ``as_of``."""
    if kind not in ("progress", "midterm"):
        raise PlanWatchError(f"report kind must be 'progress' or 'midterm', not {kind!r}")
    plan = inputs.plan
    period_end = plan.period[1] if plan.period else None
    content = ReportContent(plan_title=plan.title or plan.doc, period=plan.period, kind=kind, as_of=as_of,
                            issuer=issuer, recipient=recipient, issued_on=issued_on,
                            narrative={k: v for k, v in (narrative or {}).items() if v and v.strip()})

    groups: dict[str, IndicatorGroup] = {}
    chart_candidates: list[tuple[int, ChartSeries]] = []
    for index, target in enumerate(plan.targets):
        matched = match_observations(target, inputs.observations)
        base, base_note, _ = _baseline(target, plan)
        bound = inputs.binding.get(index, False) or binding(target)
        seen = available(matched.observations, as_of)
        doubts = target_doubts(target, plan.facts, inputs.findings, inputs.unreviewed.get(index, ""))
        doubts += tuple(d for d in matched.doubts if d not in doubts)
        assessment: RowAssessment = assessor(target, base, matched.observations, as_of, plan.period, bound, doubts)
        notes = list(matched.notes) if seen else []
        if base_note:
            notes.append(base_note)
        notes.extend(assessment.notes)
        if assessment.latest is not None and assessment.latest.preliminary:
            notes.append(f"{assessment.latest.year}年实际值为初步数，以最终统计数据为准")
        row = IndicatorRow(
            indicator=target.indicator,
            kind=target.kind,
            unit=target.unit,
            baseline_value=base.value if base else None,
            baseline_year=base.year if base else None,
            target_value=target.value,
            target_value_high=target.value_high,
            target_year=target.target_year or period_end,
            comparator=target.comparator,
            latest_value=assessment.latest.value if assessment.latest else None,
            latest_year=assessment.latest.year if assessment.latest else None,
            progress_measure=assessment.measure,
            status=assessment.status,
            binding=bound,
            quote=target.quote,
            notes=notes,
            doubts=list(assessment.doubts),
            low_confidence=inputs.unchecked("targets", index, target.confidence),
        )
        groups.setdefault(group_of(target), IndicatorGroup(group_of(target))).rows.append(row)
        for obs in seen:
            own = obs.note if is_chinese_text(obs.note) else ""  # a data-entry remark in English stays out
            note = "初步数" + ("；" + own if own else "") if obs.preliminary else own
            src = SourceNote(obs.indicator, obs.year, obs.value, obs.unit, obs.source, note)
            if src not in content.sources:  # one figure can measure several targets
                content.sources.append(src)
        due = row.target_year
        if (base is not None and due is not None and due > base.year and target.kind in CHART_KINDS
                and any(o.year > base.year for o in seen)):  # a chart of the target path alone says nothing
            straight, compound = _paths(base, target.value, due)
            actuals = [(base.year, base.value)] + [(o.year, o.value) for o in seen if o.year > base.year]
            forecast = [actuals[-1], assessment.forecast] if assessment.forecast and len(actuals) > 1 else []
            series = ChartSeries(target.indicator, target.unit, (base.year, base.value), (due, target.value),
                                 straight, compound, actuals, forecast)
            rank = 0 if row.binding else 1
            chart_candidates.append((rank, series))
    content.groups = list(groups.values())
    chart_candidates.sort(key=lambda c: c[0])
    content.charts = [series for _, series in chart_candidates[:max_charts]]

    _tasks(content, inputs, as_of)
    _projects(content, inputs)
    content.findings = [FindingRow(f.rule, f.severity, plain_message(f.message), f.quote) for f in inputs.findings]
    content.problems = _problems(content)
    content.time_share = _time_share(plan.period, as_of)
    content.overall = _overall(content, content.time_share)
    content.overall_sentences = overall_sentences(content)
    content.summary = "".join(content.overall_sentences)
    return content


def _tasks(content: ReportContent, inputs: ReportInputs, as_of: date) -> None:
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tasks, done, overdue, unreported
    content.task_total = len(inputs.plan.tasks)
    for index, task in enumerate(inputs.plan.tasks):
        status = inputs.task_status.get(index)
        owners = list(status.owners) if status and status.owners else list(task.responsible)
        deadline = status.deadline if status and status.deadline else (
            date(task.deadline_year, 12, 31) if task.deadline_year else None)
        reported = status is not None and status.reported
        state = status.status if status is not None and reported else "unreported"
        content.tasks_done += state == "done"
        content.tasks_reported += reported
        if status is not None and status.overdue is not None:
            overdue = status.overdue and state != "done"
        else:
            overdue = state != "done" and deadline is not None and deadline < as_of
        shown = ("overdue" if reported else "unreported") if overdue else state
        row = TaskRow(task.title, task.section, owners, deadline, shown,
                      status.missed_milestone if status is not None else None,
                      status.latest_update if status is not None else "",
                      status.latest_update_on if status is not None else None, overdue=overdue,
                      low_confidence=inputs.unchecked("tasks", index, task.confidence))
        content.task_rows.append(row)
        if overdue:
            content.overdue_tasks.append(row)
        for owner in owners:
            s = scores[owner]
            s[0] += 1
            s[1] += state == "done"
            s[2] += overdue
            s[3] += state == "unreported"
    content.scorecard = sorted(
        (UnitScore(unit, *s) for unit, s in scores.items()),
        key=lambda u: (-(u.completion_rate or 0.0), u.overdue, u.unit),
    )
    content.silent_units = sorted(u.unit for u in content.scorecard if u.tasks and u.unreported == u.tasks)


def _projects(content: ReportContent, inputs: ReportInputs) -> None:
    """Every key project by name; investment where it is known."""
    for index, project in enumerate(inputs.plan.projects):
        progress = inputs.project_progress.get(project.name)
        unchecked = inputs.unchecked("projects", index, project.confidence)
        if progress is None:
            row = ProjectRow(project.name, project.group or "", None, None, low_confidence=unchecked)
        else:
            row = ProjectRow(project.name, project.group or "", progress.planned_investment,
                             progress.completed_investment, progress.unit, progress.started, progress.completed,
                             low_confidence=unchecked)
        if not row.reported:
            content.projects_without_data += 1
        content.projects.append(row)


def _problems(content: ReportContent) -> list[Problem]:
    """Implementation problems: lagging and regressing indicators, overdue tasks, units that have not
    reported, indicators without monitoring data (missing data is itself a problem)."""
    problems: list[Problem] = []
    lagging = [r for r in content.rows if r.status in PROBLEM_STATUSES]
    if lagging:
        named = "；".join(f"“{r.indicator}”{r.progress_measure}，{r.status_label}"
                         for r in lagging[:MAX_PROBLEMS_PER_KIND])
        more = f"等{len(lagging)}项" if len(lagging) > MAX_PROBLEMS_PER_KIND else ""
        problems.append(Problem("target", f"部分指标进展滞后或逆向变化{more}：{named}。"))
    overdue = content.overdue_tasks
    if overdue:
        parts = []
        for task in overdue[:MAX_PROBLEMS_PER_KIND]:
            owners = "、".join(task.owners) if task.owners else "未明确责任单位"
            if task.missed_milestone is not None:
                missed = f"节点期限{fmt_date(task.missed_milestone)}已过"
            else:
                missed = f"期限{fmt_date(task.deadline) if task.deadline else '未明确'}已过"
            parts.append(f"“{task.title}”（{owners}）{missed}，{task.status_label}")
        more = f"，此处列出{MAX_PROBLEMS_PER_KIND}项" if len(overdue) > MAX_PROBLEMS_PER_KIND else ""
        problems.append(Problem("task", f"{len(overdue)}项任务逾期未完成{more}：{'；'.join(parts)}。"))
    if content.silent_units:
        listed = "、".join(content.silent_units[:MAX_PROBLEMS_PER_KIND])
        more = f"等{len(content.silent_units)}个单位" if len(content.silent_units) > MAX_PROBLEMS_PER_KIND else ""
        problems.append(Problem("unit", f"{listed}{more}承担的任务至今未报送任何进展，实施情况无从掌握。"))
    unreported = content.task_total - content.tasks_reported
    if content.task_total and unreported and not content.silent_units:
        problems.append(Problem("unit", f"{unreported}项任务尚未报送进展。"))
    missing = [r for r in content.rows if r.status == "no_data"]
    if missing:
        share = f"占全部{len(content.rows)}项指标的{len(missing) * 100 // len(content.rows)}%"
        names = list(dict.fromkeys(r.indicator for r in missing))  # a level and a growth target share a name
        named = "、".join(f"“{n}”" for n in names[:MAX_PROBLEMS_PER_KIND])
        more = "等" if len(names) > MAX_PROBLEMS_PER_KIND else ""
        problems.append(Problem("data", f"监测数据缺失：{len(missing)}项指标（{share}）尚无报告期内的实际值，"
                                        f"包括{named}{more}，无法判断其进展。"))
    doubtful = [r for r in content.rows if r.status == "to_verify"]
    if doubtful:
        named = "、".join(f"“{r.indicator}”" for r in doubtful[:MAX_PROBLEMS_PER_KIND])
        problems.append(Problem("data", f"{len(doubtful)}项指标的基期值或实际值存疑（{named}{'等' if len(doubtful) > MAX_PROBLEMS_PER_KIND else ''}），"
                                        "需核实后再作评价。"))
    return problems


def _overall(content: ReportContent, time_share: float | None) -> list[Figure]:
    counts = {code: 0 for code in STATUS_ORDER}
    for row in content.rows:
        counts[row.status] += 1
    figures = [
        Figure("规划期", content.period_text),
        Figure("时间进度", f"{time_share * 100:.0f}%" if time_share is not None else "—"),
        Figure("量化目标", str(len(content.rows))),
    ]
    figures += [Figure(STATUS_LABELS[code][0], str(counts[code])) for code in STATUS_ORDER if counts[code]]
    figures += [
        Figure("任务", str(content.task_total)),
        Figure("逾期任务", str(len(content.overdue_tasks))),
        Figure("重点项目", str(len(content.projects))),
    ]
    invested = [p for p in content.projects if p.planned_investment is not None]
    units = {p.unit for p in invested}
    if invested and len(units) == 1:
        planned = sum(p.planned_investment or 0.0 for p in invested)
        done = sum(p.completed_investment or 0.0 for p in invested)
        figures.append(Figure("项目投资完成", f"{fmt_number(round(done, 2))}/{fmt_number(round(planned, 2))}{units.pop()}"))
    return figures

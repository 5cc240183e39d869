"""Unit scorecards (责任考核): each responsible unit scored on its indicators, its tasks, the
timeliness and quality of its reporting and its rectifications (整改), with the arithmetic spelled
out so the ranking can be checked by hand.

Each component is the mean of per-item points (0–100); the total is the weighted mean of the
components the unit has (weights renormalised over them, so a unit without indicators is not
punished for it). Points and weights are configuration (``ScorecardWeights``); every scored item
is kept (``UnitScore.items``) so a page can show where each point came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from planwatch.progress.model import STATUS_ZH, Status
from planwatch.progress.series import fmt
from planwatch.progress.tasks import TaskStatus

DEFAULT_STATUS_POINTS: Mapping[Status, float] = {
    "achieved": 100.0,
    "ahead": 100.0,
    "on_track": 90.0,
    "slightly_behind": 75.0,
    "lagging": 50.0,
    "seriously_lagging": 25.0,
    "regressing": 0.0,
}


@dataclass(frozen=True)
class ScorecardWeights:
    """Component weights and per-item points. ``no_data`` indicators and tasks not yet due are not
    scored (nothing to judge yet)."""

    targets: float = 0.5
    tasks: float = 0.3
    reporting: float = 0.2
    quality: float = 0.0  # the office's grade (0–100) of each submitted report
    rectification: float = 0.0  # 整改 closed on time / late / overdue
    status_points: Mapping[Status, float] = field(default_factory=lambda: dict(DEFAULT_STATUS_POINTS))
    task_on_time: float = 100.0
    task_late: float = 60.0
    task_overdue: float = 0.0
    report_on_time: float = 100.0
    report_late: float = 50.0
    report_missing: float = 0.0
    rectification_on_time: float = 100.0
    rectification_late: float = 60.0
    rectification_overdue: float = 0.0


@dataclass(frozen=True)
class UnitIndicator:
    """An indicator assigned to a unit (指标分解) and its assessed status."""

    unit: str
    indicator: str
    status: Status


@dataclass(frozen=True)
class ReportDue:
    """A reporting obligation (报送): due date and when it was submitted (None: not yet)."""

    unit: str
    due: date
    submitted_on: date | None = None
    quality: float | None = None  # the office's grade, 0–100 (None: not graded)
    label: str = ""


@dataclass(frozen=True)
class RectificationDue:
    """A rectification (整改) assigned to a unit: due date and when the office closed it."""

    unit: str
    due: date
    closed_on: date | None = None
    label: str = ""


@dataclass(frozen=True)
class ScoredItem:
    """One line of a unit's drill-down: which component, what was judged, the points (None: not
    scored yet, e.g. a task not yet due)."""

    component: str  # targets | tasks | reporting | quality | rectification
    key: str
    label: str
    outcome_zh: str
    points: float | None


COMPONENT_ZH = {"targets": "指标进展", "tasks": "任务时效", "reporting": "报送及时",
                "quality": "报送质量", "rectification": "整改"}


@dataclass
class UnitScore:
    """One row of the ranked table (``rank`` None: nothing to score yet; ties share a rank)."""

    unit: str
    rank: int | None
    total: float | None
    targets_score: float | None
    tasks_score: float | None
    reporting_score: float | None
    targets_by_status: dict[str, int]
    tasks_on_time: int
    tasks_late: int
    tasks_overdue: int
    tasks_open: int
    reports_on_time: int
    reports_late: int
    reports_missing: int
    computation_zh: str
    computation_en: str
    quality_score: float | None = None
    rectification_score: float | None = None
    items: list[ScoredItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mean(points: list[float]) -> float | None:
    return sum(points) / len(points) if points else None


def _formula(points: list[float]) -> str:
    """"(100×2 + 50×1)/3 = 83.3": the mean written out by value."""
    counts: dict[float, int] = {}
    for p in points:
        counts[p] = counts.get(p, 0) + 1
    terms = " + ".join(f"{fmt(p)}×{n}" for p, n in sorted(counts.items(), reverse=True))
    return f"({terms})/{len(points)} = {fmt(sum(points) / len(points), 1)}"


def unit_scorecard(
    indicators: Sequence[UnitIndicator],
    tasks: Sequence[TaskStatus],
    reports: Sequence[ReportDue],
    as_of: date,
    weights: ScorecardWeights | None = None,
    rectifications: Sequence[RectificationDue] = (),
) -> list[UnitScore]:
    """Score every unit that appears in any input and rank them (ties share a rank)."""
    w = weights or ScorecardWeights()
    units = sorted({i.unit for i in indicators} | {t.unit for t in tasks} | {r.unit for r in reports}
                   | {r.unit for r in rectifications})
    # Grouped once: a city's year holds thousands of tasks and targets over a few dozen units.
    ind_of: dict[str, list[UnitIndicator]] = {}
    task_of: dict[str, list[TaskStatus]] = {}
    report_of: dict[str, list[ReportDue]] = {}
    rect_of: dict[str, list[RectificationDue]] = {}
    for ind in indicators:
        ind_of.setdefault(ind.unit, []).append(ind)
    for t in tasks:
        task_of.setdefault(t.unit, []).append(t)
    for r in reports:
        report_of.setdefault(r.unit, []).append(r)
    for rc in rectifications:
        rect_of.setdefault(rc.unit, []).append(rc)
    rows: list[UnitScore] = []
    for unit in units:
        items: list[ScoredItem] = []
        by_status: dict[str, int] = {}
        target_points: list[float] = []
        for ind in ind_of.get(unit, []):
            by_status[ind.status] = by_status.get(ind.status, 0) + 1
            pts = w.status_points.get(ind.status)
            if pts is not None:
                target_points.append(pts)
            items.append(ScoredItem("targets", ind.indicator, ind.indicator, STATUS_ZH.get(ind.status, ind.status), pts))

        on_time = late = overdue = still_open = 0
        task_points: list[float] = []
        for t in task_of.get(unit, []):
            if t.state == "done" and t.on_time is not False:
                on_time += 1
                task_points.append(w.task_on_time)
                items.append(ScoredItem("tasks", t.id, t.id, "按期完成", w.task_on_time))
            elif t.state == "done":
                late += 1
                task_points.append(w.task_late)
                items.append(ScoredItem("tasks", t.id, t.id, "逾期完成", w.task_late))
            elif t.state == "overdue":
                overdue += 1
                task_points.append(w.task_overdue)
                items.append(ScoredItem("tasks", t.id, t.id, "逾期未完成", w.task_overdue))
            else:
                still_open += 1
                items.append(ScoredItem("tasks", t.id, t.id, "未到期，不计分", None))

        r_on_time = r_late = r_missing = 0
        report_points: list[float] = []
        quality_points: list[float] = []
        for r in report_of.get(unit, []):
            if r.submitted_on is not None and r.submitted_on <= r.due:
                r_on_time += 1
                report_points.append(w.report_on_time)
                items.append(ScoredItem("reporting", r.label, r.label, f"按期报送（{r.submitted_on.isoformat()}）",
                                        w.report_on_time))
            elif r.submitted_on is not None:
                r_late += 1
                report_points.append(w.report_late)
                items.append(ScoredItem("reporting", r.label, r.label,
                                        f"迟报{(r.submitted_on - r.due).days}天（{r.submitted_on.isoformat()}）",
                                        w.report_late))
            elif r.due < as_of:
                r_missing += 1
                report_points.append(w.report_missing)
                items.append(ScoredItem("reporting", r.label, r.label, f"逾期未报（应于{r.due.isoformat()}前）",
                                        w.report_missing))
            else:
                items.append(ScoredItem("reporting", r.label, r.label, f"未到报送期限（{r.due.isoformat()}）", None))
            if r.submitted_on is not None and r.quality is not None:
                quality_points.append(float(r.quality))
                items.append(ScoredItem("quality", r.label, r.label, "规划处评定的报送质量", float(r.quality)))

        rect_points: list[float] = []
        for rc in rect_of.get(unit, []):
            if rc.closed_on is not None and rc.closed_on <= rc.due:
                rect_points.append(w.rectification_on_time)
                items.append(ScoredItem("rectification", rc.label, rc.label, "按期整改销号", w.rectification_on_time))
            elif rc.closed_on is not None:
                rect_points.append(w.rectification_late)
                items.append(ScoredItem("rectification", rc.label, rc.label,
                                        f"逾期{(rc.closed_on - rc.due).days}天整改销号", w.rectification_late))
            elif rc.due < as_of:
                rect_points.append(w.rectification_overdue)
                items.append(ScoredItem("rectification", rc.label, rc.label, "逾期未整改", w.rectification_overdue))
            else:
                items.append(ScoredItem("rectification", rc.label, rc.label, "整改中，未到期限", None))

        parts = [
            ("指标", "indicators", _mean(target_points), w.targets, target_points),
            ("任务", "tasks", _mean(task_points), w.tasks, task_points),
            ("报送", "reporting", _mean(report_points), w.reporting, report_points),
            ("质量", "quality", _mean(quality_points), w.quality, quality_points),
            ("整改", "rectification", _mean(rect_points), w.rectification, rect_points),
        ]
        present = [(zh, en, s, wt, pts) for zh, en, s, wt, pts in parts if s is not None and wt > 0]
        weight_sum = sum(p[3] for p in present)
        total = sum(p[2] * p[3] for p in present if p[2] is not None) / weight_sum if present else None
        lines_zh = [f"{zh} {_formula(pts)}" for zh, _, _, _, pts in present]
        lines_en = [f"{en} {_formula(pts)}" for _, en, _, _, pts in present]
        if present and total is not None:
            weighted = " + ".join(f"{fmt(s, 1)}×{fmt(wt)}" for _, _, s, wt, _ in present if s is not None)
            lines_zh.append(f"总分 = ({weighted})/{fmt(weight_sum)} = {fmt(total, 1)}")
            lines_en.append(f"total = ({weighted})/{fmt(weight_sum)} = {fmt(total, 1)}")
        else:
            lines_zh.append("暂无可考核事项")
            lines_en.append("nothing to score yet")
        rows.append(
            UnitScore(
                unit=unit,
                rank=None,
                total=total,
                targets_score=parts[0][2],
                tasks_score=parts[1][2],
                reporting_score=parts[2][2],
                targets_by_status=dict(by_status),
                tasks_on_time=on_time,
                tasks_late=late,
                tasks_overdue=overdue,
                tasks_open=still_open,
                reports_on_time=r_on_time,
                reports_late=r_late,
                reports_missing=r_missing,
                computation_zh="；".join(lines_zh),
                computation_en="; ".join(lines_en),
                quality_score=parts[3][2],
                rectification_score=parts[4][2],
                items=items,
            )
        )
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0.0), r.unit))
    previous: float | None = None
    for position, row in enumerate(rows, start=1):
        if row.total is None:
            continue
        row.rank = rows[position - 2].rank if previous is not None and abs(row.total - previous) < 1e-9 else position
        previous = row.total
    return rows


def score_light(total: float | None, green: float = 85.0, yellow: float = 70.0) -> str:
    """Per-unit light on the ranking: green from ``green`` points, yellow from ``yellow``, red below;
    grey when there is nothing to score."""
    if total is None:
        return "grey"
    return "green" if total >= green else "yellow" if total >= yellow else "red"

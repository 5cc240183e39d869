"""Unit scorecards (责任考核): each responsible unit scored on its indicators, its tasks and the
timeliness of its reporting, with the arithmetic spelled out so the ranking can be checked by hand.

Each component is the mean of per-item points (0–100); the total is the weighted mean of the
components the unit has (weights renormalised over them, so a unit without indicators is not
punished for it). Points and weights are configuration (``ScorecardWeights``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from planwatch.progress.model import Status
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
    status_points: Mapping[Status, float] = field(default_factory=lambda: dict(DEFAULT_STATUS_POINTS))
    task_on_time: float = 100.0
    task_late: float = 60.0
    task_overdue: float = 0.0
    report_on_time: float = 100.0
    report_late: float = 50.0
    report_missing: float = 0.0


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
) -> list[UnitScore]:
    """Score every unit that appears in any input and rank them (ties share a rank)."""
    w = weights or ScorecardWeights()
    units = sorted({i.unit for i in indicators} | {t.unit for t in tasks} | {r.unit for r in reports})
    rows: list[UnitScore] = []
    for unit in units:
        by_status: dict[str, int] = {}
        target_points: list[float] = []
        for ind in indicators:
            if ind.unit != unit:
                continue
            by_status[ind.status] = by_status.get(ind.status, 0) + 1
            if ind.status in w.status_points:
                target_points.append(w.status_points[ind.status])

        on_time = late = overdue = still_open = 0
        task_points: list[float] = []
        for t in tasks:
            if t.unit != unit:
                continue
            if t.state == "done" and t.on_time is not False:
                on_time += 1
                task_points.append(w.task_on_time)
            elif t.state == "done":
                late += 1
                task_points.append(w.task_late)
            elif t.state == "overdue":
                overdue += 1
                task_points.append(w.task_overdue)
            else:
                still_open += 1

        r_on_time = r_late = r_missing = 0
        report_points: list[float] = []
        for r in reports:
            if r.unit != unit:
                continue
            if r.submitted_on is not None and r.submitted_on <= r.due:
                r_on_time += 1
                report_points.append(w.report_on_time)
            elif r.submitted_on is not None:
                r_late += 1
                report_points.append(w.report_late)
            elif r.due < as_of:
                r_missing += 1
                report_points.append(w.report_missing)

        parts = [
            ("指标", "indicators", _mean(target_points), w.targets, target_points),
            ("任务", "tasks", _mean(task_points), w.tasks, task_points),
            ("报送", "reporting", _mean(report_points), w.reporting, report_points),
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

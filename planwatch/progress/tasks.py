"""Task status (任务进度) from milestones, the deadline and the latest approved update.

Overdue is computed from dates, never typed in: a unit can report "in progress" but cannot report
itself out of being overdue. Only approved updates count (a reporter's draft has not been checked
by the unit leader). Early warning: a task or milestone due within ``warning_days`` and not done is
yellow; overdue is red.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

TaskState = Literal["not_started", "in_progress", "done", "overdue", "blocked"]
ReportedState = Literal["not_started", "in_progress", "done", "blocked"]
TaskLight = Literal["green", "yellow", "red"]

TASK_STATE_ZH: dict[TaskState, str] = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "done": "已完成",
    "overdue": "已逾期",
    "blocked": "受阻",
}


@dataclass(frozen=True)
class Milestone:
    """A dated step of a task (节点); ``done_on`` None while not done."""

    title: str
    due: date
    done_on: date | None = None


@dataclass(frozen=True)
class TaskUpdate:
    """A progress report from the responsible unit; only ``approved`` ones count."""

    on: date
    state: ReportedState
    approved: bool = True
    percent: float | None = None
    note: str = ""


@dataclass(frozen=True)
class TaskInput:
    """A ledger task (台账任务) as the progress layer sees it."""

    id: str
    title: str
    deadline: date | None
    unit: str = ""
    milestones: Sequence[Milestone] = ()
    updates: Sequence[TaskUpdate] = ()


@dataclass
class TaskStatus:
    """The computed state of a task on ``as_of``, with the reason in words."""

    id: str
    unit: str
    state: TaskState
    state_zh: str
    light: TaskLight
    as_of: date
    deadline: date | None
    completed_on: date | None
    on_time: bool | None
    days_to_deadline: int | None
    next_due: date | None
    milestones_done: int
    milestones_total: int
    milestones_overdue: int
    percent: float | None
    reasons_zh: list[str] = field(default_factory=list)
    reasons_en: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _latest_approved(updates: Sequence[TaskUpdate], as_of: date) -> TaskUpdate | None:
    approved = [u for u in updates if u.approved and u.on <= as_of]
    return max(approved, key=lambda u: u.on) if approved else None


def task_status(task: TaskInput, as_of: date, warning_days: int = 7) -> TaskStatus:
    """State and light of one task on ``as_of``."""
    zh: list[str] = []
    en: list[str] = []
    latest = _latest_approved(task.updates, as_of)
    done_ms = [m for m in task.milestones if m.done_on is not None and m.done_on <= as_of]
    open_ms = [m for m in task.milestones if m not in done_ms]
    late_ms = [m for m in open_ms if m.due < as_of]

    completed_on: date | None = None
    if latest is not None and latest.state == "done":
        completed_on = latest.on
        zh.append(f"{latest.on.isoformat()}经审核的进展报告为已完成。")
        en.append(f"The approved update of {latest.on.isoformat()} reports it done.")
    elif task.milestones and not open_ms:
        completed_on = max(m.done_on for m in done_ms if m.done_on is not None)
        zh.append(f"全部{len(done_ms)}个节点已完成。")
        en.append(f"All {len(done_ms)} milestones are done.")

    state: TaskState
    on_time: bool | None = None
    if completed_on is not None:
        state = "done"
        if task.deadline is not None:
            on_time = completed_on <= task.deadline
            if not on_time:
                zh.append(f"完成晚于期限{task.deadline.isoformat()}（{(completed_on - task.deadline).days}天）。")
                en.append(f"Finished {(completed_on - task.deadline).days} days after the deadline {task.deadline.isoformat()}.")
    elif task.deadline is not None and as_of > task.deadline:
        state = "overdue"
        zh.append(f"已过期限{task.deadline.isoformat()}（{(as_of - task.deadline).days}天）仍未完成。")
        en.append(f"Not done {(as_of - task.deadline).days} days after the deadline {task.deadline.isoformat()}.")
    elif late_ms:
        state = "overdue"
        names = "、".join(m.title for m in late_ms)
        zh.append(f"{len(late_ms)}个节点逾期未完成：{names}。")
        en.append(f"{len(late_ms)} milestone(s) past due: {', '.join(m.title for m in late_ms)}.")
    elif latest is not None and latest.state == "blocked":
        state = "blocked"
        zh.append(f"{latest.on.isoformat()}报告受阻{('：' + latest.note) if latest.note else ''}。")
        en.append(f"Reported blocked on {latest.on.isoformat()}{(': ' + latest.note) if latest.note else ''}.")
    elif done_ms or (latest is not None and (latest.state == "in_progress" or (latest.percent or 0) > 0)):
        state = "in_progress"
    else:
        state = "not_started"

    # The nearest open date (a milestone or the deadline) drives the early warning.
    dues = [m.due for m in open_ms if m.due >= as_of]
    if task.deadline is not None and task.deadline >= as_of:
        dues.append(task.deadline)
    next_due = min(dues) if dues and state != "done" else None
    light: TaskLight = "green"
    if state == "overdue":
        light = "red"
    elif state != "done":
        if next_due is not None and (next_due - as_of).days <= warning_days:
            light = "yellow"
            zh.append(f"{next_due.isoformat()}到期（{(next_due - as_of).days}天内），预警。")
            en.append(f"Due on {next_due.isoformat()} (within {(next_due - as_of).days} days): early warning.")
        if state == "blocked":
            light = "yellow"

    return TaskStatus(
        id=task.id,
        unit=task.unit,
        state=state,
        state_zh=TASK_STATE_ZH[state],
        light=light,
        as_of=as_of,
        deadline=task.deadline,
        completed_on=completed_on,
        on_time=on_time,
        days_to_deadline=None if task.deadline is None else (task.deadline - as_of).days,
        next_due=next_due,
        milestones_done=len(done_ms),
        milestones_total=len(task.milestones),
        milestones_overdue=len(late_ms),
        percent=100.0 if state == "done" else (latest.percent if latest is not None else None),
        reasons_zh=zh,
        reasons_en=en,
    )

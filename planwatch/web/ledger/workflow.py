"""The 督办 workflow: 交办 → 承办 → 反馈 → 办结 → 销号, with progress approval, 退办 and 延期申请.

Every function checks the actor's permission (planwatch.web.accounts.permissions), checks the
state, changes the rows (audited by signals) and records the step itself in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from planwatch.labels import label, split_bilingual
from planwatch.web.accounts.models import ROLE_ADMIN, ROLE_LEADER, ROLE_REPORTER, Membership, Unit
from planwatch.web.accounts.permissions import (
    can_act_for_lead_unit,
    can_report_on_task,
    can_review_update,
    can_supervise,
    require,
)
from planwatch.web.errors import ConflictError, InvalidInput, NeedsConfirmation, WorkflowError
from planwatch.web.history.recorder import record_action
from planwatch.web.ledger.models import (
    ACCEPTED,
    ASSIGNED,
    CLOSED,
    DONE,
    PROGRESS,
    REPORTED,
    Evidence,
    ExtensionRequest,
    LedgerTask,
    Milestone,
    Notification,
    ProgressUpdate,
    TargetAssignment,
)

TASK_FIELDS = ("title", "description", "type", "lead_unit", "deadline", "internal_note", "number", "plan", "plan_id",
               "plan_task_id",
               "plan_task")
PROGRESS_CODES = tuple(c for c, _ in PROGRESS)


# ---- notifications ---------------------------------------------------------------------------------

def _unit_users(unit_ids: set[int], roles: tuple[str, ...]) -> list[Any]:
    return [m.user for m in Membership.objects.select_related("user")
            .filter(unit_id__in=unit_ids, role__in=roles, user__is_active=True)]


def _admins() -> list[Any]:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, membership__role=ROLE_ADMIN)) + list(
        User.objects.filter(is_active=True, is_superuser=True).exclude(membership__role=ROLE_ADMIN))


def notify(users: list[Any], task: LedgerTask | None, kind: str, message: str, level: str = "info",
           dedupe: str = "") -> int:
    """In-app notification for each user (once per dedupe key); email too when SMTP is configured."""
    n = 0
    for u in {u.pk: u for u in users}.values():
        if dedupe and Notification.objects.filter(user=u, dedupe_key=dedupe).exists():
            continue
        note = Notification.objects.create(user=u, task=task, kind=kind, message=message, level=level,
                                           dedupe_key=dedupe)
        if settings.EMAIL_HOST and u.email:
            send_mail(f"[PlanWatch] {message[:60]}", message, None, [u.email], fail_silently=True)
            note.emailed = True
            note.save(update_fields=["emailed"])
        n += 1
    return n


# ---- tasks -------------------------------------------------------------------------------------------

@transaction.atomic
def create_task(user: Any, *, title: str, lead_unit: Unit, supporting_units: list[Unit] | tuple[()] = (),
                **fields: Any) -> LedgerTask:
    """交办: the office registers a task and assigns it to a lead unit."""
    require(can_supervise(user), "只有规划处可以交办任务 only the planning office assigns tasks")
    if not title.strip():
        raise InvalidInput("任务名称为空 task title is empty")
    bad = sorted(set(fields) - set(TASK_FIELDS))
    if bad:
        raise InvalidInput(f"未知字段 unknown fields: {', '.join(bad)}")
    task = LedgerTask.objects.create(title=title.strip(), lead_unit=lead_unit, **fields)
    if supporting_units:
        task.supporting_units.set([u for u in supporting_units if u.pk != lead_unit.pk])
    record_action(task, "assign", lead_unit=lead_unit.name)
    notify(_unit_users({lead_unit.pk}, (ROLE_REPORTER, ROLE_LEADER)), task, "assigned",
           f"新交办任务：{task.title}" + (f"，期限{task.deadline.isoformat()}" if task.deadline else ""))
    return task


@transaction.atomic
def decline_task(user: Any, task: LedgerTask, reason: str) -> LedgerTask:
    """退回交办: the lead unit sends a mis-assigned task back to the office with a reason, before
    accepting it. The task stays 交办 until the office assigns it again (``reassign_task``)."""
    require(can_act_for_lead_unit(user, task), "只有牵头单位可以退回交办")
    _state(task, (ASSIGNED,), "退回交办 return the assignment")
    if not reason.strip():
        raise InvalidInput("退回交办须说明原因")
    record_action(task, "decline", reason.strip(), unit=task.lead_unit_id)
    notify(_admins(), task, "declined", f"{task.lead_unit.name}退回交办任务：{task.title}。退回原因：{reason.strip()}")
    return task


@transaction.atomic
def reassign_task(user: Any, task: LedgerTask, lead_unit: Unit, comment: str = "") -> LedgerTask:
    """Re-交办 after a unit returned the task: to another unit, or to the same one with an explanation."""
    require(can_supervise(user), "只有规划处可以交办任务")
    _state(task, (ASSIGNED,), "重新交办 reassign")
    if lead_unit.pk == task.lead_unit_id and not comment.strip():
        raise InvalidInput("交回原单位须说明理由")
    _bump(task, lead_unit=lead_unit)
    record_action(task, "assign", comment, lead_unit=lead_unit.name)
    notify(_unit_users({lead_unit.pk}, (ROLE_REPORTER, ROLE_LEADER)), task, "assigned",
           f"新交办任务：{task.title}" + (f"。规划处说明：{comment.strip()}" if comment.strip() else ""))
    return task


def plan_period_end(task: LedgerTask) -> int | None:
    """The last year of the task's plan (its own plan, else its plan task's), None when unknown."""
    plan = task.plan if task.plan_id else (task.plan_task.version.plan if task.plan_task_id else None)
    return plan.period_end if plan is not None else None


def _confirm_past_period(task: LedgerTask, new_deadline: dt.date, confirm: bool) -> None:
    end = plan_period_end(task)
    if end is not None and new_deadline.year > end and not confirm:
        raise NeedsConfirmation(f"新期限{new_deadline.isoformat()}晚于规划期末（{end}年），请确认后再提交")


@transaction.atomic
def update_task(user: Any, task_id: int, expected_version: int, changes: dict[str, Any],
                supporting_units: list[Unit] | None = None) -> LedgerTask:
    """Edit a task. ``expected_version`` is the version the editor read; if someone saved in between,
    ConflictError (HTTP 409) instead of a lost update."""
    task = LedgerTask.objects.get(pk=task_id)
    require(can_supervise(user), "只有规划处可以修改任务 only the planning office edits tasks")
    bad = sorted(set(changes) - set(TASK_FIELDS))
    if bad:
        raise InvalidInput(f"不可修改的字段 fields not editable: {', '.join(bad)}")
    claimed = LedgerTask.objects.filter(pk=task_id, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        current = LedgerTask.objects.filter(pk=task_id).values_list("version", flat=True).first()
        raise ConflictError(f"任务已被他人修改（当前版本 {current}，您编辑的是版本 {expected_version}） "
                            f"task changed by someone else (now version {current}, you edited {expected_version})")
    task.refresh_from_db()
    for k, v in changes.items():
        setattr(task, k, v)
    task.save()
    if supporting_units is not None:
        task.supporting_units.set([u for u in supporting_units if u.pk != task.lead_unit_id])
    return task


@transaction.atomic
def delete_task(user: Any, task: LedgerTask, comment: str) -> None:
    """Remove a task registered by mistake. One with progress reports or extension requests is kept
    (use 退办/销号 instead): the ledger never silently loses reported work."""
    require(can_supervise(user), "只有规划处可以删除任务 only the planning office deletes tasks")
    _lock(task)
    if task.updates.exists() or task.extension_requests.exists():
        raise WorkflowError("任务已有进展或延期申请，不能删除 the task has reports or requests; it cannot be deleted")
    if not comment.strip():
        raise InvalidInput("删除须说明原因 a deletion needs a reason")
    record_action(task, "delete", comment)
    task.delete()


def _bump(task: LedgerTask, **changes: Any) -> None:
    for k, v in changes.items():
        setattr(task, k, v)
    task.version += 1
    task.save()


def _lock(task: LedgerTask) -> LedgerTask:
    """Re-read the task under a row lock, so two concurrent steps cannot both pass the state check."""
    fresh = LedgerTask.objects.select_for_update().get(pk=task.pk)
    task.__dict__.update({f.attname: getattr(fresh, f.attname) for f in LedgerTask._meta.concrete_fields})
    return task


def _state(task: LedgerTask, allowed: tuple[str, ...], action: str) -> None:
    _lock(task)
    if task.state not in allowed:
        action_zh, action_en = split_bilingual(action)
        raise WorkflowError(f"任务当前状态为「{label('task_state', task.state)}」，不能{action_zh} "
                            f"task is {task.state}; cannot {action_en}")


@transaction.atomic
def accept_task(user: Any, task: LedgerTask, comment: str = "") -> LedgerTask:
    """承办: the lead unit accepts the assignment."""
    require(can_act_for_lead_unit(user, task), "只有牵头单位可以承办 only the lead unit accepts")
    _state(task, (ASSIGNED,), "承办 accept")
    _bump(task, state=ACCEPTED)
    record_action(task, "accept", comment)
    return task


@transaction.atomic
def submit_update(user: Any, task: LedgerTask, text: str, status: str, percent: int,
                  files: list[tuple[str, bytes]] | None = None) -> ProgressUpdate:
    """反馈 (draft): a unit reporter reports progress with evidence; waits for the unit leader."""
    require(can_report_on_task(user, task), "无权填报该任务 may not report on this task")
    _state(task, (ACCEPTED, REPORTED), "反馈 report progress")
    if not text.strip():
        raise InvalidInput("进展说明为空 progress text is empty")
    if status not in PROGRESS_CODES:
        raise InvalidInput(f"进展状态无效 status must be one of {PROGRESS_CODES}")
    if not 0 <= int(percent) <= 100:
        raise InvalidInput("完成百分比须在0到100之间 percent must be 0–100")
    from planwatch.web.accounts.permissions import unit_ids

    mine = unit_ids(user)
    unit_id = task.lead_unit_id if task.lead_unit_id in mine else next(
        u for u in task.supporting_units.values_list("id", flat=True) if u in mine)
    upd = ProgressUpdate.objects.create(task=task, unit_id=unit_id, text=text, status=status,
                                        percent=int(percent), submitted_by=user)
    for name, data in files or []:
        add_evidence(upd, name, data)
    notify(_unit_users({unit_id}, (ROLE_LEADER,)), task, "update_submitted",
           f"进展待审批：{task.title}（{percent}%）")
    return upd


def add_evidence(update: ProgressUpdate, name: str, data: bytes) -> Evidence:
    from django.core.files.base import ContentFile

    from planwatch.web.data.uploads import check_upload
    from planwatch.web.safety.validators import check_evidence_name

    check_evidence_name(name)
    check_upload(name, data)
    return Evidence.objects.create(update=update, file=ContentFile(data, name=name), name=name[:255],
                                   size=len(data), sha256=hashlib.sha256(data).hexdigest())


@transaction.atomic
def review_update(user: Any, update: ProgressUpdate, approve: bool, comment: str = "") -> ProgressUpdate:
    """The unit leader approves (visible to the office, task → 反馈) or returns the update."""
    require(can_review_update(user, update), "只有本单位负责人可以审批 only the unit leader approves")
    update.review = ProgressUpdate.objects.select_for_update().values_list("review", flat=True).get(pk=update.pk)
    if update.review != ProgressUpdate.PENDING:
        raise WorkflowError("该进展已审批 the update was already reviewed")
    if not approve and not comment.strip():
        raise InvalidInput("退回须说明原因 a return needs a comment")
    update.review = ProgressUpdate.APPROVED if approve else ProgressUpdate.RETURNED
    update.review_comment = comment
    update.reviewed_by = user
    update.reviewed_at = timezone.now()
    update.save()
    task = _lock(update.task)
    if approve:
        if task.lead_unit_id == update.unit_id:
            _bump(task, progress_status=update.status, percent=update.percent,
                  state=REPORTED if task.state in (ACCEPTED, REPORTED) else task.state)
        notify(_admins(), task, "update_approved", f"单位已报送进展：{task.title}（{update.percent}%）")
    else:
        notify([update.submitted_by], task, "update_returned",
               f"进展被单位负责人退回：{task.title}。退回原因：{comment.strip()}")
    record_action(task, "approve_update" if approve else "return_update", comment, update=update.pk)
    return update


@transaction.atomic
def finish_task(user: Any, task: LedgerTask, comment: str = "", confirm: bool = False) -> LedgerTask:
    """办结: the lead unit declares the task done; the office then closes it or returns it. Below
    100% reported progress the step needs ``confirm``."""
    require(can_act_for_lead_unit(user, task), "只有牵头单位可以办结 only the lead unit declares done")
    _state(task, (REPORTED,), "办结 finish")
    if task.percent < 100 and not confirm:
        raise NeedsConfirmation(f"任务进度为{task.percent}%，尚未达到100%，请确认后再申请办结")
    _bump(task, state=DONE)
    record_action(task, "finish", comment)
    notify(_admins(), task, "finished", f"{task.lead_unit.name}申请办结：{task.title}（进度{task.percent}%）")
    return task


@transaction.atomic
def close_task(user: Any, task: LedgerTask, comment: str = "") -> LedgerTask:
    """销号: the office confirms completion."""
    require(can_supervise(user), "只有规划处可以销号 only the planning office closes tasks")
    _state(task, (DONE,), "销号 close")
    _bump(task, state=CLOSED, progress_status="completed", percent=100)
    record_action(task, "close", comment)
    notify(_unit_users({task.lead_unit_id}, (ROLE_REPORTER, ROLE_LEADER)), task, "closed",
           f"任务已销号：{task.title}" + (f"。规划处意见：{comment.strip()}" if comment.strip() else ""))
    return task


@transaction.atomic
def return_task(user: Any, task: LedgerTask, comment: str) -> LedgerTask:
    """退办: the office sends a submission back to the lead unit with a comment."""
    require(can_supervise(user), "只有规划处可以退办 only the planning office returns tasks")
    _state(task, (REPORTED, DONE), "退办 return")
    if not comment.strip():
        raise InvalidInput("退办须说明原因 a return needs a comment")
    _bump(task, state=ACCEPTED)
    record_action(task, "return", comment)
    notify(_unit_users({task.lead_unit_id}, (ROLE_REPORTER, ROLE_LEADER)), task, "returned",
           f"任务被退办：{task.title}。退办原因：{comment.strip()}")
    return task


@transaction.atomic
def request_extension(user: Any, task: LedgerTask, new_deadline: dt.date, reason: str,
                      confirm: bool = False) -> ExtensionRequest:
    """延期申请 by the lead unit. A reporter's request goes to the unit leader first
    (``planwatch.web.cycle.extensions.endorse_extension``); a leader's own request is endorsed by
    asking. A deadline past the plan period needs ``confirm``."""
    from planwatch.web.cycle.models import ExtensionEndorsement

    require(can_act_for_lead_unit(user, task), "只有牵头单位可以申请延期 only the lead unit asks for extensions")
    _state(task, (ASSIGNED, ACCEPTED, REPORTED), "申请延期 request an extension")
    if not reason.strip():
        raise InvalidInput("延期申请须说明理由 an extension request needs a reason")
    _lock(task)
    if task.deadline and new_deadline <= task.deadline:
        raise InvalidInput("新期限须晚于原期限 the new deadline must be later than the current one")
    if task.extension_requests.filter(decision=ExtensionRequest.PENDING).exists():
        raise WorkflowError("已有待审批的延期申请 an extension request is already pending")
    _confirm_past_period(task, new_deadline, confirm)
    req = ExtensionRequest.objects.create(task=task, requested_by=user, old_deadline=task.deadline,
                                          new_deadline=new_deadline, reason=reason)
    record_action(task, "request_extension", reason, new_deadline=new_deadline)
    text = f"延期申请：{task.title}，申请延至{new_deadline.isoformat()}。理由：{reason.strip()}"
    from planwatch.web.accounts.permissions import role_of

    if role_of(user) == ROLE_LEADER:
        ExtensionEndorsement.objects.create(request=req, leader=user, endorsed=True, comment="单位负责人提出")
        notify(_admins(), task, "extension_requested", text)
    else:
        notify(_unit_users({task.lead_unit_id}, (ROLE_LEADER,)), task, "extension_to_endorse", text)
    return req


@transaction.atomic
def decide_extension(user: Any, req: ExtensionRequest, grant: bool, comment: str = "",
                     confirm: bool = False) -> ExtensionRequest:
    """The office grants or refuses an extension the unit leader has endorsed; granting a deadline
    past the plan period needs ``confirm``."""
    from planwatch.web.cycle.models import ExtensionEndorsement

    require(can_supervise(user), "只有规划处可以审批延期 only the planning office decides extensions")
    req.decision = ExtensionRequest.objects.select_for_update().values_list("decision", flat=True).get(pk=req.pk)
    if req.decision != ExtensionRequest.PENDING:
        raise WorkflowError("该申请已处理 the request was already decided")
    if not ExtensionEndorsement.objects.filter(request=req, endorsed=True).exists():
        raise WorkflowError("单位负责人尚未同意该延期申请，规划处暂不能审批")
    if grant:
        _confirm_past_period(req.task, req.new_deadline, confirm)
    req.decision = ExtensionRequest.GRANTED if grant else ExtensionRequest.REFUSED
    req.decided_by = user
    req.decided_at = timezone.now()
    req.decision_comment = comment
    req.save()
    task = _lock(req.task)
    if grant:
        _bump(task, deadline=req.new_deadline)
    record_action(task, "grant_extension" if grant else "refuse_extension", comment,
                  new_deadline=req.new_deadline)
    if grant:
        text = f"延期申请已同意：{task.title}，新期限{req.new_deadline.isoformat()}"
    else:
        text = f"延期申请未同意：{task.title}，期限仍为{task.deadline.isoformat() if task.deadline else '未定'}"
    if comment.strip():
        text += f"。规划处意见：{comment.strip()}"
    notify([req.requested_by], task, "extension_decided", text)
    return req


@transaction.atomic
def add_milestone(user: Any, task: LedgerTask, title: str, due: dt.date | None) -> Milestone:
    """A dated step of a task (节点), set by the office or the lead unit; logged on the task's history."""
    require(can_supervise(user) or can_act_for_lead_unit(user, task), "无权添加节点 may not add milestones")
    if not title.strip():
        raise InvalidInput("节点名称为空 milestone title is empty")
    milestone = Milestone.objects.create(task=task, title=title.strip(), due=due)
    record_action(task, "add_milestone", milestone=milestone.pk, title=milestone.title, due=due)
    return milestone


@transaction.atomic
def complete_milestone(user: Any, milestone: Milestone, on: dt.date | None = None) -> Milestone:
    """Mark a milestone done (once); logged on the task's history."""
    require(can_supervise(user) or can_act_for_lead_unit(user, milestone.task), "无权操作 may not complete")
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.done_on is not None:
        raise WorkflowError("该节点已完成 the milestone is already done")
    milestone.done_on = on or dt.date.today()
    milestone.save()
    record_action(milestone.task, "complete_milestone", milestone=milestone.pk, title=milestone.title,
                  done_on=milestone.done_on)
    return milestone


# ---- target decomposition (目标分解) ------------------------------------------------------------------

@transaction.atomic
def assign_target(user: Any, target: Any, unit: Unit, value: float | None = None, note: str = "") -> TargetAssignment:
    """目标分解: the office gives a plan target, or a unit's share of it (``value``, in the target's own
    unit and year), to a unit. One assignment per target and unit; the unit is notified."""
    require(can_supervise(user), "只有规划处可以分解目标 only the planning office decomposes targets")
    if target.review_state == "rejected":
        raise InvalidInput("已驳回的目标不能分解 a rejected target cannot be assigned")
    if not unit.active:
        raise InvalidInput("单位已停用 the unit is inactive")
    if value is not None and not math.isfinite(value):
        raise InvalidInput("分解值无效 the share is not a number")
    if TargetAssignment.objects.filter(target=target, unit=unit).exists():
        raise InvalidInput("该目标已分解到此单位 already assigned to this unit")
    a = TargetAssignment.objects.create(target=target, unit=unit, value=value, note=note.strip())
    notify(_unit_users({unit.pk}, (ROLE_REPORTER, ROLE_LEADER)), None, "target_assigned",
           f"新分解目标 target assigned to your unit: {target}")
    return a


@transaction.atomic
def unassign_target(user: Any, assignment: TargetAssignment) -> None:
    """Withdraw an assignment made by mistake (the deletion stays in the audit trail)."""
    require(can_supervise(user), "只有规划处可以撤销分解 only the planning office withdraws assignments")
    assignment.delete()


def send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """Yellow light within PLANWATCH_REMIND_DAYS of a deadline, red once it has passed; one notice per
    task, deadline and light (a granted extension starts afresh). Goes to the lead unit and the office."""
    today = today or dt.date.today()
    window = today + dt.timedelta(days=settings.PLANWATCH_REMIND_DAYS)
    counts = {"yellow": 0, "red": 0}
    open_tasks = LedgerTask.objects.exclude(state__in=(DONE, CLOSED)).filter(deadline__isnull=False,
                                                                            deadline__lte=window)
    admins = _admins()
    for task in open_tasks.select_related("lead_unit"):
        light = task.light(today)
        if light not in counts:
            continue
        users = _unit_users({task.lead_unit_id}, (ROLE_REPORTER, ROLE_LEADER))
        if light == "red":
            users += admins
            msg = f"任务已逾期 overdue since {task.deadline}: {task.title}（{task.lead_unit.name}）"
        else:
            msg = f"任务临近期限 due {task.deadline}: {task.title}（{task.lead_unit.name}）"
        counts[light] += notify(users, task, "overdue" if light == "red" else "due_soon", msg, level=light,
                                dedupe=f"{light}:{task.pk}:{task.deadline}")
    return counts

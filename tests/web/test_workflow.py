"""The 督办 workflow: states, approval, 退办, extensions, reminders, the trail of every step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from planwatch.web.accounts.permissions import PermissionDenied
from planwatch.web.cycle.extensions import endorse_extension
from planwatch.web.errors import ConflictError, InvalidInput, NeedsConfirmation, WorkflowError
from planwatch.web.history.recorder import history_of
from planwatch.web.ledger import workflow as W
from planwatch.web.ledger.models import Notification


@pytest.fixture
def task(org: dict[str, Any]) -> Any:
    return W.create_task(org["users"]["admin"], title="建设先进制造业基地", lead_unit=org["units"]["ind"],
                         supporting_units=[org["units"]["zone"]], deadline=dt.date(2026, 12, 31))


def test_full_cycle_with_trail(org: dict[str, Any], task: Any) -> None:
    us = org["users"]
    assert task.state == "assigned"
    assert Notification.objects.filter(user=us["reporter"], kind="assigned").exists()
    W.accept_task(us["reporter"], task)
    upd = W.submit_update(us["reporter"], task, "已完成选址", "in_progress", 30, files=[("a.txt", b"evidence")])
    assert upd.review == "pending" and upd.evidence.count() == 1
    task.refresh_from_db()
    assert task.percent == 0  # not visible to the office before approval
    assert Notification.objects.filter(user=us["leader"], kind="update_submitted").exists()
    W.review_update(us["leader"], upd, approve=True)
    task.refresh_from_db()
    assert (task.state, task.progress_status, task.percent) == ("reported", "in_progress", 30)
    assert Notification.objects.filter(user=us["admin"], kind="update_approved").exists()
    with pytest.raises(NeedsConfirmation, match="30%"):
        W.finish_task(us["leader"], task, "全部完成")  # 30%: the unit must confirm
    W.finish_task(us["leader"], task, "全部完成", confirm=True)
    W.return_task(us["admin"], task, "缺少验收材料")
    task.refresh_from_db()
    assert task.state == "accepted"
    assert Notification.objects.filter(user=us["reporter"], kind="returned").exists()
    W.review_update(us["leader"], W.submit_update(us["reporter"], task, "补充材料", "completed", 100), True)
    W.finish_task(us["reporter"], task)
    W.close_task(us["admin"], task, "销号")
    task.refresh_from_db()
    assert task.state == "closed" and task.percent == 100
    assert Notification.objects.get(user=us["reporter"], kind="closed").message == "任务已销号：建设先进制造业基地。规划处意见：销号"
    steps = [e.after["action"] for e in history_of(task).order_by("id") if e.action == "action"]
    assert "退办原因：缺少验收材料" in Notification.objects.get(user=us["reporter"], kind="returned").message
    assert steps == ["assign", "accept", "approve_update", "finish", "return", "approve_update", "finish", "close"]


def test_forbidden_steps(org: dict[str, Any], task: Any) -> None:
    us = org["users"]
    with pytest.raises(PermissionDenied):
        W.accept_task(us["other_reporter"], task)  # supporting unit cannot accept for the lead unit
    with pytest.raises(PermissionDenied):
        W.accept_task(us["viewer"], task)
    with pytest.raises(WorkflowError):
        W.submit_update(us["reporter"], task, "x", "in_progress", 10)  # not accepted yet
    W.accept_task(us["reporter"], task)
    with pytest.raises(WorkflowError):
        W.accept_task(us["reporter"], task)
    with pytest.raises(InvalidInput):
        W.submit_update(us["reporter"], task, "x", "in_progress", 140)
    with pytest.raises(InvalidInput):
        W.submit_update(us["reporter"], task, "x", "done-ish", 10)
    upd = W.submit_update(us["reporter"], task, "进展", "in_progress", 10)
    with pytest.raises(PermissionDenied):
        W.review_update(us["reporter"], upd, True)  # reporters do not approve
    with pytest.raises(PermissionDenied):
        W.review_update(us["other_leader"], upd, True)  # another unit's leader
    with pytest.raises(InvalidInput):
        W.review_update(us["leader"], upd, False, "")  # a return needs a comment
    W.review_update(us["leader"], upd, False, "数据不全")
    upd.refresh_from_db()
    assert upd.review == "returned"
    with pytest.raises(WorkflowError):
        W.review_update(us["leader"], upd, True)
    with pytest.raises(PermissionDenied):
        W.close_task(us["leader"], task)
    with pytest.raises(WorkflowError):
        W.close_task(us["admin"], task)  # not 办结 yet


def test_supporting_unit_update_does_not_move_lead_progress(org: dict[str, Any], task: Any) -> None:
    us = org["users"]
    W.accept_task(us["reporter"], task)
    upd = W.submit_update(us["other_reporter"], task, "配合完成", "completed", 100)
    assert upd.unit == org["units"]["zone"]
    W.review_update(us["other_leader"], upd, True)
    task.refresh_from_db()
    assert task.percent == 0 and task.state == "accepted"


def test_extension_granted_and_refused(org: dict[str, Any], task: Any) -> None:
    us = org["users"]
    with pytest.raises(InvalidInput):
        W.request_extension(us["reporter"], task, dt.date(2027, 6, 30), "")
    with pytest.raises(InvalidInput):
        W.request_extension(us["reporter"], task, dt.date(2026, 1, 1), "提前?")
    req = W.request_extension(us["reporter"], task, dt.date(2027, 6, 30), "用地审批未完成")
    with pytest.raises(WorkflowError):
        W.request_extension(us["reporter"], task, dt.date(2027, 7, 30), "再次申请")
    with pytest.raises(PermissionDenied):
        W.decide_extension(us["leader"], req, True)
    with pytest.raises(WorkflowError, match="单位负责人尚未同意"):
        W.decide_extension(us["admin"], req, True, "同意")  # the leader has not endorsed yet
    endorse_extension(us["leader"], req, True)
    W.decide_extension(us["admin"], req, True, "同意")
    task.refresh_from_db()
    assert task.deadline == dt.date(2027, 6, 30)
    req2 = W.request_extension(us["leader"], task, dt.date(2027, 12, 31), "再延")
    W.decide_extension(us["admin"], req2, False, "不同意")
    task.refresh_from_db()
    assert task.deadline == dt.date(2027, 6, 30)
    assert Notification.objects.filter(user=us["leader"], kind="extension_decided").count() == 1


def test_stale_version_conflicts(org: dict[str, Any], task: Any) -> None:
    admin = org["users"]["admin"]
    v = task.version
    W.update_task(admin, task.pk, v, {"title": "第一人修改"})
    with pytest.raises(ConflictError):
        W.update_task(admin, task.pk, v, {"title": "第二人修改"})
    task.refresh_from_db()
    assert task.title == "第一人修改" and task.version == v + 1


def test_reminders_yellow_then_red_once(org: dict[str, Any], task: Any) -> None:
    us = org["users"]
    assert task.light(dt.date(2026, 6, 1)) == "green"
    assert W.send_reminders(dt.date(2026, 6, 1)) == {"yellow": 0, "red": 0}
    c = W.send_reminders(dt.date(2026, 12, 25))
    assert c["yellow"] == 2  # reporter and leader of the lead unit
    assert W.send_reminders(dt.date(2026, 12, 26))["yellow"] == 0  # no repeats
    c = W.send_reminders(dt.date(2027, 1, 2))
    assert c["red"] == 3  # the unit's two people and the office
    assert Notification.objects.filter(user=us["admin"], level="red").count() == 1
    assert task.light(dt.date(2027, 1, 2)) == "red"


@override_settings(EMAIL_HOST="smtp.example.invalid", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_email_when_smtp_configured(org: dict[str, Any]) -> None:
    org["users"]["reporter"].email = "rep@example.invalid"
    org["users"]["reporter"].save()
    W.create_task(org["users"]["admin"], title="有邮件的任务", lead_unit=org["units"]["ind"])
    assert [m.to for m in mail.outbox] == [["rep@example.invalid"]]

"""Task status: computed overdue, approved updates only, early warning."""

from datetime import date

from planwatch.progress.tasks import Milestone, TaskInput, TaskUpdate, task_status

TODAY = date(2024, 6, 15)


def test_not_started_and_far_deadline_is_green():
    s = task_status(TaskInput("t1", "建设产业园", deadline=date(2024, 12, 31)), TODAY)
    assert s.state == "not_started" and s.light == "green"
    assert s.days_to_deadline == 199


def test_due_within_warning_window_is_yellow():
    # deadline 5 days ahead (<= 7): yellow
    s = task_status(TaskInput("t1", "x", deadline=date(2024, 6, 20)), TODAY)
    assert s.light == "yellow" and s.state == "not_started"
    # a 3-day window does not flag it
    assert task_status(TaskInput("t1", "x", deadline=date(2024, 6, 20)), TODAY, warning_days=3).light == "green"


def test_overdue_is_computed_even_if_the_unit_says_in_progress():
    t = TaskInput("t1", "x", deadline=date(2024, 6, 1), updates=[TaskUpdate(date(2024, 6, 10), "in_progress")])
    s = task_status(t, TODAY)
    assert s.state == "overdue" and s.light == "red"
    assert "14天" in s.reasons_zh[0]  # 2024-06-15 - 2024-06-01


def test_only_approved_updates_count():
    t = TaskInput(
        "t1", "x", deadline=date(2024, 12, 31),
        updates=[TaskUpdate(date(2024, 5, 1), "in_progress"), TaskUpdate(date(2024, 6, 1), "done", approved=False)],
    )
    assert task_status(t, TODAY).state == "in_progress"


def test_done_on_time_and_late():
    on_time = TaskInput("a", "x", deadline=date(2024, 6, 1), updates=[TaskUpdate(date(2024, 5, 30), "done")])
    s = task_status(on_time, TODAY)
    assert s.state == "done" and s.on_time is True and s.light == "green"
    late = TaskInput("b", "x", deadline=date(2024, 6, 1), updates=[TaskUpdate(date(2024, 6, 5), "done")])
    s = task_status(late, TODAY)
    assert s.state == "done" and s.on_time is False


def test_milestones():
    ms = [Milestone("立项", date(2024, 3, 1), date(2024, 2, 20)), Milestone("开工", date(2024, 6, 1))]
    s = task_status(TaskInput("t", "x", deadline=date(2024, 12, 31), milestones=ms), TODAY)
    # the second milestone is past due and open: overdue before the final deadline
    assert s.state == "overdue" and s.milestones_overdue == 1 and s.milestones_done == 1
    ms2 = [Milestone("立项", date(2024, 3, 1), date(2024, 2, 20)), Milestone("开工", date(2024, 6, 20))]
    s2 = task_status(TaskInput("t", "x", deadline=date(2024, 12, 31), milestones=ms2), TODAY)
    assert s2.state == "in_progress" and s2.light == "yellow" and s2.next_due == date(2024, 6, 20)
    all_done = [Milestone("立项", date(2024, 3, 1), date(2024, 2, 20)), Milestone("开工", date(2024, 6, 1), date(2024, 6, 2))]
    s3 = task_status(TaskInput("t", "x", deadline=date(2024, 5, 31), milestones=all_done), TODAY)
    assert s3.state == "done" and s3.completed_on == date(2024, 6, 2) and s3.on_time is False


def test_blocked_is_yellow_until_overdue():
    t = TaskInput("t", "x", deadline=date(2024, 12, 31), updates=[TaskUpdate(date(2024, 6, 1), "blocked", note="资金未到位")])
    s = task_status(t, TODAY)
    assert s.state == "blocked" and s.light == "yellow" and "资金未到位" in s.reasons_zh[0]
    assert task_status(t, date(2025, 1, 2)).state == "overdue"


def test_future_updates_are_ignored_as_of_a_past_date():
    t = TaskInput("t", "x", deadline=date(2024, 12, 31), updates=[TaskUpdate(date(2024, 7, 1), "done")])
    assert task_status(t, TODAY).state == "not_started"
    assert task_status(t, date(2024, 7, 2)).state == "done"

"""The Chinese "时间过半、任务过半" grading: task share against time share.

ahead (快于预期) when the task share leads the time share by at least ``ahead_margin``; on track
(符合预期) when it is not behind; slightly behind (基本符合预期) less than
``slightly_behind_gap`` behind; lagging (滞后, yellow) up to ``seriously_lagging_gap`` behind;
seriously lagging (严重滞后, red) beyond; regressing when the indicator moved away from the target.
Binding (约束性) targets are never graded better than on track until achieved.
"""

from __future__ import annotations

from planwatch.progress.model import Status, Thresholds

# Shares are computed in floating point; a gap this small is equality (e.g. 0.6 − 0.5 vs 0.1).
_EPS = 1e-9


def grade(task_share: float, time_share: float, binding: bool, th: Thresholds) -> Status:
    """Status from the two shares (the target is known not to be achieved yet)."""
    if task_share < -_EPS:
        return "regressing"
    lead = task_share - time_share
    if lead >= th.ahead_margin - _EPS:
        status: Status = "ahead"
    elif lead >= -_EPS:
        status = "on_track"
    elif -lead < th.slightly_behind_gap - _EPS:
        status = "slightly_behind"
    elif -lead <= th.seriously_lagging_gap + _EPS:
        status = "lagging"
    else:
        status = "seriously_lagging"
    if binding and th.binding_cap and status == "ahead":
        status = "on_track"
    return status

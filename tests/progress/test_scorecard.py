"""Unit scorecards: the computation is visible and checkable."""

from datetime import date

import pytest

from planwatch.progress.scorecard import ReportDue, ScorecardWeights, UnitIndicator, unit_scorecard
from planwatch.progress.tasks import TaskInput, TaskUpdate, task_status

AS_OF = date(2024, 6, 30)


def _tasks():
    specs = [
        ("发改委", date(2024, 5, 31), date(2024, 5, 20)),  # on time
        ("发改委", date(2024, 5, 31), date(2024, 6, 10)),  # late
        ("工信局", date(2024, 5, 31), None),  # overdue
        ("工信局", date(2024, 12, 31), None),  # open, not scored
    ]
    out = []
    for i, (unit, deadline, done) in enumerate(specs):
        ups = [TaskUpdate(done, "done")] if done else []
        out.append(task_status(TaskInput(str(i), "t", deadline, unit=unit, updates=ups), AS_OF))
    return out


def test_ranked_table_with_visible_arithmetic():
    indicators = [
        UnitIndicator("发改委", "GDP", "on_track"),
        UnitIndicator("发改委", "能耗", "lagging"),
        UnitIndicator("工信局", "工业增加值", "achieved"),
        UnitIndicator("工信局", "新指标", "no_data"),
    ]
    reports = [
        ReportDue("发改委", date(2024, 4, 10), date(2024, 4, 9)),
        ReportDue("工信局", date(2024, 4, 10), None),  # missing
        ReportDue("工信局", date(2024, 7, 10), None),  # not yet due
    ]
    rows = unit_scorecard(indicators, _tasks(), reports, AS_OF)
    fgw = next(r for r in rows if r.unit == "发改委")
    # indicators (90 + 50)/2 = 70; tasks (100 + 60)/2 = 80; reporting 100
    # total = (70×0.5 + 80×0.3 + 100×0.2)/1 = 79
    assert fgw.targets_score == pytest.approx(70)
    assert fgw.tasks_score == pytest.approx(80)
    assert fgw.reporting_score == pytest.approx(100)
    assert fgw.total == pytest.approx(79)
    assert "总分 = (70×0.5 + 80×0.3 + 100×0.2)/1 = 79" in fgw.computation_zh
    gxj = next(r for r in rows if r.unit == "工信局")
    # indicators 100 (no_data not scored); tasks 0 (one overdue, one open); reporting 0 (missing)
    # total = 100×0.5 / 1 = 50
    assert gxj.total == pytest.approx(50)
    assert gxj.tasks_overdue == 1 and gxj.tasks_open == 1 and gxj.reports_missing == 1
    assert gxj.targets_by_status == {"achieved": 1, "no_data": 1}
    assert [r.unit for r in rows] == ["发改委", "工信局"]
    assert [r.rank for r in rows] == [1, 2]


def test_weights_renormalise_and_ties_share_rank():
    indicators = [UnitIndicator("A", "x", "on_track"), UnitIndicator("B", "y", "on_track")]
    rows = unit_scorecard(indicators, [], [ReportDue("C", date(2024, 9, 1))], AS_OF)
    # A and B: only the indicator component -> 90 each; C has nothing scorable yet.
    assert [(r.unit, r.rank, r.total) for r in rows] == [("A", 1, 90.0), ("B", 1, 90.0), ("C", None, None)]
    heavy = unit_scorecard(indicators, _tasks(), [], AS_OF, ScorecardWeights(targets=0.0, tasks=1.0))
    assert next(r for r in heavy if r.unit == "发改委").total == pytest.approx(80)


def test_quality_and_rectification_components_and_items() -> None:
    from planwatch.progress.scorecard import RectificationDue, score_light

    reports = [ReportDue("A", date(2024, 3, 31), date(2024, 3, 30), quality=80, label="一季度"),
               ReportDue("A", date(2024, 6, 1), None, label="二季度")]
    rects = [RectificationDue("A", date(2024, 5, 1), date(2024, 5, 10), "核验问题"),
             RectificationDue("A", date(2099, 1, 1), None, "未到期")]
    weights = ScorecardWeights(targets=0.0, tasks=0.0, reporting=0.5, quality=0.25, rectification=0.25)
    (row,) = unit_scorecard([], [], reports, AS_OF, weights, rects)
    assert (row.reporting_score, row.quality_score, row.rectification_score) == (50.0, 80.0, 60.0)
    assert row.total == (50 * 0.5 + 80 * 0.25 + 60 * 0.25) / 1.0
    outcomes = [(i.component, i.label, i.points) for i in row.items]
    assert ("quality", "一季度", 80.0) in outcomes and ("rectification", "未到期", None) in outcomes
    assert "整改 (60×1)/1 = 60" in row.computation_zh
    assert [score_light(x) for x in (90, 75, 10, None)] == ["green", "yellow", "red", "grey"]
    # The defaults weigh neither quality nor rectification: older scorecards are unchanged.
    (plain,) = unit_scorecard([], [], reports, AS_OF, None, rects)
    assert plain.total == plain.reporting_score

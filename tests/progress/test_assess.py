"""Indicator assessment: published vectors first, then every kind, comparator, direction and edge
case, each with its arithmetic written out."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.errors import PlanWatchError
from planwatch.progress import Baseline, IndicatorTarget, Observation, Thresholds, assess


def target(kind="level", value=0.0, year=2020, **kw):
    return IndicatorTarget(kind=kind, value=value, target_year=year, **kw)


# --- Published figures -------------------------------------------------------------------------


def test_statcan_poverty_reduce_by_half_on_track():
    # 14.5 (2015) -> 10.2 (2023), target 7.25 in 2030, decrease.
    # CAGR_a = (10.2/14.5)^(1/8) - 1 = -0.0430174; CAGR_r = 0.5^(1/15) - 1 = -0.0451584
    # R = -1 * -0.0430174 / 0.0451584 = 0.95259; score = 5 * (R - 0.6) / 0.7 = 2.5185
    # (published 2.51856: StatCan computes from unrounded source data; agreement to 1e-4).
    a = assess(
        target(value=7.25, year=2030, comparator="<=", direction="decrease"),
        Baseline(2015, 14.5),
        [Observation(2023, 10.2)],
        method="statcan",
    )
    assert a.cagr_actual == pytest.approx((10.2 / 14.5) ** (1 / 8) - 1)
    assert a.cagr_required == pytest.approx(0.5 ** (1 / 15) - 1)
    assert a.ratio == pytest.approx(0.95259, abs=1e-5)
    assert a.score == pytest.approx(2.51856, abs=1e-4)
    assert a.status == "on_track"
    assert a.status_en == "on track"


def test_statcan_drinking_water_limited_progress():
    # 98.82 (2015) -> 99.04 (2022), target 100: R = 0.40135; score = -5 * (0.6 - R) / 1.2 = -0.8277
    a = assess(
        target(kind="share", value=100, year=2030, comparator=">="),
        Baseline(2015, 98.82),
        [Observation(2022, 99.04)],
        method="statcan",
    )
    assert a.ratio == pytest.approx(0.40135, abs=1e-5)
    assert a.score == pytest.approx(-0.8277, abs=1e-4)
    assert a.status == "lagging"
    assert a.status_en == "limited progress"


def test_statcan_deterioration():
    # 10.0 (2018) -> 10.4 (2022), target 0.1 in 2030, decrease: R = -0.03092; score = -2.6288
    a = assess(
        target(value=0.1, year=2030, comparator="<=", direction="decrease"),
        Baseline(2018, 10.0),
        [Observation(2022, 10.4)],
        method="statcan",
    )
    assert a.ratio == pytest.approx(-0.03092, abs=1e-5)
    assert a.score == pytest.approx(-2.6288, abs=1e-4)
    assert a.status == "regressing"
    assert a.status_en == "deterioration"
    assert a.light == "red"


def test_energy_intensity_12th_fyp_54_percent_of_task_60_percent_of_time():
    # -16% by 2015 on 2010, -9.03% by 2013: index 100 -> 90.97, target 84.
    # log share = ln(0.9097) / ln(0.84) = 0.5428 -> "54%"; time share = 3/5 = 60%.
    # still needed: (84/90.97)^(1/2) - 1 = -3.9% a year.
    a = assess(
        target(kind="change", value=-16, year=2015, comparator="<=", binding=True),
        Baseline(2010, 0.0),
        [Observation(2013, -9.03)],
    )
    assert round(a.task_share * 100) == 54
    assert a.task_share == pytest.approx(math.log(0.9097) / math.log(0.84))
    assert a.time_share == pytest.approx(0.6)
    assert a.share_method == "log"
    assert round(a.required_rate_remaining * 100, 1) == -3.9
    # 5.7 points behind: < 10 -> 基本符合预期
    assert a.status == "slightly_behind"
    assert a.direction == "decrease"
    assert "54.3%" in a.explanation_zh and "60%" in a.explanation_zh and "3.9%" in a.explanation_zh
    # The linear share would say 9.03/16 = 56%: only the log share reproduces the published 54%.
    linear = assess(
        target(kind="change", value=-16, year=2015, comparator="<=", share_method="linear"),
        Baseline(2010, 0.0),
        [Observation(2013, -9.03)],
    )
    assert round(linear.task_share * 100) == 56


def test_thresholds_are_configuration():
    # The same 5.7-point gap is "lagging" when the office draws the line at 5 points.
    a = assess(
        target(kind="change", value=-16, year=2015, comparator="<="),
        Baseline(2010, 0.0),
        [Observation(2013, -9.03)],
        thresholds=Thresholds(slightly_behind_gap=0.05),
    )
    assert a.status == "lagging"
    assert a.light == "yellow"


# --- cn grading -------------------------------------------------------------------------------


def test_share_kind_uses_linear_points_and_ten_points_behind_is_lagging():
    # 城镇化率 50% (2015) -> 55% (2018), target 60% in 2020: task 5/10 = 0.5, time 3/5 = 0.6.
    # exactly 10 points behind -> lagging (yellow); still needed (60 - 55) / 2 = 2.5 points a year.
    a = assess(target(kind="share", value=60, comparator=">="), Baseline(2015, 50), [Observation(2018, 55)])
    assert a.share_method == "linear"
    assert a.task_share == pytest.approx(0.5)
    assert a.gap_points == pytest.approx(-10.0)
    assert a.status == "lagging"
    assert a.required_points_per_year == pytest.approx(2.5)
    assert "2.5个百分点" in a.explanation_zh


def test_level_ahead_and_binding_cap():
    # 100 (2015) -> 150 (2017), target 200 (2020): log share ln1.5/ln2 = 0.585 vs time 0.4 -> +18.5 points.
    args = (Baseline(2015, 100), [Observation(2017, 150)])
    a = assess(target(value=200), *args)
    assert a.task_share == pytest.approx(math.log(1.5) / math.log(2))
    assert a.status == "ahead"
    assert assess(target(value=200, binding=True), *args).status == "on_track"


def test_seriously_lagging_and_regressing():
    # 100 -> 105 by 2019, target 200 in 2020: ln1.05/ln2 = 0.070 vs time 0.8 -> 73 points behind.
    a = assess(target(value=200), Baseline(2015, 100), [Observation(2019, 105)])
    assert a.status == "seriously_lagging" and a.light == "red"
    # 100 -> 95: moved away from the target.
    b = assess(target(value=200), Baseline(2015, 100), [Observation(2017, 95)])
    assert b.task_share < 0
    assert b.status == "regressing"


def test_slightly_behind_and_on_track_boundaries():
    # share kind: 50 -> 55.5 by 2018, target 60: task 0.55 vs time 0.6 -> 5 points behind.
    a = assess(target(kind="share", value=60), Baseline(2015, 50), [Observation(2018, 55.5)])
    assert a.status == "slightly_behind"
    # 50 -> 56 : task 0.6 == time 0.6 -> on track.
    b = assess(target(kind="share", value=60), Baseline(2015, 50), [Observation(2018, 56)])
    assert b.status == "on_track"
    # 50 -> 57: task 0.7, exactly 10 points ahead -> ahead.
    c = assess(target(kind="share", value=60), Baseline(2015, 50), [Observation(2018, 57)])
    assert c.status == "ahead"
    # 50 -> 52.9: task 0.29 vs 0.6 -> 31 points behind -> seriously lagging.
    d = assess(target(kind="share", value=60), Baseline(2015, 50), [Observation(2018, 52.9)])
    assert d.status == "seriously_lagging"


def test_decrease_direction_level():
    # 能耗 level 1.0 -> 0.9 (2017), target 0.8 (2020):
    # ln(0.9)/ln(0.8) = 0.472 vs time 0.4 -> on track (7.2 points ahead, < 10).
    a = assess(target(value=0.8, comparator="<="), Baseline(2015, 1.0), [Observation(2017, 0.9)])
    assert a.direction == "decrease"
    assert a.task_share == pytest.approx(math.log(0.9) / math.log(0.8))
    assert a.status == "on_track"
    assert a.required_rate_remaining == pytest.approx((0.8 / 0.9) ** (1 / 3) - 1)


# --- comparators ------------------------------------------------------------------------------


def test_floor_is_judged_on_level():
    # 耕地保有量不低于100: baseline 105, latest 101 still satisfies the floor.
    a = assess(target(value=100, comparator=">="), Baseline(2015, 105), [Observation(2018, 101)])
    assert a.status == "achieved" and a.score == 5.0
    # latest 99 breaks a floor the baseline met.
    b = assess(target(value=100, comparator=">="), Baseline(2015, 105), [Observation(2018, 99)])
    assert b.status == "regressing"
    assert any("突破" in n for n in b.notes_zh)


def test_ceiling_is_judged_on_level():
    # 常住人口控制在1000万以内: 950 -> 980 is within the ceiling although it grows.
    a = assess(target(value=1000, comparator="<="), Baseline(2015, 950), [Observation(2018, 980)])
    assert a.status == "achieved"
    b = assess(target(value=1000, comparator="<="), Baseline(2015, 950), [Observation(2018, 1010)])
    assert b.status == "regressing"


def test_strict_comparators():
    assert assess(target(value=100, comparator=">"), Baseline(2015, 90), [Observation(2018, 100)]).status != "achieved"
    assert assess(target(value=100, comparator=">"), Baseline(2015, 90), [Observation(2018, 100.5)]).status == "achieved"
    assert assess(target(value=10, comparator="<"), Baseline(2015, 20), [Observation(2018, 10)]).status != "achieved"
    assert assess(target(value=10, comparator="<"), Baseline(2015, 20), [Observation(2018, 9)]).status == "achieved"


def test_equals_means_reached_from_the_baseline_side():
    up = assess(target(kind="share", value=60, comparator="="), Baseline(2015, 50), [Observation(2018, 60.5)])
    assert up.status == "achieved"
    down = assess(target(value=10, comparator="="), Baseline(2015, 20), [Observation(2018, 9)])
    assert down.direction == "decrease" and down.status == "achieved"
    not_yet = assess(target(value=10, comparator="="), Baseline(2015, 20), [Observation(2018, 12)])
    # ln(12/20)/ln(10/20) = 0.737 vs time 0.6 -> 13.7 points ahead
    assert not_yet.status == "ahead"


def test_range_target():
    # 失业率控制在3%–5%: baseline 6, latest 4.5 -> inside the range.
    t = target(kind="share", value=3, value_high=5, comparator="range", direction="decrease")
    assert assess(t, Baseline(2015, 6), [Observation(2018, 4.5)]).status == "achieved"
    # progress is measured to the nearer edge: 6 -> 5.6 of 6 -> 5 is 0.4 (linear) vs time 0.6
    toward = assess(t, Baseline(2015, 6), [Observation(2018, 5.6)])
    assert toward.task_share == pytest.approx(0.4)
    assert toward.status == "lagging"
    # baseline inside, latest outside -> moved the wrong way.
    assert assess(t, Baseline(2015, 4), [Observation(2018, 5.5)]).status == "regressing"
    with pytest.raises(PlanWatchError):
        assess(target(value=3, comparator="range"), Baseline(2015, 6), [Observation(2018, 4)])


# --- kinds ------------------------------------------------------------------------------------


def test_growth_rates_geometric_mean():
    # 年均增长7% over 2016-2020; observed 6.7, 6.9, 6.6 (2016-2018).
    prod = 1.067 * 1.069 * 1.066
    geo = prod ** (1 / 3) - 1
    a = assess(
        target(kind="growth", value=7),
        Baseline(2015, None),
        [Observation(2016, 6.7), Observation(2017, 6.9), Observation(2018, 6.6)],
    )
    assert a.geometric_mean_rate == pytest.approx(geo)
    assert a.cagr_actual == pytest.approx(geo)
    assert a.cagr_required == pytest.approx(0.07)
    # task share = ln(prod) / (5 ln 1.07) = 0.5805 vs time 0.6 -> 1.95 points behind
    assert a.task_share == pytest.approx(math.log(prod) / (5 * math.log(1.07)))
    assert a.status == "slightly_behind"
    # still needed: (1.07^5 / prod)^(1/2) - 1 = 7.52% a year in 2019-2020
    assert a.required_rate_remaining == pytest.approx((1.07**5 / prod) ** 0.5 - 1)
    assert a.projected_value.compound == pytest.approx(geo * 100)
    assert "几何平均增速" in a.explanation_zh


def test_growth_rates_exceeding_target_and_missing_year():
    # 8% in 2016 and 2018 (2017 missing, bridged at 8%): task 3 ln1.08 / 5 ln1.07 = 0.6831 vs 0.6
    a = assess(
        target(kind="growth", value=7), Baseline(2015, None), [Observation(2016, 8), Observation(2018, 8)]
    )
    assert a.task_share == pytest.approx(3 * math.log(1.08) / (5 * math.log(1.07)))
    assert a.status == "on_track"
    assert any("2017" in n for n in a.notes_zh)


def test_growth_ceiling_is_judged_on_the_rate():
    # 能源消费总量年均增长控制在3%以内: 2.5, 3.2 -> geo (1.025*1.032)^(1/2) - 1 = 2.85% <= 3%: within.
    t = target(kind="growth", value=3, comparator="<=")
    a = assess(t, Baseline(2015, None), [Observation(2016, 2.5), Observation(2017, 3.2)])
    assert a.status == "achieved"
    # 3.5, 3.2 -> 3.35% > 3%: the ceiling is broken.
    b = assess(t, Baseline(2015, None), [Observation(2016, 3.5), Observation(2017, 3.2)])
    assert b.status == "regressing"
    assert any("上限" in n for n in b.notes_zh)


def test_growth_target_from_level_observations():
    # GDP 1000 (2015) -> 1070 -> 1144.9 : exactly 7% a year: task 2/5 = time 2/5 -> on track.
    a = assess(
        target(kind="growth", value=7),
        Baseline(2015, 1000),
        [Observation(2016, 1070, level=True), Observation(2017, 1144.9, level=True)],
    )
    assert a.geometric_mean_rate == pytest.approx(0.07)
    assert a.task_share == pytest.approx(0.4)
    assert a.status == "on_track"
    assert a.required_rate_remaining == pytest.approx(0.07)


def test_change_increase():
    # 比2015年增长20%: +8% by 2017 -> ln(1.08)/ln(1.2) = 0.4221 vs time 0.4 -> on track.
    a = assess(target(kind="change", value=20), Baseline(2015, None), [Observation(2017, 8)])
    assert a.direction == "increase"
    assert a.task_share == pytest.approx(math.log(1.08) / math.log(1.2))
    assert a.status == "on_track"
    assert a.required_rate_remaining == pytest.approx((120 / 108) ** (1 / 3) - 1)


def test_count_with_linear_override():
    # 高新技术企业 200 -> 260 (2017), target 400 (2020); linear override: 60/200 = 0.3 vs 0.4 -> 10 behind.
    a = assess(
        target(kind="count", value=400, share_method="linear"), Baseline(2015, 200), [Observation(2017, 260)]
    )
    assert a.share_method == "linear"
    assert a.task_share == pytest.approx(0.3)
    assert a.status == "lagging"
    # default log: ln1.3/ln2 = 0.3785 -> 2.15 behind -> slightly behind
    b = assess(target(kind="count", value=400), Baseline(2015, 200), [Observation(2017, 260)])
    assert b.task_share == pytest.approx(math.log(1.3) / math.log(2))
    assert b.status == "slightly_behind"


def test_cumulative_from_zero_falls_back_to_linear():
    # 累计新增就业50万: 0 (2015) -> 25 (2017): linear 0.5 vs 0.4 -> exactly 10 ahead.
    a = assess(target(kind="cumulative", value=50), Baseline(2015, 0), [Observation(2017, 25)])
    assert a.share_method == "linear"
    assert a.task_share == pytest.approx(0.5)
    assert a.status == "ahead"
    assert any("基期值为零" in n for n in a.notes_zh)
    # statcan: zero baseline replaced by 0.001 -> CAGR_a = (25/0.001)^(1/2) - 1
    s = assess(target(kind="cumulative", value=50), Baseline(2015, 0), [Observation(2017, 25)], method="statcan")
    assert s.cagr_actual == pytest.approx((25 / 0.001) ** 0.5 - 1)
    assert s.cagr_required == pytest.approx((50 / 0.001) ** 0.2 - 1)


def test_zero_target_uses_epsilon_in_compound_figures():
    # 10 (2015) -> 8 (2020), target 0 in 2030: CAGR_r = (0.001/10)^(1/15) - 1 = -0.4588
    a = assess(
        target(value=0, year=2030, comparator="<="), Baseline(2015, 10), [Observation(2020, 8)], method="statcan"
    )
    cr = (0.001 / 10) ** (1 / 15) - 1
    ca = 0.8 ** 0.2 - 1
    assert a.cagr_required == pytest.approx(cr)
    assert a.ratio == pytest.approx(-ca / abs(cr))
    assert a.status == "lagging"  # R = 0.097
    assert any("0.001" in n for n in a.notes_zh)
    cn = assess(target(value=0, year=2030, comparator="<="), Baseline(2015, 10), [Observation(2020, 8)])
    # cn share: linear 2/10 = 0.2 vs time 1/3 -> 13.3 behind -> lagging
    assert cn.share_method == "linear" and cn.task_share == pytest.approx(0.2)
    assert cn.status == "lagging"


def test_mixed_signs_cannot_be_compounded():
    t = target(value=10)
    a = assess(t, Baseline(2015, -5), [Observation(2017, 2)], method="statcan")
    assert a.status == "no_data"
    assert any("正负" in n for n in a.notes_zh)
    b = assess(t, Baseline(2015, -5), [Observation(2017, 2)])
    # linear: 7/15 = 0.467 vs 0.4 -> on track
    assert b.share_method == "linear" and b.task_share == pytest.approx(7 / 15)
    assert b.status == "on_track"


def test_all_negative_values_flip_the_compound_direction():
    # net outflow -10 (2015) -> -5 (2018), target -1 (2020), increase (toward zero).
    # CAGR_a = 0.5^(1/3) - 1 = -0.2063; CAGR_r = 0.1^(1/5) - 1 = -0.3690; d flipped to -1: R = 0.559
    a = assess(target(value=-1), Baseline(2015, -10), [Observation(2018, -5)], method="statcan")
    assert a.direction == "increase"
    assert a.ratio == pytest.approx((1 - 0.5 ** (1 / 3)) / (1 - 0.1**0.2))
    assert a.status == "lagging"


# --- data handling ----------------------------------------------------------------------------


def test_missing_base_year_falls_back_to_nearest_later_year():
    a = assess(target(value=120), Baseline(2015, None), [Observation(2016, 100), Observation(2018, 110)])
    assert a.baseline_year == 2016 and a.baseline_value == 100
    assert a.time_share == pytest.approx(0.5)  # (2018 - 2016) / (2020 - 2016)
    assert any("2016" in n and "基期" in n for n in a.notes_zh)


def test_fewer_than_two_points_is_no_data():
    assert assess(target(value=120), Baseline(2015, 100), []).status == "no_data"
    a = assess(target(value=120), Baseline(2015, None), [Observation(2017, 110)])
    assert a.status == "no_data" and a.light == "grey"
    assert "无法评估" in a.explanation_zh
    assert assess(target(kind="growth", value=7), Baseline(2015, None), []).status == "no_data"


def test_final_beats_preliminary_and_preliminary_only_is_flagged():
    obs = [Observation(2018, 110), Observation(2018, 112, status="preliminary")]
    a = assess(target(value=120), Baseline(2015, 100), obs)
    assert a.latest_value == 110 and not a.preliminary
    b = assess(target(value=120), Baseline(2015, 100), [*obs, Observation(2019, 115, status="preliminary")])
    assert b.latest_value == 115 and b.preliminary
    assert "初步数" in b.explanation_zh
    # a later final revision replaces an earlier final figure
    c = assess(target(value=120), Baseline(2015, 100), [Observation(2018, 110), Observation(2018, 111)])
    assert c.latest_value == 111


def test_target_year_passed_without_meeting_target():
    a = assess(target(value=200), Baseline(2015, 100), [Observation(2020, 190)])
    assert a.time_share == 1.0
    assert a.required_rate_remaining is None
    assert any("未实现" in n for n in a.notes_zh)


def test_annual_target_against_share_of_year():
    # 全年新增100家: 45 by 2024-06-30 -> 182/366 = 49.7% of the (leap) year: 4.7 behind.
    a = assess(
        target(kind="count", value=100, year=2024, annual=True),
        Baseline(2024, None),
        [Observation(2024, 30, as_of=date(2024, 3, 31)), Observation(2024, 45, as_of=date(2024, 6, 30))],
    )
    assert a.time_share == pytest.approx(182 / 366)
    assert a.task_share == pytest.approx(0.45)
    assert a.status == "slightly_behind"
    assert a.required_points_per_year == pytest.approx(55)
    done = assess(
        target(kind="count", value=100, year=2024, annual=True),
        Baseline(2024, None),
        [Observation(2024, 101, as_of=date(2024, 11, 30))],
    )
    assert done.status == "achieved"


def test_invalid_input_raises_planwatch_error():
    with pytest.raises(PlanWatchError):
        assess(target(value=1, year=2015), Baseline(2015, 1), [])
    with pytest.raises(PlanWatchError):
        assess(target(kind="bogus", value=1), Baseline(2015, 1), [])
    with pytest.raises(PlanWatchError):
        assess(target(kind="growth", value=7), Baseline(2015, None), [Observation(2016, -120)])


def test_json_dict_has_every_figure():
    a = assess(target(value=200), Baseline(2015, 100), [Observation(2017, 150)], method="statcan")
    d = a.to_dict()
    for key in ["status", "time_share", "task_share", "share_method", "cagr_actual", "cagr_required", "ratio", "score", "required_rate_remaining", "projected_value", "explanation_zh", "explanation_en"]:
        assert key in d
    assert set(d["projected_value"]) == {"compound", "linear"}
    # compound projection: 150 * 1.5^(1/2)^3 = 150 * 1.5^1.5
    assert d["projected_value"]["compound"] == pytest.approx(150 * 1.5**1.5)
    # linear: line through (2015, 100), (2017, 150) read at 2020 -> 225
    assert d["projected_value"]["linear"] == pytest.approx(225)


@given(
    base=st.floats(1, 1e6),
    rate=st.floats(-0.3, 0.5).filter(lambda r: abs(r) > 1e-3),
    years=st.integers(2, 15),
    elapsed=st.integers(1, 14),
)
def test_steady_compound_pace_on_the_required_path_is_exactly_on_schedule(base, rate, years, elapsed):
    """The defining property of the log share: growing at the required rate covers the task at the
    pace time passes (a linear share would not)."""
    elapsed = min(elapsed, years - 1)
    goal = base * (1 + rate) ** years
    latest = base * (1 + rate) ** elapsed
    comparator = "<=" if rate < 0 else ">="
    a = assess(
        target(value=goal, year=2000 + years, comparator=comparator),
        Baseline(2000, base),
        [Observation(2000 + elapsed, latest)],
    )
    assert a.task_share == pytest.approx(a.time_share, abs=1e-9)
    assert a.status == "on_track"
    assert a.ratio == pytest.approx(1.0)

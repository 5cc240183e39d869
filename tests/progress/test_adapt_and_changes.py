"""Change targets as the extraction contract states them, and the plan-model adapter."""

import math

import pytest

from planwatch.errors import PlanWatchError
from planwatch.extract.model import Target
from planwatch.progress import Baseline, IndicatorTarget, Observation, assess
from planwatch.progress.adapt import direction_from_quote, target_from_plan


def plan_target(quote, **kw):
    base = dict(quote=quote, start=0, end=len(quote), indicator="x", kind="change", value=20.0, value_high=None,
                unit="%", comparator="=", target_year=2010)
    base.update(kw)
    return Target(**base)


def test_direction_from_the_verb():
    assert direction_from_quote("万元工业产值能耗降低20%") == "decrease"
    assert direction_from_quote("审批时限平均压缩50%") == "decrease"
    assert direction_from_quote("城镇化率提高5个百分点") == "increase"
    assert direction_from_quote("比重达到48%") == "increase"
    assert direction_from_quote("规模以上工业增加值12%") is None
    assert direction_from_quote("规模以上工业增加值年均增长12%") == "increase"
    assert direction_from_quote("贫困人口减少率提高到90%", indicator="贫困人口减少率") == "increase"


def test_decrease_magnitude_convention_from_the_extraction():
    # 降低20% (value 20, "=") by 2010 on 2005; 累计降低12% by 2008 entered as 12 in the same convention.
    # working: 100 - 12 = 88 against 80: ln(0.88)/ln(0.8) = 0.5729 vs time 3/5 -> 2.7 behind.
    spec, base = target_from_plan(plan_target("万元工业产值能耗降低20%", baseline_year=2005, baseline_value=None))
    assert spec.direction == "decrease" and base == Baseline(2005, None)
    a = assess(spec, base, [Observation(2008, 12)])
    assert a.task_share == pytest.approx(math.log(0.88) / math.log(0.8))
    assert a.status == "slightly_behind"
    assert "比基期下降20%" in a.explanation_zh and "累计下降12%" in a.explanation_zh
    # compound projection: 88 * (0.88^(1/3))^2, shown back as a magnitude of decrease
    assert a.projected_value.compound == pytest.approx(100 - 88 * 0.88 ** (2 / 3))
    # still needed: (80/88)^(1/2) - 1; in points of the stated magnitude: (20 - 12) / 2 = 4 a year
    assert a.required_rate_remaining == pytest.approx((80 / 88) ** 0.5 - 1)
    assert a.required_points_per_year == pytest.approx(4.0)
    done = assess(spec, base, [Observation(2009, 21)])
    assert done.status == "achieved"


def test_additive_change_in_points_is_linear():
    # 提高5个百分点 2015 -> 2020; +2 points by 2018: 2/5 = 0.4 vs 0.6 -> 20 behind -> lagging.
    t = IndicatorTarget("change", 5, 2020, comparator="=", unit="个百分点")
    a = assess(t, Baseline(2015, None), [Observation(2018, 2)])
    assert a.share_method == "linear" and a.task_share == pytest.approx(0.4)
    assert a.status == "lagging"
    assert a.cagr_actual is None and a.notes_zh == []
    assert a.required_points_per_year == pytest.approx(1.5)  # (5 - 2) / 2
    assert "个百分点" in a.explanation_zh


def test_times_change_compounds():
    # 增长1.1倍 = +110%: index 210. +50% by 2018 of 2015-2020: ln1.5/ln2.1 = 0.5465 vs 0.6.
    t = IndicatorTarget("change", 1.1, 2020, comparator=">=", unit="倍")
    a = assess(t, Baseline(2015, None), [Observation(2018, 0.5)])
    assert a.task_share == pytest.approx(math.log(1.5) / math.log(2.1))
    assert a.status == "slightly_behind"


def test_adapter_needs_a_year():
    with pytest.raises(PlanWatchError):
        target_from_plan(plan_target("全年新增100家", kind="count", target_year=None, annual=True))
    spec, base = target_from_plan(plan_target("全年新增100家", kind="count", target_year=None, annual=True), year=2024)
    assert spec.target_year == 2024 and spec.annual and base is None


def test_decrease_in_points_reads_as_a_decrease():
    # 降低5个百分点 (value 5, decrease) 2015 -> 2020; down 2 points by 2018 entered as 2:
    # linear 2/5 = 0.4 vs 0.6; still (5 - 2) / 2 = 1.5 points of decrease a year.
    t = IndicatorTarget("change", 5, 2020, comparator="=", unit="个百分点", direction="decrease")
    a = assess(t, Baseline(2015, None), [Observation(2018, 2)])
    assert a.task_share == pytest.approx(0.4)
    assert a.required_points_per_year == pytest.approx(1.5)
    assert "比基期下降5个百分点" in a.explanation_zh
    assert "累计下降2个百分点" in a.explanation_zh
    assert "每年还需降低1.5个百分点" in a.explanation_zh

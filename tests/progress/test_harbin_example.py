"""A Harbin plan target from the gold annotations judged against the real statistics in
examples/harbin/harbin-actuals.csv (through the plan-model adapter)."""

import csv
import json
from pathlib import Path

import pytest

from planwatch.extract.model import PlanExtraction
from planwatch.progress import Observation, assess
from planwatch.progress.adapt import target_from_plan

HARBIN = Path(__file__).resolve().parents[2] / "examples" / "harbin"


def actuals(indicator):
    with open(HARBIN / "harbin-actuals.csv", encoding="utf-8") as fh:
        return [Observation(int(r["year"]), float(r["value"])) for r in csv.DictReader(fh) if r["indicator"] == indicator]


def test_nonpublic_share_of_gdp_target_after_the_period():
    plan = PlanExtraction.from_dict(
        json.loads((HARBIN / "gold" / "harbin-nonpublic-economy-2006-2010.json").read_text(encoding="utf-8"))
    )
    gold = next(t for t in plan.targets if t.indicator == "非公有制经济增加值占全市GDP比重")
    spec, baseline = target_from_plan(gold)
    assert baseline is not None and (baseline.year, baseline.value) == (2005, 36.5)
    obs = actuals("非公有制经济增加值占全市GDP比重")
    assert [(o.year, o.value) for o in obs] == [(2020, 41.2)]
    a = assess(spec, baseline, obs)
    # share kind -> linear: (41.2 - 36.5) / (48 - 36.5) = 0.4087; the period is over (time share 1)
    assert a.share_method == "linear"
    assert a.task_share == pytest.approx(4.7 / 11.5)
    assert a.time_share == 1.0
    assert a.status == "seriously_lagging"
    assert any("目标年之后" in n for n in a.notes_zh)


def test_gdp_growth_rates_with_figures_outside_the_period_left_out():
    # 十一五 GDP growth observed 2006 13.5, 2008 13.2, 2010 14.0 (+ 2015/2020/2021 outside the period)
    # against an illustrative 年均增长13% target: geo mean (1.135*1.132*1.14)^(1/3) - 1 = 13.57%.
    from planwatch.progress import Baseline, IndicatorTarget

    obs = actuals("地区生产总值增速")
    a = assess(IndicatorTarget("growth", 13, 2010, comparator=">="), Baseline(2005, None), obs)
    assert a.geometric_mean_rate == pytest.approx((1.135 * 1.132 * 1.14) ** (1 / 3) - 1)
    assert a.status == "achieved"  # 1.1357^5 >= 1.13^5
    assert any("2015" in n for n in a.notes_zh)

"""Any input gives a status and finite JSON, or a PlanWatchError — never a crash or a NaN."""

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.errors import PlanWatchError
from planwatch.progress import Baseline, IndicatorTarget, Observation, assess
from planwatch.progress.model import KINDS, STATUSES

values = st.one_of(st.just(0.0), st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([-1.0, 1.0, 100.0]))


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    comparator=st.sampled_from(["=", ">=", ">", "<=", "<", "range"]),
    direction=st.sampled_from([None, "increase", "decrease"]),
    method=st.sampled_from(["cn", "statcan"]),
    goal=values,
    high=st.one_of(st.none(), values),
    base=st.one_of(st.none(), values),
    obs=st.lists(st.tuples(st.integers(2000, 2035), values, st.booleans()), max_size=6),
    binding=st.booleans(),
    unit=st.sampled_from(["", "%", "倍", "个百分点", "亿元"]),
    annual=st.booleans(),
    level=st.booleans(),
    day=st.one_of(st.none(), st.dates(date(2019, 6, 1), date(2021, 6, 1))),
)
def test_assess_never_crashes(kind, comparator, direction, method, goal, high, base, obs, binding, unit, annual, level, day):
    target = IndicatorTarget(
        kind, goal, 2020, comparator=comparator, direction=direction, binding=binding, value_high=high, unit=unit,
        annual=annual,
    )
    observations = [
        Observation(y, v, status="preliminary" if p else "final", level=level and i % 2 == 0, as_of=day if i == 0 else None)
        for i, (y, v, p) in enumerate(obs)
    ]
    try:
        a = assess(target, Baseline(2010, base), observations, method=method)
    except PlanWatchError:
        return
    assert a.status in STATUSES
    json.dumps(a.to_dict(), allow_nan=False)
    assert a.explanation_zh and a.explanation_en

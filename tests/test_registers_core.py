"""The registers' plain-Python core: credit-code check digit, counting rules, project roll-ups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.registers.creditcode import CHARSET, credit_code_error, with_check_digit
from planwatch.registers.projects import ProjectFacts, ProjectRule, project_series, rollup
from planwatch.registers.rules import (
    Rule,
    by_year,
    count_series,
    held_by_year,
    qualifying,
    scaled,
    suggest_rule,
    window,
)


def test_published_example_code_is_valid() -> None:
    # The example code of GB 32100-2015 explanations.
    assert credit_code_error("91350100M000100Y43") is None
    assert credit_code_error("91350100m000100y43") is None  # case is normalised


@pytest.mark.parametrize("code, word", [
    ("91350100M000100Y44", "校验位"), ("91350100M000100Y4", "18位"), ("91350100M000100YI3", "无效字符"),
    ("9135A100M000100Y43", "行政区划码"), ("", "18位")])
def test_bad_codes_say_why(code: str, word: str) -> None:
    err = credit_code_error(code)
    assert err is not None and word in err


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()),
       st.integers(0, 16), st.sampled_from(CHARSET))
def test_any_single_change_is_caught(first17: str, pos: int, char: str) -> None:
    code = with_check_digit(first17)
    assert credit_code_error(code) is None
    changed = code[:pos] + char + code[pos + 1:]
    if changed != code and changed[2:8].isdigit():
        assert credit_code_error(changed) is not None


def test_held_by_year_uses_year_end() -> None:
    spans = [(1, 2008, 2010), (2, None, None), (3, 2011, None), (4, 2009, 2009)]
    held = held_by_year(spans, range(2007, 2012))
    assert held[2007] == {2}
    assert held[2008] == {1, 2}
    assert held[2009] == {1, 2}
    assert held[2010] == {2}
    assert held[2011] == {2, 3}


def test_stock_new_and_cumulative() -> None:
    q = {2005: {1}, 2006: {1, 2}, 2007: {2, 3}, 2008: {2, 3, 4, 1}}
    years = range(2006, 2009)
    assert count_series(Rule(mode="stock"), q, years) == {2006: {1, 2}, 2007: {2, 3}, 2008: {1, 2, 3, 4}}
    assert count_series(Rule(mode="new"), q, years) == {2006: {2}, 2007: {3}, 2008: {1, 4}}
    cum = count_series(Rule(mode="cumulative", since=2006), q, years)
    assert cum == {2006: {2}, 2007: {2, 3}, 2008: {1, 2, 3, 4}}
    assert window(Rule(mode="new"), years) == range(2005, 2009)
    assert window(Rule(mode="cumulative", since=2006), range(2008, 2009)) == range(2005, 2009)


def test_conditions_intersect_per_year() -> None:
    revenue = by_year([(1, 2008), (2, 2008), (3, 2009)])
    tier = held_by_year([(2, 2007, None), (3, 2008, None)], range(2008, 2010))
    assert qualifying(range(2008, 2010), [revenue, tier]) == {2008: {2}, 2009: {3}}


def test_scaled_to_the_targets_unit() -> None:
    assert scaled(20000, "万户") == 2
    assert scaled(7, "户") == 7


@pytest.mark.parametrize("text, annual, expect", [
    ("2户销售收入200亿元以上", False, Rule(revenue_min=2_000_000)),
    ("培育年营业收入亿元以上的非公有制骨干企业100户", False, Rule(ownership="nonpublic", revenue_min=10000)),
    ("创办小型民营企业2万户以上", False, Rule(ownership="nonpublic", sizes=("small",), mode="cumulative", since=2006)),
    ("力争全年新增高新技术企业100家以上", True, Rule(tiers=("high_tech",), mode="new")),
    ("科技型中小企业入库800家以上", True, Rule(tiers=("tech_sme",), mode="new")),
    ("培育40家产教融合型企业", True, Rule(tiers=("industry_education",))),
    ("专精特新“小巨人”企业达到10家", False, Rule(tiers=("little_giant",))),
])
def test_suggestions_from_wording(text: str, annual: bool, expect: Rule) -> None:
    s = suggest_rule(text, annual=annual, start_year=2006)
    assert s.rule == expect
    assert s.reasons


def test_rule_errors() -> None:
    assert Rule(mode="cumulative").errors() == ["累计新增须给出起始年"]
    assert Rule(tiers=("x",), ownership="y").errors()
    assert Rule(ownership="nonpublic", revenue_min=10000, tiers=("high_tech",)).describe() == \
        "非公有 · 高新技术企业 · 营业收入≥1亿元 · 年末存量"


PROJECTS = [
    ProjectFacts(1, group="专栏1", planned_investment=10, started=2007, completed=2009,
                 investment=((2007, 3.0), (2008, 4.0), (2009, 3.0))),
    ProjectFacts(2, group="专栏1", planned_investment=0.3, started=2008, investment=((2008, 0.1),)),
    ProjectFacts(3, group="专栏2", planned_investment=None),
]


def test_project_series_counts_and_sums() -> None:
    years = range(2007, 2010)
    started = project_series(ProjectRule(state="started"), PROJECTS, years)
    assert {y: v for y, (v, _) in started.items()} == {2007: 1, 2008: 2, 2009: 2}
    new = project_series(ProjectRule(state="started", mode="new"), PROJECTS, years)
    assert new[2008] == (1, [2])
    big = project_series(ProjectRule(investment_min=0.5), PROJECTS, years)
    assert big[2007] == (1, [1])
    done = project_series(ProjectRule(measure="completed_investment"), PROJECTS, years)
    assert done[2008][0] == pytest.approx(7.1) and done[2009][0] == pytest.approx(10.1)
    yearly = project_series(ProjectRule(measure="completed_investment", mode="new"), PROJECTS, years)
    assert yearly[2008][0] == pytest.approx(4.1)
    planned = project_series(ProjectRule(measure="planned_investment"), PROJECTS, years)
    assert planned[2007][0] == pytest.approx(10.3)


def test_rollup() -> None:
    r = rollup(PROJECTS, owners=2)
    assert (r.projects, r.with_owner, r.started, r.completed) == (3, 2, 2, 1)
    assert r.planned_investment == pytest.approx(10.3)
    assert r.completed_investment == pytest.approx(10.1)
    assert r.by_year == {2007: 3.0, 2008: pytest.approx(4.1), 2009: 3.0}
    assert r.investment_share == pytest.approx(10.1 / 10.3)
    assert [g["projects"] for g in r.by_group] == [2, 1]
    early = rollup(PROJECTS, upto=2007)
    assert (early.started, early.completed, early.completed_investment) == (1, 0, 3.0)
    assert rollup([]).investment_share is None

"""Each audit rule on small invented plans: a positive case (it must fire, with the right
severity and numbers) and a negative one (consistent figures must stay silent)."""

from __future__ import annotations

import random

import pytest

from planwatch.audit import Severity, audit_plans
from planwatch.audit.cumulative_path import path_sum
from planwatch.audit.intervals import Interval
from planwatch.extract.model import Fact, PlanExtraction, Target


class PlanBuilder:
    """Builds a PlanExtraction with made-up but realistic records and increasing offsets."""

    def __init__(self, doc="plan.txt", title="某市经济发展规划", period=(2006, 2010)):
        self.plan = PlanExtraction(doc=doc, title=title, period=period)
        self.offset = 0

    def _span(self, quote):
        start = self.offset
        self.offset += len(quote) + 1
        return start, start + len(quote)

    def target(self, indicator, kind, value, unit, quote, comparator="=", value_high=None, year=2010, **kw):
        start, end = self._span(quote)
        self.plan.targets.append(
            Target(quote, start, end, indicator, kind, value, value_high, unit, comparator, year, **kw)
        )
        return self

    def fact(self, indicator, kind, value, unit, quote, year=2005, period=None):
        start, end = self._span(quote)
        self.plan.facts.append(Fact(quote, start, end, indicator, kind, value, None, unit, year, period))
        return self


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


# ------------------------------------------------------------------------------ growth triangle


def triangle(base, base_q, level, level_q, growth, growth_q, comparator="="):
    return (
        PlanBuilder()
        .fact("全部工业增加值", "level", base, "亿元", base_q)
        .target("工业增加值", "level", level, "亿元", level_q)
        .target("工业增加值", "growth", growth, "%", growth_q, comparator=comparator)
        .plan
    )


def test_consistent_triple_with_rounded_target_is_not_an_error():
    # 490.9 × 1.165^5 ≈ 1053.5; implied rate 16.42 % — consistent once 1050 is read as rounded.
    plan = triangle(490.9, "全部工业实现增加值490.9亿元", 1050, "工业增加值达到1050亿元", 16.5, "年均增长16.5%")
    assert rules(audit_plans([plan]), "growth_triangle") == []


def test_inconsistent_triple_is_an_error_with_the_computation():
    plan = triangle(201, "实现生产总值201亿元", 461, "工业增加值达到461亿元", 25.5, "年均增长25.5%")
    found = rules(audit_plans([plan]), "growth_triangle")
    assert len(found) == 1
    f = found[0]
    assert f.severity is Severity.ERROR
    assert "625.77" in f.message_zh  # 201 × 1.255^5
    assert "18.06%" in f.message_zh  # (461/201)^(1/5) − 1
    assert "625.77" in f.message_en
    assert [r.quote for r in f.records] == ["实现生产总值201亿元", "工业增加值达到461亿元", "年均增长25.5%"]
    assert f.details["implied_growth_pct"] == pytest.approx(18.06, abs=0.01)
    assert "±0.5" in f.tolerance


def test_written_precision_of_the_rate_decides_the_outcome():
    # 100 × 1.10^5 = 161.05; target 164. "10%" allows up to 10.5 % (100.5 × 1.105^5 ≈ 165.6): fine.
    loose = triangle(100, "基期100亿元", 164, "达到164亿元", 10, "年均增长10%")
    assert rules(audit_plans([loose]), "growth_triangle") == []
    # "10.0%" allows only 10.05 %: at most 100.5 × 1.1005^5 ≈ 162.1 < 163.5 — a small miss: warning.
    tight = triangle(100, "基期100亿元", 164, "达到164亿元", 10.0, "年均增长10.0%")
    found = rules(audit_plans([tight]), "growth_triangle")
    assert [f.severity for f in found] == [Severity.WARNING]


def test_one_decimal_baseline_edge():
    # 50.0 × 1.2^5 = 124.416; target 124.4 is inside; 125.0 is 0.47 % away from the reach of
    # [49.95, 50.05] × [1.1995, 1.2005]^5 = [124.16, 124.68]: a warning, not an error.
    ok = triangle(50.0, "基期50.0亿元", 124.4, "达到124.4亿元", 20.0, "年均增长20.0%")
    assert rules(audit_plans([ok]), "growth_triangle") == []
    near = triangle(50.0, "基期50.0亿元", 125.0, "达到125.0亿元", 20.0, "年均增长20.0%")
    assert [f.severity for f in rules(audit_plans([near]), "growth_triangle")] == [Severity.WARNING]


def test_at_least_rate_allows_any_higher_target():
    plan = triangle(56.9, "增加值56.9亿元", 150, "达到150亿元", 20, "年均增长20%以上", comparator=">=")
    assert rules(audit_plans([plan]), "growth_triangle") == []
    low = triangle(56.9, "增加值56.9亿元", 120, "达到120亿元", 20, "年均增长20%以上", comparator=">=")
    assert [f.severity for f in rules(audit_plans([low]), "growth_triangle")] == [Severity.ERROR]


def test_about_rate_is_wider():
    # 380 × 1.10^5 = 612; 640 needs 10.95 %: outside "10%" but inside "10%左右" (up to 11 %).
    strict = triangle(380, "技工贸总收入380亿元", 640, "总收入640亿元", 10, "年均增长10%")
    assert len(rules(audit_plans([strict]), "growth_triangle")) == 1
    about = triangle(380, "技工贸总收入380亿元", 640, "总收入640亿元", 10, "年均分别增长10%左右")
    assert rules(audit_plans([about]), "growth_triangle") == []


def test_baseline_of_another_scope_downgrades_to_warning():
    plan = (
        PlanBuilder()
        .fact("全市规模以上机械制造业增加值", "level", 100, "亿元", "规模以上机械制造业增加值100亿元")
        .target("全市机械制造业增加值", "level", 300, "亿元", "机械制造业增加值达到300亿元")
        .target("全市机械制造业增加值", "growth", 10, "%", "年均增长10%")
        .plan
    )
    found = audit_plans([plan])
    tri = rules(found, "growth_triangle")
    assert [f.severity for f in tri] == [Severity.WARNING]
    assert "口径不同" in tri[0].message_zh
    # and the pairing itself is a definition warning
    assert [f.severity for f in rules(found, "definitions")] == [Severity.WARNING]


def test_stated_multiple_against_period_rate():
    plan = (
        PlanBuilder(title="某市开发区规划")
        .fact("税收", "growth", 12.5, "%", "税收年均增长12.5%", year=None, period=(2001, 2005))
        .fact("税收", "change", 2.6, "倍", "是2000年末的2.6倍", year=2005)
        .fact("生产总值", "growth", 31, "%", "生产总值年均增长31%", year=None, period=(2001, 2005))
        .fact("生产总值", "change", 3.8, "倍", "是2000年末的3.8倍", year=2005)
        .plan
    )
    found = rules(audit_plans([plan]), "growth_triangle")
    assert len(found) == 1  # 3.8^(1/5) − 1 = 30.65 % agrees with "31%"
    assert found[0].severity is Severity.ERROR
    assert "21.06%" in found[0].message_zh  # 2.6^(1/5) − 1 against 12.5 %


def test_nominal_multiple_of_output_against_a_real_rate_is_a_warning():
    # 工业总产值 3.5 × in five years is 28.47 % a year; "23.99%" is at comparable prices: the gap
    # equals 3.6 % a year of price rise, so it is flagged as a price-basis question, not an error.
    plan = (
        PlanBuilder(title="某市开发区规划")
        .fact("工业总产值", "growth", 23.99, "%", "工业总产值年均增长23.99%", year=None, period=(2001, 2005))
        .fact("工业总产值", "change", 3.5, "倍", "是2000年末的3.5倍", year=2005)
        .plan
    )
    found = rules(audit_plans([plan]), "growth_triangle")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert "28.47%" in found[0].message_zh and "3.6%" in found[0].message_zh


def test_level_above_the_real_path_may_be_prices_but_below_it_cannot():
    above = triangle(1000, "基期1000亿元", 1600, "达到1600亿元", 8, "年均增长8%")  # 9.86 % nominal vs 8 %
    found = rules(audit_plans([above]), "growth_triangle")
    assert [f.severity for f in found] == [Severity.WARNING] and "价格" in found[0].message_zh
    far_above = triangle(1000, "基期1000亿元", 2000, "达到2000亿元", 8, "年均增长8%")  # 14.9 % vs 8 %
    assert [f.severity for f in rules(audit_plans([far_above]), "growth_triangle")] == [Severity.ERROR]
    below = triangle(1000, "基期1000亿元", 1300, "达到1300亿元", 8, "年均增长8%")  # 5.4 % vs 8 %
    assert [f.severity for f in rules(audit_plans([below]), "growth_triangle")] == [Severity.ERROR]


def test_growth_by_a_multiple_means_one_plus_the_multiple():
    # sales 1003.9 in 2005, "比2000年增长1.1倍" → 2.1 × ; "年均增长16%" → 1.16^5 = 2.10: consistent
    plan = (
        PlanBuilder()
        .fact("销售收入", "growth", 16, "%", "年均增长16%", year=None, period=(2001, 2005))
        .fact("销售收入", "change", 1.1, "倍", "比2000年增长1.1倍", year=2005)
        .plan
    )
    assert rules(audit_plans([plan]), "growth_triangle") == []


def test_five_year_plan_end_as_reference():
    plan = (
        PlanBuilder()
        .fact("合同外资额", "growth", 21, "%", "年均增长21%", year=None, period=(2001, 2005))
        .fact("合同外资额", "change", 3.26, "倍", "是“九五”末的3.26倍", year=2005)
        .plan
    )
    found = rules(audit_plans([plan]), "growth_triangle")
    assert len(found) == 1 and "26.66%" in found[0].message_zh


# ------------------------------------------------------------------------------ share and total


def test_share_implies_a_whole_that_contradicts_the_stated_whole():
    plan = (
        PlanBuilder()
        .target("全市高技术产业增加值", "level", 150, "亿元", "高技术产业增加值达到150亿元")
        .target("高技术产业增加值占工业增加值的比重", "share", 25, "%", "占工业增加值的比重25%")
        .target("工业增加值", "level", 1050, "亿元", "工业增加值达到1050亿元")
        .plan
    )
    found = rules(audit_plans([plan]), "share_total")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "600" in found[0].message_zh and "1050" in found[0].message_zh


def test_share_consistent_with_stated_whole_is_silent():
    plan = (
        PlanBuilder()
        .fact("全市规模以上高技术产业增加值", "level", 56.9, "亿元", "高技术产业实现增加值56.9亿元")
        .fact("规模以上高技术产业增加值占规模以上工业增加值比重", "share", 16.2, "%", "占规模以上工业增加值的比重16.2%")
        .fact("全市规模以上工业增加值", "level", 350.7, "亿元", "规模以上工业实现增加值350.7亿元")
        .plan
    )
    assert rules(audit_plans([plan]), "share_total") == []


def test_wholes_implied_in_two_plans_of_the_same_city():
    a = (
        PlanBuilder(doc="a.txt", title="某市非公有制经济发展规划")
        .target("全市非公有制经济增加值", "level", 1550, "亿元", "非公有制经济增加值达到1550亿元")
        .target("非公有制经济增加值占全市GDP比重", "share", 48, "%", "占全市GDP比重达到48%")
        .plan
    )
    b = (
        PlanBuilder(doc="b.txt", title="某市开发区经济发展规划")
        .target("生产总值", "level", 461, "亿元", "生产总值达到461亿元")
        .target("开发区生产总值占全市生产总值比重", "share", 15, "%", "占全市生产总值的15%")
        .plan
    )
    found = rules(audit_plans([a, b]), "share_total")
    assert len(found) == 1
    # 1550/48% = 3229.2 vs 461/15% = 3073.3; intervals [3186, 3274] and [2974, 3180] miss by 0.2 %.
    assert found[0].severity is Severity.WARNING
    assert {r.doc for r in found[0].records} == {"a.txt", "b.txt"}
    # the same figures at 12 % instead of 15 % (whole 3841.7) disagree clearly: error
    b.targets[1] = Target("占全市生产总值的12%", 50, 60, "开发区生产总值占全市生产总值比重", "share", 12, None, "%", "=", 2010)
    assert [f.severity for f in rules(audit_plans([a, b]), "share_total")] == [Severity.ERROR]


def test_base_year_wholes_that_agree():
    a = (
        PlanBuilder(doc="a.txt", title="某市非公有制经济发展规划")
        .fact("全市非公有制经济增加值", "level", 669.0, "亿元", "非公有制经济实现增加值669.0亿元")
        .fact("全市非公有制经济增加值占全市生产总值比重", "share", 36.5, "%", "占全市生产总值的36.5%")
        .plan
    )
    b = (
        PlanBuilder(doc="b.txt", title="某市开发区经济发展规划")
        .fact("开发区生产总值", "level", 201, "亿元", "全区实现生产总值201亿元")
        .fact("开发区生产总值占哈尔滨市比重", "share", 11, "%", "占哈尔滨市的11%")
        .plan
    )
    assert rules(audit_plans([a, b]), "share_total") == []


def test_plans_of_unknown_area_are_not_compared():
    a = PlanBuilder(doc="a.txt", title="规划甲").target("X增加值", "level", 100, "亿元", "达到100亿元").target(
        "X增加值占工业增加值比重", "share", 10, "%", "占工业增加值比重10%"
    )
    b = PlanBuilder(doc="b.txt", title="规划乙").target("工业增加值", "level", 2000, "亿元", "工业增加值2000亿元")
    assert rules(audit_plans([a.plan, b.plan]), "share_total") == []
    # within one plan the same figures do clash (1000 vs 2000)
    a.target("工业增加值", "level", 2000, "亿元", "工业增加值2000亿元")
    assert len(rules(audit_plans([a.plan]), "share_total")) == 1


# ------------------------------------------------------------------------------ parts and whole


def test_part_larger_than_whole():
    plan = (
        PlanBuilder()
        .fact("全市规模以上工业增加值", "level", 520, "亿元", "规模以上工业增加值520亿元")
        .fact("全部工业增加值", "level", 490.9, "亿元", "全部工业增加值490.9亿元")
        .plan
    )
    found = rules(audit_plans([plan]), "parts_whole")
    assert len(found) == 1 and found[0].severity is Severity.ERROR


def test_part_smaller_than_whole_is_silent():
    plan = (
        PlanBuilder()
        .fact("全市规模以上工业增加值", "level", 350.7, "亿元", "规模以上工业增加值350.7亿元")
        .fact("全部工业增加值", "level", 490.9, "亿元", "全部工业增加值490.9亿元")
        .fact("全市机械制造业增加值", "level", 141.1, "亿元", "机械制造业增加值141.1亿元")
        .fact("全市食品工业增加值", "level", 58.6, "亿元", "食品工业增加值58.6亿元")
        .plan
    )
    assert rules(audit_plans([plan]), "parts_whole") == []


def test_sectors_adding_up_to_more_than_industry():
    plan = (
        PlanBuilder()
        .target("工业增加值", "level", 500, "亿元", "工业增加值达到500亿元")
        .target("机械制造业增加值", "level", 322, "亿元", "机械制造业增加值达到322亿元")
        .target("食品工业增加值", "level", 145, "亿元", "食品工业增加值145亿元")
        .target("医药工业增加值", "level", 64, "亿元", "医药工业实现增加值64亿元")
        .target("高技术产业增加值", "level", 150, "亿元", "高技术产业增加值150亿元")
        .plan
    )
    found = rules(audit_plans([plan]), "parts_whole")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "531" in found[0].message_zh  # 322 + 145 + 64; 高技术 overlaps sectors and is left out
    assert "150" not in found[0].message_zh


def test_complete_partition_that_matches_another_scope():
    plan = (
        PlanBuilder()
        .fact("全部工业增加值", "level", 490.9, "亿元", "全部工业实现增加值490.9亿元")
        .fact("轻工业增加值", "level", 122, "亿元", "轻工业增加值122亿元")
        .fact("重工业增加值", "level", 228.7, "亿元", "重工业增加值228.7亿元")
        .fact("全市规模以上工业增加值", "level", 350.7, "亿元", "规模以上工业实现增加值350.7亿元")
        .plan
    )
    found = rules(audit_plans([plan]), "parts_whole")
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "350.7" in found[0].message_zh and "规模以上" in found[0].message_zh


def test_complete_partition_that_matches_nothing_is_an_error():
    plan = (
        PlanBuilder()
        .fact("全部工业增加值", "level", 490.9, "亿元", "全部工业实现增加值490.9亿元")
        .fact("轻工业增加值", "level", 122, "亿元", "轻工业增加值122亿元")
        .fact("重工业增加值", "level", 228.7, "亿元", "重工业增加值228.7亿元")
        .plan
    )
    assert [f.severity for f in rules(audit_plans([plan]), "parts_whole")] == [Severity.ERROR]
    plan.facts[2].value, plan.facts[2].quote = 368.9, "重工业增加值368.9亿元"
    assert rules(audit_plans([plan]), "parts_whole") == []


def test_shares_of_one_whole_above_100_percent():
    plan = (
        PlanBuilder()
        .target("第一产业增加值占生产总值比重", "share", 15, "%", "第一产业比重15%")
        .target("第二产业增加值占生产总值比重", "share", 45, "%", "第二产业比重45%")
        .target("第三产业增加值占生产总值比重", "share", 48, "%", "第三产业比重48%")
        .plan
    )
    found = rules(audit_plans([plan]), "parts_whole")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "108%" in found[0].message_zh
    plan.targets[2].value, plan.targets[2].quote = 40, "第三产业比重40%"
    assert rules(audit_plans([plan]), "parts_whole") == []


def test_listed_sectors_share_names_what_the_missing_sector_must_reach():
    plan = (
        PlanBuilder()
        .target("工业增加值", "level", 1050, "亿元", "工业增加值达到1050亿元")
        .target(
            "机械制造业、食品工业、医药工业和石化工业的工业增加值占全市工业增加值比重",
            "share",
            60,
            "%",
            "占全市工业增加值60%以上",
            comparator=">=",
        )
        .target("全市机械制造业增加值", "level", 322, "亿元", "机械制造业增加值达到322亿元")
        .target("食品工业增加值", "level", 145, "亿元", "实现工业增加值145亿元")
        .target("医药工业增加值", "level", 64, "亿元", "医药工业实现工业增加值64亿元")
        .plan
    )
    found = rules(audit_plans([plan]), "parts_whole")
    assert len(found) == 1 and found[0].severity is Severity.INFO
    assert "石化工业" in found[0].message_zh
    # 0.595 × 1045 − 532.5 = 89.28
    assert found[0].details["remaining_at_least"] == pytest.approx(89.275, abs=0.01)


# ------------------------------------------------------------------------------ cumulative vs path


def cumulative_plan(total, total_q):
    return (
        PlanBuilder(title="某市开发区规划")
        .fact("开发区实际利用外资", "level", 1.9, "亿美元", "实际利用外资1.9亿美元")
        .target("开发区累计实际利用外资", "cumulative", total, "亿美元", total_q)
        .target("开发区实际利用外资", "growth", 12.5, "%", "年均增长12.5%")
        .plan
    )


def test_cumulative_target_matching_the_path():
    # Σ 1.9 × 1.125^k, k=1..5 = 13.71
    assert rules(audit_plans([cumulative_plan(14, "累计实现实际利用外资14亿美元")]), "cumulative_path") == []


def test_cumulative_target_off_the_path():
    found = rules(audit_plans([cumulative_plan(20, "累计实现实际利用外资20亿美元")]), "cumulative_path")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "13.71" in found[0].message_zh


def test_period_fact_checked_backwards_from_the_last_year():
    plan = (
        PlanBuilder(title="某市开发区规划")
        .fact("利用外资", "cumulative", 6.7, "亿美元", "累计利用外资6.7亿美元", year=None, period=(2001, 2005))
        .fact("利用外资", "growth", 21.5, "%", "年均增长21.5%", year=None, period=(2001, 2005))
        .fact("实际利用外资", "level", 1.9, "亿美元", "实际利用外资1.9亿美元", year=2005)
        .plan
    )
    assert rules(audit_plans([plan]), "cumulative_path") == []  # 1.9 + 1.56 + 1.29 + 1.06 + 0.87 = 6.68
    plan.facts[0].value, plan.facts[0].quote = 9.7, "累计利用外资9.7亿美元"
    assert len(rules(audit_plans([plan]), "cumulative_path")) == 1


def test_path_sum():
    assert path_sum(Interval.point(1), Interval.point(2), 3, forward=True) == Interval(14, 14)  # 2+4+8
    assert path_sum(Interval.point(8), Interval.point(2), 3, forward=False) == Interval(14, 14)  # 8+4+2


# ------------------------------------------------------------------------------ cross-document facts


def two_city_plans(value_b, quote_b, indicator_b="全市规模以上工业增加值"):
    a = PlanBuilder(doc="a.txt", title="某市工业发展规划").fact(
        "全市规模以上工业增加值", "level", 350.7, "亿元", "规模以上工业实现增加值350.7亿元"
    )
    b = PlanBuilder(doc="b.txt", title="某市非公有制经济发展规划").fact(indicator_b, "level", value_b, "亿元", quote_b)
    return [a.plan, b.plan]


def test_same_fact_with_different_values_in_two_plans():
    found = rules(audit_plans(two_city_plans(380.2, "规上工业增加值380.2亿元")), "cross_document")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert [r.doc for r in found[0].records] == ["a.txt", "b.txt"]


def test_same_fact_rounded_differently_agrees():
    assert rules(audit_plans(two_city_plans(351, "规模以上工业增加值351亿元")), "cross_document") == []


def test_different_scope_is_a_definition_warning_not_a_cross_document_error():
    a = PlanBuilder(doc="a.txt", title="某市民营经济发展规划").fact(
        "全市民营经济增加值", "level", 800, "亿元", "民营经济增加值800亿元"
    )
    b = PlanBuilder(doc="b.txt", title="某市非公有制经济发展规划").fact(
        "全市非公有制经济增加值", "level", 669.0, "亿元", "非公有制经济实现增加值669.0亿元"
    )
    found = audit_plans([a.plan, b.plan])
    assert rules(found, "cross_document") == []
    defs = rules(found, "definitions")
    assert [f.severity for f in defs] == [Severity.WARNING]
    assert "集体" in defs[0].message_zh


# ------------------------------------------------------------------------------ runner


def test_findings_are_sorted_and_stable_under_input_order():
    plans = [
        triangle(201, "实现生产总值201亿元", 461, "工业增加值达到461亿元", 25.5, "年均增长25.5%"),
        *two_city_plans(380.2, "规上工业增加值380.2亿元"),
        cumulative_plan(20, "累计实现实际利用外资20亿美元"),
    ]
    plans[0].doc, plans[3].doc = "c.txt", "d.txt"
    first = audit_plans(plans)
    ranks = [f.severity.rank for f in first]
    assert ranks == sorted(ranks)
    shuffled = plans[:]
    random.Random(3).shuffle(shuffled)
    assert [f.to_dict() for f in audit_plans(shuffled)] == [f.to_dict() for f in first]
    for sev in ("error", "warning", "info"):
        group = [(r.records[0].doc, r.records[0].start) for r in first if r.severity.value == sev]
        assert group == sorted(group)


# ------------------------------------------------------------------------------ robustness to extraction


def test_a_repeated_key_with_another_value_is_set_aside():
    # "工业增加值达到1050亿元，年均增长16.5%" … later, in the food-industry section whose subject was
    # left out: "实现工业增加值145亿元，年均增长20%". The headline statement stands for the key.
    plan = (
        PlanBuilder()
        .fact("全部工业增加值", "level", 490.9, "亿元", "全部工业实现增加值490.9亿元")
        .target("工业增加值", "level", 1050, "亿元", "工业增加值达到1050亿元")
        .target("工业增加值", "growth", 16.5, "%", "年均增长16.5%")
        .target("工业增加值", "level", 145, "亿元", "实现工业增加值145亿元")
        .target("工业增加值", "growth", 20, "%", "年均增长20%")
        .plan
    )
    found = audit_plans([plan])
    assert {f.rule for f in found} == {"repeated_figure"}
    assert all(f.severity is Severity.INFO for f in found)
    assert [r.quote for r in found[0].records] == ["工业增加值达到1050亿元", "实现工业增加值145亿元"]
    # a repeat that agrees with the first statement is kept (and is consistent)
    plan.targets[2].value, plan.targets[2].quote = 1050, "工业增加值1050亿元"
    plan.targets[3].value, plan.targets[3].quote = 16.5, "增长16.5%"
    assert audit_plans([plan]) == []


def test_baseline_value_that_belongs_to_another_measure_is_not_used():
    plan = (
        PlanBuilder()
        .fact("轻工业增加值", "level", 122, "亿元", "轻工业增加值122亿元")
        .target("工业增加值", "level", 1050, "亿元", "工业增加值达到1050亿元", baseline_value=122, baseline_year=2005)
        .target("工业增加值", "growth", 16.5, "%", "年均增长16.5%")
        .plan
    )
    assert rules(audit_plans([plan]), "growth_triangle") == []
    # a baseline value stated only in the target is used
    plan.facts.clear()
    plan.targets[0].baseline_value = 300.0
    found = rules(audit_plans([plan]), "growth_triangle")
    assert len(found) == 1 and "(1050/300)" in found[0].message_zh


def test_share_whose_subject_is_left_out_takes_the_level_just_before():
    zone = PlanBuilder(doc="zone.txt", title="某市开发区发展规划")
    zone.target("生产总值", "level", 461, "亿元", "生产总值达到461亿元")
    # the share follows right after a comma: "…461亿元，年占全市生产总值的15%"
    zone.target("年占全市生产总值比重", "share", 15, "%", "年占全市生产总值的15%")
    city = PlanBuilder(doc="city.txt", title="某市国民经济和社会发展规划").target(
        "全市生产总值", "level", 3600, "亿元", "全市生产总值达到3600亿元"
    )
    found = rules(audit_plans([zone.plan, city.plan]), "share_total")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "3073.33" in found[0].message_zh
    # far from any level, an unnamed part is not guessed
    zone.plan.targets[1].start += 100
    zone.plan.targets[1].end += 100
    assert rules(audit_plans([zone.plan, city.plan]), "share_total") == []


def test_document_text_supplies_the_reference_year_of_a_multiple():
    text = "工业总产值年均增长23.99%。2005年全区实现工业总产值702亿元，是2000年末的3.5倍。"
    plan = PlanExtraction(doc="zone.txt", title="某市开发区规划", period=(2006, 2010))
    q1, q2 = "工业总产值年均增长23.99%", "3.5倍"
    plan.facts.append(Fact(q1, text.find(q1), text.find(q1) + len(q1), "工业总产值", "growth", 23.99, None, "%", 2005))
    plan.facts.append(Fact(q2, text.find(q2), text.find(q2) + len(q2), "工业总产值", "change", 3.5, None, "倍", 2005))
    assert rules(audit_plans([plan]), "growth_triangle") == []  # "3.5倍" alone names no year
    found = rules(audit_plans([plan], texts={"zone.txt": text}), "growth_triangle")
    assert len(found) == 1
    # the rate's years are inferred from the multiple ("年均", no period stated): at most a warning
    assert found[0].severity is Severity.WARNING
    assert "28.47%" in found[0].message_zh


def test_a_one_year_rate_is_not_stretched_over_a_multiple():
    plan = (
        PlanBuilder()
        .fact("工业总产值", "growth", 12, "%", "比上年增长12%", year=2005)
        .fact("工业总产值", "change", 3.5, "倍", "是2000年末的3.5倍", year=2005)
        .plan
    )
    assert rules(audit_plans([plan]), "growth_triangle") == []


def test_a_level_and_a_period_total_of_the_same_key_are_not_compared_across_plans():
    a = PlanBuilder(doc="a.txt", title="某市规划").target("全市固定资产投资", "level", 700, "亿元", "固定资产投资达到700亿元")
    b = PlanBuilder(doc="b.txt", title="某市工业规划").target(
        "全市累计固定资产投资", "cumulative", 3000, "亿元", "累计完成固定资产投资3000亿元"
    )
    assert rules(audit_plans([a.plan, b.plan]), "cross_document") == []


def test_price_basis_is_beside_the_key_and_differing_bases_only_warn():
    plan = (
        PlanBuilder()
        .fact("全市生产总值", "level", 201, "亿元", "全市实现生产总值201亿元")
        .target("全市生产总值", "level", 461, "亿元", "按当年价计算，生产总值达到461亿元")
        .target("全市生产总值", "growth", 25.5, "%", "按可比价格计算，年均增长25.5%")
        .plan
    )
    found = rules(audit_plans([plan]), "growth_triangle")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "可比价" in found[0].message_zh


def test_a_named_part_without_a_level_is_not_replaced_by_the_level_before():
    zone = PlanBuilder(doc="zone.txt", title="某市开发区发展规划")
    zone.target("工业增加值", "level", 419, "亿元", "工业增加值达到419亿元")
    zone.target("高新技术企业产值占全区产值比重", "share", 30, "%", "高新技术企业产值占全区产值30%")
    zone.target("产值", "level", 500, "亿元", "全区产值达到500亿元")
    assert rules(audit_plans([zone.plan]), "share_total") == []


def test_a_multiple_takes_its_reference_from_its_own_clause():
    text = "“十五”期间生产总值年均增长31%，是2000年末的3.8倍，是两区合并之初的2.65倍。"
    plan = PlanExtraction(doc="zone.txt", title="某市开发区规划", period=(2006, 2010))
    for quote, kind, value, unit in (("生产总值年均增长31%", "growth", 31, "%"), ("3.8倍", "change", 3.8, "倍"), ("2.65倍", "change", 2.65, "倍")):
        start = text.find(quote)
        period = (2001, 2005) if kind == "growth" else None
        plan.facts.append(Fact(quote, start, start + len(quote), "生产总值", kind, value, None, unit, 2005, period))
    assert rules(audit_plans([plan], texts={"zone.txt": text}), "growth_triangle") == []


def test_a_wrong_total_is_reported_once_not_once_per_share():
    plan = PlanBuilder().fact("全市生产总值", "level", 2000, "亿元", "全市生产总值2000亿元")
    for sector, value, share in (("机械制造业", 150.0, 10.0), ("食品工业", 75.0, 5.0), ("医药工业", 30.0, 2.0)):
        plan.fact(f"全市{sector}增加值", "level", value, "亿元", f"{sector}增加值{value}亿元")
        plan.fact(f"{sector}增加值占全市生产总值比重", "share", share, "%", f"占全市生产总值的{share}%")
    found = rules(audit_plans([plan.plan]), "share_total")  # every share implies 1500, not 2000
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "另有2处" in found[0].message_zh

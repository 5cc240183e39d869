"""Rules of plan language, each on its own sentence (moved from the former synthetic held-out
fixtures' test: the sentences are ours, the constructions are those real plans use)."""

from __future__ import annotations

from planwatch.documents import document_from_text
from planwatch.extract import extract_plan
from planwatch.extract.model import PlanExtraction

# ---- the constructions behind the fixes, each on its own sentence ----------------------------


def _plan(text: str) -> PlanExtraction:
    return extract_plan(document_from_text(text))


def test_subjectless_clause_after_growth_rate_is_the_same_indicator() -> None:
    plan = _plan("二、主要目标\n——经济发展取得新成效。地区生产总值年均增长6%左右，到2025年突破5000亿元。\n")
    levels = [t for t in plan.targets if t.kind == "level"]
    assert [(t.value, t.indicator, t.comparator) for t in levels] == [(5000, "地区生产总值", ">=")]


def test_list_item_after_a_count_is_not_a_threshold_but_a_prefixed_one_is() -> None:
    plan = _plan("二、今年重点工作\n力争全年签约亿元以上项目40个、引进到位资金80亿元以上。\n")
    assert sorted(t.value for t in plan.targets) == [40, 80]
    facts = _plan("一、发展现状\n2015年，规模以上工业企业达到286户，其中产值超10亿元企业14户。\n").facts
    assert sorted(f.value for f in facts) == [14, 286]


def test_verb_led_heading_holds_targets_without_a_year() -> None:
    text = (
        "云江市“十四五”规划纲要\n本规划期为2021—2025年。\n第三章 深入打好污染防治攻坚战\n"
        "全面落实河湖长制，累计建成污水管网500公里，地表水水质优良比例达到90%以上。\n"
    )
    plan = _plan(text)
    assert not plan.facts
    assert {(t.value, t.target_year) for t in plan.targets} == {(500, 2025), (90, 2025)}


def test_paired_figures_share_kind_and_split_the_subjects() -> None:
    plan = _plan("2023年，城乡居民人均可支配收入分别达到38650元和19420元，分别比上年增长5.1%和7.6%。\n")
    got = [(f.indicator, f.kind, f.value) for f in plan.facts]
    assert got == [
        ("城镇居民人均可支配收入", "level", 38650),
        ("农村居民人均可支配收入", "level", 19420),
        ("城镇居民人均可支配收入", "growth", 5.1),
        ("农村居民人均可支配收入", "growth", 7.6),
    ]
    plan = _plan("二、目标\n到2015年，二氧化硫、氮氧化物排放总量分别控制在7.46万吨和9.8万吨以内。\n")
    assert [(t.indicator, t.comparator) for t in plan.targets] == [
        ("二氧化硫排放总量", "<="),
        ("氮氧化物排放总量", "<="),
    ]


def test_baseline_goes_to_the_most_similar_target_only() -> None:
    text = (
        "一、回顾\n2010年，二氧化硫排放总量为8.15万吨。\n二、目标\n"
        "到2015年，二氧化硫、氮氧化物排放总量分别控制在7.46万吨和9.8万吨以内。\n"
    )
    base = {t.indicator: t.baseline_value for t in _plan(text).targets}
    assert base == {"二氧化硫排放总量": 8.15, "氮氧化物排放总量": None}


def test_multi_year_comparison_is_a_change_and_five_year_sums_are_period_facts() -> None:
    plan = _plan(
        "一、发展基础\n2020年，农村居民人均可支配收入达到16280元，比2015年增长52.6%。"
        "五年累计淘汰落后炼铁产能120万吨。\n"
    )
    by_value = {f.value: f for f in plan.facts}
    assert by_value[52.6].kind == "change" and by_value[52.6].year == 2020
    assert (by_value[120].kind, by_value[120].year, by_value[120].period) == ("cumulative", None, (2016, 2020))


def test_period_opening_a_sum_governs_its_own_clause_only() -> None:
    plan = _plan(
        "一、发展基础\n2020年，全市地区生产总值达到3862亿元。“十三五”期间累计城镇新增就业42.6万人；"
        "森林覆盖率达到41.2%。\n"
    )
    by_value = {f.value: f for f in plan.facts}
    assert (by_value[42.6].year, by_value[42.6].period) == (None, (2016, 2020))
    assert (by_value[41.2].year, by_value[41.2].period) == (2020, None)


def test_traditional_units_count_and_intensity_share() -> None:
    plan = _plan("第二章 發展目標\n到2025年，建成省級現代農業產業園2個，全社會研發經費投入強度達到2.5%。\n")
    kinds = {t.value: t.kind for t in plan.targets}
    assert kinds == {2: "count", 2.5: "share"}


def test_industry_item_heading_scopes_a_bare_measure() -> None:
    text = (
        "三、主要任务\n（一）做大做强主导产业\n"
        "2. 新材料产业。重点发展先进金属材料，延伸产业链条，到2020年产值达到200亿元。\n"
    )
    assert [t.indicator for t in _plan(text).targets] == ["新材料产业产值"]

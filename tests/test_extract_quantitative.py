"""One test per construction of Chinese plan language, on sentences written for these tests
(not taken from the example plans)."""

from __future__ import annotations

from planwatch.documents import document_from_text
from planwatch.extract import Fact, Target, extract_quantitative
from planwatch.outline import build_outline


def run(
    text: str, period: tuple[int, int] | None = (2021, 2025), *, annual: bool = False
) -> tuple[list[Target], list[Fact]]:
    doc = document_from_text(text)
    targets, facts = extract_quantitative(doc, build_outline(doc), period, annual_document=annual)
    for rec in [*targets, *facts]:
        assert text[rec.start : rec.end] == rec.quote
    return targets, facts


def by_value(records: list[Target] | list[Fact], value: float) -> list[Target] | list[Fact]:
    return [r for r in records if abs(r.value - value) < 1e-9]


def test_level_and_growth_in_one_sentence() -> None:
    targets, facts = run("到2025年，全县规模以上工业增加值达到320亿元，年均增长15%。")
    assert not facts
    level, growth = by_value(targets, 320)[0], by_value(targets, 15)[0]
    assert (level.kind, level.unit, level.target_year) == ("level", "亿元", 2025)
    assert level.indicator == "全县规模以上工业增加值"
    assert growth.kind == "growth" and growth.indicator == "全县规模以上工业增加值"
    assert "320亿元" in level.quote and "15%" in growth.quote


def test_fact_with_previous_year_growth_and_share() -> None:
    targets, facts = run("2020年，全县地区生产总值实现86.5亿元，比上年增长11.2%，占全省的3.1%。")
    assert not targets
    level, growth, share = by_value(facts, 86.5)[0], by_value(facts, 11.2)[0], by_value(facts, 3.1)[0]
    assert [f.kind for f in (level, growth, share)] == ["level", "growth", "share"]
    assert all(f.year == 2020 for f in (level, growth, share))
    assert level.indicator == "全县地区生产总值"
    assert share.indicator.startswith("全县地区生产总值占全省")


def test_respectively_distributes_growth() -> None:
    targets, _ = run("到2025年，出口额达到50亿美元，进口额达到30亿美元，年均分别增长12%左右。")
    growth = [t for t in targets if t.kind == "growth"]
    assert sorted(t.indicator for t in growth) == ["出口额", "进口额"]
    assert all(t.value == 12 and t.unit == "%" for t in growth)
    assert all(t.quote.endswith("左右") for t in growth)


def test_period_fact_from_previous_five_year_plan() -> None:
    targets, facts = run("“十三五”期间，全市一般公共预算收入年均增长6.3%。")
    assert not targets
    (fact,) = facts
    assert fact.kind == "growth" and fact.period == (2016, 2020) and fact.year is None


def test_count_target_and_comparator() -> None:
    targets, _ = run("到2025年，力争培育国家级专精特新企业30家以上。")
    (t,) = targets
    assert (t.kind, t.value, t.unit, t.comparator) == ("count", 30, "家", ">=")
    assert "专精特新企业" in t.indicator


def test_relative_change_and_cumulative() -> None:
    targets, _ = run("“十四五”期间，单位地区生产总值能耗降低13.5%，累计完成固定资产投资2000亿元。")
    change, cumulative = by_value(targets, 13.5)[0], by_value(targets, 2000)[0]
    assert change.kind == "change" and "能耗" in change.indicator
    assert cumulative.kind == "cumulative"
    assert change.target_year == 2025


def test_rate_reaching_a_value_is_a_share() -> None:
    targets, _ = run("到2025年，常住人口城镇化率达到68%，森林覆盖率提高到45.2%。")
    assert {t.kind for t in targets} == {"share"}
    assert {t.indicator for t in targets} == {"常住人口城镇化率", "森林覆盖率"}


def test_threshold_qualifier_is_not_a_target() -> None:
    targets, _ = run("到2025年，培育年销售收入10亿元以上的龙头企业20户。")
    assert [(t.value, t.unit) for t in targets] == [(20, "户")]


def test_annual_work_report_targets() -> None:
    targets, _ = run("力争全年新增规模以上工业企业50户以上，实施省市重点项目120个。", None, annual=True)
    assert [t.value for t in targets] == [50, 120]
    assert all(t.annual and t.target_year is None for t in targets)


def test_subject_scope_carried_to_later_clauses() -> None:
    _, facts = run("2020年，全市规模以上工业实现增加值500亿元；实现利润60亿元，上缴税金45亿元。", (2021, 2025))
    names = {f.value: f.indicator for f in facts}
    assert names[500] == "全市规模以上工业增加值"
    assert names[60] == "全市规模以上工业利润"
    assert names[45] == "全市规模以上工业上缴税金"


def test_traditional_characters() -> None:
    targets, _ = run("到2025年，全市地區生產總值達到5000億元，年均增長8%。")
    level, growth = by_value(targets, 5000)[0], by_value(targets, 8)[0]
    assert level.unit == "億元" and level.kind == "level"
    assert level.indicator == "全市地區生產總值"
    assert growth.kind == "growth" and growth.indicator == "全市地區生產總值"


def test_baseline_links_target_to_earlier_fact() -> None:
    text = (
        "一、发展基础\n2020年，全市地区生产总值为5751亿元。\n"
        "二、发展目标\n到2025年，全市地区生产总值达到8000亿元。\n"
    )
    targets, facts = run(text)
    (t,) = targets
    assert (t.baseline_value, t.baseline_year) == (5751, 2020)
    assert facts[0].year == 2020


def test_section_prior_review_versus_goals() -> None:
    text = "一、“十三五”发展回顾\n全市高新技术企业达到1200家。\n二、主要目标\n全市高新技术企业达到2500家。\n"
    targets, facts = run(text)
    assert [f.value for f in facts] == [1200]
    assert [t.value for t in targets] == [2500]
    assert targets[0].target_year == 2025


def test_names_dates_ordinals_and_codes_are_skipped() -> None:
    text = (
        "第三章 主要任务\n一是落实“4567”产业振兴计划和“黄金30条”，2021年至2025年实施两个三年行动。\n"
        "引进ERJ145型支线飞机和9FA燃气轮机，建设30万千瓦级机组。\n"
    )
    targets, facts = run(text)
    assert targets == [] and facts == []


def test_multiple_of_earlier_value_names_the_subject() -> None:
    _, facts = run("2020年，全区实现工业总产值702亿元，是2015年的3.5倍。", (2021, 2025))
    multiple = by_value(facts, 3.5)[0]
    assert multiple.kind == "change" and multiple.indicator == "全区工业总产值"
    assert multiple.year == 2020


def test_horizon_without_year_has_no_target_year() -> None:
    targets, _ = run("力争在3至5年内，龙头企业年主营业务收入达到10亿元以上。")
    (t,) = targets
    assert t.target_year is None and t.comparator == ">="


def test_robust_inputs() -> None:
    for text in ("", "1234567890" * 5000, "。；，、" * 1000, "年" * 3000 + "达到5亿元", "abc 12 def 3.5% ghi"):
        run(text)
    long_line = "全市工业增加值达到500亿元，年均增长8%，" * 20000
    targets, _ = run(long_line)
    assert len(targets) == 40000


def test_from_to_construction_names_both_values() -> None:
    _, facts = run("“十三五”以来，全省数字经济规模由2015年的6000亿元增长到2020年的1.2万亿元。")
    first, second = by_value(facts, 6000)[0], by_value(facts, 1.2)[0]
    assert first.indicator == second.indicator == "全省数字经济规模"
    assert (first.year, second.year) == (2015, 2020)
    assert second.unit == "万亿元"


def test_benchmark_comparison_names_the_subject() -> None:
    _, facts = run("2020年，全市两化融合发展水平指数为56.2，高于全国平均水平2.1个百分点。")
    gap = by_value(facts, 2.1)[0]
    assert gap.kind == "change" and gap.indicator == "全市两化融合发展水平指数"


def test_list_items_share_the_verb() -> None:
    targets, _ = run("到2025年，培育数字经济领军企业50家、上市企业20家。")
    leaders, listed = by_value(targets, 50)[0], by_value(targets, 20)[0]
    assert leaders.kind == listed.kind == "count"
    assert listed.indicator == "上市企业"
    assert listed.quote.startswith("上市企业")


def test_year_average_is_not_respectively() -> None:
    targets, _ = run("到2025年，全市旅游总收入达到900亿元，年均增长10%。")
    assert len(by_value(targets, 10)) == 1


def test_baseline_in_another_scale_of_the_unit() -> None:
    text = "一、发展基础\n2020年，全省数字经济规模达到1.2万亿元。\n二、发展目标\n到2025年，全省数字经济规模达到18000亿元。\n"
    targets, _ = run(text)
    (t,) = targets
    assert t.baseline_value == 12000 and t.baseline_year == 2020


def test_share_of_a_total_with_a_lower_bound() -> None:
    targets, _ = run("到2025年，市属国有企业市场化选聘经理层成员不低于成员总数的30%。")
    (t,) = targets
    assert t.kind == "share" and t.comparator == ">="
    assert "占成员总数" in t.indicator


def test_relative_change_without_year_average() -> None:
    _, facts = run("一、“十三五”发展成就\n企业开办时间平均压缩60%，审批事项精简至120项。\n", (2021, 2025))
    change = by_value(facts, 60)[0]
    assert change.kind == "change" and change.period == (2016, 2020)


def test_entity_scope_does_not_leak_into_the_next_sentence() -> None:
    text = "到2025年，高新技术企业增加值达到260亿元，年均增长25%；出口总额达到26亿美元，年均增长12%。"
    targets, _ = run(text)
    names = {t.value: t.indicator for t in targets}
    assert names[260] == "高新技术企业增加值" and names[25] == "高新技术企业增加值"
    assert names[26] == "出口总额" and names[12] == "出口总额"


def test_growth_after_a_share_names_the_level() -> None:
    targets, _ = run("到2025年，开发区生产总值达到460亿元，占全市的15%，年均增长12%。")
    growth = by_value(targets, 12)[0]
    assert growth.kind == "growth" and growth.indicator == "开发区生产总值"
    share = by_value(targets, 15)[0]
    assert share.kind == "share" and share.indicator == "开发区生产总值占全市比重"


def test_environment_and_social_indicators() -> None:
    text = (
        "到“十四五”期末，全市细颗粒物（PM2.5）平均浓度下降到35微克/立方米以下，万元GDP用水量控制在30立方米以内，"
        "人均预期寿命达到79岁。力争城乡居民收入翻一番。"
    )
    targets, facts = run(text)
    assert not facts
    pm = by_value(targets, 35)[0]
    assert pm.indicator == "全市细颗粒物（PM2.5）平均浓度" and pm.comparator == "<=" and pm.target_year == 2025
    water = by_value(targets, 30)[0]
    assert water.comparator == "<=" and water.indicator == "万元GDP用水量"
    assert by_value(targets, 79)[0].unit == "岁"
    doubling = by_value(targets, 1)[0]  # 翻一番: value 1, unit 番, a change (gold convention)
    assert (doubling.indicator, doubling.unit, doubling.kind) == ("城乡居民收入", "番", "change")
    assert len(targets) == 4


def test_capacity_is_a_level_and_coordinated_items_share_the_sum() -> None:
    targets, _ = run("到2025年，形成年产新能源汽车30万辆、动力电池20万套的生产能力。")
    assert {t.kind for t in targets} == {"level"} and len(targets) == 2
    _, facts = run("2020年，全市企业累计吸纳农村劳动力6.2万人次和下岗职工3.5万人次。", (2021, 2025))
    assert [f.kind for f in facts] == ["cumulative", "cumulative"]
    assert facts[1].indicator == "下岗职工"


def test_task_sections_about_infrastructure_or_environment_hold_targets() -> None:
    text = (
        "第五章 加强基础设施建设\n新建农村公路300公里，改造危桥20座。\n"
        "第六章 持续优化营商环境\n企业开办时间压缩至1个工作日。\n"
        "第一章 发展基础\n全市公路总里程达到1.2万公里。\n"
    )
    targets, facts = run(text)
    assert sorted(t.value for t in targets) == [1, 20, 300]
    assert [f.value for f in facts] == [1.2]


def test_figure_named_by_the_clause_before_and_years_as_values() -> None:
    targets, _ = run(
        "到2025年，每万人口发明专利拥有量达到12件，高新技术企业数量翻一番，达到3000家；"
        "劳动年龄人口平均受教育年限提高到11.5年，力争在3年内建成。"
    )
    assert by_value(targets, 3000)[0].indicator == "高新技术企业数量"
    years = by_value(targets, 11.5)[0]
    assert years.unit == "年" and years.indicator == "劳动年龄人口平均受教育年限"
    assert not by_value(targets, 3)

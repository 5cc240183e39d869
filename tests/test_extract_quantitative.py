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

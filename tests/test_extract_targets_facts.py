"""Targets versus facts, one construction per test (sentences written here, not copied from the
corpus): how genre, lead-ins and the wording of a clause decide between a goal and a result."""

from __future__ import annotations

from planwatch.documents import document_from_text
from planwatch.extract import extract_plan
from planwatch.extract.genre import find_genre
from planwatch.extract.model import PlanExtraction
from planwatch.quantities import find_quantities


def _extract(text: str) -> PlanExtraction:
    return extract_plan(document_from_text(text, name="t.txt"))


# ---- numbers -----------------------------------------------------------------------------------


def test_space_as_thousands_separator_before_a_unit() -> None:
    qs = find_quantities("某县1985年木材产量1 860立方米，粮食总产量 12 400.5吨")
    assert [(q.value, q.unit) for q in qs] == [(1860.0, "立方米"), (12400.5, "吨")]


def test_space_between_columns_is_not_a_thousands_separator() -> None:
    qs = find_quantities("| 指标 | 12 | 300 |\n产值 45 120 个")
    assert [q.value for q in qs if q.unit is None][:2] == [12.0, 300.0]


def test_foreign_currencies_and_old_mass_units() -> None:
    qs = find_quantities("边贸总额3亿瑞士法郎，出口1.2亿英镑，收购茶叶3.5万担")
    assert [(q.value, q.unit) for q in qs] == [(3.0, "亿瑞士法郎"), (1.2, "亿英镑"), (3.5, "万担")]
    assert find_quantities("由3人承担任务") and all(q.unit != "担" for q in find_quantities("由3担任组长"))


# ---- genre -------------------------------------------------------------------------------------


def test_a_sentence_of_the_body_is_not_the_title() -> None:
    text = "# source: example\n第一节 经济概况\n1980年执行省年度计划。\n"
    assert find_genre(text).kind == "plan"


# ---- goals and results ---------------------------------------------------------------------------


def test_list_after_a_goal_lead_in_is_goals_across_semicolons() -> None:
    text = (
        "第三节 规划沿革\n"
        "1985年编制五年规划，确定奋斗目标:乡镇企业总收入,1986年4 200万元、1990年7 800万元;"
        "农民人均纯收入,1986年560元、1990年900元。\n"
        "当年乡镇企业总收入3 950万元。\n"
    )
    result = _extract(text)
    assert sorted(t.value for t in result.targets) == [560.0, 900.0, 4200.0, 7800.0]
    assert [f.value for f in result.facts] == [3950.0]


def test_completion_rate_of_the_plan_is_a_result() -> None:
    text = "二、年度计划\n1983年编制年度计划。全年农业总产值完成计划的96.2%，财政收入计划完成率为104.5%。\n"
    result = _extract(text)
    assert result.targets == []
    assert sorted(f.value for f in result.facts) == [96.2, 104.5]


def test_point_unit_shared_by_a_pair() -> None:
    qs = find_quantities("工业和服务业增速分别快于全国0.8个和2个百分点")
    assert [(q.value, q.unit) for q in qs] == [(0.8, "个百分点"), (2.0, "个百分点")]


# ---- mid-term evaluations ------------------------------------------------------------------------


def test_counts_of_the_plans_indicators_are_facts() -> None:
    text = (
        "某省“十四五”规划纲要实施中期评估报告\n"
        "纲要共设置28项主要指标，其中约束性指标9个。目前有21个指标达到进度要求，约占75%。\n"
        "到2025年，全省常住人口城镇化率达到66%。\n"
    )
    result = _extract(text)
    assert [t.value for t in result.targets] == [66.0]
    assert sorted(f.value for f in result.facts) == [9.0, 21.0, 28.0, 75.0]


def test_midterm_past_years_are_results_and_the_horizon_is_due() -> None:
    text = (
        "某市“十四五”规划中期评估报告\n"
        "一、总体进展\n"
        "2021年至2022年全市生产总值年均增长6.8%，2023年上半年增长5.9%。"
        "到2025年，全市生产总值达到5200亿元。\n"
    )
    result = _extract(text)
    assert [(t.value, t.target_year) for t in result.targets] == [(5200.0, 2025)]
    assert sorted(f.value for f in result.facts) == [5.9, 6.8]


def test_news_copy_takes_the_genre_of_the_report_it_quotes() -> None:
    text = (
        "某省经济增速目标拟下调\n"
        "记者 张三\n"
        "昨日，《省政府关于“十四五”规划纲要实施中期评估的报告》提请省人大常委会审议。报告称各项指标进展顺利。\n"
    )
    assert find_genre(text).kind == "midterm"


def test_headline_repeating_a_figure_of_the_body_is_not_a_second_record() -> None:
    text = (
        "某市农业总产值目标调整为500亿元\n"
        "本报讯 近日，市政府提出，将“十四五”末农业总产值目标调整为500亿元，比原目标低20亿元，全面推进乡村振兴。\n"
    )
    result = _extract(text)
    values = [r.value for r in [*result.targets, *result.facts]]
    assert values.count(500.0) == 1
    assert text.index("本报讯") < next(r.start for r in [*result.targets, *result.facts] if r.value == 500.0)


# ---- rates: sign, kind and which subjects they apply to -----------------------------------------


def test_decrease_written_as_growth_is_a_negative_rate() -> None:
    text = "二、主要目标\n到2030年，全镇农村居民家庭恩格尔系数年均递减0.8个百分点，单位产值能耗比2025年降低12%。\n"
    result = _extract(text)
    got = sorted((t.kind, t.value, t.unit) for t in result.targets)
    assert got == [("change", 12.0, "%"), ("growth", -0.8, "个百分点")]
    assert "递减" not in next(t.indicator for t in result.targets if t.kind == "growth")


def test_bare_decrease_after_a_level_in_a_report_is_the_years_growth() -> None:
    text = (
        "2024年某区政府工作报告\n"
        "一、2023年工作回顾\n"
        "全区工业总产值86.5亿元、下降3.2%；社会消费品零售总额41亿元，增长6%。\n"
    )
    result = _extract(text)
    assert sorted((f.kind, f.value) for f in result.facts if f.unit == "%") == [("growth", -3.2), ("growth", 6.0)]


def test_list_of_rates_pairs_with_the_figures_before_it() -> None:
    text = (
        "2024年某县政府工作报告\n"
        "一、2023年工作回顾\n"
        "全县发生火灾事故12起、受伤5人，同比分别下降25%、37.5%。\n"
    )
    result = _extract(text)
    assert sorted(f.value for f in result.facts if f.unit == "%") == [-37.5, -25.0]


def test_one_rate_for_two_subjects_joined_by_and() -> None:
    text = "二、发展目标\n到2030年，全镇工业总产值和规模以上工业利润年均增长9%，服务业增加值达到30亿元。\n"
    result = _extract(text)
    growth = sorted(t.indicator for t in result.targets if t.kind == "growth")
    assert growth == ["全镇工业总产值", "规模以上工业利润"]


def test_doubling_against_the_end_of_the_last_plan_applies_to_each_figure() -> None:
    text = "二、发展目标\n全市农业总产值将达到800亿元，农民人均纯收入达到3万元，均比“十四五”末翻一番。\n"
    result = _extract(text)
    doubled = sorted(t.indicator for t in result.targets if t.unit == "番")
    assert doubled == ["全市农业总产值", "农民人均纯收入"]


def test_accidents_counted_in_qi() -> None:
    qs = find_quantities("全年发生较大事故2起，从此起步")
    assert [(q.value, q.unit) for q in qs] == [(2.0, "起")]


# ---- tables laid out one cell per line --------------------------------------------------------------


def test_header_led_one_cell_per_line_indicator_table() -> None:
    text = (
        "某县国民经济和社会发展第十五个五年规划纲要\n"
        "第二章 发展目标\n专栏1 主要指标\n"
        "指标\n2025年\n2030年\n年均增长\n属性\n"
        "地区生产总值（亿元）\n320\n450\n7%\n预期性\n"
        "森林覆盖率（%）\n61.2\n63\n—\n约束性\n"
        "第三章 重点任务\n"
    )
    result = _extract(text)
    assert sorted((t.indicator, t.kind, t.value, t.target_year) for t in result.targets) == [
        ("地区生产总值", "growth", 7.0, 2030),
        ("地区生产总值", "level", 450.0, 2030),
        ("森林覆盖率", "share", 63.0, 2030),
    ]
    assert sorted((f.value, f.unit, f.year) for f in result.facts) == [(61.2, "%", 2025), (320.0, "亿元", 2025)]


def test_piped_one_cell_per_line_table_of_a_bulletin_gives_facts_of_the_captions_year() -> None:
    text = (
        "某县2024年国民经济和社会发展统计公报\n"
        "全年地区生产总值86亿元，比上年增长5.2%。\n"
        "表1 某县2024年分行业增加值\n|\n行业名称 |\n现价 (亿元) |\n增速 (%) |\n|\n"
        "地区生产总值 |\n86 |\n5.2 |\n|\n农业 |\n12.5 |\n3.1 |\n|\n工业 |\n30.2 |\n6.4 |\n|\n"
    )
    result = _extract(text)
    assert result.targets == []
    table = sorted((f.indicator, f.kind, f.value, f.unit, f.year) for f in result.facts if f.evidence.startswith("table"))
    # the total row repeats the text's figures: those are read once, from the text
    assert table == [
        ("农业", "growth", 3.1, "%", 2024), ("农业", "level", 12.5, "亿元", 2024),
        ("工业", "growth", 6.4, "%", 2024), ("工业", "level", 30.2, "亿元", 2024),
    ]


def test_a_table_cell_with_a_document_number_holds_no_value() -> None:
    text = (
        "某市三年行动方案(2024—2026年)\n"
        "文 号: | 某府办发〔2024〕10号 | 是否有效: | |\n"
        "生成日期: | 2024-03-01 | 主题: | |\n"
        "一、主要目标\n到2026年，全市新建5G基站3000个。\n"
    )
    result = _extract(text)
    assert [t.value for t in result.targets] == [3000.0]


# ---- from one state to another ----------------------------------------------------------------------


def test_structure_ratios_written_with_the_ratio_sign_each_with_its_year() -> None:
    text = (
        "某县“十三五”规划纲要\n一、“十二五”发展回顾\n"
        "三次产业结构由2010年的30.5∶40.2∶29.3调整为24.1∶42.6∶33.3。\n"
    )
    result = _extract(text)
    got = sorted((f.value, f.year, f.indicator) for f in result.facts)
    assert [(v, y) for v, y, _ in got] == [
        (24.1, 2015), (29.3, 2010), (30.5, 2010), (33.3, 2015), (40.2, 2010), (42.6, 2015)
    ]
    assert {name for _, _, name in got} == {"三次产业结构"}


def test_from_to_gives_two_records_with_their_own_years() -> None:
    text = (
        "某县“十三五”规划纲要\n一、“十二五”发展回顾\n"
        "“十二五”期间，全县城镇化率由2010年的38%上升到2015年的46.5%，服务业比重由30%提高到36.2%。\n"
    )
    result = _extract(text)
    assert result.targets == []
    assert sorted((f.value, f.year) for f in result.facts) == [(30.0, 2010), (36.2, 2015), (38.0, 2010), (46.5, 2015)]


def test_goal_and_what_is_already_reached_in_one_sentence() -> None:
    text = "某市“十四五”规划纲要\n二、发展目标\n到2025年，全市研发投入强度目标为3%，2022年已达到2.6%。\n"
    result = _extract(text)
    assert [(t.indicator, t.value, t.target_year) for t in result.targets] == [("全市研发投入强度", 3.0, 2025)]
    assert [(f.value, f.year) for f in result.facts] == [(2.6, 2022)]


# ---- ranks and supervision reports ------------------------------------------------------------------


def test_ranks_stated_as_a_place_in_a_ranking() -> None:
    text = (
        "2024年某市政府工作报告\n一、2023年工作回顾\n"
        "全市地区生产总值增长6.1%，增幅全省排第5位；专利授权量保持全省第二位，经济总量前移至第九位。"
        "全球前50强企业在我市设立分支机构。\n"
    )
    result = _extract(text)
    ranks = sorted(f.value for f in result.facts if f.unit == "位")
    assert ranks == [2.0, 5.0, 9.0]
    assert all(f.unit != "强" and f.value != 50 for f in result.facts)


def test_items_of_assigned_tasks_open_with_the_task_then_report_the_result() -> None:
    text = (
        "2024年某市政府工作报告重点工作完成情况的通报\n"
        "一、主要指标任务完成情况\n"
        "(二)报告中确定的其他任务完成情况\n"
        "1.新增规模以上工业企业不少于50家;新建标准厂房20万平方米。上半年,新增规模以上工业企业31家。\n"
    )
    result = _extract(text)
    assert sorted(t.value for t in result.targets) == [20.0, 50.0]
    assert [f.value for f in result.facts] == [31.0]


# ---- thresholds that are the figure, not a qualifier -------------------------------------------------


def test_count_with_at_least_before_the_counted_noun() -> None:
    text = "2025年某县政府工作报告\n二、2025年工作安排\n全年培育5个以上省级专精特新企业，招引投资10亿元以上项目3个。\n"
    result = _extract(text)
    assert sorted((t.value, t.unit, t.comparator) for t in result.targets) == [(3.0, "个", "="), (5.0, "个", ">=")]


def test_amount_at_least_before_the_measure_it_names() -> None:
    text = "二、工作目标\n到2027年底，全区30平方公里以上建设用地面积达到海绵城市建设要求，年均新增就业人数2万人以上。\n"
    result = _extract(text)
    assert sorted((t.value, t.unit, t.comparator) for t in result.targets) == [(2.0, "万人", ">="), (30.0, "平方公里", ">=")]


# ---- comparisons, estimates and gaps --------------------------------------------------------------------


def test_year_of_a_multiple_is_its_base_not_its_time() -> None:
    text = "某省“十五五”规划建议说明\n按照6%的增速测算，2030年全省经济总量可达到2万亿元，约为2020年的2.1倍。\n"
    result = _extract(text)
    multiple = next(t for t in result.targets if t.unit == "倍")
    assert (multiple.value, multiple.target_year) == (2.1, 2030)
    assert result.facts == []


def test_estimate_of_the_current_year_in_a_plan_is_a_result() -> None:
    text = (
        "某省“十五五”规划建议说明\n"
        "预计今年底城镇居民人均可支配收入能够达到52000元。到2030年，城镇居民人均可支配收入达到70000元。\n"
    )
    result = _extract(text)
    assert [(t.value, t.target_year) for t in result.targets] == [(70000.0, 2030)]
    assert [(f.value, f.year) for f in result.facts] == [(52000.0, 2025)]


def test_gap_written_as_a_ratio_to_one() -> None:
    text = "二、发展目标\n到2030年，城乡居民收入差距控制在1.9∶1以内，区域人均GDP差距缩小到1.5:1。\n"
    result = _extract(text)
    got = sorted((t.value, t.unit, t.comparator) for t in result.targets)
    assert got == [(1.5, ":1", "="), (1.9, "∶1", "<=")]


def test_count_with_a_threshold_before_de_and_land_areas() -> None:
    text = (
        "二、发展目标\n"
        "到2030年，孵化企业达到300家，其中有20家以上的企业进入产业园区规模生产；"
        "集约开发15.5平方公里土地。年销售收入10亿元以上的企业达到8家。\n"
    )
    result = _extract(text)
    assert sorted(t.value for t in result.targets) == [8.0, 15.5, 20.0, 300.0]


# ---- the time of a fact ------------------------------------------------------------------------------


def test_average_growth_gives_the_period() -> None:
    text = (
        "某县“十五五”规划纲要\n一、“十四五”发展回顾\n"
        "2025年，全县地区生产总值达到320亿元，年均增长7.2%；工业增加值比2022年年均增长9%。\n"
    )
    result = _extract(text)
    got = {f.value: (f.year, f.period) for f in result.facts}
    assert got[320.0] == (2025, None)
    assert got[7.2] == (None, (2021, 2025))
    assert got[9.0] == (None, (2023, 2025))


def test_work_report_review_is_about_the_year_before_the_report() -> None:
    text = "2025年某县人民政府工作报告\n各位代表:\n一、过去一年工作回顾\n全县地区生产总值达到215亿元，增长6%。\n二、今年工作安排\n"
    result = _extract(text)
    assert {(f.value, f.year) for f in result.facts} == {(215.0, 2024), (6.0, 2024)}


def test_review_opening_with_its_year() -> None:
    text = (
        "2025年某县人民政府工作报告\n各位代表:\n一、砥砺奋进，过去一年工作成效显著\n"
        "2025年，是极不平凡的一年。\n全县地区生产总值达到215亿元。\n"
    )
    result = _extract(text)
    assert [(f.value, f.year) for f in result.facts] == [(215.0, 2025)]


def test_execution_report_and_bulletin_report_on_their_titles_year() -> None:
    report = (
        "关于某市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告\n"
        "一、2024年计划执行情况\n全市一般公共预算收入完成86亿元。\n"
    )
    assert [(f.value, f.year) for f in _extract(report).facts] == [(86.0, 2024)]
    bulletin = "某县2024年国民经济和社会发展统计公报\n一、综合\n全县粮食总产量12.5万吨。\n"
    assert [(f.value, f.year) for f in _extract(bulletin).facts] == [(12.5, 2024)]


def test_midterm_evaluation_cites_the_horizon_and_reports_progress() -> None:
    text = (
        "某省“十四五”规划纲要实施中期评估报告\n"
        "二、主要指标完成情况\n"
        "2023年全省地区生产总值达到6802亿元。规划提出到2025年地区生产总值达到8400亿元，目前已完成规划目标的81%。"
        "城镇化率达到56.4%，单位生产总值能耗累计下降7.5%，完成规划目标的46%。\n"
        "三、后两年发展目标\n"
        "预计到2025年，全省城镇居民人均可支配收入达到5.5万元，年均增长6%。\n"
    )
    result = _extract(text)
    assert sorted(t.value for t in result.targets) == [5.5, 6.0, 8400.0]
    assert sorted(f.value for f in result.facts) == [7.5, 46.0, 56.4, 81.0, 6802.0]
    assert all(f.year != 2025 for f in result.facts)


def test_midterm_indicator_table_past_columns_are_facts() -> None:
    cells = "指标名称\n单位\n2020年\n2025年目标\n2023年\n完成进度\n地区生产总值\n亿元\n5000\n7000\n6400\n70%\n"
    aligned = (
        "指标              2020年    2025年目标    2023年实际    年均增长\n"
        "地区生产总值（亿元）  5000      7000        6400        7%\n"
    )
    for table in (cells, aligned):
        text = "某省“十四五”规划纲要实施中期评估报告\n二、主要指标进展情况\n" + table + "三、后两年目标\n"
        result = _extract(text)
        assert sorted((t.value, t.target_year) for t in result.targets if t.kind == "level") == [(7000.0, 2025)]
        assert sorted((f.value, f.year) for f in result.facts if f.unit != "%") == [(5000.0, 2020), (6400.0, 2023)]


def test_genre_from_a_spaced_title_and_from_a_run_on_first_line() -> None:
    assert find_genre("政 府 工 作 报 告\n各位代表：\n").kind == "annual"
    run_on = (
        "# source: example\n某县2015年国民经济和社会发展统计公报 县统计局 2016年3月 2015年，面对经济下行压力，"
        "全县上下紧紧围绕年初确定的目标任务，主动适应经济发展新常态，全年实现地区生产总值45亿元，比上年增长9%。\n"
    )
    assert find_genre(run_on).kind == "bulletin"


def test_a_reviews_list_of_main_indicators_stays_results() -> None:
    text = (
        "2025年某县人民政府工作报告\n一、2024年工作回顾\n"
        "全县主要经济指标:地区生产总值215亿元，增长6%;一般公共预算收入12亿元。\n"
        "二、2025年工作安排\n主要预期目标:地区生产总值增长6.5%;一般公共预算收入增长5%。\n"
    )
    result = _extract(text)
    assert sorted(t.value for t in result.targets) == [5.0, 6.5]
    assert sorted((f.value, f.year) for f in result.facts) == [(6.0, 2024), (12.0, 2024), (215.0, 2024)]


def test_a_reports_years_date_its_figures_without_headings() -> None:
    text = (
        "2013年某省政府工作报告\n各位代表：\n"
        "2012年全省生产总值达到5.4万亿元，地方财政收入4000亿元。"
        "2013年全省生产总值增长9%左右，城镇新增就业110万人以上。\n"
    )
    result = _extract(text)
    assert sorted(f.value for f in result.facts) == [5.4, 4000.0]
    assert sorted(t.value for t in result.targets) == [9.0, 110.0]


def test_news_of_a_plans_progress_reads_as_an_evaluation() -> None:
    text = (
        "某省“十四五”规划纲要实施三年来成效显著\n记者 李四\n"
        "全省生产总值年均增长6.5%，高于规划目标1个百分点。城镇化率达到66.4%，完成规划目标的80%。"
        "确保到2025年全省生产总值达到8000亿元。\n"
    )
    assert find_genre(text).kind == "midterm"
    result = _extract(text)
    assert [(t.value, t.target_year) for t in result.targets] == [(8000.0, 2025)]
    assert sorted(f.value for f in result.facts) == [1.0, 6.5, 66.4, 80.0]


def test_list_labels_are_no_part_of_an_indicator() -> None:
    text = "一、主要任务\n1.到2030年，全市应急救援队伍达到50支。\n(2)建设应急避难场所30处。\n"
    result = _extract(text)
    assert sorted(t.indicator for t in result.targets) == ["全市应急救援队伍", "建设应急避难场所"]


def test_kinds_of_amount_percentages_counts_of_indicators_and_period_investment() -> None:
    text = (
        "某省“十四五”重大项目规划\n二、发展目标\n"
        "“十四五”时期安排投资5000亿元，居民消费价格涨幅3%左右，建议将地区生产总值预期目标调整为6%左右。\n"
    )
    kinds = {t.value: t.kind for t in _extract(text).targets}
    assert kinds == {5000.0: "cumulative", 3.0: "growth", 6.0: "growth"}
    evaluation = "某省“十四五”规划纲要实施中期评估报告\n纲要确定了25项主要指标，其中约束性指标8个。\n"
    assert {f.kind for f in _extract(evaluation).facts} == {"count"}


def test_names_carry_no_modal_or_milestone_verbs() -> None:
    text = (
        "2024年某县政府工作报告\n一、2023年工作回顾\n"
        "全县生产总值跨过300亿元台阶，食品产业产值迈上100亿元，规模以上工业增加值可比增长9.1%。\n"
    )
    names = sorted(f.indicator for f in _extract(text).facts)
    assert names == ["全县生产总值", "规模以上工业增加值", "食品产业产值"]

"""One test per construction of Chinese plan language the extractor reads (sentences written here)."""

from __future__ import annotations

from planwatch.documents import document_from_text
from planwatch.extract import extract_plan
from planwatch.extract.model import PlanExtraction
from planwatch.extract.projects import extract_projects
from planwatch.outline import build_outline


def _extract(text: str) -> PlanExtraction:
    return extract_plan(document_from_text(text, name="t.txt"))


def _project_names(text: str) -> list[str]:
    doc = document_from_text(text)
    projects = extract_projects(doc, build_outline(doc))
    for p in projects:
        assert text[p.start : p.end] == p.quote
    return [p.name for p in projects]


# ---- projects named in prose -----------------------------------------------------------------


def test_prose_list_ending_in_etc_projects() -> None:
    text = "二、产业发展\n今后五年，重点扶持甲城光伏组件、乙镇冷链物流中心、丙河大桥等重点项目，带动产业升级。\n"
    assert _project_names(text) == ["甲城光伏组件", "乙镇冷链物流中心", "丙河大桥"]


def test_prose_list_strips_location_prefix_and_reads_qualified_group() -> None:
    text = "二、工业\n重点推动区内轻型货车等汽车项目，扩大生产规模。\n"
    assert _project_names(text) == ["轻型货车"]


def test_prose_list_without_etc_keeps_the_last_items_suffix() -> None:
    text = "三、项目建设\n加快推进东湖水厂、西山风电项目落地见效。\n"
    assert _project_names(text) == ["东湖水厂", "西山风电项目"]


def test_prose_list_brought_into_operation_without_the_word_project() -> None:
    text = "三、项目建设\n加快推动北区焦化、南港码头二期达产。\n"
    assert _project_names(text) == ["北区焦化", "南港码头二期"]


def test_prose_subject_list_without_verb() -> None:
    text = "一、工作回顾\n全年工作有序推进，东江引水、北山隧道等重大项目前期工作顺利。\n"
    assert _project_names(text) == ["东江引水", "北山隧道"]


def test_prose_description_is_not_a_project_list() -> None:
    text = "二、改革\n鼓励民间资本参与污水处理、垃圾焚烧等项目，完善定价机制。重点引进一批产业化项目。\n"
    assert _project_names(text) == []


# ---- document genre and section orientation -------------------------------------------------

from planwatch.extract.classify import section_prior  # noqa: E402
from planwatch.extract.genre import find_genre, genre_of_title  # noqa: E402
from planwatch.extract.repair import mend_text  # noqa: E402


def test_genre_of_titles() -> None:
    assert genre_of_title("关于某市2024年国民经济和社会发展计划执行情况与2025年计划草案的报告") == "execution_report"
    assert genre_of_title("某县2023年国民经济和社会发展统计公报") == "bulletin"
    assert genre_of_title("某市“十四五”规划纲要实施中期评估报告") == "midterm"
    assert genre_of_title("2025年某县政府工作报告") == "annual"
    assert genre_of_title("某市国民经济和社会发展第十五个五年规划纲要") == "plan"
    assert genre_of_title("某县志") == "gazetteer"


def test_title_below_source_date_and_byline() -> None:
    text = "# source: http://example.org/a.html\n2025年3月1日\n某县人民政府县长:王某\n2025年某县政府工作报告\n各位代表:\n"
    genre = find_genre(text)
    assert (genre.kind, genre.title) == ("annual", "2025年某县政府工作报告")


def test_section_orientation_word_read_last_decides() -> None:
    assert section_prior("过去一年工作回顾") == -1
    assert section_prior("2024年计划执行情况") == -1
    assert section_prior("2024年计划执行情况及2025年计划草案") == 1


def test_execution_report_figures_are_facts() -> None:
    text = (
        "关于某市2024年国民经济和社会发展计划执行情况的报告\n"
        "一、2024年计划执行情况\n"
        "全市地区生产总值达到1200亿元，增长5.1%，一般公共预算收入86亿元。\n"
        "二、2025年主要预期目标\n"
        "地区生产总值增长5.5%左右。\n"
    )
    result = _extract(text)
    assert [f.value for f in result.facts] == [1200.0, 5.1, 86.0]
    assert [(t.value, t.kind) for t in result.targets] == [(5.5, "growth")]


def test_statistical_bulletin_gives_facts_only() -> None:
    text = "某县2024年国民经济和社会发展统计公报\n全年地区生产总值预计达到300亿元，比上年增长6%。\n"
    result = _extract(text)
    assert result.targets == []
    assert sorted(f.value for f in result.facts) == [6.0, 300.0]


def test_unnumbered_review_heading_orients_its_paragraphs() -> None:
    text = "2025年某县政府工作报告\n各位代表:\n过去一年工作回顾\n预计全县生产总值57.5亿元、增长8%。\n今年工作安排\n全县生产总值增长7%。\n"
    result = _extract(text)
    assert sorted(f.value for f in result.facts) == [8.0, 57.5]
    assert [t.value for t in result.targets] == [7.0]


# ---- broken text -------------------------------------------------------------------------------


def test_hard_wrapped_lines_are_joined_and_offsets_kept() -> None:
    body = [
        "全区生产总值年均增长百分之十以上，人均生产总值到规划期末达到一万美元左右，外商直接投资达到1.01",
        "亿美元，城镇居民人均可支配收入年均递增百分之十，达到三点七四万元，农村居民收入稳步增长，同比提高",
        "一个百分点，社会事业全面进步，生态环境持续改善，人民群众获得感明显增强，各项事业取得新的成绩。",
        "产业结构持续优化，先进制造业和现代服务业比重不断提高，工业增加值达到一百四十一亿元，科技创新能",
        "力显著提升，研发投入强度逐年提高，创新平台建设取得突破，人才队伍不断壮大，发展后劲持续增强。",
    ]
    text = "某区“十一五”规划纲要\n" + "\n".join(body) + "\n"
    mended = mend_text(text)
    assert mended is not None and "1.01亿美元" in mended.text
    s = mended.text.index("1.01亿美元")
    start, end = mended.span(s, s + len("1.01亿美元"))
    assert text[start:end] == "1.01\n亿美元"
    result = _extract(text)
    usd = [r for r in [*result.targets, *result.facts] if r.unit == "亿美元"]
    assert [(r.value, r.quote.endswith("1.01\n亿美元")) for r in usd] == [(1.01, True)]


def test_copying_site_marks_at_line_ends_are_dropped() -> None:
    text = "过去一年工作回顾x7Q\n全县生产总值57.5亿元。x7Q\n粮食产量6.8万吨。x7Q\n烟叶产量2.4万担。x7Q\n"
    mended = mend_text(text)
    assert mended is not None
    assert "x7Q" not in mended.text and "过去一年工作回顾\n" in mended.text


# ---- baselines of the same scope ---------------------------------------------------------------


def test_baseline_is_the_whole_not_a_part() -> None:
    text = (
        "某市工业发展规划\n一、发展回顾\n2005年全部工业增加值490.9亿元，其中轻工业增加值122亿元，重工业增加值228.7亿元。\n"
        "二、主要目标\n到2010年，工业增加值达到1050亿元。\n"
    )
    target = next(t for t in _extract(text).targets if t.value == 1050)
    assert (target.baseline_value, target.baseline_year) == (490.9, 2005)


def test_industry_plan_headline_target_baseline() -> None:
    """Regression: the Harbin industry plan's 工业增加值 1050亿元 is measured from 490.9 (全部工业), not 228.7 (重工业)."""
    from pathlib import Path

    from planwatch.documents import load_document

    path = Path(__file__).resolve().parent.parent / "examples" / "harbin" / "harbin-industry-2006-2010.txt"
    result = extract_plan(load_document(path))
    target = next(t for t in result.targets if t.value == 1050 and t.unit == "亿元")
    assert (target.baseline_value, target.baseline_year) == (490.9, 2005)


# ---- tasks in work reports and task-division tables ---------------------------------------------


def test_work_plan_section_holds_tasks() -> None:
    text = (
        "2025年某县政府工作报告\n三、2025年工作安排\n"
        "（一）聚焦扩大内需，激发消费活力。持续扩大有效投资。稳定投资规模。\n"
        "（二）聚焦产业升级，培育新兴产业。加强创新平台建设。\n"
    )
    titles = [t.title for t in _extract(text).tasks]
    assert "聚焦扩大内需，激发消费活力" in titles and "聚焦产业升级，培育新兴产业" in titles


def test_task_table_rendered_as_lines_gives_assigned_tasks() -> None:
    text = (
        "某区2024年重点工作任务分解方案\n一、主要预期目标\n"
        "1.地区生产总值增长6%左右。\n牵头单位:区发改局\n责任单位:各街道\n"
        "2.固定资产投资增长10%。\n牵头单位:区住建局\n"
    )
    tasks = _extract(text).tasks
    assert [(t.title, t.responsible) for t in tasks] == [
        ("地区生产总值增长6%左右", ["区发改局", "各街道"]),
        ("固定资产投资增长10%", ["区住建局"]),
    ]


def test_prose_parts_of_a_project_group_and_road_sections() -> None:
    text = (
        "二、交通建设\n交通领域项目共有12个大项，涉及城际铁路工程、干线公路工程、内河航道网。\n"
        "将推进甲乙高速丙至丁段、戊己高速庚至辛段等国家高速公路待贯通路段建设。\n"
    )
    assert _project_names(text) == ["城际铁路工程", "干线公路工程", "内河航道网", "甲乙高速丙至丁段", "戊己高速庚至辛段"]


# ---- quantities without a plain number and unit ------------------------------------------------


def _records(text: str) -> list[tuple[str, str, float, str, str]]:
    r = _extract(text)
    return [("T", x.indicator, x.value, x.unit, x.kind) for x in r.targets] + [
        ("F", x.indicator, x.value, x.unit, x.kind) for x in r.facts
    ]


def test_doubling_is_a_change_in_fan() -> None:
    assert _records("二、主要目标\n到2030年，全县农业总产值比2025年翻一番，财政收入翻两番。\n") == [
        ("T", "全县农业总产值", 1.0, "番", "change"),
        ("T", "财政收入", 2.0, "番", "change"),
    ]


def test_ranks_and_a_rank_change() -> None:
    r = _extract("二、主要目标\n到2030年，园区综合排名进入前20名，经济总量在全省位居第6位。\n")
    assert [(t.value, t.unit, t.comparator, t.kind) for t in r.targets] == [
        (20.0, "名", "<=", "level"),
        (6.0, "位", "=", "level"),
    ]
    facts = _extract("一、发展回顾\n2024年全县经济总量排名由第12位升至第9位。\n").facts
    assert [(f.value, f.unit) for f in facts] == [(12.0, "位"), (9.0, "位")]


def test_structure_ratio_gives_three_shares() -> None:
    assert _records("二、主要目标\n到2030年，三次产业结构调整为8:42:50。\n") == [
        ("T", "三次产业结构", 8.0, "%", "share"),
        ("T", "三次产业结构", 42.0, "%", "share"),
        ("T", "三次产业结构", 50.0, "%", "share"),
    ]


def test_fraction_is_a_share() -> None:
    assert [(v, u) for _, _, v, u, _ in _records("二、主要目标\n到2030年，数字经济增加值占全区生产总值的五分之二。\n")] == [
        (40.0, "%")
    ]


def test_count_of_a_class_keeps_the_class_in_the_name() -> None:
    assert _records("二、主要目标\n到2030年，培育12个百亿级产业集群，打造8个200亿级产业园区。\n")[1:] == [
        ("T", "200亿级产业园区", 8.0, "个", "count")
    ]


def test_numbers_inside_names_are_not_figures() -> None:
    assert _records("一、发展回顾\n重点推动612所动力项目落地，贯彻市委七届九次全会精神。\n") == []


def test_from_to_gives_two_records_with_their_own_years() -> None:
    facts = _extract("一、发展回顾\n森林覆盖率由2015年的41%提高到2020年的45.6%。\n").facts
    assert [(f.indicator, f.value, f.year) for f in facts] == [("森林覆盖率", 41.0, 2015), ("森林覆盖率", 45.6, 2020)]


def test_horizon_carries_over_the_paragraphs_of_one_section() -> None:
    text = (
        "某区志\n第三节 十一五规划\n力争到2010年，全区生产总值年均增长12%。\n"
        "产业结构更加优化：工业增加值达到150亿元，社会消费品零售总额达到80亿元。\n"
    )
    r = _extract(text)
    assert sorted((t.value, t.target_year) for t in r.targets) == [(12.0, 2010), (80.0, 2010), (150.0, 2010)]
    assert r.facts == []


def test_doubling_needs_a_measure_and_ranks_need_a_ranking() -> None:
    assert _records("二、任务\n力争提前翻番。两户企业分别列入十大并购案的第三和第五位。\n") == []


def test_planned_value_inside_an_execution_figure_is_a_target() -> None:
    text = (
        "关于某区2024年国民经济和社会发展计划执行情况的报告\n一、2024年计划执行情况\n"
        "全区地区生产总值420亿元，完成年计划450亿元的93.3%，增长4.1%。\n"
    )
    r = _extract(text)
    assert [(t.indicator, t.value) for t in r.targets] == [("全区地区生产总值", 450.0)]
    assert sorted(f.value for f in r.facts) == [4.1, 93.3, 420.0]


def test_indicator_name_drops_the_verb_after_its_scope() -> None:
    facts = _extract("一、工作回顾\n2024年，全县完成地区生产总值233亿元，全市实现社会消费品零售总额80亿元。\n").facts
    assert [f.indicator for f in facts] == ["全县地区生产总值", "全市社会消费品零售总额"]


def test_years_since_give_the_period_ending_in_the_stated_year() -> None:
    facts = _extract("一、发展回顾\n2020年，全市地区生产总值达到900亿元。5年来新增城镇就业30万人。\n").facts
    by_value = {f.value: f for f in facts}
    assert (by_value[900.0].year, by_value[900.0].period) == (2020, None)
    assert (by_value[30.0].year, by_value[30.0].period) == (None, (2016, 2020))

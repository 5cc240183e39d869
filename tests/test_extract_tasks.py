"""Task extraction: constructions of Chinese plan language, deadlines, responsible units, and a
regression against the Harbin gold annotations."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from planwatch.documents import document_from_text, load_document
from planwatch.evaluation import score
from planwatch.extract.model import Task
from planwatch.extract.tasks import extract_tasks, find_deadline_year, find_responsible, is_task_root
from planwatch.outline import build_outline
from tests.extraction_matching import task_f1

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def tasks_of(text: str, period: tuple[int, int] | None = None) -> list[Task]:
    doc = document_from_text(text)
    tasks = extract_tasks(doc, build_outline(doc), period)
    for t in tasks:
        assert text[t.start : t.end] == t.quote
    return tasks


def test_bold_leads_in_task_chapter_but_not_in_background_or_principles() -> None:
    text = (
        "## 第一章 规划基础\n\n**行政管理体制改革取得新成效。**率先推进改革。\n\n"
        "## 第二章 推进原则\n\n**坚持问题导向、精准发力。**提高改革精准度。\n\n"
        "## 第三章 重点改革任务\n\n### 第一节 加快政府职能转变\n\n"
        "**进一步深化行政审批制度改革。**坚持放管结合。\n\n**优化政府组织结构。**转变职能。\n"
    )
    tasks = tasks_of(text)
    assert [(t.title, t.quote, t.parent) for t in tasks] == [
        ("进一步深化行政审批制度改革", "进一步深化行政审批制度改革。", None),
        ("优化政府组织结构", "优化政府组织结构。", None),
    ]
    assert tasks[0].section == "第三章 第一节 加快政府职能转变"


def test_numbered_items_with_ordinal_sub_items() -> None:
    text = (
        "（三）发展原则\n1、尊重经济规律，市场化运作的原则\n"
        "（五）主要工作\n"
        "1、引导企业参与调整改造，在体制创新上实现突破。\n"
        "一是做大做强一批骨干企业。引导一批企业参与重组。\n"
        "二是切实解决企业改制的实际问题。把改制与发展结合起来。\n"
        "2、实施城乡创业工程。一是组织劳动力转移，增加农民收入。二是加强创业辅导。\n"
    )
    tasks = tasks_of(text)
    got = [(t.title, t.parent) for t in tasks]
    assert got == [
        ("引导企业参与调整改造，在体制创新上实现突破", None),
        ("做大做强一批骨干企业", "引导企业参与调整改造，在体制创新上实现突破"),
        ("切实解决企业改制的实际问题", "引导企业参与调整改造，在体制创新上实现突破"),
        ("实施城乡创业工程", None),
        ("组织劳动力转移，增加农民收入", "实施城乡创业工程"),
        ("加强创业辅导", "实施城乡创业工程"),
    ]
    assert tasks[1].quote == "一是做大做强一批骨干企业。"
    # The item's own deadline comes from its text before the sub-items, which carry theirs.
    dated = tasks_of("（五）主要工作\n1、引导企业参与改造。\n一是做强骨干企业，到2010年比重达到80%。\n", (2006, 2010))
    # The figure after the comma quantifies the measure: the title is the lead phrase, the year stays.
    assert [(t.title, t.deadline_year) for t in dated] == [("引导企业参与改造", None), ("做强骨干企业", 2010)]


def test_dash_items_and_lead_sentences_with_parents() -> None:
    text = (
        "（二）发展和改造重点\n1、机械制造业基地\n"
        "到2010年，实现工业增加值300亿元。\n"
        "——汽车制造\n"
        "发展微型车、经济型轿车，重点在小排量汽车上取得突破。\n"
        "轻型汽车。依托骨干企业开发轻卡车。\n"
        "客车。加大资产重组步伐，\n"
        "积极寻求合作。专用车。这一句在行中间。\n"
    )
    tasks = tasks_of(text, (2006, 2010))
    got = [(t.title, t.parent) for t in tasks]
    assert got == [
        ("机械制造业基地", None),
        ("汽车制造", "机械制造业基地"),
        ("轻型汽车", "汽车制造"),
        ("客车", "汽车制造"),
    ]
    assert tasks[0].deadline_year == 2010
    assert tasks[0].quote == "1、机械制造业基地"


def test_hard_wrapped_lines_are_not_lead_sentences() -> None:
    text = "第三章 重点任务\n**创新投融资体制。**深化投融资体制改革，支持\n创新创业和新兴产业发展。设立基金。\n"
    assert [t.title for t in tasks_of(text)] == ["创新投融资体制"]


def test_heading_measures_under_guarantee_section() -> None:
    text = "第四章 保障措施\n一、加强组织领导\n成立领导小组，统筹推进改革。\n二、明确责任分工\n各区县要细化方案，落实责任。\n"
    tasks = tasks_of(text)
    assert [(t.title, t.quote) for t in tasks] == [("加强组织领导", "一、加强组织领导"), ("明确责任分工", "二、明确责任分工")]
    assert tasks[1].responsible == ["各区县"]


def test_toc_entries_are_not_tasks() -> None:
    text = (
        "目 录\n第一章 重点任务.....\t3\n一、加强组织领导.....\t5\n二、强化督查落实.....\t6\n\n"
        "第一章 重点任务\n一、加强组织领导\n成立领导小组，统筹推进改革。\n"
    )
    tasks = tasks_of(text)
    assert [t.title for t in tasks] == ["加强组织领导"]
    assert tasks[0].start == text.index("一、加强组织领导\n成立")


def test_is_task_root_general_cues() -> None:
    doc = document_from_text("一、主要任务\n二、保障措施\n三、发展目标\n四、加强重点工作\n五、“十五”发展回顾\n六、发展重点\n")
    roots = {s.title: is_task_root(s) for s in build_outline(doc).walk()}
    assert roots == {
        "主要任务": True, "保障措施": True, "发展目标": False, "加强重点工作": False,
        "“十五”发展回顾": False, "发展重点": True,
    }


@pytest.mark.parametrize(
    ("text", "period", "year"),
    [
        ("到2020年，基本建立比较完善的政府购买服务制度。", None, 2020),
        ("力争2018年底前完成改革任务。", None, 2018),
        ("到 2020 年，普惠金融体系基本建立。", None, 2020),
        ("2005年，全市实现增加值669亿元。", None, None),
        ("力争在本规划期内实现翻番。", (2006, 2010), 2010),
        ("力争在3—5年内培育一批企业。", (2006, 2010), None),
        ("2015年前完成清理工作。", None, 2015),
        ("到2000年已经完成，到2010年实现翻番。", (2006, 2010), 2010),
    ],
)
def test_find_deadline_year(text: str, period: tuple[int, int] | None, year: int | None) -> None:
    assert find_deadline_year(text, period) == year


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("各区、县（市）根据发展规划，制定本地区规划。", ["各区、县（市）"]),
        ("由市发改委牵头，市财政局配合。", ["市发改委", "市财政局"]),
        ("牵头单位：市工信委、市国资委。", ["市工信委", "市国资委"]),
        ("发改部门要会同有关部门加强督查。", ["发改部门"]),
        ("全市经济平稳增长。", []),
        ("建立由分管市领导任组长，各相关部门参加的经济体制改革领导小组。", ["经济体制改革领导小组"]),
        ("要明确的各部门分工。", []),
    ],
)
def test_find_responsible(text: str, units: list[str]) -> None:
    assert find_responsible(text) == units


GOLD = [
    ("harbin-economic-reform-2016-2020.md", (2016, 2020), 0.95),
    ("harbin-nonpublic-economy-2006-2010.txt", (2006, 2010), 0.95),
    ("harbin-industry-2006-2010.txt", (2006, 2010), 0.95),
]


@pytest.mark.parametrize(("name", "period", "threshold"), GOLD)
def test_gold_regression(name: str, period: tuple[int, int], threshold: float) -> None:
    doc = load_document(str(EXAMPLES / name))
    tasks = extract_tasks(doc, build_outline(doc), period)
    for t in tasks:
        assert doc.text[t.start : t.end] == t.quote
    gold = json.loads((EXAMPLES / "gold" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))["tasks"]
    pred = [asdict(t) for t in tasks]
    assert task_f1(gold, pred, doc.text) >= threshold
    # The official scoring rules (gold quotes located at their first occurrence) agree.
    result, _ = score({"tasks": gold}, {"tasks": pred}, doc.text)
    assert result["tasks"]["f1"] >= threshold


def test_work_report_measure_headings_without_task_heading() -> None:
    text = (
        "(四)加快构建现代产业体系,在全面提高产业支撑能力中彰显新区担当。牢牢抓住产业项目建设。\n"
        "大力推进招商引资和项目建设。充分发挥市场化招商体制机制优势,持续引龙头、补链条。\n"
        "(五)大力发展民营经济,在全面激发市场活力中厚植新区优势。\n"
        "拓宽民营企业发展空间。支持民营企业参与重大项目建设。\n"
    )
    got = [(t.title, t.parent) for t in tasks_of(text)]
    assert got == [
        ("加快构建现代产业体系,在全面提高产业支撑能力中彰显新区担当", None),
        ("大力推进招商引资和项目建设", "加快构建现代产业体系,在全面提高产业支撑能力中彰显新区担当"),
        ("大力发展民营经济,在全面激发市场活力中厚植新区优势", None),
        ("拓宽民营企业发展空间", "大力发展民营经济,在全面激发市场活力中厚植新区优势"),
    ]


def test_principles_and_review_lists_are_not_measures() -> None:
    text = (
        "二、基本原则\n——加快发展，提高质量。加快转变增长方式。\n——改革推动，开放牵动。完善企业制度。\n"
        "三、发展回顾\n（一）加快了国企改革步伐\n（二）扩大了对外开放\n"
    )
    assert tasks_of(text) == []


def test_lost_paragraph_breaks_and_statements() -> None:
    text = (
        "二、发展重点\n——基础功能部件\n"
        "精密量仪。依托骨干企业发展数显量仪。 直线电机。加快永磁同步直线电机开发。\n"
        "企业通过外向化发展可以致稳增效。要引导企业走出去。\n"
    )
    got = [(t.title, t.parent) for t in tasks_of(text)]
    assert got == [("基础功能部件", None), ("精密量仪", "基础功能部件"), ("直线电机", "基础功能部件")]


def test_measure_named_chapter_holds_measures() -> None:
    text = (
        "第五章 坚持创新驱动发展 全面塑造发展新优势\n"
        "第一节 强化科技创新主体地位\n"
        "**支持企业加大研发投入。**到2025年，研发投入强度达到3%。\n"
        "第六章 “十三五”时期发展成就\n"
        "**推进了国企改革。**完成改制企业100户。\n"
    )
    tasks = tasks_of(text, (2021, 2025))
    assert [(t.title, t.deadline_year) for t in tasks] == [("支持企业加大研发投入", 2025)]


def test_excerpt_starting_inside_a_section() -> None:
    text = (
        "大力培育科技创新主体。强化科技赋能,推动企业上云。\n"
        "各位代表,改革开放是新区的基因。\n"
        "(四)加快构建现代产业体系,在全面提高产业支撑能力中彰显新区担当。\n"
    )
    assert [t.title for t in tasks_of(text)] == [
        "大力培育科技创新主体", "加快构建现代产业体系,在全面提高产业支撑能力中彰显新区担当",
    ]
    # A plan's own introduction (no imperative lead sentence) gives nothing.
    assert tasks_of("某市工业发展规划\n非公有制经济是一种经济形态。\n一、发展回顾\n") == []


def test_connective_openings_are_not_lead_sentences() -> None:
    text = "二、主要任务\n1、加快工业发展\n同时加强市场监管。引导企业守法经营。\n完善产业政策。出台扶持办法。\n"
    assert [(t.title, t.parent) for t in tasks_of(text)] == [
        ("加快工业发展", None), ("完善产业政策", "加快工业发展"),
    ]


def test_traditional_characters_task_chapter_and_lead_units() -> None:
    # 繁體: the chapter cue 重點任務 and the label 牽頭單位 are matched on a folded copy, kept as written.
    text = (
        "第三章 重點任務\n一、做強特色產業\n"
        "一是發展農產品加工業。牽頭單位：縣工信局。二是推進農文旅融合。牽頭單位：縣文旅局、縣農業農村局。\n"
    )
    got = [(t.title, t.parent, t.responsible) for t in tasks_of(text)]
    assert got == [
        ("做強特色產業", None, []),
        ("發展農產品加工業", "做強特色產業", ["縣工信局"]),
        ("推進農文旅融合", "做強特色產業", ["縣文旅局", "縣農業農村局"]),
    ]


def test_heading_joining_goals_and_work_is_a_task_list() -> None:
    # A work report's "主要预期目标和重点工作": the part after 和 names measures; 目标 alone does not.
    text = (
        "二、2024年主要预期目标和重点工作\n今年的主要预期目标是：地区生产总值增长6%左右。\n"
        "（一）坚定不移抓项目扩投资。全年计划实施重点项目120个。\n（二）用心用情办好民生实事。新增就业4000人。\n"
        "三、发展目标\n（一）经济发展取得新成效。地区生产总值增长6%。\n"
    )
    assert [t.title for t in tasks_of(text)] == ["坚定不移抓项目扩投资", "用心用情办好民生实事"]


def test_ordinal_clause_title_is_the_lead_phrase_when_the_rest_quantifies_it() -> None:
    text = "（一）主要工作\n一是抓招商引资，力争全年签约项目40个；二是抓要素保障，优化审批流程；三是抓服务。\n"
    assert [t.title for t in tasks_of(text)] == ["抓招商引资", "抓要素保障，优化审批流程", "抓服务"]


def test_long_numbered_item_is_titled_by_its_lead_clause_when_the_rest_quantifies_it() -> None:
    text = (
        "二、重点工作\n\n"
        "1.实施工业技改提升行动,每年完成技术改造项目50个,带动工业投资200亿元以上。\n\n"
        "2.深化农村集体产权制度改革,完善承包地三权分置办法,健全农村产权交易市场体系。\n"
    )
    titles = [t.title for t in tasks_of(text)]
    # the rest of item 1 only quantifies the measure; item 2 is a list of measures without figures
    assert titles == ["实施工业技改提升行动", "深化农村集体产权制度改革,完善承包地三权分置办法,健全农村产权交易市场体系"]


def test_field_lines_of_a_task_table_are_not_measures() -> None:
    text = (
        "二、重点工作\n\n(一)稳住工业基本盘。\n\n"
        "5.推进园区标准厂房建设,新建标准厂房20万平方米,盘活闲置低效工业用地1000亩以上。\n\n"
        "责任单位:市工信局、市住建局,各县政府\n\n完成时限:2024年12月底\n"
    )
    tasks = tasks_of(text)
    assert [t.title for t in tasks] == ["稳住工业基本盘", "推进园区标准厂房建设"]
    assert tasks[1].responsible == ["市工信局", "市住建局", "各县政府"]
    assert tasks[1].parent == "稳住工业基本盘"


def test_part_heading_opening_with_chixu_is_a_measure_with_sub_items() -> None:
    text = (
        "三、持续改善城乡人居环境\n"
        "围绕群众关切，补齐民生短板，提升城乡品质。\n"
        "（一）推进老旧小区改造。统筹改造水电气管网。\n"
        "（二）加强农村垃圾治理。完善收运处置体系。\n"
    )
    tasks = tasks_of(text)
    assert [(t.title, t.parent) for t in tasks] == [
        ("持续改善城乡人居环境", None),
        ("推进老旧小区改造", "持续改善城乡人居环境"),
        ("加强农村垃圾治理", "持续改善城乡人居环境"),
    ]


def test_ordinal_series_announced_as_tasks_outside_a_task_section() -> None:
    announced = (
        "二、今后五年的总体考虑\n"
        "规划纲要提出了今后五年的主要任务，具体把握三个方面：\n"
        "一是聚力在产业升级上实现新跨越。壮大先进制造业。\n"
        "二是聚力在城乡融合上实现新跨越。推进以县城为载体的城镇化。\n"
    )
    assert [t.title for t in tasks_of(announced)] == ["聚力在产业升级上实现新跨越", "聚力在城乡融合上实现新跨越"]
    # the same series after a sentence that does not announce measures lists results, not tasks
    results = (
        "二、今后五年的总体考虑\n"
        "过去五年的变化主要表现在三个方面：\n"
        "一是产业结构持续优化。先进制造业比重上升。\n"
        "二是城乡差距逐步缩小。县城承载能力提高。\n"
    )
    assert tasks_of(results) == []


def test_items_assigned_to_lead_and_partner_departments_are_tasks() -> None:
    text = (
        "一、主要预期目标\n\n"
        "1.全年新增城镇就业1.2万人。\n\n牵头部门:市人社局\n\n配合部门:各县区政府\n\n"
        "2.完成县城供水管网改造30公里。[牵头部门:市住建局]\n"
    )
    tasks = tasks_of(text)
    assert [(t.title, t.responsible) for t in tasks] == [
        ("全年新增城镇就业1.2万人", ["市人社局", "各县区政府"]),
        ("完成县城供水管网改造30公里", ["市住建局"]),
    ]


def test_items_closed_by_their_units_in_brackets_are_tasks_anywhere() -> None:
    text = (
        "2024年县政府重点工作分解意见\n\n"
        "一、农业农村方面\n\n"
        "1.稳定粮食播种面积,全年粮食产量稳定在50万吨以上。(县农业农村局牵头落实)\n\n"
        "2.推进高标准农田建设,加快灌区续建配套改造。(县农业农村局、县水利局牵头,各乡镇负责\n"
    )
    tasks = tasks_of(text)
    assert [(t.title, t.responsible) for t in tasks] == [
        ("稳定粮食播种面积", ["县农业农村局"]),
        ("推进高标准农田建设,加快灌区续建配套改造", ["县农业农村局", "县水利局", "各乡镇"]),
    ]


@pytest.mark.parametrize(
    ("line", "units"),
    [
        ("责任单位:县发改局、县财政局分别牵头", ["县发改局", "县财政局"]),
        ("责任单位:县住建局,各镇(街道、园区)政府", ["县住建局", "各镇(街道、园区)政府"]),
        ("责任单位:县商务局、县文旅局(除注明外,列第一位的为牵头单位)", ["县商务局", "县文旅局"]),
        ("推进集贸市场改造。[牵头单位:县市场监管局]其余乡镇配合。", ["县市场监管局"]),
    ],
)
def test_unit_lists_of_table_fields(line: str, units: list[str]) -> None:
    assert find_responsible(line)[: len(units)] == units


def test_figures_inside_quoted_names_do_not_make_a_lead_clause_a_goal() -> None:
    text = (
        "二、重点工作\n\n"
        "3.开展“双招双引500强”攻坚行动,全年引进亿元以上项目30个。\n\n"
        "4.城镇新增就业1.5万人,城镇调查失业率控制在5.5%以内。\n"
    )
    # item 3 is a measure quantified after its lead clause; item 4 is a goal from its first clause
    assert [t.title for t in tasks_of(text)] == [
        "开展“双招双引500强”攻坚行动",
        "城镇新增就业1.5万人,城镇调查失业率控制在5.5%以内",
    ]


def test_a_lead_sentence_counting_the_measures_is_not_one() -> None:
    text = (
        "三、2025年重点工作\n\n"
        "重点抓好以下六个方面工作。\n\n"
        "（一）扩大有效投资。统筹用好专项债券。\n"
    )
    assert [t.title for t in tasks_of(text)] == ["扩大有效投资"]


@pytest.mark.parametrize(
    "table",
    [
        "| 序号 | 重点任务 | 牵头单位 | 完成时限 |\n| --- | --- | --- | --- |\n"
        "| 1 | 实施老旧小区改造提升行动,改造小区30个 | 县住建局 | 2024年12月 |\n"
        "| 2 | 加快建设县域医疗次中心 | 县卫健局、县发改局 | 2025年6月底 |\n",
        "序号\t工作任务\t责任单位\t完成时限\n"
        "1\t实施老旧小区改造提升行动,改造小区30个\t县住建局\t2024年12月\n"
        "2\t加快建设县域医疗次中心\t县卫健局、县发改局\t2025年6月底\n",
    ],
)
def test_rows_of_a_task_division_table_are_tasks(table: str) -> None:
    tasks = tasks_of("附件\n\n2024年重点任务分工表\n\n" + table)
    assert [(t.title, t.responsible, t.deadline_year) for t in tasks] == [
        ("实施老旧小区改造提升行动", ["县住建局"], 2024),
        ("加快建设县域医疗次中心", ["县卫健局", "县发改局"], 2025),
    ]


def test_an_indicator_table_gives_no_tasks() -> None:
    text = (
        "专栏1 主要指标\n\n| 指标 | 2020年 | 2025年 | 属性 |\n| --- | --- | --- | --- |\n"
        "| 地区生产总值（亿元） | 512 | 720 | 预期性 |\n| 常住人口城镇化率（%） | 55 | 62 | 预期性 |\n"
    )
    assert tasks_of(text) == []


def test_headings_opening_with_zhuazhu_or_jujiao_are_measures() -> None:
    text = (
        "重点工作任务:\n\n"
        "(一)抓住用好国家政策窗口期,推动项目加快落地\n\n"
        "(二)聚焦主导产业,推动产业链延链补链\n"
    )
    assert [t.title for t in tasks_of(text)] == ["抓住用好国家政策窗口期,推动项目加快落地", "聚焦主导产业,推动产业链延链补链"]


def test_part_headings_and_items_opening_with_quanli_fenli_qianfangbaiji() -> None:
    text = (
        "三、奋力谱写高质量发展新篇章\n"
        "做好今年工作，要突出抓好以下几个方面。\n"
        "（一）全力以赴稳增长。坚持项目为王。\n"
        "（二）千方百计促消费。发放消费券。\n"
    )
    assert [(t.title, t.parent) for t in tasks_of(text)] == [
        ("奋力谱写高质量发展新篇章", None),
        ("全力以赴稳增长", "奋力谱写高质量发展新篇章"),
        ("千方百计促消费", "奋力谱写高质量发展新篇章"),
    ]


def test_lead_sentence_of_two_measure_phrases() -> None:
    text = (
        "二、主要任务\n"
        "加快构建现代化产业体系，推动制造业高端化。实施技改项目。\n"
        "完善社会保障体系，群众获得感明显增强。社保覆盖面扩大。\n"
    )
    # the second paragraph's second phrase opens with no measure verb: a statement, not a lead
    assert [t.title for t in tasks_of(text)] == ["加快构建现代化产业体系，推动制造业高端化"]


def test_ordinal_clauses_after_a_colon_and_the_announcement_is_no_task() -> None:
    text = "三、2024年重点工作\n着力抓好三件事：一是稳住工业增长；二是扩大有效投资；三是提振消费。\n"
    assert [t.title for t in tasks_of(text)] == ["稳住工业增长", "扩大有效投资", "提振消费"]


def test_items_numbered_with_a_closing_bracket_only() -> None:
    text = "二、主要任务\n1）推进园区循环化改造。实施项目。\n2）培育绿色制造示范企业。新增企业。\n"
    assert [t.title for t in tasks_of(text)] == ["推进园区循环化改造", "培育绿色制造示范企业"]


def test_ordinal_words_with_a_comma_open_clauses() -> None:
    text = "三、重点工作\n第一，加快农业科技推广。建设示范基地。\n第二，完善农村物流体系。建设县级分拨中心。\n"
    assert [(t.title, t.quote) for t in tasks_of(text)] == [
        ("加快农业科技推广", "第一，加快农业科技推广。"),
        ("完善农村物流体系", "第二，完善农村物流体系。"),
    ]
    # 第一产业 is a name, not an ordinal clause
    assert tasks_of("三、重点工作\n第一产业增加值增长3%。\n") == []


def test_items_after_a_line_announcing_the_measures() -> None:
    announced = "2024年工作要点\n\n主要任务如下：\n\n（一）城乡融合发展。建设县城。\n\n（二）生态环境保护。治理河道。\n"
    assert [t.title for t in tasks_of(announced)] == ["城乡融合发展", "生态环境保护"]
    # without the label line, noun-phrase items are not known to be measures
    assert tasks_of(announced.replace("主要任务如下：\n\n", "")) == []
    # a heading of another kind between the label and the items closes its scope
    closed = "主要任务如下：\n\n一、发展回顾\n\n（一）城乡融合发展。建设县城。\n"
    assert tasks_of(closed) == []


def test_ordinal_clauses_joined_by_commas_end_where_the_next_begins() -> None:
    text = "三、重点工作\n（一）稳定农业生产。重点抓好两件事，一是落实耕地保护责任，二是推进高标准农田建设。\n"
    assert [(t.title, t.parent) for t in tasks_of(text)] == [
        ("稳定农业生产", None),
        ("落实耕地保护责任", "稳定农业生产"),
        ("推进高标准农田建设", "稳定农业生产"),
    ]

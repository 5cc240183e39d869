"""Project extraction from 专栏 boxes and 重点项目 lists, and a regression on the industry plan."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.documents import document_from_text, load_document
from planwatch.evaluation import score
from planwatch.extract.model import Project
from planwatch.extract.projects import extract_projects
from planwatch.extract.tasks import extract_tasks
from planwatch.outline import build_outline
from tests.extraction_matching import project_f1

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def projects_of(text: str) -> list[Project]:
    doc = document_from_text(text)
    projects = extract_projects(doc, build_outline(doc))
    for p in projects:
        assert text[p.start : p.end] == p.quote
    return projects


def test_box_with_categories_split_and_grouped() -> None:
    text = (
        "1、机械制造业基地\n——电站成套设备\n发展大型机组，提高配套能力。\n——汽车制造\n发展经济型轿车，扩大规模。\n"
        "专栏1先进制造业重点建设项目\n"
        "▲电站成套设备：大型燃气轮机技术改造、MW级风力发电技术改造，电站辅机等\n"
        "▲汽车制造： HF5系列乘用车、10万套轿车内外塑料饰件、10万套轿车内外塑料饰件；汽车底盘。\n"
        "2、食品工业基地\n"
    )
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("专栏1 电站成套设备", "大型燃气轮机技术改造"),
        ("专栏1 电站成套设备", "MW级风力发电技术改造"),
        ("专栏1 电站成套设备", "电站辅机"),
        ("专栏1 汽车制造", "HF5系列乘用车"),
        ("专栏1 汽车制造", "10万套轿车内外塑料饰件"),
        ("专栏1 汽车制造", "汽车底盘"),
    ]


def test_category_without_colon_and_broken_lines() -> None:
    text = (
        "——焊接技术与设备\n发展焊接机器人，形成产业化中心。\n——冶金工业\n发展铝合金加工，扩大规模。\n"
        "专栏6 重点建设项目\n"
        "▲焊接技术与设备SKJA型系列数控多功能工业机器人、大口径直缝焊\n"
        "▲冶金工业：年产20万吨特种铝合金板带材、铝合金大\n规格无缝管材型材技改、钼金属深加工\n"
    )
    projects = projects_of(text)
    got = [(p.group, p.name) for p in projects]
    assert got == [
        ("专栏6 焊接技术与设备", "SKJA型系列数控多功能工业机器人"),
        ("专栏6 焊接技术与设备", "大口径直缝焊"),
        ("专栏6 冶金工业", "年产20万吨特种铝合金板带材"),
        ("专栏6 冶金工业", "铝合金大规格无缝管材型材技改"),
        ("专栏6 冶金工业", "钼金属深加工"),
    ]
    assert projects[3].quote == "铝合金大\n规格无缝管材型材技改"


def test_box_without_categories_uses_box_title() -> None:
    text = "专栏2 重大基础设施工程\n▲哈尔滨新机场、松花江大桥\n▲地铁二号线\n三、保障措施\n"
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("专栏2 重大基础设施工程", "哈尔滨新机场"),
        ("专栏2 重大基础设施工程", "松花江大桥"),
        ("专栏2 重大基础设施工程", "地铁二号线"),
    ]


def test_key_project_section_list() -> None:
    text = "（三）重点建设项目\n1.交通：哈尔滨新机场、地铁三号线\n2.能源：热电联产项目等\n四、保障措施\n加强领导。\n"
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("重点建设项目 交通", "哈尔滨新机场"),
        ("重点建设项目 交通", "地铁三号线"),
        ("重点建设项目 能源", "热电联产项目"),
    ]


def test_no_projects_outside_lists() -> None:
    text = "二、发展重点\n加快建设新机场、地铁和大桥，推进重点项目建设。\n"
    assert projects_of(text) == []


def test_industry_gold_regression() -> None:
    doc = load_document(str(EXAMPLES / "harbin-industry-2006-2010.txt"))
    projects = extract_projects(doc, build_outline(doc))
    for p in projects:
        assert doc.text[p.start : p.end] == p.quote
    gold = json.loads((EXAMPLES / "gold" / "harbin-industry-2006-2010.json").read_text(encoding="utf-8"))
    pred = [asdict(p) for p in projects]
    assert project_f1(gold["projects"], pred) >= 0.95
    # The official rules match projects by name (30-odd names first occur in the body text before
    # their box; the overlap of the quotes only decides between repeated names).
    result, _ = score({"projects": gold["projects"]}, {"projects": pred}, doc.text)
    assert result["projects"]["f1"] >= 0.98


def test_plans_without_boxes_have_no_projects() -> None:
    for name in ("harbin-economic-reform-2016-2020.md", "harbin-nonpublic-economy-2006-2010.txt"):
        doc = load_document(str(EXAMPLES / name))
        assert extract_projects(doc, build_outline(doc)) == []


def test_numbered_box_entries_each_on_their_own_line() -> None:
    text = (
        "专栏3 重大工程\n"
        "01 综合交通枢纽：哈尔滨国际航空枢纽、哈尔滨站改造。\n"
        "02 能源保障：热电联产项目、城市燃气管网改造等。\n"
        "智慧城市：城市大脑、5G基站建设\n"
        "第五章 保障措施\n"
    )
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("专栏3 综合交通枢纽", "哈尔滨国际航空枢纽"),
        ("专栏3 综合交通枢纽", "哈尔滨站改造"),
        ("专栏3 能源保障", "热电联产项目"),
        ("专栏3 能源保障", "城市燃气管网改造"),
        ("专栏3 智慧城市", "城市大脑"),
        ("专栏3 智慧城市", "5G基站建设"),
    ]


# ---- projects named in running text (own sentences, one per construction) ------------------


def _prose_names(text: str) -> list[str]:
    return [p.name for p in projects_of(text)]


def test_prose_verb_at_the_end_of_an_item_does_not_open_the_list() -> None:
    # 发展 ends the item 城乡融合发展; the list opens after 安排.
    text = "三、重点工作\n全年安排智慧交通、城乡融合发展、绿色能源等三大领域重大项目。\n"
    assert _prose_names(text) == ["智慧交通", "城乡融合发展", "绿色能源"]


def test_prose_place_name_with_wei_is_not_a_description() -> None:
    # 无为 is a place name, not 以…为 (以骨干企业为龙头 stays a description).
    text = "四、交通建设\n加快推进合肥至无为段、芜湖至宣城段等高速公路项目。\n"
    assert _prose_names(text) == ["合肥至无为段", "芜湖至宣城段"]
    text = "四、产业发展\n重点扶持以骨干企业为龙头的产业链、甲乙化工等项目。\n"
    assert _prose_names(text) == []


def test_prose_last_item_joined_by_he_is_two_projects() -> None:
    text = "五、工业项目\n重点抓好煤矸石综合利用、钢渣回收利用和东山水泥技改等项目。\n"
    assert _prose_names(text) == ["煤矸石综合利用", "钢渣回收利用", "东山水泥技改"]
    # A short side belongs to the name: 处理技术和设备 stays one item.
    text = "五、环保项目\n重点实施河道清淤、污水处理技术和设备等项目。\n"
    assert _prose_names(text) == ["河道清淤", "污水处理技术和设备"]


def test_prose_list_of_two_character_products_is_not_a_project_list() -> None:
    text = "六、农业\n建设苹果、花椒、香菇等特色产业基地及加工项目。\n"
    assert _prose_names(text) == []
    # Two short names are companies whose projects are meant.
    text = "六、能源\n推动华能、大唐等新能源项目建设。\n"
    assert _prose_names(text) == ["华能", "大唐"]


def test_prose_plain_list_of_sectors_is_not_a_project_list() -> None:
    text = "七、城市\n全面加快新区建设、商贸服务、仓储物流、基础设施和社会事业项目建设步伐。\n"
    assert _prose_names(text) == []


def test_prose_group_made_of_two_named_groups_joined_by_he() -> None:
    text = "八、产业集群\n先进制造领域项目共有12个大项，包括五大战略性主导产业项目和七大未来产业培育项目。\n"
    assert _prose_names(text) == ["五大战略性主导产业项目", "七大未来产业培育项目"]


def test_prose_single_named_facility_under_construction() -> None:
    text = "九、重点工作\n突出抓好东岭隧道建设，加快推动南湖文创设计中心揭牌运营，推进北山物流园区落地建设。\n"
    assert _prose_names(text) == ["东岭隧道", "南湖文创设计中心", "北山物流园区"]
    # A class of facilities or two of them joined by 和 is not one named facility.
    text = "九、重点工作\n推进省级质检中心建设，推动检测中心和计量中心建设，加快重点工业园区建设。\n"
    assert _prose_names(text) == []


def test_traditional_box_and_project_package_sections() -> None:
    text = (
        "專欄1 交通重大工程\n▲高速公路：甲乙高速、丙丁高速\n"
        "（一）綜合運輸通道工程包\n1．甲乙鐵路、丙丁高速公路擴容。\n"
        "（二）城市群交通工程包\n1．戊己城際鐵路、庚辛機場。\n"
    )
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("專欄1 高速公路", "甲乙高速"),
        ("專欄1 高速公路", "丙丁高速"),
        ("綜合運輸通道工程包", "甲乙鐵路"),
        ("綜合運輸通道工程包", "丙丁高速公路擴容"),
        ("城市群交通工程包", "戊己城際鐵路"),
        ("城市群交通工程包", "庚辛機場"),
    ]
    text = "一、重大項目\n1、壬癸水庫、子丑大橋。\n二、保障措施\n加強領導。\n"
    assert [(p.group, p.name) for p in projects_of(text)] == [("重大項目", "壬癸水庫"), ("重大項目", "子丑大橋")]


def test_prose_list_of_named_works_under_construction() -> None:
    text = "十、交通\n加快推进东山高铁、西河铁路和南湖大桥建设，开工建设北岭至南坪段、东港码头。\n"
    assert _prose_names(text) == ["东山高铁", "西河铁路", "南湖大桥", "北岭至南坪段", "东港码头"]
    # Classes of works are not names; 推进 without 建设/开工 may push anything.
    text = "十、交通\n加快推进城际铁路、农村公路和病险水库建设，推进东山高铁、西河铁路。\n"
    assert _prose_names(text) == []


def test_sub_headings_of_a_project_list_are_categories_not_names() -> None:
    text = (
        "一、重大工程\n（一）高速铁路\n东山至西河高铁、南湖城际通道。\n（二）水利\n北岭水库。\n"
        "二、重大项目\n1、东港码头扩建、西港物流园。\n2、南坪大桥\n三、保障措施\n加强领导。\n"
    )
    got = [(p.group, p.name) for p in projects_of(text)]
    assert got == [
        ("重大工程 高速铁路", "东山至西河高铁"),
        ("重大工程 高速铁路", "南湖城际通道"),
        ("重大工程 水利", "北岭水库"),
        ("重大项目", "东港码头扩建"),
        ("重大项目", "西港物流园"),
        ("重大项目", "南坪大桥"),
    ]


PIECES = [
    "第一章", "一、", "（一）", "1、", "——", "**", "专栏1", "▲", "主要任务", "保障措施", "发展回顾", "加快发展",
    "大力推进改革", "：", "、", "，", "。", "一是", "二是", "到2020年", "市发改委要", "\n", "\n", " ", "\u3000\u3000", "等",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=50).map("".join))
def test_extraction_never_crashes_and_quotes_are_exact(text: str) -> None:
    doc = document_from_text(text)
    outline = build_outline(doc)
    for p in extract_projects(doc, outline):
        assert text[p.start : p.end] == p.quote and p.name
    for t in extract_tasks(doc, outline, (2016, 2020)):
        assert text[t.start : t.end] == t.quote and t.title


def _names(text: str) -> list[str]:
    return [p.name for p in projects_of(text)]


def test_prose_list_announced_by_its_group() -> None:
    text = "本年度新开工的6项工程分别是甲河水库扩建、乙山水利枢纽、丙县灌区续建配套和丁江引水二期等。\n"
    assert _names(text) == ["甲河水库扩建", "乙山水利枢纽", "丙县灌区续建配套", "丁江引水二期"]


def test_numbered_list_announced_by_the_line_before() -> None:
    text = "本期新开工的五大工程分别是：\n1、甲城至乙城城际铁路；\n2、丙港三期码头工程；\n3、丁县垃圾焚烧发电厂。\n据介绍，上述工程总投资约300亿元。\n"
    got = [(p.group, p.name) for p in projects_of(text)]
    group = "本期新开工的五大工程"
    assert got == [(group, "甲城至乙城城际铁路"), (group, "丙港三期码头工程"), (group, "丁县垃圾焚烧发电厂")]


def test_etc_list_starts_after_clauses_saying_what_happened() -> None:
    text = "五年来，甲乙高速公路建成通车，丙丁机场全面投产，戊己水电站、庚辛铁路和壬癸炼油厂等重大项目陆续开工建设。\n"
    names = _names(text)
    assert "戊己水电站" in names and "庚辛铁路" in names and "壬癸炼油厂" in names
    assert not any("通车" in n or "投产" in n for n in names)


def test_work_named_as_subject_of_its_completion() -> None:
    text = "甲乙鐵路提前一年建成通車，丙丁調水工程進展順利，城際鐵路建成通車。\n"
    assert _names(text) == ["甲乙鐵路", "丙丁調水工程"]  # a bare class (城際鐵路) is no name


def test_project_named_before_its_investment_or_description() -> None:
    text = (
        "今年重点推进的项目：\n甲乙城际，总投资约198亿元。丙丁片区旧改，投资约240亿元、戊己片区旧改，投资约110亿元。"
        "庚辛集团新能源产业园，投资约50亿元。壬癸酒店项目，拟对原址进行升级改造。"
        "其中，全市重点项目共120个，总投资约900亿元。\n"
    )
    assert _names(text) == ["甲乙城际", "丙丁片区旧改", "戊己片区旧改", "庚辛集团新能源产业园", "壬癸酒店项目"]


def test_fields_of_projects_are_not_names() -> None:
    text = (
        "加快推进科创产业和重大基础设施等重要领域项目建设，积极推进一批生态文明建设、文化体育、城乡融合等项目建设，"
        "加快推进甲乙光源、丙丁公园等重点项目。\n"
    )
    assert _names(text) == ["甲乙光源", "丙丁公园"]


def test_list_of_parts_keeps_a_name_with_its_own_and() -> None:
    text = "产业项目20个，包括甲区乙先进制造基地项目、丙公司重卡零部件和工程机械扩产项目、丁汽车生产基地项目等。\n"
    assert _names(text) == ["甲区乙先进制造基地项目", "丙公司重卡零部件和工程机械扩产项目", "丁汽车生产基地项目"]


def test_parts_naming_sectors_are_not_projects() -> None:
    text = "全市列入计划的改造项目，国债项目涉及机械制造、医药、化工等行业和企业信息化项目。\n"
    assert _names(text) == []


def test_lines_named_by_their_ends() -> None:
    text = (
        "干线铁路：建设甲城至乙城段和丙州至丁州、戊县至己县等铁路，推进庚山至辛山、和平至壬城铁路前期工作，"
        "加快城际铁路、市域铁路建设。\n"
    )
    assert _names(text) == ["甲城至乙城段", "丙州至丁州", "戊县至己县", "庚山至辛山", "和平至壬城铁路"]


def test_named_things_listed_as_key_projects() -> None:
    text = "甲湖生态旅游度假区、乙祠文化旅游区被列入省“十五”计划重点项目。全市30个项目、40个园区被列入省重点项目。\n"
    assert _names(text) == ["甲湖生态旅游度假区", "乙祠文化旅游区"]


def test_works_of_more_kinds_named_after_a_verb_of_building() -> None:
    text = "今年开工建设甲乙污水处理厂、丙丁风电场和戊己中心医院，建成庚辛旅游度假区、壬癸体育馆。\n"
    assert _names(text) == ["甲乙污水处理厂", "丙丁风电场", "戊己中心医院", "庚辛旅游度假区", "壬癸体育馆"]

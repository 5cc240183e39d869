"""Task extraction: constructions of Chinese plan language, deadlines, responsible units, and a
regression against the Harbin gold annotations."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from planwatch.documents import document_from_text, load_document
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
    ],
)
def test_find_responsible(text: str, units: list[str]) -> None:
    assert find_responsible(text) == units


GOLD = [
    ("harbin-economic-reform-2016-2020.md", (2016, 2020), 0.9),
    ("harbin-nonpublic-economy-2006-2010.txt", (2006, 2010), 0.9),
    ("harbin-industry-2006-2010.txt", (2006, 2010), 0.9),
]


@pytest.mark.parametrize(("name", "period", "threshold"), GOLD)
def test_gold_regression(name: str, period: tuple[int, int], threshold: float) -> None:
    doc = load_document(str(EXAMPLES / name))
    tasks = extract_tasks(doc, build_outline(doc), period)
    for t in tasks:
        assert doc.text[t.start : t.end] == t.quote
    gold = json.loads((EXAMPLES / "gold" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))["tasks"]
    assert task_f1(gold, [asdict(t) for t in tasks], doc.text) >= threshold

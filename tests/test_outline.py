"""Outline: heading forms of Chinese plans, level learning, TOC exclusion, lookups, robustness."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planwatch.cli.outline import outline_command
from planwatch.documents import Document, Paragraph, document_from_text, load_document
from planwatch.outline import Outline, Section, build_outline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def outline_of(text: str) -> Outline:
    return build_outline(document_from_text(text))


def tree(outline: Outline) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker, s.title) for s in outline.walk()]


def test_chapter_section_and_numbered_levels() -> None:
    text = (
        "第一章　发展基础\n"
        "第一节 发展成就\n"
        "一、经济总量\n"
        "（一）工业增长\n"
        "全市工业增加值增长较快。\n"
        "1、装备制造业\n"
        "（1）电站设备\n"
        "①大型锅炉\n"
        "第二章 主要任务\n"
    )
    assert tree(outline_of(text)) == [
        (0, "第一章", "发展基础"),
        (1, "第一节", "发展成就"),
        (2, "一、", "经济总量"),
        (3, "（一）", "工业增长"),
        (4, "1、", "装备制造业"),
        (5, "（1）", "电站设备"),
        (6, "①", "大型锅炉"),
        (0, "第二章", "主要任务"),
    ]


def test_document_may_start_at_cn_num_and_parens_of_both_widths_are_one_style() -> None:
    text = "一、发展回顾\n（一）成绩\n内容。\n(二)问题\n内容。\n二、发展重点\n(一)工业\n"
    out = outline_of(text)
    assert tree(out) == [
        (0, "一、", "发展回顾"), (1, "（一）", "成绩"), (1, "(二)", "问题"),
        (0, "二、", "发展重点"), (1, "(一)", "工业"),
    ]
    assert [s.kind for s in out.walk()] == ["cn_num", "paren_cn", "paren_cn", "cn_num", "paren_cn"]


def test_arabic_variants_and_decimals() -> None:
    text = "一、任务\n1、加快发展\n2.扩大开放\n3．深化改革\n1.5亿元的投资已经到位。\n"
    out = outline_of(text)
    assert [(s.marker, s.title) for s in out.roots[0].children] == [
        ("1、", "加快发展"), ("2.", "扩大开放"), ("3．", "深化改革"),
    ]


def test_numbering_restart_keeps_levels() -> None:
    text = "一、总体\n（一）第一组\n1、甲\n2、乙\n（二）第二组\n1、丙\n二、其他\n1、丁\n"
    out = outline_of(text)
    levels = {(s.marker, s.title): s.level for s in out.walk()}
    assert levels[("1、", "甲")] == levels[("1、", "丙")] == 2
    assert levels[("（二）", "第二组")] == 1
    ding = next(s for s in out.walk() if s.title == "丁")
    assert ding.parent is not None and ding.parent.title == "其他"
    bing = next(s for s in out.walk() if s.title == "丙")
    assert bing.parent is not None and bing.parent.title == "第二组"


def test_long_numbered_item_keeps_lead_phrase_as_title() -> None:
    text = "（五）主要工作\n1、引导非公有制企业参与老工业基地调整改造，在体制创新上实现突破。一是做大做强骨干企业。\n"
    out = outline_of(text)
    item = out.roots[0].children[0]
    assert item.title == "引导非公有制企业参与老工业基地调整改造，在体制创新上实现突破"
    assert out.roots[0].children[0].heading_end == text.index("突破。") + 3


def test_dash_circled_and_paren_arabic() -> None:
    text = "二、发展重点\n——电站成套设备\n重点发展大型机组。\n——汽车制造。发展经济型轿车。\n（1）甲项\n②乙项\n"
    out = outline_of(text)
    kinds = [(s.kind, s.title) for s in out.walk()]
    assert ("dash", "电站成套设备") in kinds and ("dash", "汽车制造") in kinds
    assert ("paren_arabic", "甲项") in kinds and ("circled", "乙项") in kinds


def test_markdown_headings_use_inner_marker_and_bold_leads() -> None:
    text = (
        "# 某市改革专项规划\n\n## 第一章 重点任务\n\n### **第一节 加快政府职能转变**\n\n"
        "**深化行政审批制度改革。**坚持放管结合。\n\n**优化政府组织结构。**转变职能。\n\n## 附则\n"
    )
    out = outline_of(text)
    assert out.roots[0].kind == "title" and out.roots[0].title == "某市改革专项规划"
    chapter = out.roots[1]
    assert (chapter.kind, chapter.marker, chapter.title) == ("chapter", "第一章", "重点任务")
    section = chapter.children[0]
    assert (section.kind, section.title) == ("section", "加快政府职能转变")
    assert [(c.kind, c.title) for c in section.children] == [
        ("bold_lead", "深化行政审批制度改革"), ("bold_lead", "优化政府组织结构"),
    ]
    assert out.roots[2].kind == "markdown" and out.roots[2].title == "附则"
    assert section.short_path == "第一章 第一节 加快政府职能转变"


def test_bold_run_from_paragraph_hint() -> None:
    text = "三、保障措施\n加强组织领导。成立领导小组。\n"
    p2_start = text.index("加强")
    doc = Document(
        name="t", path=None, format="docx", text=text,
        paragraphs=(
            Paragraph(0, 6),
            Paragraph(p2_start, len(text) - 1, bold_end=p2_start + 7),
        ),
    )
    out = build_outline(doc)
    lead = out.roots[0].children[0]
    assert (lead.kind, lead.title, lead.heading_end) == ("bold_lead", "加强组织领导", p2_start + 7)


def test_box_holds_its_bullets_and_ends_at_next_heading() -> None:
    text = "1、机械制造\n——电站设备\n发展机组。\n专栏1先进制造业重点建设项目\n▲电站成套设备：大型燃气轮机、锅炉\n2、食品工业\n"
    out = outline_of(text)
    box = next(s for s in out.walk() if s.kind == "box")
    assert (box.marker, box.title) == ("专栏1", "先进制造业重点建设项目")
    assert box.end == text.index("2、食品")
    food = next(s for s in out.walk() if s.title == "食品工业")
    assert food.level == 0


def test_inline_paragraph_break_splits_headings() -> None:
    text = "四、发展的重点 　　 　　（一）调整改造主要任务\n1、国有企业改革\n"
    out = outline_of(text)
    assert tree(out) == [(0, "四、", "发展的重点"), (1, "（一）", "调整改造主要任务"), (2, "1、", "国有企业改革")]


def test_toc_with_dot_leaders_is_excluded() -> None:
    text = (
        "目 录\n第一章 规划基础.....\t2\n一、进展成效.....\t2\n第二章 主要任务.....\t8\n"
        "\n第一章 规划基础\n正文。\n一、进展成效\n正文。\n第二章 主要任务\n"
    )
    out = outline_of(text)
    assert out.toc_span is not None
    assert tree(out) == [(0, "第一章", "规划基础"), (1, "一、", "进展成效"), (0, "第二章", "主要任务")]
    assert all(s.start >= out.toc_span[1] for s in out.walk())


def test_toc_of_bare_heading_lines() -> None:
    text = "目录\n一、发展基础\n二、主要任务\n三、保障措施\n一、发展基础\n正文。\n二、主要任务\n正文。\n三、保障措施\n"
    out = outline_of(text)
    assert [s.title for s in out.walk()] == ["发展基础", "主要任务", "保障措施"]
    assert out.roots[0].start == text.index("一、发展基础\n正文")


def test_harbin_reform_plan_toc_excluded() -> None:
    doc = load_document(str(EXAMPLES / "harbin-economic-reform-2016-2020.md"))
    out = build_outline(doc)
    assert out.toc_span is not None
    toc_text = doc.text[out.toc_span[0] : out.toc_span[1]]
    assert "目" in toc_text and "强化督查落实" in toc_text
    assert all(not (out.toc_span[0] <= s.start < out.toc_span[1]) for s in out.walk())
    chapters = [s for s in out.walk() if s.kind == "chapter"]
    assert [c.marker for c in chapters] == ["第一章", "第二章", "第三章", "第四章"]
    task_chapter = chapters[2]
    assert [s.marker for s in task_chapter.children] == [f"第{n}节" for n in "一二三四五六七八"]
    assert len(task_chapter.children[0].children) == 6
    measures = chapters[3]
    assert [s.title for s in measures.children] == ["加强组织领导", "明确责任分工", "提高改革效能", "强化督查落实"]


def test_harbin_industry_plan_structure() -> None:
    doc = load_document(str(EXAMPLES / "harbin-industry-2006-2010.txt"))
    out = build_outline(doc)
    boxes = [s for s in out.walk() if s.kind == "box"]
    assert [b.marker for b in boxes] == [f"专栏{i}" for i in range(1, 7)]
    top = [s.marker for s in out.roots if s.kind != "title"]
    assert top == ["一、", "二、", "三、", "四、", "五、"]
    machine = next(s for s in out.walk() if s.title == "机械制造业基地")
    assert machine.short_path == "四、(二)1、机械制造业基地"
    assert [c.title for c in machine.children][:2] == ["电站成套设备", "汽车制造"]


def test_section_at_and_path_at() -> None:
    text = "前言文字。\n第一章 总则\n一、目标\n到2020年达到目标。\n二、任务\n加快发展。\n"
    out = outline_of(text)
    assert out.section_at(0) is None and out.path_at(0) == ""
    pos = text.index("到2020年")
    sec = out.section_at(pos)
    assert sec is not None and sec.title == "目标"
    assert sec.path == "第一章 总则 / 一、目标"
    assert out.path_at(text.index("加快")) == "第一章 二、任务"
    assert out.section_at(text.index("总则")) is not None
    assert out.section_at(text.index("总则")).title == "总则"  # type: ignore[union-attr]


def test_no_headings_huge_line_and_bare_numbers() -> None:
    assert outline_of("这是一段没有任何标题的文字。\n还是正文。\n").roots == []
    assert outline_of("").roots == []
    big = "加快发展，" * 1_000_000
    t0 = time.perf_counter()
    out = outline_of(big)
    assert time.perf_counter() - t0 < 5
    assert out.roots == []
    numbers = outline_of("1\n2\n3\n2005\n1.5\n")
    assert numbers.roots == []


def check_nesting(out: Outline, text_len: int) -> None:
    def visit(sections: list[Section], lo: int, hi: int, parent: Section | None) -> None:
        prev_end = lo
        for s in sections:
            assert s.parent is parent
            assert lo <= s.start < s.heading_end <= s.end <= hi or (lo <= s.start <= s.heading_end == s.end <= hi)
            assert s.start >= prev_end
            prev_end = s.end
            visit(s.children, s.heading_end, s.end, s)

    visit(out.roots, 0, text_len, None)


ALPHABET = st.sampled_from(
    ["第一章", "第二节", "一、", "二、", "（一）", "(二)", "1、", "2.", "（1）", "①", "——", "#", "## ", "**",
     "专栏1", "目录", ".....\t3", "加快", "发展", "。", "，", "：", "\n", "\n", " ", "\u3000\u3000", "2020", "a"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_outline_never_crashes_and_nests(text: str) -> None:
    out = outline_of(text)
    check_nesting(out, len(text))
    for s in out.walk():
        assert out.section_at(s.start) is not None


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_outline_on_arbitrary_text(text: str) -> None:
    out = outline_of(text)
    check_nesting(out, len(text))


def test_examples_nest_properly() -> None:
    for path in sorted(EXAMPLES.glob("harbin-*.*")):
        if path.suffix not in (".txt", ".md"):
            continue
        doc = load_document(str(path))
        check_nesting(build_outline(doc), len(doc.text))


def test_cli_outline_json() -> None:
    cli = typer.Typer()
    cli.callback()(lambda: None)
    cli.command("outline")(outline_command)
    result = CliRunner().invoke(cli, ["outline", str(EXAMPLES / "harbin-nonpublic-economy-2006-2010.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    titles = [s["title"] for s in data["sections"]]
    assert "2006年至2010年非公有制经济发展规划" in titles
    tree_result = CliRunner().invoke(cli, ["outline", str(EXAMPLES / "harbin-nonpublic-economy-2006-2010.txt")])
    assert tree_result.exit_code == 0 and "主要工作" in tree_result.output


def test_space_inside_heading_line_ends_the_heading() -> None:
    text = "三、主要措施\n（一）实施综合环境提升战略，系统提升区位竞争能力 环境出生产力，一流的环境是重要依托。\n"
    item = outline_of(text).roots[0].children[0]
    assert item.title == "实施综合环境提升战略，系统提升区位竞争能力"
    assert text[item.heading_end :].startswith(" 环境出生产力")


def test_word_heading_levels_without_markers_nest_under_marked_ones() -> None:
    lines = [
        ("第二章 主要任务", "heading", 1, None),
        ("加快产业升级", "heading", 2, None),
        ("推进制造业数字化转型。到2025年全覆盖。", "text", None, 11),
        ("第三章 保障措施", "heading", 1, None),
    ]
    text = "\n".join(t for t, *_ in lines) + "\n"
    paragraphs = []
    pos = 0
    for t, kind, level, bold in lines:
        # A heading's bold run (bold_end on the whole line) is its style, not a lead phrase.
        paragraphs.append(Paragraph(pos, pos + len(t), kind=kind, heading_level=level,
                                    bold_end=pos + (bold or len(t))))
        pos += len(t) + 1
    out = build_outline(Document(name="t", path=None, format="docx", text=text, paragraphs=tuple(paragraphs)))
    assert [(s.level, s.kind, s.title) for s in out.walk()] == [
        (0, "chapter", "主要任务"),
        (1, "markdown", "加快产业升级"),
        (2, "bold_lead", "推进制造业数字化转型"),
        (0, "chapter", "保障措施"),
    ]


def test_toc_with_spaced_page_numbers() -> None:
    text = (
        "第一章　总则　　　1\n第二章　主要任务　　　5\n第三章　保障措施　　　9\n"
        "第一章　总则\n正文。\n第二章　主要任务\n正文。\n第三章　保障措施\n"
    )
    out = outline_of(text)
    assert out.toc_span == (0, text.index("\n第一章　总则\n"))
    assert [s.title for s in out.walk()] == ["总则", "主要任务", "保障措施"]

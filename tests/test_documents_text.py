"""Plain-text and markdown loading: encodings, newline handling, offsets, markdown hints."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.documents import Document, document_from_text, load_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"
PLAN = "到2020年，全市地区生产总值达到1550亿元，年均增长8%。\n　　第二章 重点任务\n"


def assert_offsets(doc: Document) -> None:
    for p in doc.paragraphs:
        chunk = doc.text[p.start : p.end]
        assert chunk and "\n" not in chunk
        assert chunk == chunk.strip()
        if p.bold_end is not None:
            assert p.start < p.bold_end <= p.end


def test_utf8_txt_text_equals_file_and_lines_are_paragraphs(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="utf-8")
    doc = load_document(f)
    assert doc.text == PLAN
    assert doc.format == "txt" and doc.encoding == "utf-8" and doc.name == "plan.txt"
    # the U+3000 indent is not part of the paragraph
    assert doc.paragraph_texts() == [
        "到2020年，全市地区生产总值达到1550亿元，年均增长8%。",
        "第二章 重点任务",
    ]
    assert_offsets(doc)


def test_utf8_bom_is_not_part_of_text(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + PLAN.encode("utf-8"))
    doc = load_document(f)
    assert doc.text == PLAN
    assert doc.paragraphs[0].start == 0


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    f = tmp_path / "u16.txt"
    data = PLAN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    f.write_bytes(data)
    assert load_document(f).text == PLAN


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family_round_trip(tmp_path, codec):
    f = tmp_path / "gb.txt"
    text = "哈尔滨市国民经济和社会发展规划\n到2010年，城镇化率达到70%。\n"
    f.write_bytes(text.encode(codec))
    doc = load_document(f)
    assert doc.text == text
    assert doc.encoding == "gb18030"


def test_gb18030_four_byte_characters(tmp_path):
    text = "生僻字𠀀与㐀的规划文本，共计12项。\n"
    f = tmp_path / "gb4.txt"
    f.write_bytes(text.encode("gb18030"))
    assert load_document(f).text == text


def test_crlf_and_cr_line_endings_are_normalised(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes("第一行\r\n第二行\r第三行\r\n".encode())
    doc = load_document(f)
    assert doc.text == "第一行\n第二行\n第三行\n"
    assert doc.paragraph_texts() == ["第一行", "第二行", "第三行"]


def test_norm_has_same_length_and_folds_full_width():
    doc = document_from_text("增长１２％　以上")
    assert doc.norm == "增长12% 以上"
    assert len(doc.norm) == len(doc.text)


def test_markdown_headings_lists_bold_and_syntax_kept(tmp_path):
    md = (
        "# 总体规划\n\n## **二、主要问题**\n\n**深化行政审批制度改革。**取消一批审批事项。\n"
        "- **一是**加强领导\n1. 第一项工作\n---\n普通段落\n####### 不是标题\n"
    )
    f = tmp_path / "plan.md"
    f.write_text(md, encoding="utf-8")
    doc = load_document(f)
    assert doc.text == md and doc.format == "md"
    assert_offsets(doc)
    by_text = {doc.text[p.start : p.end]: p for p in doc.paragraphs}
    assert "---" not in by_text
    h1 = by_text["# 总体规划"]
    assert (h1.kind, h1.heading_level, h1.bold_end) == ("heading", 1, None)
    h2 = by_text["## **二、主要问题**"]
    assert h2.heading_level == 2 and doc.text[h2.start : h2.bold_end] == "## **二、主要问题**"
    lead = by_text["**深化行政审批制度改革。**取消一批审批事项。"]
    assert lead.kind == "text" and doc.text[lead.start : lead.bold_end] == "**深化行政审批制度改革。**"
    item = by_text["- **一是**加强领导"]
    assert item.kind == "list_item" and doc.text[item.start : item.bold_end] == "- **一是**"
    assert by_text["1. 第一项工作"].kind == "list_item"
    assert by_text["####### 不是标题"].kind == "text"
    assert by_text["普通段落"].bold_end is None


def test_markdown_table_cells_are_paragraphs():
    md = "前文\n\n| 指标 | 2015年 | 2020年 |\n|---|:---:|---|\n| 城镇化率 | 65% | 70% |\n\n后文\n"
    doc = document_from_text(md, format="md")
    cells = [(doc.text[p.start : p.end], p.table) for p in doc.paragraphs if p.kind == "table_cell"]
    assert cells == [
        ("指标", (0, 0, 0)),
        ("2015年", (0, 0, 1)),
        ("2020年", (0, 0, 2)),
        ("城镇化率", (0, 1, 0)),
        ("65%", (0, 1, 1)),
        ("70%", (0, 1, 2)),
    ]
    assert doc.paragraph_texts()[0] == "前文" and doc.paragraph_texts()[-1] == "后文"


def test_example_plans_load_with_text_equal_to_file():
    for f in sorted(EXAMPLES.glob("harbin-*.txt")) + sorted(EXAMPLES.glob("harbin-*.md")):
        doc = load_document(f)
        assert doc.text == f.read_text(encoding="utf-8")
        assert len(doc.paragraphs) > 5
        assert_offsets(doc)


def test_document_from_text_formats():
    assert document_from_text("a\r\nb").text == "a\nb"
    assert document_from_text("\ufeff标题").text == "标题"
    doc = document_from_text("<h2>第一章</h2><p>正文</p>", format="html")
    assert doc.paragraph_texts() == ["第一章", "正文"] and doc.paragraphs[0].heading_level == 2
    with pytest.raises(ValueError):
        document_from_text("x", format="rtf")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1))
def test_any_unicode_text_round_trips_through_a_utf8_txt(tmp_path, text):
    from planwatch.errors import DocumentError

    f = tmp_path / "h.txt"
    f.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        doc = load_document(f)
    except DocumentError:
        # refused input must be blank or control-character noise, never normal text
        assert (
            not text.removeprefix("\ufeff").strip()
            or "\x00" in text
            or sum(ord(c) < 32 for c in text) > 8
            or text.startswith(("%PDF-", "PK\x03\x04", "{\\rtf"))
        )
        return
    expected = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert doc.text == expected
    assert_offsets(doc)


MD_ALPHABET = st.sampled_from([*"#*_-|:`~ \t\n\r规划目标1.、", "**", "| ", "\n\n", "\u3000"])


@settings(max_examples=200, deadline=None)
@given(st.lists(MD_ALPHABET, max_size=60).map("".join))
def test_markdown_paragraph_offsets_hold_for_any_input(text):
    doc = document_from_text(text, format="md")
    assert_offsets(doc)
    starts = [p.start for p in doc.paragraphs]
    assert starts == sorted(starts)


def test_builder_splits_line_breaks_and_keeps_bold_offsets():
    from planwatch.documents.builder import TextBuilder

    b = TextBuilder()
    b.add("  加粗\r\n第二行\u2028第三行", bold_len=4)
    b.add("   ")
    b.add("表格", kind="table_cell", table=(0, 1, 2))
    assert b.text == "加粗\n第二行\n第三行\n表格"
    first, second, third, cell = b.paragraphs
    assert (first.start, first.end, first.bold_end) == (0, 2, 2)
    assert second.bold_end is None and third.bold_end is None
    assert (cell.start, cell.end, cell.kind, cell.table) == (11, 13, "table_cell", (0, 1, 2))


CHINESE_PLAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(list("，。；：、（）%0123456789\n")),
    ),
    min_size=12,
    max_size=200,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(CHINESE_PLAN_TEXT.filter(lambda t: sum("\u4e00" <= c <= "\u9fa5" for c in t) >= 12))
def test_chinese_text_saved_as_gb18030_loads_back_equal(tmp_path, text):
    # (a very short GB text can also be valid UTF-8, which is tried first; plans are long)
    f = tmp_path / "gb.txt"
    f.write_bytes(text.encode("gb18030"))
    if not text.strip():
        return
    doc = load_document(f)
    assert doc.text == text
    assert doc.encoding == "gb18030"

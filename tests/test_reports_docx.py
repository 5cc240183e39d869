"""The .docx report: GB/T 9704-2012 page setup and fonts, and a structure that mirrors the content."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from planwatch.reports.build import build_report
from planwatch.reports.docx_writer import build_docx, title_lines, write_docx
from planwatch.reports.layout import INDICATOR_HEADER
from tests.reports_helpers import AS_OF, sample_inputs, tiny_chart


def make(gdp_2008: float = 170.0) -> DocxDocument:
    content = build_report(sample_inputs(gdp_2008), kind="midterm", as_of=AS_OF, issuer="某市发展和改革委员会")
    buf = BytesIO()
    build_docx(content, chart_renderer=tiny_chart).save(buf)
    buf.seek(0)
    return Document(buf)  # read back what was written, not the in-memory object


@pytest.fixture(scope="module")
def doc() -> DocxDocument:
    return make()


def east_asia(style_element: object) -> str | None:
    rfonts = style_element.find(qn("w:rPr")).find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


def test_page_is_a4_with_gb_margins(doc: DocxDocument) -> None:
    section = doc.sections[0]
    twip = 635  # .docx stores page geometry in twentieths of a point (635 EMU)
    expected_mm = {"page_width": 210, "page_height": 297, "top_margin": 37, "bottom_margin": 35,
                   "left_margin": 28, "right_margin": 26}
    for name, mm in expected_mm.items():
        emu = getattr(section, name)
        assert abs(emu - Mm(mm)) <= twip, name
        assert round(emu / 36000, 1) == mm, name  # 36000 EMU per mm


def test_style_fonts_and_sizes(doc: DocxDocument) -> None:
    expected = {
        "Normal": ("仿宋_GB2312", 16, None),
        "PW Title": ("方正小标宋简体", 22, None),
        "Heading 1": ("黑体", 16, False),
        "Heading 2": ("楷体_GB2312", 16, False),
        "Heading 3": ("仿宋_GB2312", 16, True),
    }
    for name, (font, size, bold) in expected.items():
        style = doc.styles[name]
        assert east_asia(style.element) == font, name
        assert style.font.size == Pt(size), name
        if bold is not None:
            assert bool(style.font.bold) is bold, name
        rfonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsiaTheme")) is None, name
    assert doc.styles["Normal"].paragraph_format.line_spacing == Pt(28.95)  # 225 mm / 22 lines


def test_every_body_run_names_an_east_asian_font(doc: DocxDocument) -> None:
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:
        rfonts = run._r.find(qn("w:rPr"))
        if rfonts is None:  # inherits from its paragraph style, checked above
            continue
        fonts = rfonts.find(qn("w:rFonts"))
        assert fonts is None or fonts.get(qn("w:eastAsia")), run.text


def _footer_text_and_field(paragraph: object) -> tuple[str, str]:
    element = paragraph._p  # type: ignore[attr-defined]
    text = "".join(t.text for t in element.iter(qn("w:t")))
    instr = "".join(t.text for t in element.iter(qn("w:instrText")))
    return text, instr


def test_footer_page_number_field_odd_right_even_left(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, align in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        text, instr = _footer_text_and_field(paragraph)
        assert instr.strip() == "PAGE"
        assert text.startswith("— ") and text.endswith(" —")
        assert paragraph.alignment == align
        field_chars = [f.get(qn("w:fldCharType")) for f in paragraph._p.iter(qn("w:fldChar"))]
        assert field_chars == ["begin", "separate", "end"]
        sizes = {r.font.size for r in paragraph.runs}
        assert sizes == {Pt(14)}
    assert odd.paragraph_format.right_indent == Pt(14)
    assert even.paragraph_format.left_indent == Pt(14)


def test_headings_in_order(doc: DocxDocument) -> None:
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["一、总体评价", "二、主要目标指标完成情况", "三、重大任务推进情况", "四、重大项目建设情况",
                  "五、存在的主要问题", "六、对策建议和下一步工作"]
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2 == ["1．主要指标数据来源", "2．规划文本数据核验情况", "3．尚无进展数据的重大项目"]
    assert any(p.text == "附件" and p.paragraph_format.page_break_before for p in doc.paragraphs)
    title = doc.paragraphs[0]
    assert title.style.name == "PW Title" and title.text == "《某市测试发展规划》中期评估报告"


def _indicator_tables(doc: DocxDocument) -> list[object]:
    return [t for t in doc.tables if [c.text for c in t.rows[0].cells] == INDICATOR_HEADER]


def test_indicator_table_rows_equal_targets_and_numbers_equal_inputs(doc: DocxDocument) -> None:
    inputs = sample_inputs()
    tables = _indicator_tables(doc)
    assert len(tables) == 1  # one consolidated table
    body_rows = [row for t in tables for row in t.rows[1:]]  # type: ignore[attr-defined]
    assert len(body_rows) == len(inputs.plan.targets)
    binding_first = sorted(inputs.plan.targets, key=lambda t: "约束性" not in t.quote)
    for row, tgt in zip(body_rows, binding_first, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[1] == tgt.indicator
        assert cells[2] == ("约束性" if "约束性" in tgt.quote else "预期性")
        assert cells[5].replace("≥", "").replace("年均", "").split("\n")[0] == f"{tgt.value:g}"
    gdp = [c.text for c in body_rows[1].cells]
    assert gdp[4] == "100\n2005年" and gdp[6] == "170\n2008年" and gdp[8] == "▲快于预期"


def test_table_header_rows_repeat(doc: DocxDocument) -> None:
    assert doc.tables
    for table in doc.tables:
        first = table.rows[0]._tr
        header = first.find(qn("w:trPr")).find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"


def test_report_changes_with_an_observation() -> None:
    def gdp_cell(d: DocxDocument) -> str:
        return _indicator_tables(d)[0].rows[2].cells[6].text  # type: ignore[attr-defined]

    assert gdp_cell(make(170.0)) == "170\n2008年"
    changed = make(171.5)
    assert gdp_cell(changed) == "171.5\n2008年"
    body = "\n".join(p.text for p in changed.paragraphs)
    assert "171.5" in body  # the source appendix lists the new figure too


def test_placeholders_marked_and_charts_embedded(doc: DocxDocument) -> None:
    texts = [p.text for p in doc.paragraphs]
    assert sum(t == "【待补充】" for t in texts) == 2  # the causes of the problems, and the measures
    assert len(doc.inline_shapes) == 2  # GDP level and the service share have baselines
    assert any(t.startswith("图1 ") for t in texts)


def test_write_docx_with_real_charts(tmp_path: object) -> None:
    content = build_report(sample_inputs(), kind="midterm", as_of=AS_OF, issuer="某市发改委", max_charts=1)
    path = write_docx(content, tmp_path / "r.docx")  # type: ignore[operator]
    reread = Document(str(path))
    assert len(reread.inline_shapes) == 1
    assert reread.inline_shapes[0].width <= Mm(156)


def test_a_long_title_breaks_where_words_stay_whole() -> None:
    inputs = sample_inputs()
    inputs.plan.title = "某市国民经济和社会发展第十一个五年规划纲要"
    content = build_report(inputs, kind="midterm", as_of=AS_OF, issuer="某市发改委")
    title = build_docx(content, chart_renderer=tiny_chart).paragraphs[0]
    assert title.text == "《某市国民经济和社会发展\n第十一个五年规划纲要》中期评估报告"
    assert title_lines("《哈尔滨市“十三五”时期经济体制改革专项规划》中期评估报告") == [
        "《哈尔滨市“十三五”时期", "经济体制改革专项规划》中期评估报告"]
    assert title_lines("《某市工业经济发展规划》中期评估报告") == ["《某市工业经济发展规划》中期评估报告"]
    assert title_lines("《某市国民经济和社会发展规划》中期评估报告") == ["《某市国民经济和社会发展规划》", "中期评估报告"]
    short = make().paragraphs[0]
    assert "\n" not in short.text

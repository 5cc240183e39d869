"""Official format (GB/T 9704-2012) checked on the .docx XML and on the PDF; statuses with symbols
and a legend; no English in the Chinese report; 待核实 instead of a confident verdict on doubtful
figures; the office's narrative in the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from planwatch.reports import pdf
from planwatch.reports.build import AuditFinding, build_report
from planwatch.reports.content import STATUS_LABELS, ReportContent
from planwatch.reports.docx_writer import build_docx, signature_indents
from planwatch.reports.generate import write_report
from planwatch.reports.html_writer import render_html
from tests.reports_helpers import AS_OF, sample_inputs, tiny_chart

ISSUER = "某市发展和改革委员会"
# Latin words a Chinese report may carry: units and abbreviations of indicator names.
ALLOWED_LATIN = {"GDP", "km", "PM", "CO", "kWh", "R", "D", "TEU", "ICT", "A", "AAA", "SO", "COD"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def content_of(**kw: object) -> ReportContent:
    return build_report(sample_inputs(), kind="midterm", as_of=AS_OF, issuer=ISSUER,  # type: ignore[arg-type]
                        recipient="市人民政府", **kw)


def reread(content: ReportContent) -> DocxDocument:
    buf = BytesIO()
    build_docx(content, chart_renderer=tiny_chart).save(buf)
    buf.seek(0)
    return Document(buf)


@pytest.fixture(scope="module")
def doc() -> DocxDocument:
    return reread(content_of())


def test_language_is_zh_cn(doc: DocxDocument) -> None:
    langs = list(doc.styles.element.find(qn("w:docDefaults")).iter(qn("w:lang")))
    assert langs and all(lang.get(qn("w:eastAsia")) == "zh-CN" and lang.get(qn("w:val")) == "zh-CN" for lang in langs)
    assert doc.core_properties.language == "zh-CN"


def test_title_centred_without_indent(doc: DocxDocument) -> None:
    title = doc.paragraphs[0]
    fmt = title.style.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert fmt.first_line_indent == Pt(0)
    assert title.paragraph_format.first_line_indent in (None, Pt(0))


def test_document_grid_28_chars_22_lines(doc: DocxDocument) -> None:
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch = int(grid.get(qn("w:linePitch"))) / 20  # points
    section = doc.sections[0]
    text_height = Length(section.page_height - section.top_margin - section.bottom_margin).pt
    assert int(text_height // line_pitch) == 22
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    text_width = Length(section.page_width - section.left_margin - section.right_margin).pt
    assert int(text_width / char_pitch + 1e-6) == 28


def test_heading_faces_per_level(doc: DocxDocument) -> None:
    expected = {"Heading 1": ("黑体", False), "Heading 2": ("楷体_GB2312", False), "Heading 3": ("仿宋_GB2312", True)}
    for name, (face, bold) in expected.items():
        style = doc.styles[name]
        rfonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == face
        assert bool(style.font.bold) is bold


def test_recipient_then_issuer_and_date_per_gbt9704(doc: DocxDocument) -> None:
    texts = [p.text for p in doc.paragraphs]
    recipient = doc.paragraphs[texts.index("市人民政府：")]
    assert recipient.paragraph_format.first_line_indent == Pt(0)
    assert texts.index("市人民政府：") < texts.index("一、总体评价")
    at = texts.index(ISSUER)
    issuer, issued = doc.paragraphs[at], doc.paragraphs[at + 1]
    assert texts[at - 1] == ""  # 正文下空一行
    assert issued.text == "2009年6月30日"  # Arabic numerals, defaults to the as-of date
    assert issuer.alignment == issued.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # 署名右空二字; 成文日期首字比署名首字右移二字 (the date is 6.5 characters wide: 7 digits + 年月日)
    assert issuer.paragraph_format.right_indent == Pt(32)
    assert abs(issued.paragraph_format.right_indent.pt - 16 * (2 + 10 - 2 - 6.5)) < 0.1
    assert at < texts.index("附件")  # signature before the attachments


def test_signature_when_the_date_is_longer_than_the_issuer() -> None:
    issuer_indent, date_indent = signature_indents("市发改委", "2009年12月31日")
    assert date_indent == 2.0 and issuer_indent == 4.0 + 7.0 - 4.0


def test_core_properties_name_the_issuer(doc: DocxDocument) -> None:
    props = doc.core_properties
    assert props.author == ISSUER and props.last_modified_by == ISSUER
    assert props.title == "《某市测试发展规划》中期评估报告"
    created = props.created.replace(tzinfo=UTC) if props.created.tzinfo is None else props.created
    assert datetime.now(UTC) - created < timedelta(minutes=5)


def test_status_has_symbol_and_legend_states_thresholds(doc: DocxDocument) -> None:
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "评价")
    verdicts = [row.cells[-1].text for row in table.rows[1:]]
    assert all(v[0] == STATUS_LABELS[code][3] for v in verdicts
               for code in STATUS_LABELS if v[1:] == STATUS_LABELS[code][0])
    assert "▲快于预期" in verdicts and "▽滞后" in verdicts
    legend = next(p.text for p in doc.paragraphs if p.text.startswith("评价图例"))
    assert "▲快于预期——完成进度快于时间进度10个百分点及以上" in legend
    assert "▽滞后——完成进度慢于时间进度10至30个百分点" in legend
    assert "？待核实" in legend


def _latin_words(text: str) -> set[str]:
    return {w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN}


def test_no_english_in_docx_and_html() -> None:
    content = content_of()
    doc = reread(content)
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert _latin_words("\n".join(texts)) == set()
    html_text = BeautifulSoup(render_html(content, chart_renderer=tiny_chart), "html.parser").get_text()
    assert _latin_words(html_text) == set()
    progress = build_report(sample_inputs(), kind="progress", as_of=AS_OF, issuer=ISSUER)
    assert _latin_words(BeautifulSoup(render_html(progress, chart_renderer=tiny_chart), "html.parser").get_text()) == set()


def test_the_scan_catches_english() -> None:
    inputs = sample_inputs()
    inputs.findings = [AuditFinding("share_total", "error", "比重之和为101% (shares add up to 101%)")]
    content = build_report(inputs, kind="midterm", as_of=AS_OF, issuer=ISSUER)
    html_text = BeautifulSoup(render_html(content, chart_renderer=tiny_chart), "html.parser").get_text()
    assert _latin_words(html_text) == {"shares", "add", "up", "to"}
    assert "share_total" not in html_text  # rule codes never appear


def test_doubtful_rows_say_to_verify_and_are_not_counted() -> None:
    inputs = sample_inputs()
    inputs.unreviewed = {0: "目标值尚未经规划处审核"}
    content = build_report(inputs, kind="midterm", as_of=AS_OF, issuer=ISSUER)
    gdp = content.rows[0]
    assert gdp.status == "to_verify" and gdp.doubts == ["目标值尚未经规划处审核"]
    assert "快于预期" not in content.summary and "待核实1项" in content.summary
    doc = reread(content)
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "评价")
    assert "？待核实" in [row.cells[-1].text for row in table.rows[1:]]
    assert any("待核实原因——目标值尚未经规划处审核" in p.text for p in doc.paragraphs)


def test_audit_finding_on_a_target_or_another_scope_makes_it_doubtful() -> None:
    inputs = sample_inputs()
    quote = inputs.plan.targets[0].quote
    inputs.findings = [AuditFinding("x", "warning", "目标值与分项之和不符", quote, (quote,))]
    assert build_report(inputs, kind="midterm", as_of=AS_OF, issuer=ISSUER).rows[0].status == "to_verify"
    other = sample_inputs()
    other.observations = [replace(o, scope="市区") if o.indicator == "服务业增加值占GDP比重" else o
                          for o in other.observations]
    share = next(r for r in build_report(other, kind="midterm", as_of=AS_OF, issuer=ISSUER).rows
                 if r.indicator == "服务业增加值占GDP比重")
    assert share.status == "to_verify" and any("市区" in d for d in share.doubts)


def test_narrative_replaces_computed_text_and_marks_only_what_is_empty() -> None:
    written = content_of(narrative={"overall": "规划实施总体顺利。\n主要指标进展良好。", "measures": "加强统计监测。"})
    doc = reread(written)
    texts = [p.text for p in doc.paragraphs]
    assert "规划实施总体顺利。" in texts and "主要指标进展良好。" in texts and "加强统计监测。" in texts
    assert not any(t.startswith("规划确定的5项主要指标中") for t in texts)  # replaced by the office's text
    assert texts.count("【待补充】") == 1  # only the causes under 存在的主要问题 are still empty
    empty = reread(content_of())
    assert [p.text for p in empty.paragraphs].count("【待补充】") == 2


def _pdf_of(content: ReportContent, tmp_path: Path) -> Path:
    return write_report(content, "pdf", tmp_path / "r.pdf")


@pytest.mark.skipif(pdf.find_converter() is None or shutil.which("pdffonts") is None,
                    reason="LibreOffice or poppler-utils not installed")
def test_pdf_has_four_distinct_chinese_faces_and_no_english(tmp_path: Path) -> None:
    out = _pdf_of(content_of(), tmp_path)
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    faces = {
        "title (方正小标宋简体)": {n for n in names if n.startswith("NotoSerifCJK") and "Bold" in n},
        "body (仿宋_GB2312)": {n for n in names if "UMing" in n},
        "heading (黑体)": {n for n in names if n.startswith("NotoSansCJK")},
        "heading (楷体_GB2312)": {n for n in names if "UKai" in n},
    }
    assert all(faces.values()), (faces, names)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert _latin_words(text.replace("\n", "")) == set()  # a table cell may wrap inside a word (G|DP)


def test_file_names_and_english_notes_stay_out_of_the_report() -> None:
    inputs = sample_inputs()
    inputs.findings = [AuditFinding("share_total", "error",
                                    "由占比推算 150亿元 ÷ 25% = 600亿元（据 harbin-industry-2006-2010.txt），但同一规划写明1050亿元")]
    inputs.observations = [replace(o, note="YEAR NOT STATED in source; treat as unverified")
                           if o.year == 2007 else o for o in inputs.observations]
    content = build_report(inputs, kind="midterm", as_of=AS_OF, issuer=ISSUER)
    text = BeautifulSoup(render_html(content, chart_renderer=tiny_chart), "html.parser").get_text()
    assert "由占比推算 150亿元 ÷ 25% = 600亿元，但同一规划写明1050亿元" in text
    assert "harbin" not in text and "txt" not in text
    assert _latin_words(text) == set()
    assert all("YEAR" not in s.note for s in content.sources)


def test_only_indicators_with_actual_values_get_a_chart() -> None:
    content = content_of()
    assert [c.indicator for c in content.charts] == ["全市地区生产总值", "服务业增加值占GDP比重"]
    assert all(len(c.actuals) > 1 for c in content.charts)
    inputs = sample_inputs()
    inputs.observations = []  # baselines and targets alone: a chart would show only the plan's path
    assert build_report(inputs, kind="midterm", as_of=AS_OF, issuer=ISSUER).charts == []


def test_the_signature_keeps_with_the_end_of_the_body(doc: DocxDocument) -> None:
    texts = [p.text for p in doc.paragraphs]
    at = texts.index(ISSUER)
    assert all(p.paragraph_format.keep_with_next for p in doc.paragraphs[at - 3:at + 1])

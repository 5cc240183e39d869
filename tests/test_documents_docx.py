"""Word (.docx) loading: body order with tables, headings, bold leads, merged cells, zip bombs."""

import os
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from planwatch.documents import load_document
from planwatch.documents.zipguard import open_checked_zip
from planwatch.errors import DocumentError


def build_plan_docx(path):
    d = docx.Document()
    d.add_paragraph("哈尔滨市工业发展规划", style="Title")
    d.add_heading("第一章 发展基础", level=1)
    p = d.add_paragraph()
    p.add_run("进一步深化行政审批制度改革。").bold = True
    p.add_run("取消市级自设的全部审批事项。")
    d.add_heading("一、主要目标", level=2)
    d.add_paragraph("到2010年，工业增加值达到1550亿元。")
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "2005年"
    table.cell(0, 2).text = "2010年"
    table.cell(1, 0).text = "工业增加值（亿元）"
    table.cell(1, 1).text = "669"
    table.cell(1, 2).text = "1550"
    merged = table.cell(2, 0).merge(table.cell(2, 2))
    merged.text = "注：按当年价格计算"
    d.add_paragraph("加强组织领导", style="List Bullet")
    d.add_paragraph("表后正文。")
    d.save(path)


def test_docx_body_order_tables_headings_bold(tmp_path):
    f = tmp_path / "plan.docx"
    build_plan_docx(f)
    doc = load_document(f)
    assert doc.format == "docx"
    texts = doc.paragraph_texts()
    assert texts == [
        "哈尔滨市工业发展规划",
        "第一章 发展基础",
        "进一步深化行政审批制度改革。取消市级自设的全部审批事项。",
        "一、主要目标",
        "到2010年，工业增加值达到1550亿元。",
        "指标",
        "2005年",
        "2010年",
        "工业增加值（亿元）",
        "669",
        "1550",
        "注：按当年价格计算",  # merged cell appears once
        "加强组织领导",
        "表后正文。",
    ]
    assert doc.text == "\n".join(texts)
    paras = doc.paragraphs
    for p in paras:
        assert "\n" not in doc.text[p.start : p.end]
    assert [p.heading_level for p in paras[:4]] == [1, 1, None, 2]
    assert paras[0].kind == paras[1].kind == "heading"
    assert doc.text[paras[2].start : paras[2].bold_end] == "进一步深化行政审批制度改革。"
    assert paras[4].bold_end is None
    cells = [p for p in paras if p.kind == "table_cell"]
    assert [p.table for p in cells] == [
        (0, 0, 0),
        (0, 0, 1),
        (0, 0, 2),
        (0, 1, 0),
        (0, 1, 1),
        (0, 1, 2),
        (0, 2, 0),
    ]
    assert paras[-2].kind == "list_item"
    assert paras[-1].kind == "text"


def test_docx_vertical_merge_and_line_breaks(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    top = t.cell(0, 0).merge(t.cell(1, 0))
    top.text = "重点项目"
    t.cell(0, 1).text = "一期"
    t.cell(1, 1).text = "二期"
    p = d.add_paragraph()
    p.add_run("第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    f = tmp_path / "merge.docx"
    d.save(f)
    doc = load_document(f)
    assert doc.paragraph_texts() == ["重点项目", "一期", "二期", "第一行", "第二行"]
    assert [p.table for p in doc.paragraphs[:3]] == [(0, 0, 0), (0, 0, 1), (0, 1, 1)]


def test_docx_bold_from_character_style(tmp_path):
    d = docx.Document()
    style = d.styles.add_style("LeadPhrase", WD_STYLE_TYPE.CHARACTER)
    style.font.bold = True
    p = d.add_paragraph()
    p.add_run("  ")
    p.add_run("一是", style="LeadPhrase")
    p.add_run("加快推进。")
    f = tmp_path / "style.docx"
    d.save(f)
    doc = load_document(f)
    para = doc.paragraphs[0]
    assert doc.text[para.start : para.end] == "一是加快推进。"
    assert doc.text[para.start : para.bold_end] == "一是"


def test_docx_that_is_not_a_zip(tmp_path):
    f = tmp_path / "fake.docx"
    f.write_text("这不是 Word 文件", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"not a valid \.docx \(Word\) file"):
        load_document(f)


def test_old_word_doc_renamed_docx(tmp_path):
    f = tmp_path / "old.docx"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(DocumentError, match=r"\.doc"):
        load_document(f)


def test_zip_without_word_document(tmp_path):
    f = tmp_path / "other.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError, match=r"no word/document\.xml"):
        load_document(f)


def test_broken_docx_xml_is_a_clear_error(tmp_path):
    good = tmp_path / "good.docx"
    build_plan_docx(good)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(DocumentError, match=r"damaged \.docx"):
        load_document(bad)


def test_zip_bomb_by_compression_ratio(tmp_path):
    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b" " * (8 * 1024 * 1024))
    assert f.stat().st_size < 100_000
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(f)


def test_zip_total_uncompressed_limit(tmp_path):
    f = tmp_path / "big.zip"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("a.bin", os.urandom(4000))
    data = f.read_bytes()
    assert open_checked_zip(data, "x", "zip").namelist() == ["a.bin"]
    with pytest.raises(DocumentError, match=r"zip bomb suspected: 0\.0 MiB uncompressed"):
        open_checked_zip(data, "x", "zip", max_uncompressed=1000)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_BOX_XML = (
    f'<w:p xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">'
    "<w:r><w:t>见专栏1。</w:t></w:r>"
    "<w:r><mc:AlternateContent>"
    "<mc:Choice><w:drawing><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>专栏1 重点项目</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>大型燃气轮机技术改造</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>专栏1 重点项目</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
)


def test_docx_text_boxes_are_read_once_after_their_anchor(tmp_path):
    from lxml import etree

    d = docx.Document()
    d.add_paragraph("前文")
    anchor = d.add_paragraph()
    anchor._p.addnext(etree.fromstring(TEXT_BOX_XML))
    anchor._p.getparent().remove(anchor._p)
    d.add_paragraph("后文")
    f = tmp_path / "box.docx"
    d.save(f)
    doc = load_document(f)
    assert doc.paragraph_texts() == ["前文", "见专栏1。", "专栏1 重点项目", "大型燃气轮机技术改造", "后文"]
    box_title = doc.paragraphs[2]
    assert box_title.bold_end == box_title.end


def test_docx_tracked_insertions_are_text_and_deletions_are_not(tmp_path):
    from lxml import etree

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("到2020年，城镇化率达到")
    p._p.append(
        etree.fromstring(f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>70%</w:t></w:r></w:ins>')
    )
    p._p.append(
        etree.fromstring(
            f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>65%</w:delText></w:r></w:del>'
        )
    )
    p.add_run("。")
    f = tmp_path / "tracked.docx"
    d.save(f)
    assert load_document(f).paragraph_texts() == ["到2020年，城镇化率达到70%。"]

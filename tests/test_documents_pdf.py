"""PDF loading through the text layer; scanned, encrypted and broken PDFs give clear errors."""

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from planwatch.documents import load_document
from planwatch.documents.pdffile import page_lines
from planwatch.errors import DocumentError

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def write_pdf(path, pages, encrypt=None):
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for lines in pages:
        c.setFont("STSong-Light", 12)
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 24
        c.showPage()
    c.save()


def test_pdf_lines_become_paragraphs_and_page_numbers_are_dropped(tmp_path):
    f = tmp_path / "plan.pdf"
    write_pdf(
        f,
        [
            ["哈尔滨市经济体制改革规划", "到2020年，城镇化率达到70%。", "- 1 -"],
            ["第二章 重点任务", "年均增长8%左右。", "第 2 页"],
        ],
    )
    doc = load_document(f)
    assert doc.format == "pdf"
    assert doc.paragraph_texts() == [
        "哈尔滨市经济体制改革规划",
        "到2020年，城镇化率达到70%。",
        "第二章 重点任务",
        "年均增长8%左右。",
    ]
    assert doc.text == "\n".join(doc.paragraph_texts())


def test_page_number_lines_only_at_page_edges():
    assert page_lines("3\n正文一行\n共有12项\n— 4 —") == ["正文一行", "共有12项"]
    assert page_lines("正文\n2010\n正文") == ["正文", "2010", "正文"]


def test_scanned_pdf_without_text_layer(tmp_path):
    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture, no text
    c.showPage()
    c.showPage()
    c.save()
    with pytest.raises(DocumentError, match=r"scanned PDF \(no text layer\), needs OCR"):
        load_document(f)


def test_encrypted_pdf(tmp_path):
    f = tmp_path / "secret.pdf"
    write_pdf(f, [["机密规划"]], encrypt=StandardEncryption("user-pw", "owner-pw"))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        load_document(f)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", b"plain text, no pdf"])
def test_broken_pdf(tmp_path, data):
    f = tmp_path / "broken.pdf"
    f.write_bytes(data)
    with pytest.raises(DocumentError, match="PDF"):
        load_document(f)


def test_justified_spacing_and_fake_bold_do_not_spoil_the_text(tmp_path):
    f = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(f), pagesize=A4)
    c.setFont("STSong-Light", 12)
    c.drawString(60, 740, "第一章 总体要求")
    c.drawString(60.4, 740, "第一章 总体要求")  # drawn twice, slightly shifted: fake bold
    c.drawString(60, 710, "城镇化率")
    c.drawString(260, 710, "65%")
    c.drawString(360, 710, "70%")
    # justified lines: character spacing (drawn last, the spacing stays in the graphics state)
    for y, space, line in ((800, 3, "到2020年，城镇化率达到70%左右。"), (770, 6, "主要目标：年均增长8%。")):
        t = c.beginText(60, y)
        t.setFont("STSong-Light", 12)
        t.setCharSpace(space)
        t.textLine(line)
        c.drawText(t)
    c.showPage()
    c.save()
    assert load_document(f).paragraph_texts() == [
        "到2020年，城镇化率达到70%左右。",
        "主要目标：年均增长8%。",
        "第一章 总体要求",
        "城镇化率 65% 70%",
    ]

"""The report as .docx following GB/T 9704-2012 (党政机关公文格式) conventions.

A4 paper; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; a document grid of 22 lines of
28 characters; title 2号 方正小标宋简体, centred, no indent; 主送机关 flush left; body 3号 仿宋_GB2312;
headings 黑体 (一、) / 楷体_GB2312 (（一）) / 仿宋 bold (1.); issuer and 成文日期 (Arabic numerals) at
the end per 7.3.5.2, then 附件 on a new page; language zh-CN; core properties name the issuer;
page numbers 4号 half-width "— 1 —", odd pages right and even pages left, one character in from
the edge. The East-Asian font (w:eastAsia) is set on every style and run, since Word otherwise
falls back to its theme font for Chinese characters whatever the Latin font name says.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from planwatch.reports.charts import render_chart
from planwatch.reports.content import ChartSeries, ReportContent
from planwatch.reports.layout import Cell, Chart, Heading, Para, Table, report_blocks

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
FOOTER_DISTANCE_MM = 23  # puts the page number about 7 mm below the text block, as GB/T 9704 asks

TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
H1_FONT, H2_FONT = "黑体", "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(10.5)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGINS_MM["top"] - MARGINS_MM["bottom"]
LINE_PITCH_TWIPS = int(Mm(TEXT_HEIGHT_MM).twips // LINES_PER_PAGE)  # 579: 22 lines fill the text block
# w:charSpace is the difference between the grid's character pitch and the body size, in 1/4096 pt.
CHAR_SPACE = round((Mm(TEXT_WIDTH_MM).pt / CHARS_PER_LINE - BODY_SIZE.pt) * 4096)
BODY_LINE = Pt(LINE_PITCH_TWIPS / 20)
TITLE_CHARS_PER_LINE = int(Mm(TEXT_WIDTH_MM).pt // TITLE_SIZE.pt)  # full-width characters
CELL_MARGIN_TWIPS = 57  # 1 mm each side, instead of Word's 1.9 mm: narrow columns keep "2005年" on one line
TITLE_STYLE, TABLE_STYLE, CAPTION_STYLE, NOTE_STYLE = "PW Title", "PW Table Text", "PW Caption", "PW Note"

ChartRenderer = Callable[[ChartSeries], bytes]


def set_fonts(rpr_owner: ParagraphStyle | Run, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set Latin and East-Asian font names explicitly, dropping theme fonts that would override them."""
    rpr = rpr_owner.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def _paragraph_style(doc: DocxDocument, name: str, font: str, size: Pt, *, bold: bool = False,
                     align: WD_PARAGRAPH_ALIGNMENT | None = None, first_indent: Pt | None = None, line: Pt | None = BODY_LINE,
                     base: str | None = None) -> ParagraphStyle:
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    assert isinstance(style, ParagraphStyle)
    if base:
        style.base_style = styles[base]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style, font)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.first_line_indent = first_indent
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if line is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = line
    return style


def _setup_styles(doc: DocxDocument) -> None:
    _paragraph_style(doc, "Normal", BODY_FONT, BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Pt(32))
    title = _paragraph_style(doc, TITLE_STYLE, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
                             line=Pt(36), first_indent=Pt(0), base="Normal")
    for level, font, bold in ((1, H1_FONT, False), (2, H2_FONT, False), (3, BODY_FONT, True)):
        style = _paragraph_style(doc, f"Heading {level}", font, BODY_SIZE, bold=bold,
                                 align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=Pt(32), base="Normal")
        style.paragraph_format.keep_with_next = True
    small = [
        _paragraph_style(doc, TABLE_STYLE, BODY_FONT, TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER,
                         first_indent=Pt(0), line=Pt(15), base="Normal"),
        _paragraph_style(doc, CAPTION_STYLE, H1_FONT, Pt(12), align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=Pt(0),
                         line=Pt(22), base="Normal"),
        _paragraph_style(doc, NOTE_STYLE, BODY_FONT, Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=Pt(24),
                         line=Pt(20), base="Normal"),
    ]
    for style in (title, *small):  # these keep their own line height, not the body's grid line
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        style.element.get_or_add_pPr().append(snap)
    # Word's document defaults also get an East-Asian font, so nothing falls back to a theme font.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rfonts in defaults.iter(qn("w:rFonts")):
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
            rfonts.set(qn("w:eastAsia"), BODY_FONT)
            rfonts.set(qn("w:ascii"), LATIN_FONT)
            rfonts.set(qn("w:hAnsi"), LATIN_FONT)
        for size in (*defaults.iter(qn("w:sz")), *defaults.iter(qn("w:szCs"))):
            size.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))  # the grid's pitch is reckoned from it
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "zh-CN")
            lang.set(qn("w:eastAsia"), "zh-CN")


# Without the character grid, the body's 3号 characters are condensed instead so that 28 fit a line
# (GB/T 9704: 28 characters × 22 lines): the pitch the grid would give, in twentieths of a point.
CONDENSE_TWIPS = math.floor((Mm(TEXT_WIDTH_MM).pt / CHARS_PER_LINE - BODY_SIZE.pt) * 20)


def _condense_body(doc: DocxDocument) -> None:
    """Body-size styles with condensed character spacing (w:spacing), for LibreOffice."""
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        rpr = doc.styles[name].element.get_or_add_rPr()
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CONDENSE_TWIPS))
        rpr.append(spacing)
    for name in (TITLE_STYLE, TABLE_STYLE, CAPTION_STYLE, NOTE_STYLE):  # their own sizes: not condensed
        rpr = doc.styles[name].element.get_or_add_rPr()
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), "0")
        rpr.append(spacing)


def _setup_page(doc: DocxDocument, char_grid: bool = True) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    doc.settings.odd_and_even_pages_header_footer = True
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars" if char_grid else "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE if char_grid else 0))
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _field_run(paragraph: Paragraph, kind: str, text: str = "") -> Run:
    run = paragraph.add_run()
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = text
        run._r.append(instr)
    elif kind == "text":
        run.text = text
    else:
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._r.append(fld)
    return run


def _page_number(paragraph: Paragraph, align: WD_PARAGRAPH_ALIGNMENT) -> None:
    """'— N —' with N a PAGE field, 4号 宋体, one character in from the outer edge."""
    paragraph.alignment = align
    pf = paragraph.paragraph_format
    pf.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = PAGE_NUMBER_SIZE
    else:
        pf.left_indent = PAGE_NUMBER_SIZE
    runs = [
        _field_run(paragraph, "text", "— "),
        _field_run(paragraph, "begin"),
        _field_run(paragraph, "instr", " PAGE "),
        _field_run(paragraph, "separate"),
        _field_run(paragraph, "text", "1"),
        _field_run(paragraph, "end"),
        _field_run(paragraph, "text", " —"),
    ]
    for run in runs:
        run.font.size = PAGE_NUMBER_SIZE
        set_fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)


def _add_run(paragraph: Paragraph, text: str, east_asia: str, *, bold: bool | None = None,
             colour: str | None = None, size: Pt | None = None) -> Run:
    run = paragraph.add_run(text)
    set_fonts(run, east_asia)
    if bold is not None:
        run.bold = bold
    if size is not None:
        run.font.size = size
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    return run


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)



def _cell_margins(table: DocxTable) -> None:
    """Narrow left/right cell margins, inserted where the schema puts them (before w:tblLook):
    Word rejects a table whose properties are out of order."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _set_style_id(paragraph: Paragraph, style_id: str) -> None:
    """Assign a paragraph style by id: python-docx's name lookup is slow in tables of hundreds of cells."""
    paragraph._p.get_or_add_pPr().style = style_id


def _paragraph(doc: DocxDocument, style: str, text: str = "") -> Paragraph:
    """Add a paragraph with a style given by name. The style id of the default template's and of
    python-docx's added styles is the name without spaces (Heading 1 -> Heading1)."""
    paragraph = doc.add_paragraph(text)
    _set_style_id(paragraph, style.replace(" ", ""))
    return paragraph


def _row_xml(cells: list[Cell], widths_twips: list[int], text_columns: frozenset[int]) -> str:
    """One body row as WordprocessingML: built as text and parsed once per table, since adding
    thousands of cells through python-docx's object API takes seconds."""
    fonts = (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" '
             f'w:cs="{LATIN_FONT}"/>')
    style = TABLE_STYLE.replace(" ", "")
    parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    for index, (cell, width) in enumerate(zip(cells, widths_twips, strict=True)):
        align = '<w:jc w:val="left"/>' if index in text_columns else ""
        emphasis = (f'<w:b/><w:color w:val="{cell.colour.lstrip("#").upper()}"/>' if cell.colour else "")
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(xml_escape(line) for line in cell.text.split("\n"))
        parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                     f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>'
                     f'<w:r><w:rPr>{fonts}{emphasis}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>')
    parts.append("</w:tr>")
    return "".join(parts)


def _write_table(doc: DocxDocument, block: Table) -> None:
    caption = _paragraph(doc, CAPTION_STYLE, block.caption)
    caption.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in block.widths_mm]
    table_style_id = TABLE_STYLE.replace(" ", "")
    _cell_margins(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(table.rows[0].cells, block.header, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        _set_style_id(paragraph, table_style_id)
        _add_run(paragraph, text, H1_FONT)
    _repeat_header(table)
    if block.rows:
        body = parse_xml(f'<w:tbl {nsdecls("w")}>' + "".join(
            _row_xml(cells, [w.twips for w in widths], block.text_columns) for cells in block.rows) + "</w:tbl>")
        table._tbl.extend(list(body))
    for note in block.notes:
        _paragraph(doc, NOTE_STYLE, note)


# Where a title may break with its words whole: after the end of a name, a place, a period, or a
# word that closes a phrase in plan titles.
TITLE_BREAK_AFTER = ("》", "”", "」", "）", "市", "省", "县", "区", "年", "期", "发展", "改革", "规划", "纲要")


def title_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """A title in lines as GB/T 9704 asks (words whole, lines of similar length): one line if it
    fits; else after the plan's name (《…》) if that fits a line; else two lines broken after the
    break character nearest the middle."""
    if len(title) <= per_line:
        return [title]
    head, mark, tail = title.partition("》")
    if mark and tail and len(head) + 1 <= per_line and len(tail) <= per_line:
        return [head + mark, tail]
    cuts = [i for i in range(1, len(title)) if title[:i].endswith(TITLE_BREAK_AFTER)
            and i <= per_line and len(title) - i <= per_line]
    cut = min(cuts, key=lambda c: abs(c - len(title) / 2)) if cuts else (len(title) + 1) // 2
    return [title[:cut], title[cut:]]


def _write_title_block(doc: DocxDocument, content: ReportContent) -> None:
    title = _paragraph(doc, TITLE_STYLE)
    lines = title_lines(content.title)
    for index, line in enumerate(lines):
        run = title.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    _paragraph(doc, "Normal")  # one blank line between title and 主送机关 (7.3.2)
    if content.recipient:
        recipient = _paragraph(doc, "Normal")
        recipient.paragraph_format.first_line_indent = Pt(0)
        recipient.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _add_run(recipient, content.recipient.rstrip("：:") + "：", BODY_FONT)


def _width_in_chars(text: str) -> float:
    """Width of ``text`` in body characters: half-width digits and letters count as one half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def signature_indents(issuer: str, issued: str) -> tuple[float, float]:
    """Right indents (in characters) of the issuer and the 成文日期 (GB/T 9704-2012 7.3.5.2, no seal):
    the issuer two characters from the right, the date starting two characters right of the
    issuer's start; a date longer than that ends two characters from the right and the issuer moves
    left accordingly."""
    width_issuer, width_date = _width_in_chars(issuer), _width_in_chars(issued)
    if width_issuer - width_date >= 2:
        return 2.0, width_issuer - width_date
    return 4.0 + width_date - width_issuer, 2.0


def _write_signature(doc: DocxDocument, content: ReportContent) -> None:
    # The signature never stands alone on a page (GB/T 9704 7.3.5.4): the body's last two
    # paragraphs move with it.
    for last in list(doc.element.body.iterchildren(qn("w:p")))[-2:]:
        Paragraph(last, doc._body).paragraph_format.keep_with_next = True
    blank = _paragraph(doc, "Normal")  # 正文下空一行
    blank.paragraph_format.keep_with_next = True
    issuer_indent, date_indent = signature_indents(content.issuer, content.issued_text)
    for text, indent in ((content.issuer, issuer_indent), (content.issued_text, date_indent)):
        p = _paragraph(doc, "Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * indent)
        p.paragraph_format.keep_with_next = text == content.issuer
        _add_run(p, text, BODY_FONT)


def _write_attachment_mark(doc: DocxDocument, text: str) -> None:
    """附件 starts a new page, 黑体, flush left (7.4.1)."""
    p = _paragraph(doc, "Normal")
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.page_break_before = True
    p.paragraph_format.keep_with_next = True
    _add_run(p, text, H1_FONT)


def _core_properties(doc: DocxDocument, content: ReportContent) -> None:
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.author = content.issuer
    props.last_modified_by = content.issuer
    props.title = content.title
    props.subject = content.plan_title
    props.language = "zh-CN"
    props.keywords = ""
    props.comments = ""
    props.created = now
    props.modified = now
    props.last_printed = now
    props.revision = 1


def build_docx(content: ReportContent, chart_renderer: ChartRenderer = render_chart, *,
               for_libreoffice: bool = False) -> DocxDocument:
    """The python-docx Document of the report (for tests and further editing). ``for_libreoffice``:
    the copy converted to PDF has a line grid only (LibreOffice lays a character grid with a negative
    w:charSpace out as two cells per character, about 14 characters a line); its body characters are
    condensed by w:spacing instead, so the PDF too has 28 characters × 22 lines."""
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc, char_grid=not for_libreoffice)
    if for_libreoffice:
        _condense_body(doc)
    _core_properties(doc, content)
    _write_title_block(doc, content)
    signed = False
    for block in report_blocks(content):
        if isinstance(block, Heading) and block.level == 0:
            _write_signature(doc, content)
            signed = True
            _write_attachment_mark(doc, block.text)
        elif isinstance(block, Heading):
            _paragraph(doc, f"Heading {block.level}", block.text)
        elif isinstance(block, Para):
            style = NOTE_STYLE if block.style == "note" else "Normal"
            paragraph = _paragraph(doc, style)
            _add_run(paragraph, block.text, H2_FONT if block.style == "placeholder" else BODY_FONT)
        elif isinstance(block, Table):
            _write_table(doc, block)
        elif isinstance(block, Chart):
            picture = _paragraph(doc, "Normal")
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            picture.paragraph_format.keep_with_next = True
            picture.add_run().add_picture(io.BytesIO(chart_renderer(block.series)), width=Mm(TEXT_WIDTH_MM - 6))
            _paragraph(doc, CAPTION_STYLE, block.caption)
    if not signed:
        _write_signature(doc, content)
    return doc


def write_docx(content: ReportContent, out: str | Path, chart_renderer: ChartRenderer = render_chart, *,
               for_libreoffice: bool = False) -> Path:
    """Write the report to ``out`` (.docx) and return the path."""
    path = Path(out)
    build_docx(content, chart_renderer, for_libreoffice=for_libreoffice).save(str(path))
    return path

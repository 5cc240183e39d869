"""Loader for Word (.docx) files via python-docx.

The body is walked in XML order so that tables appear where they stand in the document; each
table cell becomes its own paragraph. Heading styles and leading bold runs are kept as hints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from planwatch.documents.builder import TextBuilder
from planwatch.documents.model import Document
from planwatch.documents.zipguard import open_checked_zip
from planwatch.errors import DocumentError

NOT_DOCX = "not a valid .docx (Word) file"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_OFF = {"0", "false", "off", "none"}


def _val(el: Any) -> str | None:
    v: str | None = el.get(qn("w:val"))
    return v


def _on(el: Any) -> bool:
    """A Word toggle property (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    v = _val(el)
    return v is None or v.lower() not in _OFF


def _outline_level(ppr: Any) -> int | None:
    """Heading level from ``<w:outlineLvl>`` (0-based; 9 means body text), or None if absent."""
    if ppr is None:
        return None
    lvl = ppr.find(qn("w:outlineLvl"))
    if lvl is None:
        return None
    v = _val(lvl)
    return int(v) + 1 if v is not None and v.isdigit() and int(v) < 9 else 0


class _Styles:
    """Style lookups resolved once per style id from the raw styles XML.

    python-docx's own style lookup scans every style on each call (milliseconds per paragraph,
    minutes for a long plan), so heading level, list-ness and boldness are cached here.
    """

    def __init__(self, styles_element: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        for st in styles_element.iterchildren(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            if sid is None:
                continue
            self.by_id[sid] = st
            if st.get(qn("w:default")) in ("1", "true", "on"):
                kind = st.get(qn("w:type"))
                if kind == "paragraph":
                    self.default_paragraph = sid
                elif kind == "character":
                    self.default_character = sid
        self._heading: dict[str | None, int | None] = {}
        self._list: dict[str | None, bool] = {}
        self._bold: dict[str | None, bool | None] = {}

    def chain(self, sid: str | None) -> Iterator[Any]:
        """The style and the styles it is based on (loops and deep chains cut off)."""
        seen: set[str] = set()
        while sid is not None and sid in self.by_id and sid not in seen and len(seen) < 20:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            based = st.find(qn("w:basedOn"))
            sid = _val(based) if based is not None else None

    def heading_level(self, sid: str | None) -> int | None:
        """ "Heading N" / "标题 N" -> N, "Title" -> 1, else an outline level from the chain."""
        if sid not in self._heading:
            level: int | None = None
            for st in self.chain(sid):
                name_el = st.find(qn("w:name"))
                name = (_val(name_el) or "").strip() if name_el is not None else ""
                if m := _HEADING_STYLE.fullmatch(name):
                    level = int(m.group(1))
                    break
                if name.lower() in _TITLE_STYLES:
                    level = 1
                    break
            if level is None:
                for st in self.chain(sid):
                    outline = _outline_level(st.find(qn("w:pPr")))
                    if outline is not None:
                        level = outline or None
                        break
            self._heading[sid] = level
        return self._heading[sid]

    def is_list(self, sid: str | None) -> bool:
        if sid not in self._list:
            result = False
            for st in self.chain(sid):
                name_el = st.find(qn("w:name"))
                name = (_val(name_el) or "") if name_el is not None else ""
                ppr = st.find(qn("w:pPr"))
                if name.lower().startswith("list") or (
                    ppr is not None and ppr.find(qn("w:numPr")) is not None
                ):
                    result = True
                    break
            self._list[sid] = result
        return self._list[sid]

    def bold(self, sid: str | None) -> bool | None:
        """Bold set by the style chain, or None when no style in it says."""
        if sid not in self._bold:
            value: bool | None = None
            for st in self.chain(sid):
                rpr = st.find(qn("w:rPr"))
                b = rpr.find(qn("w:b")) if rpr is not None else None
                if b is not None:
                    value = _on(b)
                    break
            self._bold[sid] = value
        return self._bold[sid]


def _style_id(props: Any, tag: str, default: str | None) -> str | None:
    if props is None:
        return default
    el = props.find(qn(tag))
    return _val(el) if el is not None else default


def paragraph_style_id(para: DocxParagraph, styles: _Styles) -> str | None:
    return _style_id(para._p.pPr, "w:pStyle", styles.default_paragraph)


def heading_level(para: DocxParagraph, styles: _Styles) -> int | None:
    """Level from a "Heading N" / "Title" style (Title counts as level 1) or an outline level
    set on the paragraph itself or its style."""
    own = _outline_level(para._p.pPr)
    if own is not None:
        return own or None
    return styles.heading_level(paragraph_style_id(para, styles))


def is_list_item(para: DocxParagraph, styles: _Styles) -> bool:
    ppr = para._p.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True
    return styles.is_list(paragraph_style_id(para, styles))


def _run_bold(run: Run, para_style: str | None, styles: _Styles) -> bool:
    rpr = run._r.rPr
    b = rpr.find(qn("w:b")) if rpr is not None else None
    if b is not None:
        return _on(b)
    for sid in (_style_id(rpr, "w:rStyle", styles.default_character), para_style):
        value = styles.bold(sid)
        if value is not None:
            return value
    return False


# Runs that make up a paragraph's visible text: direct runs and those wrapped in hyperlinks,
# tracked insertions (drafts often keep them), smart tags, simple fields and content controls.
# python-docx's ``Paragraph.text`` reads only the first two.
_RUN_PATHS = " | ".join(
    f"./{wrapper}w:r"
    for wrapper in (
        "",
        "w:hyperlink/",
        "w:ins/",
        "w:moveTo/",
        "w:smartTag/",
        "w:fldSimple/",
        "w:customXml/",
        "w:sdt/w:sdtContent/",
    )
)


def paragraph_runs(para: DocxParagraph) -> list[Run]:
    """The runs of ``para`` in document order (deleted text is not in them)."""
    return [Run(r, para) for r in para._p.xpath(_RUN_PATHS)]


def bold_prefix_length(para: DocxParagraph, runs: list[Run], styles: _Styles) -> int | None:
    """Characters of the paragraph text covered by its leading bold runs (whitespace runs pass)."""
    para_style = paragraph_style_id(para, styles)
    length = 0
    bold_len: int | None = None
    for run in runs:
        text = run.text
        if not text.strip():
            length += len(text)
            continue
        if not _run_bold(run, para_style, styles):
            return bold_len
        length += len(text)
        bold_len = length
    return bold_len


def text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in paragraph ``p`` (专栏 boxes are often drawn as text boxes),
    outermost only; the legacy ``mc:Fallback`` copy of a box is skipped so it is read once."""
    boxes = []
    for box in p.iter(qn("w:txbxContent")):
        node = box.getparent()
        while node is not None and node is not p:
            if node.tag == _MC_FALLBACK or node.tag == qn("w:txbxContent"):
                break
            node = node.getparent()
        else:
            boxes.append(box)
    return boxes


class _BodyWalker:
    """Walks a document body in order, feeding paragraphs and table cells to a TextBuilder."""

    def __init__(self, document: Any) -> None:
        self.styles = _Styles(document.styles.element)
        self.builder = TextBuilder()
        self.table_count = 0

    def walk(self, container: Any, parent: Any) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(DocxParagraph(child, parent))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, parent))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.walk(content, parent)

    def paragraph(self, para: DocxParagraph) -> None:
        level = heading_level(para, self.styles)
        kind = (
            "heading" if level is not None else ("list_item" if is_list_item(para, self.styles) else "text")
        )
        runs = paragraph_runs(para)
        text = "".join(r.text for r in runs)
        self.builder.add(text, kind, level, bold_prefix_length(para, runs, self.styles))
        for box in text_boxes(para._p):
            self.walk(box, para._parent)

    def table(self, table: Table) -> None:
        index = self.table_count
        self.table_count += 1
        seen: set[Any] = set()  # <w:tc> elements (kept alive so lxml proxies stay unique)
        nested: list[Table] = []
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                col = c + row.grid_cols_before
                pieces: list[str] = []
                bold: int | None = None
                for para in cell.paragraphs:
                    runs = paragraph_runs(para)
                    text = "".join(run.text for run in runs)
                    if text.strip():
                        if not pieces:
                            bold = bold_prefix_length(para, runs, self.styles)
                        pieces.append(text)
                cell_text = " ".join(pieces).replace("\n", " ")
                self.builder.add(cell_text, "table_cell", None, bold, (index, r, col))
                nested.extend(cell.tables)
        for inner in nested:
            self.table(inner)


def load_docx(data: bytes, path: str, name: str) -> Document:
    """Parse a .docx held in ``data`` (already size-checked) after the zip-bomb check."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DocumentError(
            path, "这是旧版 Word (.doc) 文件，请另存为 .docx; old Word 97-2003 .doc file, save it as .docx"
        )
    zf = open_checked_zip(data, path, NOT_DOCX)
    if "word/document.xml" not in zf.namelist():
        raise DocumentError(path, f"不是有效的 Word 文件 {NOT_DOCX} (no word/document.xml)")
    try:
        document = docx.Document(BytesIO(data))
        walker = _BodyWalker(document)
        walker.walk(document.element.body, document._body)
    except DocumentError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types for damaged files
        raise DocumentError(
            path, f"Word 文件已损坏 damaged .docx file ({type(exc).__name__}: {exc})"
        ) from None
    builder = walker.builder
    if not builder.paragraphs:
        raise DocumentError(path, "文档没有文字 the document contains no text")
    return Document(name, path, "docx", builder.text, tuple(builder.paragraphs), None)

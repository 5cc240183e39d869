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
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from planwatch.documents.builder import TextBuilder
from planwatch.documents.model import Document
from planwatch.documents.zipguard import open_checked_zip
from planwatch.errors import DocumentError

NOT_DOCX = "not a valid .docx (Word) file"
_HEADING_STYLE = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def heading_level(para: DocxParagraph) -> int | None:
    """Level from a "Heading N" / "Title" style (Title counts as level 1) or an outline level."""
    style = para.style
    for st in _style_chain(style):
        name = (st.name or "").strip()
        if m := _HEADING_STYLE.fullmatch(name):
            return int(m.group(1))
        if name.lower() in _TITLE_STYLES:
            return 1
    ppr_sources = [para._p.pPr] + [st.element.pPr for st in _style_chain(style)]
    for ppr in ppr_sources:
        if ppr is None:
            continue
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is not None:
            val = lvl.get(qn("w:val"))
            if val is not None and val.isdigit() and int(val) < 9:
                return int(val) + 1
            return None
    return None


def _is_list_item(para: DocxParagraph) -> bool:
    ppr = para._p.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        return True
    name = (para.style.name or "") if para.style is not None else ""
    return name.lower().startswith("list")


def _run_bold(run: Run, para: DocxParagraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for source in (run.style, para.style):
        for st in _style_chain(source):
            if st.font.bold is not None:
                return bool(st.font.bold)
    return False


def bold_prefix_length(para: DocxParagraph) -> int | None:
    """Characters of ``para.text`` covered by its leading bold runs (whitespace runs pass)."""
    length = 0
    bold_len: int | None = None
    for item in para.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            text = run.text
            if not text.strip():
                length += len(text)
                continue
            if not _run_bold(run, para):
                return bold_len
            length += len(text)
            bold_len = length
    return bold_len


class _BodyWalker:
    """Walks a document body in order, feeding paragraphs and table cells to a TextBuilder."""

    def __init__(self, document: Any) -> None:
        self.document = document
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
        level = heading_level(para)
        kind = "heading" if level is not None else ("list_item" if _is_list_item(para) else "text")
        self.builder.add(para.text, kind, level, bold_prefix_length(para))

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
                paras = cell.paragraphs
                pieces = [p.text for p in paras if p.text.strip()]
                bold = bold_prefix_length(paras[0]) if paras and paras[0].text.strip() else None
                self.builder.add(
                    " ".join(pieces).replace("\n", " "), "table_cell", None, bold, (index, r, col)
                )
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

"""``load_document``: pick the loader for a file's extension, after the safety checks.

Every failure is a ``DocumentError`` naming the file and the problem in one line.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from planwatch.documents.builder import normalize_newlines
from planwatch.documents.model import FORMATS, Document
from planwatch.documents.plaintext import markdown_paragraphs, text_paragraphs
from planwatch.documents.source import MAX_BYTES, check_file, read_bytes
from planwatch.documents.textfile import load_text_file
from planwatch.errors import DocumentError

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}

# Loaders of the binary/markup formats are imported on first use: python-docx, pdfplumber and
# BeautifulSoup take ~0.4 s to import, which every plain-text user would otherwise pay.
_LOADERS: dict[str, tuple[str, str]] = {
    "docx": ("planwatch.documents.docxfile", "load_docx"),
    "pdf": ("planwatch.documents.pdffile", "load_pdf"),
    "html": ("planwatch.documents.htmlfile", "load_html"),
}


def _loader(fmt: str) -> Callable[[bytes, str, str], Document]:
    module, func = _LOADERS[fmt]
    loader: Callable[[bytes, str, str], Document] = getattr(importlib.import_module(module), func)
    return loader


def format_of(path: Path) -> str:
    """The document format for ``path``'s extension; unsupported ones list what is supported."""
    ext = path.suffix.lower()
    fmt = SUPPORTED_EXTENSIONS.get(ext)
    if fmt is None:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        shown = f"'{ext}'" if ext else "(no extension)"
        hint = "; save .doc/.wps as .docx" if ext in (".doc", ".wps", ".rtf") else ""
        raise DocumentError(
            str(path), f"不支持的文件类型 unsupported file type {shown} (supported: {supported}){hint}"
        )
    return fmt


def load_document(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> Document:
    """Load a plan document (.txt .md .docx .pdf .html) into a ``Document``.

    Files larger than ``max_bytes`` are refused before being read.
    """
    p = Path(path)
    check_file(p, max_bytes)  # "not found" / "is a directory" say more than a bad extension
    fmt = format_of(p)
    data = read_bytes(p, max_bytes)
    if fmt in ("txt", "md"):
        return load_text_file(data, str(p), p.name, markdown=fmt == "md")
    return _loader(fmt)(data, str(p), p.name)


def document_from_text(text: str, name: str = "<text>", format: str = "txt") -> Document:
    """A ``Document`` from a string (tests, pasted text, the web form).

    Line endings are normalised and a leading BOM dropped; "md" adds markdown hints, "html"
    parses the string as a page; other formats take one paragraph per line.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "html":
        from planwatch.documents.htmlfile import parse_html

        builder = parse_html(text)
        return Document(name, None, "html", builder.text, tuple(builder.paragraphs), None)
    text = normalize_newlines(text.removeprefix("\ufeff"))
    paragraphs = markdown_paragraphs(text) if format == "md" else text_paragraphs(text)
    return Document(name, None, format, text, paragraphs, None)

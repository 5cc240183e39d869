"""``load_document``: pick the loader for a file's extension, after the safety checks.

Every failure is a ``DocumentError`` naming the file and the problem in one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from planwatch.documents.builder import normalize_newlines
from planwatch.documents.docxfile import load_docx
from planwatch.documents.htmlfile import load_html, parse_html
from planwatch.documents.model import FORMATS, Document
from planwatch.documents.pdffile import load_pdf
from planwatch.documents.plaintext import markdown_paragraphs, text_paragraphs
from planwatch.documents.source import MAX_BYTES, read_bytes
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

_LOADERS: dict[str, Callable[[bytes, str, str], Document]] = {
    "txt": lambda data, path, name: load_text_file(data, path, name, markdown=False),
    "md": lambda data, path, name: load_text_file(data, path, name, markdown=True),
    "docx": load_docx,
    "pdf": load_pdf,
    "html": load_html,
}


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
    fmt = format_of(p)
    data = read_bytes(p, max_bytes)
    return _LOADERS[fmt](data, str(p), p.name)


def document_from_text(text: str, name: str = "<text>", format: str = "txt") -> Document:
    """A ``Document`` from a string (tests, pasted text, the web form).

    Line endings are normalised and a leading BOM dropped; "md" adds markdown hints, "html"
    parses the string as a page; other formats take one paragraph per line.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "html":
        builder = parse_html(text)
        return Document(name, None, "html", builder.text, tuple(builder.paragraphs), None)
    text = normalize_newlines(text.removeprefix("\ufeff"))
    paragraphs = markdown_paragraphs(text) if format == "md" else text_paragraphs(text)
    return Document(name, None, format, text, paragraphs, None)

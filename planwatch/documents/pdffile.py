"""Loader for PDF files via pdfplumber's text layer: one paragraph per text line.

Lines that are only a page number ("- 3 -", "第3页") at the top or bottom of a page are page
furniture, not plan text, and are left out. A PDF without any text layer is a scan: it needs
OCR, which PlanWatch does not do, and is refused with that explanation.
"""

from __future__ import annotations

import re
from io import BytesIO

import pdfplumber

from planwatch.documents.builder import TextBuilder
from planwatch.documents.model import Document
from planwatch.errors import DocumentError

X_TOLERANCE_RATIO = 0.5
"""A gap wider than half a character becomes a space. Justified Chinese text is spread with
character spacing; a fixed tolerance of 3pt would split numbers ("202 0年") and space out whole
lines. Characters drawn twice for fake bold are de-duplicated first."""

_PAGE_NUMBER = re.compile(
    r"[\s\-—–－_·~]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[\s\-—–－_·~]*"
)


def _is_encryption_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def page_lines(page_text: str) -> list[str]:
    """Non-blank lines of one page, without a page-number line at its top or bottom."""
    lines = [ln for ln in page_text.split("\n") if ln.strip()]
    if lines and _PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.fullmatch(lines[0]):
        lines.pop(0)
    return lines


def load_pdf(data: bytes, path: str, name: str) -> Document:
    """Extract the text layer of ``data`` page by page."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise DocumentError(path, "不是有效的 PDF 文件 not a valid PDF file")
    builder = TextBuilder()
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            n_pages = len(pdf.pages)
            for page in pdf.pages:
                text = page.dedupe_chars().extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO) or ""
                for line in page_lines(text):
                    builder.add(line)
                page.close()
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        if _is_encryption_error(exc):
            raise DocumentError(path, "PDF 已加密，需要密码 encrypted PDF, needs a password") from None
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise DocumentError(path, f"PDF 文件已损坏 damaged PDF file ({detail})") from None
    if n_pages == 0:
        raise DocumentError(path, "PDF 没有页面 the PDF has no pages")
    if not builder.paragraphs:
        raise DocumentError(
            path, "扫描版 PDF（没有文字层），需要 OCR; scanned PDF (no text layer), needs OCR"
        )
    return Document(name, path, "pdf", builder.text, tuple(builder.paragraphs), None)

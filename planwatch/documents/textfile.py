"""Loader for plain-text (.txt) and markdown (.md) files."""

from __future__ import annotations

from planwatch.documents.builder import normalize_newlines
from planwatch.documents.encoding import bom_encoding, decode_text, looks_like_utf16
from planwatch.documents.model import Document
from planwatch.documents.plaintext import markdown_paragraphs, text_paragraphs
from planwatch.errors import DocumentError

# Signatures of binary formats people save with a .txt name by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip/.docx file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word/Excel (.doc/.xls) file"),
    (b"{\\rtf", "an RTF file"),
)
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v", "\x1a"}


def check_not_binary(data: bytes, path: str) -> None:
    """Refuse bytes that are plainly not text (NUL bytes outside UTF-16/32 text, known binary magic)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(path, f"不是文本文件 binary file, not text (looks like {what})")
    if bom_encoding(data) is None and b"\x00" in data and not looks_like_utf16(data):
        raise DocumentError(path, "不是文本文件 binary file, not text (contains NUL bytes)")


def check_text_content(text: str, path: str) -> None:
    """Refuse decoded text that is empty or full of control characters (a mis-decoded binary)."""
    if not text.strip():
        raise DocumentError(path, "文件为空 empty file (only whitespace)")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if controls > max(8, len(text) // 100):
        raise DocumentError(path, "不是文本文件 binary file, not text (control characters)")


def load_text_file(data: bytes, path: str, name: str, markdown: bool) -> Document:
    """Decode ``data`` and make one paragraph per non-blank line (markdown hints if ``markdown``)."""
    check_not_binary(data, path)
    raw, encoding = decode_text(data, path)
    check_text_content(raw, path)
    text = normalize_newlines(raw)
    paragraphs = markdown_paragraphs(text) if markdown else text_paragraphs(text)
    return Document(name, path, "md" if markdown else "txt", text, paragraphs, encoding)

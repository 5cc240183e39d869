"""Loading plan documents into one text with paragraph offsets (DESIGN.md: documents layer).

``load_document(path)`` reads .txt/.md (UTF-8, UTF-16 with BOM, GB18030/GBK), .docx, .pdf
(text layer) and .html; every later offset refers to ``Document.text``.
"""

from planwatch.documents.loader import SUPPORTED_EXTENSIONS, document_from_text, load_document
from planwatch.documents.model import Document, Paragraph
from planwatch.documents.source import MAX_BYTES

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "Document",
    "Paragraph",
    "document_from_text",
    "load_document",
]

"""The loaded document: one text and its paragraphs as offsets into it.

Every later layer (outline, quantities, extraction) refers to positions in ``Document.text``,
so a document is immutable once built and paragraphs never copy text, they only point into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from planwatch.textnorm import normalize_for_parsing

PARAGRAPH_KINDS: tuple[str, ...] = ("text", "heading", "table_cell", "list_item")
FORMATS: tuple[str, ...] = ("txt", "md", "docx", "pdf", "html")


@dataclass(frozen=True)
class Paragraph:
    """A span ``text[start:end]`` of the document (never containing a newline).

    ``heading_level`` and ``bold_end`` are hints from the file format itself (Word heading
    styles, html ``<h2>``, markdown ``#``; a leading bold run), not guesses from the wording.
    """

    start: int
    end: int
    kind: str = "text"
    heading_level: int | None = None
    bold_end: int | None = None
    table: tuple[int, int, int] | None = None

    def text_of(self, doc: Document) -> str:
        """The paragraph's text in ``doc``."""
        return doc.text[self.start : self.end]


@dataclass(frozen=True)
class Document:
    """A document's text (the ONE text all offsets refer to) and its paragraphs."""

    name: str
    path: str | None
    format: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    encoding: str | None = None

    @cached_property
    def norm(self) -> str:
        """``normalize_for_parsing(text)``: same length as ``text``, so offsets carry over."""
        return normalize_for_parsing(self.text)

    def paragraph_texts(self) -> list[str]:
        """The text of every paragraph, in order."""
        return [self.text[p.start : p.end] for p in self.paragraphs]

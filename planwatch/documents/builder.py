"""Assemble a document text from paragraph strings, recording each paragraph's offsets.

Formats without a text of their own (docx, pdf, html) produce paragraph strings; the builder
joins them with newlines and keeps ``text[start:end]`` equal to every paragraph it records.
"""

from __future__ import annotations

from planwatch.documents.model import Paragraph

# Line separators other than "\n" that may occur inside a paragraph string. Each becomes one
# "\n" (so "\r\n" gives an empty line, which is dropped): lengths, and bold_len, stay valid.
_LINE_BREAKS = str.maketrans({ch: "\n" for ch in "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n`` (done before any offset exists)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextBuilder:
    """Collects paragraphs and produces the joined text plus ``Paragraph`` spans."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.paragraphs: list[Paragraph] = []

    def add(
        self,
        raw: str,
        kind: str = "text",
        heading_level: int | None = None,
        bold_len: int | None = None,
        table: tuple[int, int, int] | None = None,
    ) -> None:
        """Add one paragraph. Line breaks inside ``raw`` split it into several paragraphs
        (a paragraph never holds a newline); whitespace at the edges is trimmed; blank ones are
        dropped. ``bold_len`` counts characters of ``raw`` from its start that were bold."""
        raw = raw.translate(_LINE_BREAKS)
        offset = 0
        for line in raw.split("\n"):
            line_bold = None if bold_len is None else bold_len - offset
            offset += len(line) + 1
            stripped = line.strip()
            if not stripped:
                continue
            lead = len(line) - len(line.lstrip())
            if self._parts:
                self._parts.append("\n")
                self._length += 1
            start = self._length
            end = start + len(stripped)
            bold_end: int | None = None
            if line_bold is not None and line_bold - lead > 0:
                bold_end = start + min(line_bold - lead, len(stripped))
            self._parts.append(stripped)
            self._length = end
            self.paragraphs.append(Paragraph(start, end, kind, heading_level, bold_end, table))

    @property
    def text(self) -> str:
        return "".join(self._parts)

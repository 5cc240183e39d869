"""Paragraphs of a plain-text or markdown text: one paragraph per non-blank line.

The text itself is never changed (markdown syntax stays in it) so that offsets match the file;
markdown structure is only recorded as hints on the paragraphs.
"""

from __future__ import annotations

import re

from planwatch.documents.model import Paragraph

_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?!#)[ \t]*")
_MD_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_MD_BOLD_OPEN = re.compile(r"(\*\*|__)(?=\S)")
_MD_RULE = re.compile(r"[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*")
_MD_TABLE_SEPARATOR = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?")
_WHITESPACE = " \t\u3000\u00a0\ufeff\u200b\f\v"


def _trimmed(line: str, base: int, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of ``line[lo:hi]`` without surrounding whitespace (as absolute offsets)."""
    while lo < hi and (line[lo].isspace() or line[lo] in _WHITESPACE):
        lo += 1
    while hi > lo and (line[hi - 1].isspace() or line[hi - 1] in _WHITESPACE):
        hi -= 1
    return base + lo, base + hi


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def text_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """One ``text`` paragraph per non-blank line, edges trimmed."""
    paras: list[Paragraph] = []
    for base, line in _lines(text):
        start, end = _trimmed(line, base, 0, len(line))
        if end > start:
            paras.append(Paragraph(start, end))
    return tuple(paras)


def _bold_end(line: str, pos: int) -> int | None:
    """End (in ``line``) of a ``**lead**`` run starting at ``pos``, closing marker included."""
    m = _MD_BOLD_OPEN.match(line, pos)
    if not m:
        return None
    close = line.find(m.group(1), m.end())
    if close <= m.end():
        return None
    return close + len(m.group(1))


def _table_cells(line: str) -> list[tuple[int, int]]:
    """(lo, hi) of each cell of a markdown table row ``| a | b |`` (escaped ``\\|`` kept)."""
    bars = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    first = line.find("|")
    edges = ([] if line[:first].strip() == "" else [-1]) + bars
    if line[bars[-1] + 1 :].strip():
        edges.append(len(line))
    return [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]


def markdown_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Lines as paragraphs, with markdown hints: ``#`` headings, list items, ``**lead**`` runs,
    pipe tables (one paragraph per cell). Thematic breaks (``---``) are not paragraphs."""
    paras: list[Paragraph] = []
    table_index = -1
    row = 0
    in_table = False
    in_fence = False
    for base, line in _lines(text):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if not stripped:
            in_table = False
            continue
        if not in_fence and stripped.startswith("|") and stripped.count("|") >= 2:
            if not in_table:
                in_table = True
                table_index += 1
                row = 0
            if _MD_TABLE_SEPARATOR.fullmatch(line):
                continue
            for col, (lo, hi) in enumerate(_table_cells(line)):
                start, end = _trimmed(line, base, lo, hi)
                if end > start:
                    paras.append(Paragraph(start, end, "table_cell", table=(table_index, row, col)))
            row += 1
            continue
        in_table = False
        if not in_fence and _MD_RULE.fullmatch(line):
            continue
        start, end = _trimmed(line, base, 0, len(line))
        kind = "text"
        level: int | None = None
        content = start - base
        if not in_fence:
            if h := _MD_HEADING.match(line):
                kind, level, content = "heading", len(h.group(1)), h.end()
            elif li := _MD_LIST.match(line):
                kind, content = "list_item", li.end()
        bold = None if in_fence else _bold_end(line, content)
        paras.append(Paragraph(start, end, kind, level, None if bold is None else base + bold))
    return tuple(paras)

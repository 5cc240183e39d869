"""The section tree of a plan document.

Chinese plans mark their structure with a conventional family of heading markers
(第X章 > 第X节 > 一、 > （一） > 1、 > （1） > ①, plus ——lead dashes, bold lead phrases,
markdown ``#`` and 专栏 boxes). Later layers need to know, for any offset, which section it sits
in: task extraction keys on section titles and every record carries a short section path.

Levels are learned per document: a style takes its conventional rank, so a document may start
at 一、 without any 第X章, and numbering that restarts under a new parent stays at the same depth.
A table of contents (目录) is located first and excluded, so its lines never become sections.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from planwatch.textnorm import normalize_for_parsing

__all__ = ["DocumentLike", "Outline", "ParagraphLike", "Section", "build_outline", "find_toc", "normalized_text", "paragraph_spans"]


class ParagraphLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def heading_level(self) -> int | None: ...
    @property
    def bold_end(self) -> int | None: ...


class DocumentLike(Protocol):
    """What the outline needs from ``planwatch.documents.Document``."""

    @property
    def text(self) -> str: ...
    @property
    def paragraphs(self) -> Sequence[ParagraphLike]: ...


@dataclass
class Section:
    """One heading and the text it governs."""

    title: str
    marker: str
    kind: str
    level: int
    start: int
    heading_end: int
    end: int
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> str:
        """Full path: marker + title of every ancestor and self, joined by " / "."""
        parts: list[str] = []
        node: Section | None = self
        while node is not None:
            parts.append(_label(node))
            node = node.parent
        return " / ".join(reversed(parts))

    @property
    def short_path(self) -> str:
        """Compact path as plans cite it: ancestors' markers, then this section's marker + title
        ("二、（二）发展目标", "第三章 第一节 加快政府职能转变")."""
        chain: list[Section] = []
        node: Section | None = self.parent
        while node is not None:
            if node.kind != "title":
                chain.append(node)
            node = node.parent
        out = ""
        for anc in reversed(chain):
            mark = anc.marker if anc.kind not in ("markdown", "bold_lead", "dash") else anc.title
            out += mark + (" " if _spaced(anc) else "")
        return (out + _label(self, compact=True)).strip()

    def ancestors(self) -> Iterator[Section]:
        """Parent, grandparent, … up to the root."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _spaced(sec: Section) -> bool:
    return sec.kind in ("part", "chapter", "section", "box", "markdown", "bold_lead", "dash") or not sec.marker


def _label(sec: Section, compact: bool = False) -> str:
    if sec.kind in ("markdown", "bold_lead", "title"):
        return sec.title
    if sec.kind == "dash":
        return sec.marker + sec.title
    sep = " " if sec.kind in ("part", "chapter", "section", "box") else ""
    return f"{sec.marker}{sep}{sec.title}" if sec.title else sec.marker


@dataclass
class Outline:
    """The section forest of one document, with the TOC span left out of the body."""

    roots: list[Section]
    toc_span: tuple[int, int] | None = None
    _flat: list[Section] = field(default_factory=list, init=False, repr=False, compare=False)
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._flat = list(self.walk())
        self._starts = [s.start for s in self._flat]

    def walk(self) -> Iterator[Section]:
        """All sections in document (pre-)order."""
        stack = list(reversed(self.roots))
        while stack:
            sec = stack.pop()
            yield sec
            stack.extend(reversed(sec.children))

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose span [start, end) contains ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        node: Section | None = self._flat[i]
        while node is not None and not (node.start <= offset < node.end):
            node = node.parent
        return node

    def path_at(self, offset: int) -> str:
        """``short_path`` of the section at ``offset`` ("" outside every section)."""
        sec = self.section_at(offset)
        return sec.short_path if sec is not None else ""


# --------------------------------------------------------------------------- heading recognition

_CN_DIGITS = "一二三四五六七八九十百零〇两"
_NUM = rf"[{_CN_DIGITS}\d]+"
# Conventional hierarchy of marker styles (lower = higher in the tree).
_CONV_RANK: dict[str, float] = {
    "part": -1, "chapter": 0, "section": 1, "cn_num": 2, "paren_cn": 3, "arabic": 4,
    "paren_arabic": 5, "circled": 6, "dash": 7, "bold_lead": 7,
}
_BOX_RANK = 99.0
# Styles whose heading is usually a lead phrase followed by body text on the same line.
_ITEM_KINDS = frozenset({"cn_num", "paren_cn", "arabic", "paren_arabic", "circled", "dash"})

_RE_STRUCT = re.compile(rf"第\s*({_NUM})\s*(章|节|篇|部分)")
_RE_CN_NUM = re.compile(rf"([{_CN_DIGITS[:10]}]{{1,3}})\s*[、.,]")
_RE_PAREN_CN = re.compile(rf"\(\s*([{_CN_DIGITS[:10]}]{{1,3}})\s*\)")
_RE_ARABIC = re.compile(r"(\d{1,2})\s*(?:、|\.(?!\d)|,(?!\d))")
_RE_PAREN_ARABIC = re.compile(r"\(\s*(\d{1,2})\s*\)|(\d{1,2})\)(?![\d%])")
_RE_CIRCLED = re.compile(r"[\u2460-\u2473\u3251-\u325f]")
_RE_DASH = re.compile(r"(?:——|—|--)(?=\S)(?![—-])")
_RE_BOX = re.compile(rf"(?:专栏|專欄)\s*({_NUM})")  # 專欄: traditional-script plans
_RE_MARKDOWN = re.compile(r"(#{1,6})[ \t]+")
_RE_BOLD = re.compile(r"\*\*(.+?)\*\*")
_RE_PAGE_NO = re.compile(r"(?:\.{2,}|…+|·{2,}|\s\.\s|\t)[\s.…·]*\d{1,4}\s*$")
_RE_SPACED_PAGE_NO = re.compile(r"\S {2,}\d{1,3} *$")
_RE_SEPARATOR = re.compile(r"^[\s\-=_*|]+$")
_RE_TOC_HEAD = re.compile(r"^[#*\s]*目\s*录[*\s]*$")
_RE_TITLE_END = re.compile(r"(规划|纲要|报告|方案|计划|意见|通知|办法)(\s*[(（][^)）]{0,30}[)）])?$")
_SENTENCE_BREAK = "。；;：:！？!?"
_TRAILING_PUNCT = "。，、；：,.;:！？!? \t\u3000*"
# A run of ideographic spaces inside a line is a paragraph break lost in conversion.
_RE_INLINE_BREAK = re.compile(r"[ \t]*\u3000{2,}[ \t\u3000]*")
_MAX_LEAD = 120


@dataclass
class _Heading:
    kind: str
    marker: str
    title: str
    start: int
    heading_end: int
    style: str  # kind plus disambiguation (markdown depth)


def _clean_title(s: str) -> str:
    s = s.replace("**", "").strip()
    s = _RE_PAGE_NO.sub("", s).strip()
    return s.rstrip(_TRAILING_PUNCT).strip()


def _lead(norm: str, text: str, pos: int, end: int) -> tuple[str, int] | None:
    """The lead phrase of an item starting at ``pos``: up to the first sentence break, or the whole
    line when it is short. None when the item is a long run-on sentence (not a heading)."""
    seg = norm[pos:end]
    if not seg.strip():
        return None
    cut = -1
    for i, ch in enumerate(seg[: _MAX_LEAD + 2]):
        if ch in _SENTENCE_BREAK:
            cut = i
            break
        if ch == " " and i >= 4 and _is_han(seg[i - 1]) and _is_han(seg[i + 1 :].lstrip()[:1]):
            # A space between words ends the heading: the body follows on the same line.
            title = _clean_title(text[pos : pos + i])
            return (title, pos + i) if title and i <= _MAX_LEAD else None
    if cut >= 0:
        if cut > _MAX_LEAD:
            return None
        title = _clean_title(text[pos : pos + cut])
        return (title, pos + cut + 1) if title else None
    if len(seg.strip()) <= _MAX_LEAD:
        title = _clean_title(text[pos:end])
        return (title, end) if title else None
    return None


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def _detect(norm: str, text: str, start: int, end: int, bold_end: int | None) -> _Heading | None:
    """Recognise a heading at the start of the segment text[start:end] (already stripped)."""
    pos = start
    seg = norm[start:end]
    md = _RE_MARKDOWN.match(seg)
    if md:
        inner_start = start + md.end()
        inner = _detect(norm, text, inner_start, end, None)
        if inner is not None and inner.kind != "bold_lead":
            inner.start = start
            inner.heading_end = end
            inner.title = _clean_title(text[_title_start(norm, inner_start, end) : end])
            return inner
        depth = len(md.group(1))
        title = _clean_title(text[inner_start:end])
        if not title:
            return None
        return _Heading("markdown", md.group(1), title, start, end, f"markdown{depth}")
    bold = _RE_BOLD.match(seg)
    if bold:
        inner_s, inner_e = start + bold.start(1), start + bold.end(1)
        whole = not norm[start + bold.end() : end].strip()
        inner = _detect(norm, text, inner_s, inner_e, None)
        if inner is not None and inner.kind != "bold_lead":
            inner.start = start
            inner.heading_end = start + bold.end() if not whole else end
            return inner
        title = _clean_title(text[inner_s:inner_e])
        if not title or len(title) > _MAX_LEAD:
            return None
        return _Heading("bold_lead", "**", title, start, start + bold.end(), "bold_lead")
    m = _RE_STRUCT.match(seg)
    if m:
        kind = {"章": "chapter", "节": "section"}.get(m.group(2), "part")
        marker = re.sub(r"\s+", "", text[start : start + m.end()])
        title = _clean_title(text[start + m.end() : end])
        if len(title) > _MAX_LEAD:
            return None
        return _Heading(kind, marker, title, start, end, kind)
    m = _RE_BOX.match(seg)
    if m:
        marker = re.sub(r"\s+", "", text[start : start + m.end()])
        title = _clean_title(text[start + m.end() : end].lstrip(":：").split("\n")[0])
        if len(title) > 60:
            return None
        return _Heading("box", marker, title, start, end, "box")
    for kind, rx in (
        ("paren_cn", _RE_PAREN_CN),
        ("paren_arabic", _RE_PAREN_ARABIC),
        ("cn_num", _RE_CN_NUM),
        ("arabic", _RE_ARABIC),
        ("circled", _RE_CIRCLED),
        ("dash", _RE_DASH),
    ):
        m = rx.match(seg)
        if not m:
            continue
        marker = re.sub(r"\s+", "", text[start : start + m.end()])
        body = start + m.end()
        while body < end and norm[body] in " \t":
            body += 1
        if bold_end is not None and bold_end > body:
            lead: tuple[str, int] | None = (_clean_title(text[body:bold_end]), bold_end)
        else:
            b = _RE_BOLD.match(norm, body, end)
            lead = (_clean_title(text[body : b.end()]), b.end()) if b else _lead(norm, text, body, end)
        if lead is None or not lead[0]:
            return None
        return _Heading(kind, marker, lead[0], start, lead[1], kind)
    if bold_end is not None and start < bold_end <= end:
        title = _clean_title(text[pos:bold_end])
        if title and len(title) <= _MAX_LEAD:
            return _Heading("bold_lead", "**", title, start, bold_end, "bold_lead")
    return None


def _title_start(norm: str, pos: int, end: int) -> int:
    """Offset right after the marker of the heading beginning at ``pos``."""
    seg = norm[pos:end]
    if seg.startswith("**"):
        return _title_start(norm, pos + 2, end)
    for rx in (_RE_STRUCT, _RE_BOX, _RE_PAREN_CN, _RE_PAREN_ARABIC, _RE_CN_NUM, _RE_ARABIC, _RE_CIRCLED, _RE_DASH):
        m = rx.match(seg)
        if m:
            return pos + m.end()
    return pos


# --------------------------------------------------------------------------- lines and the TOC


def _lines(doc: DocumentLike) -> list[tuple[int, int, int | None, int | None]]:
    """(start, end, bold_end, heading_level) of every non-blank paragraph, whitespace-trimmed."""
    text = doc.text
    out: list[tuple[int, int, int | None, int | None]] = []
    paras = list(doc.paragraphs)
    if paras:
        spans = [
            (p.start, p.end, p.bold_end, p.heading_level if p.kind == "heading" else None) for p in paras
        ]
    else:
        spans = []
        pos = 0
        for line in text.splitlines(keepends=True):
            spans.append((pos, pos + len(line.rstrip("\r\n")), None, None))
            pos += len(line)
    for s, e, b, h in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, b, h))
    return out


def _segments(text: str, lines: list[tuple[int, int, int | None, int | None]]) -> list[
    tuple[int, int, int | None, int | None]
]:
    """Split lines at inline paragraph breaks (runs of ideographic spaces)."""
    out: list[tuple[int, int, int | None, int | None]] = []
    for s, e, b, h in lines:
        if e - s > 20000:
            # A huge line is body text: only its beginning can be a heading.
            out.append((s, e, b, h))
            continue
        if text.find("\u3000\u3000", s, e) < 0:
            out.append((s, e, b, h))
            continue
        pos = s
        for m in _RE_INLINE_BREAK.finditer(text, s, e):
            if m.start() > pos:
                out.append((pos, m.start(), b, h))
                b, h = None, None
            pos = m.end()
        if pos < e:
            out.append((pos, e, b, h))
    return out


def normalized_text(doc: DocumentLike) -> str:
    """``normalize_for_parsing(doc.text)``, reusing the document's cached ``norm`` when it has one."""
    norm = getattr(doc, "norm", None)
    return norm if isinstance(norm, str) and len(norm) == len(doc.text) else normalize_for_parsing(doc.text)


def paragraph_spans(doc: DocumentLike) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph, whitespace-trimmed, split at inline paragraph
    breaks (runs of ideographic spaces left by conversion): the units extractors read."""
    return [(s, e) for s, e, _, _ in _segments(doc.text, _lines(doc))]


def _is_page_numbered(norm: str, s: int, e: int) -> bool:
    """A TOC entry: dot leaders (or a tab) then a page number, or a heading then spaces and a number."""
    if e - s >= 200 or norm[s:e].strip().isdigit():
        return False
    if _RE_PAGE_NO.search(norm, s, e) is not None:
        return True
    m = _RE_SPACED_PAGE_NO.search(norm, s, e)
    return m is not None and _heading_like(norm, s, m.start() + 1)


def _heading_like(norm: str, s: int, e: int) -> bool:
    if e - s > 60:
        return False
    line = norm[s:e].replace("*", "").lstrip("# ")
    if any(ch in line for ch in "。；"):
        return False
    return any(
        rx.match(line)
        for rx in (_RE_STRUCT, _RE_CN_NUM, _RE_PAREN_CN, _RE_ARABIC, _RE_PAREN_ARABIC, _RE_CIRCLED, _RE_BOX)
    )


def find_toc(norm: str, lines: Sequence[tuple[int, int, int | None, int | None]]) -> tuple[int, int] | None:
    """The table-of-contents span: a 目录 heading followed by heading-like lines, or a run of at
    least three lines ending in dot leaders and page numbers. It ends at its last page-numbered
    line (or its last heading-like line when it has no page numbers)."""
    n = len(lines)
    i = 0
    while i < n:
        s, e, _, _ = lines[i]
        head = _RE_TOC_HEAD.match(norm[s:e]) is not None
        if not head and not _is_page_numbered(norm, s, e):
            i += 1
            continue
        last_num, last_like, count, j = -1, -1, 0, i + 1 if head else i
        while j < n:
            ls, le, _, _ = lines[j]
            if _is_page_numbered(norm, ls, le):
                last_num, count = j, count + 1
            elif _heading_like(norm, ls, le):
                last_like = j
            elif not _RE_SEPARATOR.match(norm[ls:le]):
                break
            if last_num >= 0 and j - max(last_num, last_like) > 3:
                break
            j += 1
        if head and last_num < 0 and last_like > i:
            # A 目录 of bare heading lines: it ends where a heading repeats the first TOC entry.
            first = _clean_title(norm[lines[i + 1][0] : lines[i + 1][1]])
            end_j = last_like
            for k in range(i + 2, last_like + 1):
                if _clean_title(norm[lines[k][0] : lines[k][1]]) == first:
                    end_j = k - 1
                    break
            return (s, lines[end_j][1])
        if last_num >= 0 and (head or count >= 3):
            return (s, lines[last_num][1])
        i = max(j, i + 1)
    return None


# --------------------------------------------------------------------------- tree building


def build_outline(doc: DocumentLike) -> Outline:
    """Build the section tree of ``doc`` (a ``planwatch.documents.Document``)."""
    text = doc.text
    norm = normalized_text(doc)
    lines = _lines(doc)
    toc = find_toc(norm, lines)
    roots: list[Section] = []
    stack: list[tuple[Section, float, bool]] = []
    ranks: dict[str, float] = {}
    # Rank of the first heading seen at each format level (markdown # count, Word heading level):
    # unmarked headings of that level sit with it, deeper levels below it.
    level_ranks: dict[int, float] = {}
    first_body = True

    def close_until(pos: int, keep: float) -> None:
        while stack and stack[-1][1] >= keep:
            sec = stack.pop()[0]
            sec.end = max(sec.heading_end, pos)

    for s, e, bold_end, h_level in _segments(text, lines):
        if toc is not None and toc[0] <= s < toc[1]:
            continue
        if h_level is not None:
            bold_end = None  # a heading's bold face is its style, not a lead phrase
        md = _RE_MARKDOWN.match(norm, s, e)
        level_hint = h_level if h_level is not None else (len(md.group(1)) if md else None)
        head = _detect(norm, text, s, e, bold_end)
        if head is None and h_level is not None:
            title = _clean_title(text[s:e])
            if title and len(title) <= _MAX_LEAD:
                depth = max(1, h_level)
                head = _Heading("markdown", "#" * depth, title, s, e, f"markdown{depth}")
        if first_body and head is None and not stack and _looks_like_title(norm, s, e):
            roots.append(Section(_clean_title(text[s:e]), "", "title", 0, s, e, e))
            first_body = False
            continue
        if first_body and head is not None and head.style == "markdown1" and not stack and not roots:
            roots.append(Section(head.title, "#", "title", 0, s, head.heading_end, head.heading_end))
            first_body = False
            continue
        first_body = False
        if head is None:
            continue
        if head.kind == "box":
            close_until(s, _BOX_RANK)
            rank = _BOX_RANK
        else:
            rank = _rank_for(head, ranks, stack, level_ranks)
            close_until(s, rank)
            if level_hint is not None:
                level_ranks.setdefault(level_hint, rank)
        parent = stack[-1][0] if stack else None
        sec = Section(
            title=head.title, marker=head.marker, kind=head.kind, level=len(stack),
            start=head.start, heading_end=head.heading_end, end=len(text), parent=parent,
        )
        (parent.children if parent is not None else roots).append(sec)
        stack.append((sec, rank, head.heading_end >= e))
    close_until(len(text), float("-inf"))
    return Outline(roots=roots, toc_span=toc)


def _rank_for(
    head: _Heading, ranks: dict[str, float], stack: list[tuple[Section, float, bool]],
    level_ranks: dict[int, float],
) -> float:
    """The rank of a marker style in this document: its conventional rank, except that a numbered
    style seen for the first time directly under a heading-only line of a conventionally deeper
    numbered style is nested there (the document's own order wins over the convention)."""
    known = ranks.get(head.style)
    if known is not None:
        return known
    if head.style.startswith("markdown"):
        depth = int(head.style[len("markdown") :])
        above = [r for lvl, r in level_ranks.items() if lvl < depth]
        if depth in level_ranks:
            rank = level_ranks[depth]
        elif above:
            rank = max(above) + 0.5
        else:
            rank = float(depth - 2)
    else:
        rank = _CONV_RANK.get(head.kind, 7.0)
    if head.kind in _ITEM_KINDS and stack:
        top, top_rank, heading_only = stack[-1]
        if top_rank != _BOX_RANK and top_rank >= rank and top.kind in _ITEM_KINDS and heading_only:
            rank = top_rank + 0.5
    ranks[head.style] = rank
    return rank


def _looks_like_title(norm: str, s: int, e: int) -> bool:
    line = norm[s:e].strip().strip("*# ")
    return 0 < len(line) <= 60 and "。" not in line and _RE_TITLE_END.search(line) is not None

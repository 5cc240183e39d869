"""Loader for HTML pages (.html/.htm) via BeautifulSoup with the lxml parser.

Block elements become paragraph boundaries, scripts/styles/navigation are dropped, headings
and leading bold runs (<b>, <strong>, inline font-weight: bold) are kept as hints. Whitespace
is collapsed as a browser would, except that a source line break between two Chinese
characters disappears (Chinese has no spaces between words, so such a break is formatting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, Tag

from planwatch.documents.builder import TextBuilder
from planwatch.documents.encoding import decode_text
from planwatch.documents.model import Document
from planwatch.errors import DocumentError

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_SKIP = frozenset(
    [
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "head",
        "iframe",
        "svg",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
        "object",
        "embed",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "main",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "center",
        "details",
        "summary",
        "body",
        "html",
        "title",
    ]
)
_BREAK = frozenset({"br", "hr"})
_BOLD = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_CJK = "\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def declared_charset(data: bytes) -> str | None:
    """The charset named in a ``<meta>`` tag near the start of the page, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def is_bold(tag: Tag) -> bool:
    """``<b>``, ``<strong>`` or an inline ``font-weight: bold`` (common in Word-exported pages)."""
    if tag.name in _BOLD:
        return True
    style = tag.get("style")
    return isinstance(style, str) and _BOLD_STYLE.search(style) is not None


def collapse_whitespace(text: str) -> str:
    """HTML whitespace collapsing, dropping line breaks between Chinese characters."""
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text))


@dataclass
class _Context:
    kind: str = "text"
    level: int | None = None
    table: tuple[int, int, int] | None = None


class _HtmlWalker:
    """Accumulates inline text into paragraphs; flushes at block boundaries."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.pieces: list[str] = []
        self.length = 0
        self.bold_len: int | None = None
        self.bold_open = True
        self.contexts: list[_Context] = [_Context()]
        self.tables: list[list[int]] = []  # [index, row, col] per open <table>
        self.table_count = 0
        self.bold_depth = 0
        self.pre_depth = 0

    def flush(self) -> None:
        if self.pieces:
            ctx = self.contexts[-1]
            self.builder.add("".join(self.pieces), ctx.kind, ctx.level, self.bold_len, ctx.table)
        self.pieces = []
        self.length = 0
        self.bold_len = None
        self.bold_open = True

    def text(self, raw: str) -> None:
        if self.pre_depth:
            lines = raw.replace("\r\n", "\n").split("\n")
            for k, line in enumerate(lines):
                if k:
                    self.flush()
                self._append(line)
            return
        self._append(collapse_whitespace(raw))

    def _append(self, piece: str) -> None:
        if not piece:
            return
        if piece.startswith(" ") and (not self.pieces or self.pieces[-1].endswith(" ")):
            piece = piece[1:]
            if not piece:
                return
        self.pieces.append(piece)
        self.length += len(piece)
        if not piece.strip():
            return
        if self.bold_open and self.bold_depth:
            self.bold_len = self.length
        else:
            self.bold_open = False

    def enter(self, tag: Tag) -> None:
        name = tag.name
        if name in _BREAK:
            self.flush()
            return
        if is_bold(tag):
            self.bold_depth += 1
        if name == "pre":
            self.pre_depth += 1
        if name not in _BLOCK:
            return
        self.flush()
        ctx = _Context(self.contexts[-1].kind, self.contexts[-1].level, self.contexts[-1].table)
        if name == "table":
            self.tables.append([self.table_count, -1, 0])
            self.table_count += 1
            ctx = _Context()
        elif name == "tr" and self.tables:
            self.tables[-1][1] += 1
            self.tables[-1][2] = 0
        elif name in ("td", "th") and self.tables:
            index, row, col = self.tables[-1]
            ctx = _Context("table_cell", None, (index, max(row, 0), col))
            span = tag.get("colspan")
            width = int(span) if isinstance(span, str) and span.strip().isdigit() else 1
            self.tables[-1][2] = col + max(1, min(width, 1000))
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            ctx = _Context("heading", int(name[1]), ctx.table)
        elif name == "li":
            ctx = _Context("list_item", None, ctx.table)
        self.contexts.append(ctx)

    def leave(self, tag: Tag) -> None:
        name = tag.name
        if is_bold(tag):
            self.bold_depth -= 1
        if name == "pre":
            self.pre_depth -= 1
        if name not in _BLOCK:
            return
        self.flush()
        self.contexts.pop()
        if name == "table" and self.tables:
            self.tables.pop()

    def walk(self, root: Tag) -> None:
        """Iterative depth-first walk (deeply nested pages must not hit the recursion limit)."""
        stack: list[tuple[bool, PageElement]] = [(False, root)]
        while stack:
            leaving, node = stack.pop()
            if isinstance(node, Tag):
                if leaving:
                    self.leave(node)
                    continue
                if node.name in _SKIP:
                    continue
                self.enter(node)
                stack.append((True, node))
                stack.extend((False, child) for child in reversed(node.contents))
            elif type(node) is NavigableString:
                self.text(str(node))
        self.flush()


def parse_html(html: str) -> TextBuilder:
    """Paragraphs of an HTML string."""
    soup = BeautifulSoup(html, "lxml")
    walker = _HtmlWalker()
    walker.walk(soup)
    return walker.builder


def load_html(data: bytes, path: str, name: str) -> Document:
    """Decode (declared charset, else detection) and parse an HTML page."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(path, "不是 HTML 文本文件 binary file, not HTML text")
    html, encoding = decode_text(data, path, declared_charset(data))
    try:
        builder = parse_html(html)
    except Exception as exc:  # the parser should never fail, but a bad page must not crash us
        raise DocumentError(path, f"HTML 无法解析 cannot parse HTML ({type(exc).__name__})") from None
    if not builder.paragraphs:
        raise DocumentError(path, "网页没有正文文字 the page contains no text")
    return Document(name, path, "html", builder.text, tuple(builder.paragraphs), encoding)

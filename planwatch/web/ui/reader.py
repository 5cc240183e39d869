"""The plan reader: the document text with every extracted record highlighted, built in one pass.

Records may overlap (a task's sentence contains a target's figure). The text is cut at every
record boundary; each piece is escaped and, when records cover it, wrapped in one link to the
innermost (shortest) covering record. Each record's first piece carries its anchor
``hl-<kind>-<id>``, so a record elsewhere can link back to its highlight. O(n log n) in the
number of records, linear in the text; no script per record.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

KINDS = ("target", "fact", "task", "project")


@dataclass(frozen=True)
class Span:
    kind: str  # one of KINDS
    id: int
    start: int
    end: int
    label: str = ""


def highlight(text: str, spans: list[Span], marks: dict[int, str] | None = None) -> str:
    """HTML of ``text`` with the spans as links ``#rec-<kind>-<id>`` (paragraphs as <p>).
    ``marks`` puts an empty anchor with the given id at an offset (section headings)."""
    marks = marks or {}
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    # Boundaries: every start/end and every newline (paragraph breaks close and reopen the marks).
    starts: dict[int, list[Span]] = {}
    cuts = {0, n} | {m for m in marks if 0 <= m < n}
    for s in valid:
        starts.setdefault(s.start, []).append(s)
        cuts.add(s.start)
        cuts.add(s.end)
    order = sorted(cuts)
    active: list[Span] = []
    out: list[str] = ['<p>']
    anchored: set[tuple[str, int]] = set()
    for a, b in pairwise(order):
        if a in starts:
            active.extend(starts[a])
        if active:
            active = [s for s in active if s.end > a]
        piece = text[a:b]
        anchors = f'<span class="anchor" id="{escape(marks[a], quote=True)}"></span>' if a in marks else ""
        for s in starts.get(a, ()):
            if (s.kind, s.id) not in anchored:
                anchored.add((s.kind, s.id))
                anchors += f'<span class="anchor" id="hl-{s.kind}-{s.id}"></span>'
        out.append(anchors)
        lines = piece.split("\n")
        inner = min(active, key=lambda s: (s.end - s.start, s.start)) if active else None
        for i, line in enumerate(lines):
            if i:
                out.append("</p>\n<p>")
            if not line:
                continue
            if inner is None:
                out.append(escape(line))
            else:
                title = escape(inner.label or inner.kind, quote=True)
                out.append(f'<a class="hl hl-{inner.kind}" href="#rec-{inner.kind}-{inner.id}" '
                           f'title="{title}">{escape(line)}</a>')
    out.append("</p>")
    return "".join(out).replace("<p></p>", "")

"""The outline of a stored version as a tree for the plan page (``planwatch.outline`` on its text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.documents import document_from_text
from planwatch.outline import build_outline


@dataclass
class Node:
    label: str
    start: int
    children: list[Node] = field(default_factory=list)
    count: int = 0  # records inside this section (targets + tasks)


def outline_tree(text: str, doc_name: str, record_starts: list[int]) -> list[Node]:
    """Sections as nested nodes with the number of records each contains."""
    fmt = "md" if doc_name.lower().endswith(".md") else "txt"
    outline = build_outline(document_from_text(text, doc_name, fmt))
    starts = sorted(record_starts)

    import bisect

    def convert(sec: object) -> Node:
        s = sec  # planwatch.outline.Section
        label = (f"{s.marker} {s.title}".strip() if s.kind not in ("markdown", "bold_lead", "title")  # type: ignore[attr-defined]
                 else s.title)  # type: ignore[attr-defined]
        count = bisect.bisect_left(starts, s.end) - bisect.bisect_left(starts, s.start)  # type: ignore[attr-defined]
        return Node(label[:120], s.start, [convert(c) for c in s.children], count)  # type: ignore[attr-defined]

    return [convert(r) for r in outline.roots]


def section_marks(nodes: list[Node]) -> dict[int, str]:
    """Offset → anchor id for every section start (the reader puts anchors there)."""
    out: dict[int, str] = {}
    stack = list(nodes)
    while stack:
        n = stack.pop()
        out.setdefault(n.start, f"sec-{n.start}")
        stack.extend(n.children)
    return out

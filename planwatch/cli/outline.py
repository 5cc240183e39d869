"""``planwatch outline FILE [--json]``: show a document's section tree with offsets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from planwatch.cli.app import app
from planwatch.documents import load_document
from planwatch.outline import Outline, Section, build_outline


def _section_dict(sec: Section) -> dict[str, Any]:
    return {
        "title": sec.title, "marker": sec.marker, "kind": sec.kind, "level": sec.level,
        "start": sec.start, "heading_end": sec.heading_end, "end": sec.end, "path": sec.short_path,
        "children": [_section_dict(c) for c in sec.children],
    }


def outline_to_dict(outline: Outline) -> dict[str, Any]:
    """JSON-ready form of an outline."""
    return {
        "toc_span": list(outline.toc_span) if outline.toc_span else None,
        "sections": [_section_dict(s) for s in outline.roots],
    }


def _add(tree: Tree, sec: Section) -> None:
    label = (
        f"[bold]{escape(sec.marker)}[/] {escape(sec.title)} "
        f"[dim]{sec.kind} [{sec.start}:{sec.heading_end}:{sec.end}][/]"
    )
    node = tree.add(label)
    for child in sec.children:
        _add(node, child)


@app.command("outline")
def outline_command(
    file: Path = typer.Argument(..., help="规划文件 plan document (.txt .md .docx .pdf .html)"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON / print JSON"),
) -> None:
    """显示文档章节结构 / Show the section tree (heading offsets start:heading_end:end)."""
    doc = load_document(str(file))
    outline = build_outline(doc)
    console = Console()
    if as_json:
        console.print_json(json.dumps(outline_to_dict(outline), ensure_ascii=False))
        return
    tree = Tree(f"[bold]{escape(doc.name)}[/] [dim]{len(doc.text)} chars[/]")
    if outline.toc_span:
        tree.add(f"[dim]目录 table of contents [{outline.toc_span[0]}:{outline.toc_span[1]}] (excluded)[/]")
    for sec in outline.roots:
        _add(tree, sec)
    console.print(tree)

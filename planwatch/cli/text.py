"""``planwatch text FILE``: show the text PlanWatch reads from a document (or its paragraphs)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app
from planwatch.documents import load_document


@app.command("text")
def text_command(
    file: Path = typer.Argument(..., help="文档 document (.txt .md .docx .pdf .html)"),
    paragraphs: bool = typer.Option(False, "--paragraphs", "-p", help="列出段落及偏移 list paragraphs with offsets"),
) -> None:
    """显示读取到的文本 Print the text loaded from a document."""
    doc = load_document(file)
    if not paragraphs:
        typer.echo(doc.text)
        return
    table = Table(title=f"{doc.name} ({doc.format}, {doc.encoding or '-'}, {len(doc.text)} chars)")
    for col in ("#", "start", "end", "kind", "level", "bold_end", "table", "text"):
        table.add_column(col, no_wrap=col != "text", justify="right" if col in ("#", "start", "end") else "left")
    for i, p in enumerate(doc.paragraphs):
        snippet = doc.text[p.start : p.end]
        if len(snippet) > 60:
            snippet = snippet[:60] + "…"
        table.add_row(
            str(i),
            str(p.start),
            str(p.end),
            p.kind,
            "" if p.heading_level is None else str(p.heading_level),
            "" if p.bold_end is None else str(p.bold_end),
            "" if p.table is None else ",".join(map(str, p.table)),
            snippet,
        )
    Console().print(table)

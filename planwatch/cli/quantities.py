"""`planwatch quantities TEXT_OR_FILE [--json]`: show the quantities found in a text or a document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app
from planwatch.cli.rows import ALL_OPTION, capped, notice
from planwatch.documents import SUPPORTED_EXTENSIONS, load_document
from planwatch.errors import DocumentError
from planwatch.quantities import Quantity, TimeExpr, find_quantities, find_times


def _text_of(arg: str) -> str:
    """The document's text when ``arg`` names an existing file, else ``arg`` itself."""
    path = Path(arg)
    try:
        is_file = len(arg) < 4096 and "\n" not in arg and path.is_file()
    except OSError:
        is_file = False
    if is_file:
        return load_document(path).text
    if len(arg) < 4096 and "\n" not in arg and path.exists():
        raise DocumentError(arg, "不是文件（是目录或设备） not a regular file (a directory?)")
    if " " not in arg and "\n" not in arg and path.suffix.lower() in SUPPORTED_EXTENSIONS:
        raise DocumentError(arg, "文件不存在 file not found")
    return arg


def _as_dict(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": q.value,
        "value_high": q.value_high,
        "unit": q.unit,
        "comparator": q.comparator,
        "approx": q.approx,
        "base_value": q.base_value,
        "base_value_high": q.base_value_high,
        "base_unit": q.base_unit,
        "dimension": q.dimension,
        "currency": q.currency,
        "comparator_span": list(q.comparator_span) if q.comparator_span else None,
        "unit_shared": q.unit_shared,
    }


def _time_dict(t: TimeExpr) -> dict[str, Any]:
    return {
        "text": t.text,
        "start": t.start,
        "end": t.end,
        "kind": t.kind,
        "year": t.year,
        "period": list(t.period) if t.period else None,
        "month": t.month,
        "day": t.day,
        "quarter": t.quarter,
        "marker": t.marker,
    }


def _render_times(found: list[TimeExpr], show_all: bool) -> None:
    table = Table(title=f"时间 Time expressions ({len(found)})")
    for col in ("位置 span", "原文 text", "类型 kind", "年 year", "时期 period", "标记 marker"):
        table.add_column(col)
    for t in capped(found, show_all):
        period = f"{t.period[0]}-{t.period[1]}" if t.period else ""
        table.add_row(f"{t.start}-{t.end}", t.text, t.kind, str(t.year or ""), period, t.marker or "")
    console = Console()
    console.print(table)
    notice(console, len(found), show_all)


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:.15g}"


@app.command()
def quantities(
    text_or_file: str = typer.Argument(..., help="文本或文件路径 text, or a path to a plan document"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON output a JSON list"),
    times: bool = typer.Option(False, "--times", help="列出时间表达式 list time expressions instead"),
    show_all: bool = ALL_OPTION,
) -> None:
    """列出文本中的数量 List the quantities (numbers with units, ranges, comparators) in a text or file."""
    text = _text_of(text_or_file)
    if times:
        found_times = find_times(text)
        if as_json:
            typer.echo(json.dumps([_time_dict(t) for t in found_times], ensure_ascii=False, indent=2))
        else:
            _render_times(found_times, show_all)
        return
    found = find_quantities(text)
    if as_json:
        typer.echo(json.dumps([_as_dict(q) for q in found], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"数量 Quantities ({len(found)})")
    for col in ("位置 span", "原文 text", "数值 value", "上限 high", "单位 unit", "比较 cmp", "基准值 base", "基准单位 base unit", "维度 dim"):
        table.add_column(col)
    for q in capped(found, show_all):
        table.add_row(
            f"{q.start}-{q.end}",
            q.text,
            _num(q.value),
            _num(q.value_high),
            q.unit or "",
            q.comparator + (" ≈" if q.approx else ""),
            _num(q.base_value),
            q.base_unit or "",
            q.dimension or "",
        )
    console = Console()
    console.print(table)
    notice(console, len(found), show_all)

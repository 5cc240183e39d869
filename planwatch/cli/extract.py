"""``planwatch extract FILE... [--json OUT] [--jobs N]``: targets, facts, tasks and projects.

Output (``--json OUT``):
  * one FILE: OUT is that document's contract object (DESIGN.md "Extraction output");
    if OUT is an existing directory, the object goes to OUT/<file stem>.json;
  * several FILEs: if OUT is a directory (existing, or written with a trailing "/"), one
    OUT/<file stem>.json per document; otherwise OUT holds a JSON list of the objects;
  * OUT "-" writes to standard output.
Without --json the records are shown as Rich tables grouped by section. A file that cannot be
read gives one line on stderr; the others are still processed, and the exit code is 2.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from planwatch.cli.app import app
from planwatch.cli.rows import ALL_OPTION, capped, notice
from planwatch.errors import PlanWatchError

_console = Console()
_err = Console(stderr=True)


def extract_file(path: str) -> tuple[str, dict[str, Any] | str]:
    """Worker: ("ok", contract dict) or ("error", one-line message). Top level for process pools."""
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan

    try:
        doc = load_document(path)
        return "ok", extract_plan(doc).to_dict()
    except PlanWatchError as exc:
        return "error", str(exc)


@app.command()
def extract(
    files: list[Path] = typer.Argument(..., help="规划文件 plan documents (.txt .md .docx .pdf .html)"),
    json_out: str | None = typer.Option(None, "--json", help="写出 JSON write JSON to OUT (file, directory or -)"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="并行进程数 worker processes"),
    show_all: bool = ALL_OPTION,
) -> None:
    """抽取目标、事实、任务和项目 Extract targets, facts, tasks and projects.

    --json OUT: 单个文件写出一个对象 one FILE → OUT is its object; 多个文件 several FILEs → OUT/
    (a directory, one <stem>.json each) or OUT (a JSON list); "-" → stdout. Unreadable files: one
    line on stderr each, exit code 2.
    """
    paths = [str(f) for f in files]
    results: list[tuple[str, tuple[str, dict[str, Any] | str]]] = []
    show_progress = len(paths) > 1 and json_out != "-"
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_err,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("抽取 extracting", total=len(paths))
        if jobs > 1 and len(paths) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for path, res in zip(paths, pool.map(extract_file, paths, chunksize=1), strict=True):
                    results.append((path, res))
                    progress.advance(task)
        else:
            for path in paths:
                results.append((path, extract_file(path)))
                progress.advance(task)
    ok: list[tuple[str, dict[str, Any]]] = []
    failed = 0
    for path, (status, payload) in results:
        if status == "ok" and isinstance(payload, dict):
            ok.append((path, payload))
        else:
            failed += 1
            _err.print(f"[bold red]错误 error:[/] {payload}", highlight=False, soft_wrap=True)
    if json_out is not None:
        _write_json(json_out, ok, single=len(paths) == 1)
    else:
        for _, obj in ok:
            _render(obj, show_all)
    if failed:
        raise typer.Exit(2)


def _write_json(out: str, ok: list[tuple[str, dict[str, Any]]], *, single: bool) -> None:
    def dump(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, indent=1)

    if out == "-":
        sys.stdout.write(dump(ok[0][1] if single and ok else [o for _, o in ok]) + "\n")
        return
    target = Path(out)
    as_dir = target.is_dir() or (out.endswith(("/", "\\")) and not single)
    if as_dir:
        target.mkdir(parents=True, exist_ok=True)
        for path, obj in ok:
            (target / (Path(path).stem + ".json")).write_text(dump(obj), encoding="utf-8")
        return
    if single:
        if ok:
            target.write_text(dump(ok[0][1]), encoding="utf-8")
        return
    target.write_text(dump([o for _, o in ok]), encoding="utf-8")


def _render(obj: dict[str, Any], show_all: bool = False) -> None:
    period = obj.get("period")
    span = f"{period[0]}–{period[1]}" if period else "—"
    _console.rule(f"[bold]{obj.get('title') or obj.get('doc')}[/]  ({obj.get('doc')}, 规划期 period {span})")
    counts = ", ".join(f"{k} {len(obj.get(k) or [])}" for k in ("targets", "facts", "tasks", "projects"))
    _console.print(counts)
    _table("目标 Targets", obj.get("targets") or [], ("indicator", "kind", "value", "target_year", "baseline", "quote"),
           show_all=show_all)
    _table("事实 Facts", obj.get("facts") or [], ("indicator", "kind", "value", "year", "quote"), show_all=show_all)
    _table("任务 Tasks", obj.get("tasks") or [], ("title", "parent", "deadline_year", "responsible"), show_all=show_all)
    _table("项目 Projects", obj.get("projects") or [], ("name", "group"), by_section=False, show_all=show_all)


def _cell(r: dict[str, Any], column: str) -> Any:
    """Compact cells: value with unit and comparator; baseline with its year; fact year or period."""
    if column == "value" and "unit" in r:
        high = f"–{r['value_high']:g}" if r.get("value_high") is not None else ""
        comp = r.get("comparator") or "="
        prefix = "" if comp in ("=", "range") else comp + " "
        return f"{prefix}{r['value']:g}{high} {r.get('unit') or ''}".strip()
    if column == "baseline":
        bv = r.get("baseline_value")
        return "" if bv is None else f"{bv:g} ({r.get('baseline_year')})"
    if column == "year" and r.get("period"):
        return "–".join(str(y) for y in r["period"])
    return r.get(column)


def _table(title: str, records: list[dict[str, Any]], columns: tuple[str, ...], *, by_section: bool = True,
           show_all: bool = False) -> None:
    if not records:
        return
    table = Table(title=title, show_lines=False, expand=False)
    if by_section:
        table.add_column("section", style="dim", max_width=28)
    for c in columns:
        table.add_column(c, overflow="fold", max_width=40 if c in ("quote", "indicator", "title") else 16)
    previous = None
    for r in capped(records, show_all):
        cells = []
        if by_section:
            sec = r.get("section") or ""
            cells.append(sec if sec != previous else "")
            previous = sec
        for c in columns:
            v = _cell(r, c)
            if isinstance(v, list):
                v = ", ".join(str(x) for x in v) if v else ""
            cells.append("" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)))
        table.add_row(*cells)
    _console.print(table)
    notice(_console, len(records), show_all)

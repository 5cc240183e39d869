"""`planwatch report progress|midterm --plan ID --as-of DATE`: a stored plan's report from the database."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console

from planwatch.cli.app import app
from planwatch.errors import PlanWatchError


@app.command("report")
def report_db(
    kind: str = typer.Argument(..., help="progress (实施进展情况报告) | midterm (中期评估报告)"),
    plan: str = typer.Option(..., "--plan", help="the plan's database id (planwatch ingest prints it)"),
    as_of: str = typer.Option(..., "--as-of", help="report date, YYYY-MM-DD"),
    fmt: str = typer.Option("docx", "--format", help="docx | pdf | html"),
    out: Path | None = typer.Option(None, "--out", help="output file (default: the report's Chinese name, here)"),
    issuer: str | None = typer.Option(None, "--issuer", help="issuing unit (default: the planning office's unit)"),
) -> None:
    """Write a stored plan's progress or mid-term evaluation report. 从台账数据库生成规划实施进展/中期评估报告。"""
    from planwatch.web.reports.options import parse_as_of, parse_format, parse_kind

    # Arguments are checked before the database is opened: a typo costs nothing.
    kind = parse_kind(kind)
    fmt = parse_format(fmt)
    when = parse_as_of(as_of)
    if fmt == "pdf":
        from planwatch.reports.pdf import find_converter

        if find_converter() is None:
            raise PlanWatchError("PDF 需要 LibreOffice（soffice），但未安装 / PDF output needs LibreOffice (soffice), "
                                 "which is not installed; install libreoffice-writer-nogui or choose --format docx")
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.reports.options import file_name
    from planwatch.web.reports.service import find_plan, generate_report

    stored = find_plan(plan)
    target = out if out is not None else Path(file_name(stored.title, stored.pk, kind, when, fmt))
    started = time.perf_counter()
    done = generate_report(stored, kind, when, fmt, target, issuer)
    console = Console()
    console.print(f"[green]已生成 written:[/] {done.path} ({time.perf_counter() - started:.1f} s)", highlight=False)
    console.print(done.content.summary, highlight=False)

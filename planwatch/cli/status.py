"""`planwatch status --plan ID --as-of DATE [--json]`: the verdict on every target of a stored plan
(the same ``planwatch.web.data.verdicts`` the web pages, the API and the reports read)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app


@app.command("status")
def status(
    plan: str = typer.Option(..., "--plan", help="the plan's database id"),
    as_of: str = typer.Option(..., "--as-of", help="as-of date, YYYY-MM-DD"),
    as_json: bool = typer.Option(False, "--json", help="print a JSON list, one object per target"),
) -> None:
    """Verdicts of a stored plan's targets. 规划目标评估结论。"""
    from planwatch.web.reports.options import parse_as_of

    when = parse_as_of(as_of)
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.data.verdicts import plan_verdicts
    from planwatch.web.reports.service import find_plan

    rows = [v.as_dict() for v in plan_verdicts(find_plan(plan), when)]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    t = Table(title=f"plan {plan} @ {when.isoformat()}")
    for col in ("target", "indicator", "target value", "status", "observed", "reason"):
        t.add_column(col)
    for r in rows:
        observed = f"{r['observed_value']:g} ({r['observed_year']})" if r["observed_value"] is not None else "—"
        t.add_row(str(r["target_id"]), r["indicator"], f"{r['value']:g}{r['unit']} ({r['target_year'] or ''})",
                  f"{r['status_zh']} {r['status']}", observed, r["reason"])
    Console().print(t)

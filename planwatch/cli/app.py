"""The Typer application object shared by all command modules."""

import typer

app = typer.Typer(
    name="planwatch",
    help="PlanWatch 规划实施监测评估系统: read plans, extract targets, audit, track progress.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

"""Command-line interface: a thin Typer app. Each command lives in its own module and only parses
arguments, calls the plain-Python layers and renders the result.

Bad input never shows a traceback: ``PlanWatchError`` becomes one line on stderr and exit code 2.
"""

import sys

from rich.console import Console

from planwatch.cli.app import app
from planwatch.errors import PlanWatchError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``planwatch`` console script."""
    try:
        app()
    except PlanWatchError as exc:
        Console(stderr=True).print(f"[bold red]错误 error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


from planwatch.cli import assess, audit, evaluate, extract, outline, quantities, report, text  # noqa: E402,F401

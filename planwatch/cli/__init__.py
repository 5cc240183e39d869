"""Command-line interface: a thin Typer app. Each command lives in its own module and only parses
arguments, calls the plain-Python layers and renders the result.

Bad input never shows a traceback: ``PlanWatchError`` becomes one line on stderr and exit code 2.
"""

import importlib
import pkgutil
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


def _register_commands() -> None:
    """Import every module of this package: each registers its commands on ``app``.

    Discovery instead of a hand-kept import list, so adding a command is adding a module."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "app":
            importlib.import_module(f"{__name__}.{module.name}")


_register_commands()

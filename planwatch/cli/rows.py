"""How many table rows a command prints: rendering a Rich table of tens of thousands of rows takes
minutes, and nobody reads them on a terminal (``--json`` writes everything)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import typer
from rich.console import Console

ROW_LIMIT = 200
T = TypeVar("T")

ALL_OPTION = typer.Option(False, "--all", help=f"显示全部行 print every row (default: the first {ROW_LIMIT})")


def capped(rows: Sequence[T], show_all: bool) -> list[T]:
    """The rows to print: all of them with ``--all``, else the first ``ROW_LIMIT``."""
    return list(rows) if show_all else list(rows[:ROW_LIMIT])


def notice(console: Console, total: int, show_all: bool, what: str = "行 rows") -> None:
    """Say that rows were left out, and how to see them."""
    if not show_all and total > ROW_LIMIT:
        console.print(f"仅显示前 {ROW_LIMIT} {what}（共 {total}），全部请加 --all 或用 --json "
                      f"only the first {ROW_LIMIT} of {total} are shown; use --all or --json", highlight=False)

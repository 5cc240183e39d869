"""Django's manage.py for PlanWatch: ``python -m planwatch.web.manage migrate`` or
``planwatch manage migrate``."""

from __future__ import annotations

import os
import sys


def setup() -> None:
    """Configure Django once; every CLI command touching the store calls this first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()


def run(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planwatch manage", *argv])


if __name__ == "__main__":
    run(sys.argv[1:])

"""Allow ``python -m planwatch``."""

from planwatch.cli import main

main()

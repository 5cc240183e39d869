"""Run the ``planwatch`` CLI in-process (main() with sys.argv patched) or as a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``planwatch ARGS`` run through ``planwatch.cli.main``."""
    monkeypatch.setattr(sys, "argv", ["planwatch", *args])
    monkeypatch.setenv("COLUMNS", "120")
    with pytest.raises(SystemExit) as info:
        main()
    code = info.value.code if isinstance(info.value.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def run_subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "planwatch", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )

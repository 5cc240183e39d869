"""The processes of one production machine: gunicorn (web) and a Celery worker with the beat
schedule, started side by side and stopped together (``planwatch serve --production``, which
``scripts/run.sh`` runs). The scale-out script starts the same commands with other counts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def gunicorn_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [sys.executable, "-m", "gunicorn", "planwatch.web.wsgi:application", "--bind", bind,
            "--workers", str(workers), "--threads", str(threads), "--config", "python:planwatch.web.gunicorn_conf"]


def worker_command(name: str, concurrency: int, beat: bool, schedule: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "celery", "-A", "planwatch.web.jobs.queue", "worker", "--hostname", f"{name}@%h",
           "--concurrency", str(concurrency), "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    if beat:
        cmd += ["--beat"] + (["--schedule", str(schedule)] if schedule else [])
    return cmd


def run_together(commands: list[list[str]], env: dict[str, str] | None = None) -> int:
    """Start every command in its own process group; when one ends or we are asked to stop, stop all.
    Returns the exit code of the first process to end (0 on a requested stop)."""
    procs = [subprocess.Popen(cmd, env=env or dict(os.environ), start_new_session=True) for cmd in commands]
    stopping = {"asked": False}

    def ask_stop(signum: int, _frame: object) -> None:
        stopping["asked"] = True

    signal.signal(signal.SIGTERM, ask_stop)
    signal.signal(signal.SIGINT, ask_stop)
    code = 0
    try:
        while not stopping["asked"]:
            ended = [p for p in procs if p.poll() is not None]
            if ended:
                code = ended[0].returncode or 1
                print(f"process ended ({' '.join(ended[0].args[2:4])}), stopping the others", file=sys.stderr)
                break
            time.sleep(0.5)
    finally:
        for p in procs:  # the main process shuts its children down (a warm shutdown for the worker)
            if p.poll() is None:
                p.terminate()
        deadline = time.monotonic() + 25
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
    return code

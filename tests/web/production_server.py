"""The production processes (gunicorn + a Celery worker, as ``scripts/run.sh`` starts them) on the
test database, for the browser tests and the worker tests.

The test database must be one other processes can open: a file for SQLite (see conftest's
``django_db_modify_db_settings``) or the PostgreSQL test database."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from planwatch.web.production import gunicorn_command, worker_command

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    """The URL of the database this test process uses (the test database once it is set up)."""
    from django.db import connection

    d = connection.settings_dict
    if d["ENGINE"].endswith("sqlite3"):
        name = str(d["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise RuntimeError("the SQLite test database must be a file for the production server")
        return f"sqlite:///{name}"
    auth = f"{quote(d['USER'] or '')}:{quote(d['PASSWORD'] or '')}@" if d.get("USER") else ""
    host = d.get("HOST") or ""
    if host.startswith("/"):
        return f"postgres://{auth}/{d['NAME']}?host={quote(host)}" + (f"&port={d['PORT']}" if d.get("PORT") else "")
    return f"postgres://{auth}{host}{':' + str(d['PORT']) if d.get('PORT') else ''}/{d['NAME']}"


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "tests.web.server_settings",
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        "DATABASE_URL": database_url(),
        "PLANWATCH_DATA_DIR": str(data_dir),
        "PLANWATCH_SECRET_KEY": "browser-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "PLANWATCH_JOBS_MODE": "celery",
        "PLANWATCH_WORKER_BEAT_SECONDS": "20",
        "PLANWATCH_LOG_LEVEL": "WARNING",
    })
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra)
    return env


def start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_ready(url: str, procs: list[subprocess.Popen[bytes]], timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{p.args!r} ended with {p.returncode}")
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
                return dict(json.loads(r.read()))
        except urllib.error.HTTPError as exc:
            last = exc.read()
        except OSError as exc:
            last = exc
        time.sleep(0.3)
    raise RuntimeError(f"the server did not become ready: {last!r}")


class Server:
    def __init__(self, url: str, data_dir: Path, log: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.log = log


@contextmanager
def production_server(data_dir: Path, web_workers: int = 2, threads: int = 2,
                      job_workers: int | None = None) -> Iterator[Server]:
    """gunicorn (``web_workers`` × ``threads``) and ``job_workers`` Celery workers on a free port
    (``PLANWATCH_TEST_JOB_WORKERS``, default 1; the scale-out CI run uses 2 on Redis)."""
    if job_workers is None:
        job_workers = int(os.environ.get("PLANWATCH_TEST_JOB_WORKERS", 1))
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = server_env(data_dir)
    log = data_dir / "server.log"
    procs = [start(gunicorn_command("127.0.0.1", port, web_workers, threads), env, log)]
    procs += [start(worker_command(f"w{i}", 1, beat=(i == 0), schedule=data_dir / "beat-schedule"), env, log)
              for i in range(job_workers)]
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, procs)
        yield Server(url, data_dir, log)
    finally:
        for p in procs:
            stop(p)

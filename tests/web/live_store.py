"""A real server process on loopback over a fresh store (a SQLite file in a temporary data directory,
or a new database on the PostgreSQL server of ``DATABASE_URL``), for tests of concurrent writes that
the in-process test client (one connection, one thread) cannot show."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

SEED = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from planwatch.web.accounts.models import ROLE_ADMIN, ApiToken, Membership, Unit
from planwatch.web.ledger import workflow as W
unit = Unit.objects.create(name="测试局", kind="department")
admin = get_user_model().objects.create_user("admin")
Membership.objects.create(user=admin, role=ROLE_ADMIN, unit=unit)
task = W.create_task(admin, title="并发任务", lead_unit=unit)
from planwatch.web.data.models import Indicator
ind = Indicator.objects.create(key="concurrent", name="并发指标", unit="亿元", responsible_unit=unit)
print(json.dumps({"indicator": ind.pk, "token": ApiToken.issue(admin, "test")[1], "task": task.pk, "unit": unit.pk,
                  "version": task.version}))
"""


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def store_env(data_dir: Path) -> dict[str, str]:
    """Environment of a fresh store: a new database when DATABASE_URL names a PostgreSQL server."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(PLANWATCH_DEBUG="1", PLANWATCH_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="planwatch.web.settings")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = "pw_live_" + uuid.uuid4().hex[:10]
        base, _, _ = url.rpartition("/")
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
    return env


@contextmanager
def live_store(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Seed a store (one office user with a token, one task) and serve it with Django's threaded server."""
    env = store_env(data_dir)
    seeded = subprocess.run([sys.executable, "-c", SEED], env=env, capture_output=True, text=True, timeout=300,
                            cwd=ROOT)
    assert seeded.returncode == 0, seeded.stderr
    info = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "planwatch", "manage", "runserver", f"127.0.0.1:{port}",
                             "--noreload", "--skip-checks"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/api/plans", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield {**info, "base": base, "env": env, "proc": proc}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def call(base: str, method: str, path: str, token: str, body: Any = None,
         headers: dict[str, str] | None = None) -> tuple[int, Any]:
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            return exc.code, json.loads(raw)
        except ValueError:
            return exc.code, raw[:200]

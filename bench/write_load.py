"""Write-load benchmark: N concurrent writers for a fixed time against a real server on loopback.

    PYTHONPATH=$PWD python bench/write_load.py [--writers 20] [--seconds 60] [--workers 2] [--threads 8] [--kill]

Each writer records new observations (POST /api/observations: a row, its first revision and an
audit entry, all in one transaction) and, every fifth write, edits a shared ledger task with the
version it read (PATCH /api/tasks/{id}: 200 or 409, never 500). Every observation carries an
``Idempotency-Key``; a writer that gets no answer (connection reset, timeout, 503) sends the same
request again with the same key, as a real client should. At the end the database is read back:
every acknowledged write must be there (lost writes), and no write may be there twice.

--kill SIGKILLs the server process group half-way, restarts it on the same port and goes on;
acknowledged writes must survive. Seeds a fresh SQLite store in a temporary directory (or the empty
database in $DATABASE_URL). Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ledger_load import SERVER, pct  # noqa: E402


def seed() -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from planwatch.web.accounts.models import ROLE_ADMIN, ApiToken, Membership, Unit
    from planwatch.web.data.models import Indicator
    from planwatch.web.ledger import workflow as W

    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(name="压测局", kind="department")
    admin = get_user_model().objects.create_user("bench-admin")
    Membership.objects.create(user=admin, role=ROLE_ADMIN, unit=unit)
    ind = Indicator.objects.create(key="write-load", name="压测指标", unit="亿元", responsible_unit=unit)
    task = W.create_task(admin, title="压测任务", lead_unit=unit)
    return {"token": ApiToken.issue(admin, "bench")[1], "indicator": ind.pk, "task": task.pk}


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.latency: list[float] = []
        self.kinds: collections.Counter[str] = collections.Counter()
        self.acked: set[str] = set()  # scopes of acknowledged observations
        self.patches: collections.Counter[int] = collections.Counter()

    def note(self, kind: str, ms: float | None) -> None:
        with self.lock:
            self.requests += 1
            self.kinds[kind] += 1
            if ms is not None:
                self.latency.append(ms)


def call(base: str, method: str, path: str, token: str, body: object, key: str | None) -> tuple[str, object, float]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method, headers=headers)
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            data = json.loads(resp.read() or b"null")
            return str(resp.status), data, (time.perf_counter() - t0) * 1000
    except urllib.error.HTTPError as exc:
        exc.read()
        return str(exc.code), None, (time.perf_counter() - t0) * 1000
    except (TimeoutError, OSError) as exc:
        return type(exc).__name__, None, (time.perf_counter() - t0) * 1000


def writer(n: int, base: str, seed_info: dict[str, object], stop: float, stats: Stats) -> None:
    token, ind, task = str(seed_info["token"]), seed_info["indicator"], seed_info["task"]
    seq = 0
    while time.monotonic() < stop:
        seq += 1
        scope = f"w{n}-{seq}"
        body = {"indicator_id": ind, "year": 2020, "value": seq, "scope": scope, "source": "压测"}
        key = str(uuid.uuid4())
        for _attempt in range(200):  # the same request, the same key, until it is answered
            kind, _, ms = call(base, "POST", "/api/observations", token, body, key)
            stats.note(kind, ms if kind[0].isdigit() else None)
            if kind == "201":
                with stats.lock:
                    stats.acked.add(scope)
                break
            if kind[0] == "4":
                break  # refused: not retried
            time.sleep(0.2)
        if seq % 5 == 0:
            status, _, ms = _patch_task(base, token, task, n, seq)
            stats.note(status, ms if status[0].isdigit() else None)
            with stats.lock:
                stats.patches[int(status) if status.isdigit() else 0] += 1


def _patch_task(base: str, token: str, task: object, n: int, seq: int) -> tuple[str, object, float]:
    req = urllib.request.Request(f"{base}/api/tasks/{task}", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            version = json.loads(resp.read())["version"]
    except (OSError, ValueError) as exc:
        return type(exc).__name__, None, 0.0
    return call(base, "PATCH", f"/api/tasks/{task}", token, {"version": version, "description": f"{n}-{seq}"}, None)


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(workers), str(threads)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def wait_up(base: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/api/plans", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--writers", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    ap.add_argument("--threads", type=int, default=8, help="threads per server process")
    ap.add_argument("--kill", action="store_true", help="SIGKILL the server half-way and restart it")
    args = ap.parse_args()
    os.environ.setdefault("PLANWATCH_DATA_DIR", tempfile.mkdtemp(prefix="planwatch-write-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "planwatch.web.settings"
    import django

    django.setup()
    info = seed()
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, args.threads)
    wait_up(base)
    stats = Stats()
    t0 = time.monotonic()
    stop = t0 + args.seconds
    threads = [threading.Thread(target=writer, args=(i, base, info, stop, stats)) for i in range(args.writers)]
    for t in threads:
        t.start()
    killed_at = None
    try:
        if args.kill:
            time.sleep(args.seconds / 2)
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            killed_at = time.monotonic() - t0
            server = start_server(port, args.workers, args.threads)
            wait_up(base)
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

    from django.db import connection

    from planwatch.web.data.models import Observation

    connection.close()
    rows = collections.Counter(Observation.objects.filter(indicator_id=info["indicator"]).values_list("scope", flat=True))
    lost = sorted(stats.acked - set(rows))
    twice = sorted(k for k, c in rows.items() if c > 1)
    unacked = sorted(set(rows) - stats.acked)
    server_errors = sum(c for k, c in stats.kinds.items() if k.startswith("5"))
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA integrity_check")
            integrity = cur.fetchone()[0]
    else:
        integrity = "n/a"
    store = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (WAL, IMMEDIATE, busy timeout)"
    print(f"{args.writers} writers x {wall:.0f} s, {store}, server {args.workers} processes x {args.threads} threads"
          + (f", SIGKILL + restart at {killed_at:.1f} s" if killed_at else ""))
    print(f"requests                {stats.requests}")
    print(f"acknowledged writes     {len(stats.acked)} observations ({len(stats.acked) / wall:.1f}/s); "
          f"task edits {dict(sorted(stats.patches.items()))}")
    print(f"answers by kind         {dict(sorted(stats.kinds.items()))}")
    print(f"server errors (5xx)     {server_errors}")
    print(f"rows in the database    {sum(rows.values())}")
    print(f"lost writes             {len(lost)}" + (f" e.g. {lost[:5]}" if lost else ""))
    print(f"written twice           {len(twice)}")
    print(f"committed, never acked  {len(unacked)}")
    if stats.latency:
        print(f"latency ms              p50 {pct(stats.latency, 50):.0f}  p95 {pct(stats.latency, 95):.0f}  "
              f"max {max(stats.latency):.0f}")
    print(f"integrity_check         {integrity}")


if __name__ == "__main__":
    main()

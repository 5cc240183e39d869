"""Scale bench: 500 plans, 50,000 targets, 200,000 ledger tasks, 1,000,000 observations; 20
concurrent reading clients and 5 writing ones against gunicorn (the production server) with 2
processes; p50/p95 per endpoint, requests/s, peak memory per server process; then the indicator
page's server time (in-process, with its query count).

    PYTHONPATH=$PWD .venv/bin/python bench/scale.py [--scale 1.0] [--seconds 60] [--web 2] [--threads 4]

Seeds a fresh SQLite store in a temporary directory, or the (empty) database in $DATABASE_URL (e.g.
the scale-out set's PostgreSQL: ``. DIR/env`` after ``scripts/scaleout.sh services DIR``). The
seeding is bench/ledger_load.py's at this size (``--scale 0.1`` for a quick run). Prints figures;
it is not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_seeder(scale: float) -> object:
    spec = importlib.util.spec_from_file_location("ledger_load", ROOT / "bench" / "ledger_load.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.PLANS, mod.TARGETS = int(500 * scale), int(50_000 * scale)
    mod.TASKS, mod.OBSERVATIONS = int(200_000 * scale), int(1_000_000 * scale)
    mod.UNITS, mod.INDICATORS = 100, int(5_000 * scale)
    return mod


def peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d))
            except OSError:
                continue
    return out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def run_load(base: str, tokens: dict[str, str], seeder: object, readers: int, writers: int,
             seconds: float) -> tuple[dict[str, list[float]], int, float]:
    from planwatch.web.ledger.models import LedgerTask

    m = seeder
    task_ids = list(LedgerTask.objects.values_list("id", flat=True)[:50_000])
    rnd = random.Random(11)
    reads = {
        "GET /api/tasks (admin, page)": lambda: ("admin", f"/api/tasks?page={rnd.randint(1, 50)}"),
        "GET /api/tasks (reporter, own unit)": lambda: ("reporter", "/api/tasks"),
        "GET /api/tasks?light=red": lambda: ("viewer", "/api/tasks?light=red"),
        "GET /api/tasks/{id}": lambda: ("admin", f"/api/tasks/{rnd.choice(task_ids)}"),
        "GET /api/observations?indicator=": lambda: ("viewer", f"/api/observations?indicator={rnd.randint(1, m.INDICATORS)}"),  # type: ignore[attr-defined]
        "GET /api/targets?plan=": lambda: ("viewer", f"/api/targets?plan={rnd.randint(1, m.PLANS)}"),  # type: ignore[attr-defined]
        "GET /api/plans": lambda: ("viewer", "/api/plans"),
        "GET /api/dashboard": lambda: ("admin", "/api/dashboard"),
    }
    names = list(reads)
    lat: dict[str, list[float]] = {n: [] for n in [*names, "POST /api/observations"]}
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def call(name: str, who: str, path: str, body: dict[str, object] | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(base + path, data=data, headers={
            "Authorization": f"Bearer {tokens[who]}", "Content-Type": "application/json"})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            with lock:
                errors[0] += 1
                if errors[0] <= 3:
                    print(f"  {name}: HTTP {exc.code} {exc.read()[:200]!r}")
            return
        except (urllib.error.URLError, OSError):
            with lock:
                errors[0] += 1
            return
        with lock:
            lat[name].append((time.perf_counter() - t0) * 1000)

    def reader(i: int) -> None:
        r = random.Random(i)
        while time.monotonic() < stop_at:
            name = r.choice(names)
            who, path = reads[name]()
            call(name, who, path)

    def writer(i: int) -> None:
        r = random.Random(100 + i)
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            body = {"indicator_id": r.randint(1, m.INDICATORS), "year": 2026, "scope": f"压测{i}-{n}",  # type: ignore[attr-defined]
                    "value": r.uniform(1, 100), "status": "final", "source": "压测"}
            call("POST /api/observations", "admin", "/api/observations", body)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    threads += [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors[0], time.perf_counter() - t0


def indicator_page_times(n: int = 20) -> tuple[list[float], list[int]]:
    """Server time of /indicators/<id>/ in-process (no network), and its SQL statement count."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from planwatch.web.data.models import Indicator

    c = Client()
    c.force_login(get_user_model().objects.get(username="admin"))
    ids = list(Indicator.objects.order_by("?").values_list("id", flat=True)[:n])
    c.get(f"/indicators/{ids[0]}/")
    times, queries = [], []
    for pk in ids:
        with CaptureQueriesContext(connection) as q:
            t0 = time.perf_counter()
            r = c.get(f"/indicators/{pk}/")
            times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.status_code
        queries.append(len(q.captured_queries))
    return times, queries


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--writers", type=int, default=5)
    ap.add_argument("--web", type=int, default=2, help="gunicorn processes")
    ap.add_argument("--threads", type=int, default=4, help="threads per gunicorn process")
    ap.add_argument("--reuse", action="store_true", help="the database in $DATABASE_URL is already seeded")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="planwatch-scale-")
    os.environ.setdefault("PLANWATCH_DATA_DIR", tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "planwatch.web.settings"
    os.environ["PLANWATCH_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    seeder = load_seeder(args.scale)
    t0 = time.perf_counter()
    if args.reuse:
        from django.contrib.auth import get_user_model

        from planwatch.web.accounts.models import ApiToken

        tokens = {u.username: ApiToken.issue(u, "bench")[1]
                  for u in get_user_model().objects.filter(username__in=("admin", "reporter", "viewer"))}
    else:
        tokens = seeder.seed()  # type: ignore[attr-defined]
    m = seeder
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"seeded {m.PLANS} plans, {m.TARGETS} targets, {m.TASKS} tasks, {m.OBSERVATIONS} observations "  # type: ignore[attr-defined]
          f"({db}) in {time.perf_counter() - t0:.0f} s")
    from planwatch.web.production import gunicorn_command
    from tests.web.production_server import free_port, start, stop, wait_ready

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANWATCH_JOBS_MODE": "thread"}
    web = start(gunicorn_command("127.0.0.1", port, args.web, args.threads), env, Path(tmp) / "web.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, [web])
        run_load(base, tokens, seeder, args.readers, 0, 10)  # warm-up
        lat, errors, wall = run_load(base, tokens, seeder, args.readers, args.writers, args.seconds)
        peaks = {pid: peak_kib(pid) for pid in [web.pid, *children(web.pid)]}
    finally:
        stop(web)
    print(f"{args.readers} reading + {args.writers} writing clients for {args.seconds:.0f} s, loopback, "
          f"gunicorn {args.web} processes × {args.threads} threads, {db}")
    print(f"| {'endpoint':38s} | {'n':>6s} | {'p50 ms':>7s} | {'p95 ms':>7s} | {'max ms':>7s} |")
    print(f"|{'-' * 40}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    reads: list[float] = []
    total = 0
    for name, v in lat.items():
        total += len(v)
        if not v:
            continue
        if name.startswith("GET"):
            reads += v
        print(f"| {name:38s} | {len(v):6d} | {statistics.median(v):7.1f} | {pct(v, 95):7.1f} | {max(v):7.1f} |")
    if reads:
        print(f"| {'all reads':38s} | {len(reads):6d} | {statistics.median(reads):7.1f} | {pct(reads, 95):7.1f} | "
              f"{max(reads):7.1f} |")
    print(f"throughput {total / wall:.1f} requests/s; errors {errors}; peak RSS per server process (MiB): "
          + ", ".join(f"{v / 1024:.0f}" for v in peaks.values()))
    times, queries = indicator_page_times()
    print(f"indicator page /indicators/<id>/ in-process at {m.OBSERVATIONS} observations: "  # type: ignore[attr-defined]
          f"p50 {statistics.median(times):.1f} ms, p95 {pct(times, 95):.1f} ms, {statistics.median(queries):.0f} queries")


if __name__ == "__main__":
    main()

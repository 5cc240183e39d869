"""Load benchmark of the ledger API: 50 plans, 5,000 targets, 20,000 tasks, 100,000 observations;
p50/p95 latency of the main list and detail endpoints and the dashboard at 10 concurrent clients.

    PYTHONPATH=$PWD python bench/ledger_load.py [--clients 10] [--requests 100] [--workers 2] [--threads 4]

Seeds a fresh SQLite store in a temporary directory (or the database in $DATABASE_URL — use an empty
one) with bulk inserts, then serves it on 127.0.0.1 only with --workers processes of --threads pooled
threads each (Django's WSGI handler, like gunicorn's gthread workers) and measures from --clients client
threads in this process over loopback. On a 2-core machine the client threads share the cores with the
server: 2 processes use both cores, 4 threads each keep 10 clients' requests queued inside the server
rather than in the listen backlog. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS, TARGETS, TASKS, OBSERVATIONS = 50, 5_000, 20_000, 100_000
UNITS, INDICATORS = 40, 2_000


# A pre-forking WSGI server with a fixed pool of threads per process (like gunicorn -w N --threads T,
# which are not dependencies) sharing one listening socket on 127.0.0.1. Django's own ThreadedWSGIServer
# starts a thread and opens (and closes) a database connection for every request; pooled threads keep
# theirs (CONN_MAX_AGE), as a production server does.
SERVER = """
import os, socket, sys, django
django.setup()
from concurrent.futures import ThreadPoolExecutor
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application
port, workers, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sock = socket.socket()
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", port))
sock.listen(256)
for _ in range(workers - 1):
    if os.fork() == 0:
        break


class PooledWSGIServer(WSGIServer):
    pool = ThreadPoolExecutor(threads)

    def process_request(self, request, client_address):
        self.pool.submit(self.work, request, client_address)

    def work(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # no access log: it would go to /dev/null anyway
        pass


app = get_wsgi_application()
httpd = PooledWSGIServer(("127.0.0.1", port), QuietHandler, bind_and_activate=False)
httpd.socket.close()
httpd.socket = sock
httpd.server_name, httpd.server_port = "127.0.0.1", port
httpd.setup_environ()
httpd.set_app(app)
httpd.serve_forever()
"""


def seed() -> dict[str, str]:
    """Bulk-insert the data set (bulk_create skips the per-row audit signals on purpose: seeding)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from planwatch.web.accounts.models import (
        ROLE_ADMIN,
        ROLE_REPORTER,
        ROLE_VIEWER,
        ApiToken,
        Membership,
        Unit,
    )
    from planwatch.web.data.models import Indicator, Observation
    from planwatch.web.ledger.models import LedgerTask
    from planwatch.web.plans.models import Plan, PlanTask, PlanVersion, Target

    call_command("migrate", verbosity=0)
    rnd = random.Random(7)
    units = Unit.objects.bulk_create([Unit(name=f"单位{i:02d}", kind="department") for i in range(UNITS)])
    indicators = Indicator.objects.bulk_create(
        [Indicator(key=f"ind{i}", name=f"指标{i}", unit="亿元", public=i % 2 == 0,
                   responsible_unit=units[i % UNITS]) for i in range(INDICATORS)])
    text = "规划正文。" * 2000
    plans = Plan.objects.bulk_create([Plan(title=f"规划{i}", period_start=2021, period_end=2025, published=True)
                                      for i in range(PLANS)])
    versions = PlanVersion.objects.bulk_create([
        PlanVersion(plan=p, number=1, status="live", doc_name=f"p{p.pk}.txt", text=text, text_sha256="x")
        for p in plans])
    for p, v in zip(plans, versions, strict=True):
        p.current_version = v
    Plan.objects.bulk_update(plans, ["current_version"])
    per = TARGETS // PLANS
    Target.objects.bulk_create([
        Target(version=versions[i // per], quote="目标", start=0, end=2, review_state="accepted", key=f"t{i}",
               indicator=indicators[i % INDICATORS], indicator_text=f"指标{i % INDICATORS}", kind="level",
               value=rnd.uniform(1, 1000), unit="亿元", comparator="=", target_year=2025)
        for i in range(TARGETS)], batch_size=2000)
    ptasks = PlanTask.objects.bulk_create([
        PlanTask(version=versions[i % PLANS], quote="任务", start=0, end=2, review_state="accepted",
                 key=f"k{i}", title=f"规划任务{i}") for i in range(TASKS // 4)], batch_size=2000)
    states = ["assigned", "accepted", "reported", "done", "closed"]
    today = dt.date.today()
    tasks = LedgerTask.objects.bulk_create([
        LedgerTask(plan=plans[i % PLANS], plan_task=ptasks[i % len(ptasks)] if i % 2 else None,
                   title=f"台账任务{i}", lead_unit=units[i % UNITS], state=states[i % 5],
                   deadline=today + dt.timedelta(days=rnd.randint(-200, 600)), percent=rnd.randint(0, 100))
        for i in range(TASKS)], batch_size=2000)
    through = LedgerTask.supporting_units.through
    through.objects.bulk_create([through(ledgertask_id=t.pk, unit_id=units[(i + 1) % UNITS].pk)
                                 for i, t in enumerate(tasks) if i % 3 == 0], batch_size=5000)
    years = OBSERVATIONS // INDICATORS
    Observation.objects.bulk_create([
        Observation(indicator=indicators[i // years], year=1976 + i % years, value=rnd.uniform(1, 5000), unit="亿元",
                    status="final", source="统计公报", reporting_unit=units[(i // years) % UNITS])
        for i in range(OBSERVATIONS)], batch_size=5000)
    User = get_user_model()
    tokens = {}
    for name, role, unit in (("admin", ROLE_ADMIN, None), ("reporter", ROLE_REPORTER, units[3]),
                             ("viewer", ROLE_VIEWER, None)):
        u = User.objects.create_user(name)
        Membership.objects.create(user=u, role=role, unit=unit)
        tokens[name] = ApiToken.issue(u, "bench")[1]
    return tokens


def measure(base: str, tokens: dict[str, str], clients: int, per_endpoint: int) -> dict[str, list[float]]:
    from planwatch.web.data.models import Observation
    from planwatch.web.ledger.models import LedgerTask

    task_ids = list(LedgerTask.objects.values_list("id", flat=True))
    obs_ids = list(Observation.objects.values_list("id", flat=True)[:20000])
    rnd = random.Random(11)
    endpoints = {
        "GET /api/tasks (admin, page)": lambda: ("admin", f"/api/tasks?page={rnd.randint(1, 50)}"),
        "GET /api/tasks (reporter, own unit)": lambda: ("reporter", "/api/tasks"),
        "GET /api/tasks?light=red": lambda: ("viewer", "/api/tasks?light=red"),
        "GET /api/tasks/{id}": lambda: ("admin", f"/api/tasks/{rnd.choice(task_ids)}"),
        "GET /api/observations?indicator=": lambda: ("viewer", f"/api/observations?indicator={rnd.randint(1, INDICATORS)}"),
        "GET /api/observations/{id}": lambda: ("admin", f"/api/observations/{rnd.choice(obs_ids)}"),
        "GET /api/targets?plan=": lambda: ("viewer", f"/api/targets?plan={rnd.randint(1, PLANS)}"),
        "GET /api/plans": lambda: ("viewer", "/api/plans"),
        "GET /api/dashboard": lambda: ("admin", "/api/dashboard"),
    }
    results: dict[str, list[float]] = {}
    for name, make in endpoints.items():
        jobs = [make() for _ in range(per_endpoint)]
        lat: list[float] = []
        lock = threading.Lock()

        def worker(jobs: list[tuple[str, str]] = jobs, lat: list[float] = lat, lock: threading.Lock = lock) -> None:
            while True:
                with lock:
                    if not jobs:
                        return
                    who, path = jobs.pop()
                req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {tokens[who]}"})
                t0 = time.perf_counter()
                with urllib.request.urlopen(req, timeout=60) as resp:
                    body = resp.read()
                    if resp.status != 200:
                        raise RuntimeError(f"{path}: {resp.status}")
                dtm = (time.perf_counter() - t0) * 1000
                json.loads(body)
                with lock:
                    lat.append(dtm)

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        results[name] = lat
    return results


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--requests", type=int, default=100, help="requests per endpoint")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server processes (like gunicorn -w)")
    ap.add_argument("--threads", type=int, default=4, help="threads per server process (like gunicorn --threads)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="planwatch-bench-")
    os.environ.setdefault("PLANWATCH_DATA_DIR", tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "planwatch.web.settings"
    import django

    django.setup()
    t0 = time.perf_counter()
    tokens = seed()
    print(f"seeded {PLANS} plans, {TARGETS} targets, {TASKS} tasks, {OBSERVATIONS} observations "
          f"in {time.perf_counter() - t0:.1f} s")
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(args.workers), str(args.threads)],
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/plans", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        measure(base, tokens, args.clients, 20)  # warm-up
        t0 = time.perf_counter()
        results = measure(base, tokens, args.clients, args.requests)
        wall = time.perf_counter() - t0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    print(f"{args.clients} concurrent clients, {args.requests} requests per endpoint, loopback, "
          f"{args.workers} server processes x {args.threads} threads, "
          f"{'PostgreSQL' if os.environ.get('DATABASE_URL') else 'SQLite'}")
    print(f"{'endpoint':42s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    all_lat = []
    for name, lat in results.items():
        all_lat += lat
        print(f"{name:42s} {statistics.median(lat):8.1f} {pct(lat, 95):8.1f} {max(lat):8.1f}")
    print(f"{'all':42s} {statistics.median(all_lat):8.1f} {pct(all_lat, 95):8.1f} {max(all_lat):8.1f}")
    print(f"throughput {len(all_lat) / wall:.0f} req/s; server peak RSS "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

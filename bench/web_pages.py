"""Server time of the main web pages on a big store (the ledger bench's data set: 50 plans,
5,000 targets, 20,000 tasks, 100,000 observations), measured in-process with Django's test client.

    PYTHONPATH=$PWD python bench/web_pages.py [--repeat 5] [--pages dashboard,search]

Seeds a fresh SQLite store in a temporary directory, then renders each page ``--repeat`` times
per role after one warm-up (the warm-up computes the cached audits) and prints p50 / min / max time
(min: the least disturbed by other processes on a shared machine) and
the number of SQL queries. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class QueryCounter:
    """Counts SQL statements (an execute wrapper: Django's query log is reset per request)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.n += 1
        return execute(sql, params, many, context)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", default="", help="comma-separated page names to time (default: all)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="pw-webbench-")
    os.environ["PLANWATCH_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    spec = importlib.util.spec_from_file_location("ledger_load", ROOT / "bench" / "ledger_load.py")
    assert spec and spec.loader
    ledger_load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ledger_load)
    t0 = time.perf_counter()
    ledger_load.seed()
    print(f"seeded in {time.perf_counter() - t0:.1f} s ({tmp})")

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from planwatch.web.data.models import Indicator
    from planwatch.web.ledger.models import LedgerTask
    from planwatch.web.plans.models import Plan

    setup_test_environment()
    plan = Plan.objects.order_by("id").first()
    ind = Indicator.objects.filter(targets__isnull=False).order_by("id").first()
    task = LedgerTask.objects.order_by("id").first()
    assert plan and ind and task
    pages = {
        "dashboard": "/dashboard/", "plans": "/plans/", "plan": f"/plans/{plan.pk}/",
        "reader": f"/plans/{plan.pk}/reader/", "indicator": f"/indicators/{ind.pk}/", "indicators": "/indicators/",
        "ledger": "/ledger/", "ledger overdue": "/ledger/?window=overdue", "task": f"/ledger/{task.pk}/",
        "audit": "/audit/", "portal": "/portal/", "portal plan": f"/portal/plans/{plan.pk}/",
        "dashboard unit": f"/dashboard/?unit={task.lead_unit_id}", "dashboard plan": f"/dashboard/?plan={plan.pk}",
        "search": "/search/?q=规划1", "search many": "/search/?q=任务1",
    }
    User = get_user_model()
    # The monitoring cycle's pages need a round (every unit with a task owes a report), half of the
    # reports submitted, and a rectification.
    import datetime as dt

    from planwatch.web.accounts.models import Unit
    from planwatch.web.cycle import rectifications, rounds

    admin = User.objects.get(username="admin")
    rnd = rounds.open_round(admin, title="季度报送", frequency="quarterly", period_label="本季度",
                            due=dt.date.today() + dt.timedelta(days=5))
    from django.utils import timezone

    from planwatch.web.cycle.models import RoundReport

    half = list(rnd.reports.values_list("pk", flat=True))[::2]
    RoundReport.objects.filter(pk__in=half).update(text="进展", submitted_by=admin, submitted_at=timezone.now())
    rectifications.create_rectification(admin, source="audit", title="核验问题整改", detail="", unit=Unit.objects.first(),
                                        due=dt.date.today() + dt.timedelta(days=30))
    year = dt.date.today().year
    pages.update({"todo": "/todo/", "rounds": "/rounds/", "round": f"/rounds/{rnd.pk}/",
                  "assessment": f"/assessment/?year={year}",
                  "assessment unit": f"/assessment/{year}/units/{Unit.objects.first().pk}/",
                  "rectifications": "/rectifications/"})
    if args.pages:
        wanted = [n.strip() for n in args.pages.split(",") if n.strip()]
        pages = {n: u for n, u in pages.items() if any(n == w or n.startswith(w + " ") for w in wanted)}
    print(f"{'page':<16}{'role':<10}{'p50 ms':>8}{'min ms':>8}{'max ms':>8}{'queries':>9}{'status':>7}")
    for role in ("admin", "reporter"):  # a reporter's refusals (403) of office pages are timed too
        c = Client()
        c.force_login(User.objects.get(username=role))
        for name, url in pages.items():
            c.get(url)  # warm-up
            times = []
            status = 0
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                status = c.get(url).status_code
            for _ in range(args.repeat):
                t = time.perf_counter()
                c.get(url)
                times.append((time.perf_counter() - t) * 1000)
            print(f"{name:<16}{role:<10}{statistics.median(times):>8.0f}{min(times):>8.0f}{max(times):>8.0f}"
                  f"{counter.n:>9}{status:>7}")


if __name__ == "__main__":
    main()

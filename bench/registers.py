"""Benchmark: counting rules over an enterprise register of 100,000 enterprises × 10 years.

Builds a throwaway SQLite store (not timed): 100,000 invented enterprises (30% public), revenue for
2011–2020 (1,000,000 rows), 高新技术企业 spans for about a third (some ended), 科技型中小企业 入库 for a
fifth; one plan with a count target per rule. Then times, per target, ``counting.series`` (all ten
years' figures with the ids behind them) and ``counting.feed`` (the same plus recording the ten
observations). The goal is under 1 s per target.

    PYTHONPATH=$PWD python bench/registers.py [--enterprises 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from typing import Any

YEARS = range(2011, 2021)
RULES = [
    ("营业收入亿元以上的非公有制企业", {"ownership": "nonpublic", "revenue_min": 10000}),
    ("销售收入20亿元以上的企业", {"revenue_min": 200000}),
    ("高新技术企业", {"tiers": ["high_tech"]}),
    ("新增高新技术企业", {"tiers": ["high_tech"], "mode": "new"}),
    ("营业收入5000万元以上的高新技术企业", {"tiers": ["high_tech"], "revenue_min": 5000}),
    ("科技型中小企业入库", {"tiers": ["tech_sme"], "mode": "new"}),
    ("创办小型民营企业", {"ownership": "nonpublic", "sizes": ["small", "micro"], "mode": "cumulative",
                          "since": 2011}),
]


def populate(n: int) -> None:
    from django.db import connection

    from planwatch.registers.creditcode import with_check_digit

    rng = random.Random(7)
    firms, revenue, tiers = [], [], []
    for i in range(1, n + 1):
        base = rng.lognormvariate(8.5, 1.4)
        size = "large" if base > 200000 else "medium" if base > 20000 else "small" if base > 2000 else "micro"
        est = dt.date(rng.randint(1990, 2019), rng.randint(1, 12), 1)
        closed = dt.date(rng.randint(2012, 2020), 6, 30) if rng.random() < 0.05 else None
        firms.append((i, f"基准企业{i:06d}（示例数据）", with_check_digit(f"91230100MA{i:07d}"), "", "",
                      "public" if rng.random() < 0.3 else "nonpublic", size, est, closed, ""))
        g = rng.uniform(0.9, 1.2)
        revenue += [(i, y, round(base * g ** (y - 2011), 1)) for y in YEARS]
        if rng.random() < 0.33:
            start = dt.date(rng.randint(2008, 2020), rng.randint(1, 12), 1)
            end = dt.date(start.year + 3, start.month, 1) if rng.random() < 0.3 else None
            tiers.append((i, "high_tech", start, end, ""))
        if rng.random() < 0.2:
            tiers.append((i, "tech_sme", dt.date(rng.randint(2012, 2020), rng.randint(1, 12), 1), None, ""))
    connection.ensure_connection()
    raw = connection.connection  # the sqlite3 connection: executemany without Django's per-row wrapping
    with raw:
        raw.executemany("INSERT INTO registers_enterprise (id, name, credit_code, region, industry, ownership, size, "
                        "established, closed, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(*f[:7], f[7].isoformat(), f[8].isoformat() if f[8] else None, f[9]) for f in firms])
        raw.executemany("INSERT INTO registers_enterpriserevenue (enterprise_id, year, revenue) VALUES (?, ?, ?)",
                        revenue)
        raw.executemany("INSERT INTO registers_enterprisetier (enterprise_id, tier, start, \"end\", certificate) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [(i, t, s.isoformat(), e.isoformat() if e else None, c) for i, t, s, e, c in tiers])
    raw.execute("ANALYZE")
    print(f"{n:,} enterprises, {len(revenue):,} revenue rows, {len(tiers):,} tier spans")


def rules() -> list[Any]:
    from planwatch.web.data.models import Indicator, Observation
    from planwatch.web.plans.models import Plan, PlanVersion, Target
    from planwatch.web.registers.models import CountRule

    Observation.objects.filter(indicator__key__startswith="bench-").delete()  # from a kept store's last run
    Target.objects.filter(version__plan__title="基准测试规划").delete()
    Plan.objects.filter(title="基准测试规划").delete()
    Indicator.objects.filter(key__startswith="bench-").delete()
    plan = Plan.objects.create(title="基准测试规划", period_start=2011, period_end=2020)
    version = PlanVersion.objects.create(plan=plan, number=1, status="live", doc_name="bench.txt", text="",
                                         text_sha256="0" * 64)
    plan.current_version = version
    plan.save()
    out = []
    for i, (name, fields) in enumerate(RULES):
        ind = Indicator.objects.create(key=f"bench-{i}", name=name, unit="户")
        target = Target.objects.create(version=version, quote=name, key=f"bench-{i}", indicator=ind,
                                       indicator_text=name, kind="count", value=1000, unit="户", target_year=2020)
        out.append(CountRule.objects.create(target=target, first_year=2011, **fields))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--enterprises", type=int, default=100_000)
    ap.add_argument("--keep", metavar="DIR", help="keep the store in DIR and reuse it on the next run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as tmp:
        os.environ["PLANWATCH_DATA_DIR"] = args.keep or tmp
        os.environ.pop("DATABASE_URL", None)
        from planwatch.web.store import open_store

        open_store()
        from planwatch.web.registers.models import CountRule, Enterprise

        CountRule.objects.all().delete()
        if not Enterprise.objects.exists():
            start = time.perf_counter()
            populate(args.enterprises)
            print(f"populate (not timed):              {time.perf_counter() - start:8.1f} s")
        from planwatch.web.accounts.system import system_user
        from planwatch.web.registers import counting

        admin = system_user()
        from django.urls import reverse

        reverse("ui:home")  # load the URL map once (a running server has it; feed links each figure to its list)
        worst = 0.0
        print(f"{'target (10 years each)':<30}{'series':>9}{'(cpu)':>8}{'feed':>8}{'(cpu)':>8}   figures 2011…2020")
        for rule in rules():
            t0, c0 = time.perf_counter(), time.process_time()
            s = counting.series(rule)
            t1, c1 = time.perf_counter(), time.process_time()
            counting.feed(admin, rule)
            t2, c2 = time.perf_counter(), time.process_time()
            worst = max(worst, t1 - t0, t2 - t1)
            figures = " ".join(f"{v:g}" for v, _ in s.values())
            print(f"{rule.target.indicator_text:<30}{t1 - t0:7.2f} s{c1 - c0:6.2f} s{t2 - t1:6.2f} s{c2 - c1:6.2f} s   "
                  f"{figures}")
        print(f"slowest target (wall clock, 10 years): {worst:.2f} s — goal < 1 s: {'met' if worst < 1 else 'NOT met'}"
              " (cpu = this process's CPU time; wall includes waiting for a busy machine)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Benchmark: assess 100,000 indicators with 10 observations each (both methods' figures and the
bilingual explanation are computed for every one). Prints time, throughput and peak memory.

    PYTHONPATH=$PWD python bench/progress.py [N]
"""

from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from collections import Counter

from planwatch.progress import Baseline, IndicatorTarget, Observation, assess
from planwatch.progress.model import Kind

KINDS: list[Kind] = ["level", "share", "change", "count", "growth", "cumulative"]


def make_inputs(n: int, seed: int = 7) -> list[tuple[IndicatorTarget, Baseline, list[Observation]]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        base_year = 2010
        target_year = base_year + rng.choice((5, 10, 15, 20))
        if kind == "growth":
            rate = rng.uniform(2, 9)
            obs = [Observation(base_year + k, rate + rng.gauss(0, 1.5)) for k in range(1, 11)]
            out.append((IndicatorTarget(kind, rate, target_year), Baseline(base_year, None), obs))
            continue
        if kind == "change":
            goal = rng.choice((-1, 1)) * rng.uniform(5, 30)
            path = [goal * k / 12 + rng.gauss(0, 1) for k in range(1, 11)]
            out.append((IndicatorTarget(kind, goal, target_year), Baseline(base_year, 0.0), [
                Observation(base_year + k, v) for k, v in enumerate(path, start=1)]))
            continue
        base = rng.uniform(10, 90) if kind == "share" else rng.uniform(1, 1e5)
        goal = base * rng.uniform(0.6, 1.6)
        comparator = ">=" if goal >= base else "<="
        obs = [
            Observation(base_year + k, base + (goal - base) * k / 12 * rng.uniform(0.3, 1.3),
                        status="preliminary" if k == 10 and rng.random() < 0.3 else "final")
            for k in range(1, 11)
        ]
        out.append((IndicatorTarget(kind, goal, target_year, comparator=comparator, binding=i % 3 == 0),
                    Baseline(base_year, base), obs))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    inputs = make_inputs(n)
    statuses: Counter[str] = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    for t, b, obs in inputs:
        statuses[assess(t, b, obs).status] += 1
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"assessed {n:,} indicators x 10 observations (cn, with zh/en explanations): "
        f"{elapsed:.2f} s wall, {cpu:.2f} s CPU, {n / elapsed:,.0f} per second"
    )
    start = time.perf_counter()
    for t, b, obs in inputs[: n // 10]:
        assess(t, b, obs, method="statcan")
    el2 = time.perf_counter() - start
    print(f"statcan method on {n // 10:,}: {el2:.2f} s, {n // 10 / el2:,.0f} per second")
    tracemalloc.start()
    kept = [assess(t, b, obs) for t, b, obs in inputs[:10_000]]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak traced memory holding {len(kept):,} assessments: {peak / 1024 / 1024:.1f} MiB; "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("statuses:", dict(statuses.most_common()))


if __name__ == "__main__":
    main()

"""Throughput of find_quantities / find_times on the five example plans repeated to >= 5 MB.

Run: PYTHONPATH=$PWD python bench/quantities.py [--mb 5]
Prints characters/s, MB/s (UTF-8 bytes), quantities and time expressions found, peak memory.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from planwatch.quantities import find_quantities, find_times

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"


def corpus(min_mb: float) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("harbin-*")) if p.suffix in (".txt", ".md")]
    one = "\n".join(parts)
    reps = max(1, int(min_mb * 1e6 // len(one.encode("utf-8"))) + 1)
    return "\n".join([one] * reps)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="minimum corpus size in MB (UTF-8)")
    args = ap.parse_args()
    text = corpus(args.mb)
    size_mb = len(text.encode("utf-8")) / 1e6
    print(f"corpus: {len(text):,} characters, {size_mb:.2f} MB UTF-8")

    # Wall-clock and CPU time: the machine may be shared, and CPU time is what one core gives.
    w0, c0 = time.perf_counter(), time.process_time()
    qs = find_quantities(text)
    w1, c1 = time.perf_counter(), time.process_time()
    ts = find_times(text)
    w2, c2 = time.perf_counter(), time.process_time()
    for name, wall, cpu, n in (
        ("find_quantities", w1 - w0, c1 - c0, len(qs)),
        ("find_times", w2 - w1, c2 - c1, len(ts)),
    ):
        print(
            f"{name:16} wall {wall:5.2f} s ({size_mb / wall:6.2f} MB/s)  cpu {cpu:5.2f} s "
            f"({len(text) / cpu:12,.0f} chars/s, {size_mb / cpu:6.2f} MB/s)  found {n:,}"
        )

    # Peak memory of one find_quantities call on the whole corpus (tracemalloc slows the run, so it
    # is measured apart from the timing); the corpus itself is allocated before tracing starts.
    del qs, ts
    tracemalloc.start()
    found = len(find_quantities(text))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory (tracemalloc) of find_quantities on {size_mb:.2f} MB: {peak / 1e6:.1f} MB ({found:,} found)")


if __name__ == "__main__":
    main()

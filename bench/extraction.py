"""Extraction throughput and memory: the five example plans repeated to >= 5 MB of text.

Two runs: (1) a batch of documents (the five plans over and over), where the peak memory must not
grow with the number of documents processed, and (2) one big document made of all the copies.
Prints characters/s, MB/s (UTF-8 bytes) and peak memory (tracemalloc for Python allocations,
ru_maxrss for the process). Rates are per CPU second of this process (``time.process_time``: one
core, not disturbed by other processes on a shared machine); the wall-clock time is printed too.

    PYTHONPATH=. python bench/extraction.py [--mb 5]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

from planwatch.documents import document_from_text, load_document
from planwatch.extract import extract_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "harbin"
PLANS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))


def _report(label: str, chars: int, nbytes: int, seconds: float, peak: int, records: int, wall: float) -> None:
    print(
        f"{label:28s} {chars / 1e6:6.2f} M chars {nbytes / 1e6:6.2f} MB in {seconds:6.2f} s CPU ({wall:.2f} s wall): "
        f"{chars / seconds / 1e6:5.2f} M chars/s, {nbytes / seconds / 1e6:5.2f} MB/s, "
        f"{records} targets+facts, peak traced {peak / 1e6:6.1f} MB"
    )


def batch(target_bytes: int) -> None:
    """Documents one after the other: timed without tracing, then a traced pass whose peak per
    group of documents must stay flat (memory does not grow with the number processed)."""
    docs = [load_document(p) for p in PLANS]
    chars = nbytes = records = n = 0
    start, wall = time.process_time(), time.perf_counter()
    while nbytes < target_bytes:
        doc = docs[n % len(docs)]
        doc.__dict__.pop("norm", None)  # no help from a cached normalisation
        result = extract_plan(doc)
        records += len(result.targets) + len(result.facts)
        chars += len(doc.text)
        nbytes += len(doc.text.encode("utf-8"))
        n += 1
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    tracemalloc.start()
    peaks: list[int] = []
    for i in range(1, 4 * len(docs) * 5 + 1):
        extract_plan(docs[i % len(docs)])
        if i % (len(docs) * 5) == 0:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.reset_peak()
    tracemalloc.stop()
    _report(f"batch of {n} documents", chars, nbytes, seconds, max(peaks), records, wall)
    print("  traced peak per 25 documents (MB):", " ".join(f"{p / 1e6:.2f}" for p in peaks))


def one_document(target_bytes: int) -> None:
    """All copies joined into one document (one outline, one pass of the finders)."""
    texts = [p.read_text(encoding="utf-8") for p in PLANS]
    parts: list[str] = []
    size = 0
    while size < target_bytes:
        t = texts[len(parts) % len(texts)]
        parts.append(t)
        size += len(t.encode("utf-8"))
    text = "\n".join(parts)
    doc = document_from_text(text, name="big.txt")
    start, wall = time.process_time(), time.perf_counter()
    result = extract_plan(doc)
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    doc.__dict__.pop("norm", None)
    tracemalloc.start()
    extract_plan(doc)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    _report("one big document", len(text), size, seconds, peak, len(result.targets) + len(result.facts), wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0, help="MB of UTF-8 text per run (default 5)")
    a = ap.parse_args()
    target = int(a.mb * 1e6)
    batch(target)
    one_document(target)
    print(f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")


if __name__ == "__main__":
    main()

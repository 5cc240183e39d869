"""Bulk ingestion through the job queue: N plan documents (the example plans copied under other
cities' names, their figures varied) ingested by ``--jobs`` local Celery workers into a fresh
SQLite store, as ``planwatch ingest DIR --jobs N`` does.

    PYTHONPATH=$PWD .venv/bin/python bench/bulk_ingest.py [--docs 1000] [--jobs 2] [--timeout 3600]

Prints documents/min, failures and the peak resident memory of each worker process (VmHWM).
Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARBIN = ROOT / "examples" / "harbin"


def make_corpus(out: Path, n: int) -> list[Path]:
    sources = sorted(p for p in HARBIN.iterdir() if p.suffix in (".txt", ".md") and p.name.startswith("harbin-"))
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        suffix, text = texts[i % len(texts)]
        city = f"第{i + 1}号样本市"
        if "哈尔滨市" not in text:  # an excerpt without the city's name: give it a title of its own
            text = f"哈尔滨市工作报告摘编\n{text}"
        # Vary the figures a little (every number's last digit), so no two documents are the same.
        varied = re.sub(r"(\d)(?=[^\d]{0,2}(?:亿元|万元|%|％|万人|个|家))",
                        lambda m, k=i: str((int(m.group(1)) + k) % 10), text.replace("哈尔滨市", city))
        path = out / f"plan-{i:04d}{suffix}"
        path.write_text(varied, encoding="utf-8")
        paths.append(path)
    return paths


def _children(pid: int) -> list[int]:
    kids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                kids.append(int(d))
    return kids


def _peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=3600)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-bulk-"))
    os.environ["PLANWATCH_DATA_DIR"] = str(tmp / "var")
    os.environ["PLANWATCH_JOBS_MODE"] = "celery"
    os.environ.setdefault("PLANWATCH_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.jobs.bulk import enqueue_documents, failures, local_workers
    from planwatch.web.jobs.runner import wait_for
    from planwatch.web.plans.models import PlanVersion

    paths = make_corpus(tmp / "docs", args.docs)
    print(f"corpus: {len(paths)} documents, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB in {tmp}")
    start = time.monotonic()
    ids = sorted(set(enqueue_documents(paths)))
    if len(ids) != len(paths):
        print(f"  {len(paths) - len(ids)} documents have the same content as another: one job each")
    peaks: dict[int, int] = {}
    last = [0.0]

    def progress(done: int, total: int) -> None:
        for w in workers:
            for pid in [w.pid, *_children(w.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _peak_kib(pid))
        now = time.monotonic()
        if now - last[0] > 60:
            last[0] = now
            print(f"  {done}/{total} after {now - start:.0f} s", flush=True)

    with local_workers(args.jobs, tmp / "workers.log") as workers:
        counts = wait_for(ids, on_progress=progress, poll=1.0, timeout=args.timeout)
    elapsed = time.monotonic() - start
    failed = failures(ids)
    finished = counts["done"] + counts["failed"]
    print(f"documents: {len(ids)}, finished: {finished}, done: {counts['done']}, failed: {counts['failed']}, "
          f"unfinished: {len(ids) - finished}")
    print(f"elapsed: {elapsed:.0f} s, throughput: {finished / (elapsed / 60):.1f} documents/min "
          f"with {args.jobs} workers; plan versions stored: {PlanVersion.objects.count()}")
    print("peak RSS per worker process (MiB): " + ", ".join(f"{v / 1024:.0f}" for v in sorted(peaks.values())))
    for name, err in failed[:20]:
        print(f"  failed: {name}: {err[:160]}")


if __name__ == "__main__":
    main()

"""Bulk ingestion (``planwatch ingest DIR --jobs N``): one ingest job per plan document, keyed by
the document's content (a re-run skips what is already in), run by the running workers or by N
local ones started for the run, followed to the end with recovery of what a dead worker dropped."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planwatch.web.jobs.models import FAILED, Job
from planwatch.web.jobs.runner import enqueue

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def plan_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES
                  and not p.name.startswith("."))


def enqueue_documents(paths: list[Path], approve: bool = False) -> list[int]:
    ids = []
    for path in paths:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        job = enqueue("ingest", {"path": str(path.resolve()), "name": path.name, "approve": approve},
                      key=f"ingest:{digest}")
        ids.append(job.pk)
    return ids


@contextmanager
def local_workers(n: int, log: Path | None = None) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``n`` single-process Celery workers for this run, stopped (warm shutdown) at the end."""
    from planwatch.web.production import worker_command

    env = dict(os.environ, PLANWATCH_JOBS_MODE="celery")
    out = log.open("ab") if log else subprocess.DEVNULL
    procs = [subprocess.Popen(worker_command(f"ingest{i + 1}-{os.getpid()}", 1, beat=False), env=env,
                              stdout=out, stderr=subprocess.STDOUT, start_new_session=True) for i in range(n)]
    try:
        yield procs
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        if log:
            out.close()  # type: ignore[union-attr]


def failures(job_ids: list[int]) -> list[tuple[str, str]]:
    rows = Job.objects.filter(pk__in=job_ids, state=FAILED).values_list("params", "error")
    return sorted((str(p.get("name", "")), e) for p, e in rows)

"""Real workers on the test database: bulk ingestion through the queue, and a worker killed in the
middle of a job loses no document (its job is claimed again and run once to the end)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from planwatch.web.jobs.bulk import enqueue_documents, plan_files
from planwatch.web.jobs.models import DONE, RUNNING, Job
from planwatch.web.jobs.runner import wait_for
from planwatch.web.plans.models import PlanVersion
from tests.web.production_server import ROOT, server_env, start, stop

pytestmark = pytest.mark.slow
HARBIN = ROOT / "examples" / "harbin"


def plan_copies(out: Path, n: int) -> list[Path]:
    """``n`` distinct plans: the industry plan under other cities' names."""
    text = (HARBIN / "harbin-industry-2006-2010.txt").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    out.mkdir()
    for i in range(n):
        (out / f"plan-{i:02d}.txt").write_text(first.replace("哈尔滨市", f"第{i + 1}测试市") + "\n" + rest,
                                               encoding="utf-8")
    return plan_files(out)


@pytest.fixture
def queue_in(tmp_path: Path, settings: Any) -> Any:
    """The test process sends to the workers' queue: Redis in the scale-out run, else the filesystem
    queue under tmp_path."""
    from planwatch.web.jobs.queue import app

    data_dir = tmp_path / "data"
    settings.PLANWATCH_JOBS_MODE = "celery"
    settings.PLANWATCH_JOB_STALE_SECONDS = 6
    settings.PLANWATCH_JOB_REQUEUE_SECONDS = 15
    if not settings.CELERY_BROKER_URL.startswith("filesystem"):
        yield data_dir
        return
    folders = {"data_folder_in": str(data_dir / "queue" / "messages"),
               "data_folder_out": str(data_dir / "queue" / "messages"),
               "control_folder": str(data_dir / "queue" / "control")}
    for f in folders.values():
        Path(f).mkdir(parents=True, exist_ok=True)
    saved = app.conf.broker_transport_options
    app.conf.broker_transport_options = folders
    yield data_dir
    app.conf.broker_transport_options = saved


def test_killing_a_worker_mid_run_loses_no_document(transactional_db: Any, queue_in: Path, tmp_path: Path) -> None:
    from planwatch.web.production import worker_command

    docs = plan_copies(tmp_path / "docs", 6)
    ids = enqueue_documents(docs, approve=True)
    env = server_env(queue_in, PLANWATCH_JOB_BEAT_SECONDS="1", PLANWATCH_JOB_STALE_SECONDS="6")
    log = tmp_path / "workers.log"
    victim = start(worker_command("victim", 1, beat=False), env, log)
    survivor = None
    try:
        deadline = time.monotonic() + 120
        while not Job.objects.filter(pk__in=ids, state=RUNNING, worker__startswith="victim@").exists():
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.2)
        killed = Job.objects.get(pk__in=ids, state=RUNNING, worker__startswith="victim@")
        os.killpg(victim.pid, signal.SIGKILL)  # the worker and its pool die mid-job
        victim.wait()
        survivor = start(worker_command("survivor", 1, beat=False), env, log)
        counts = wait_for(ids, poll=0.5, recover_every=2, timeout=240)
    finally:
        stop(victim)
        if survivor is not None:
            stop(survivor)
    assert counts["done"] == len(docs), (counts, log.read_text()[-3000:])
    killed.refresh_from_db()
    assert killed.state == DONE and killed.attempts >= 2 and killed.worker.startswith("survivor@")
    # Each document once: one plan version per document, none half-written, none twice.
    versions = PlanVersion.objects.filter(pk__in=[j.result["version"] for j in Job.objects.filter(pk__in=ids)])
    assert versions.count() == len(docs) == PlanVersion.objects.count()
    assert sorted(v.plan.title[:6] for v in versions) == sorted(f"第{i + 1}测试市工"[:6] for i in range(6))
    # A second run of the same directory adds nothing (the jobs are keyed by content).
    assert enqueue_documents(docs) == ids and PlanVersion.objects.count() == len(docs)

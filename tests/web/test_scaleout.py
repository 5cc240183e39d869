"""The scale-out set (scripts/scaleout.sh test): PostgreSQL, Redis as the broker, evidence and job
files on S3 (moto's server), gunicorn with 2 processes and 2 Celery workers. Skipped elsewhere."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.environ.get("PLANWATCH_SCALEOUT_DIR"), reason="run by scripts/scaleout.sh test"),
]


def _bucket_keys() -> set[str]:
    import boto3

    s3 = boto3.client("s3", endpoint_url=os.environ["PLANWATCH_S3_ENDPOINT"], region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=os.environ["PLANWATCH_S3_BUCKET"])
    return {o["Key"] for page in pages for o in page.get("Contents", [])}


def test_report_job_on_redis_workers_writes_its_file_to_s3(org: dict[str, Any], transactional_db: Any,
                                                          tmp_path: Path, settings: Any) -> None:
    from django.db import connection

    from planwatch.web.jobs.models import DONE, Job
    from planwatch.web.jobs.runner import enqueue, wait_for
    from tests.web.production_server import production_server
    from tests.web.ui_world import build_world

    assert connection.vendor == "postgresql" and settings.CELERY_BROKER_URL.startswith("redis://")
    world = build_world(org)
    settings.PLANWATCH_JOBS_MODE = "celery"
    with production_server(tmp_path / "server", web_workers=2, job_workers=2) as server:
        with urllib.request.urlopen(server.url + "/readyz") as r:
            ready = json.loads(r.read())
        assert ready["checks"]["database"] == "postgresql"
        jobs = [enqueue("report", {"plan": world["plan"].pk, "kind": kind, "format": "docx",
                                   "as_of": "2008-12-31"}, owner=world["users"]["admin"])
                for kind in ("progress", "midterm")]
        counts = wait_for([j.pk for j in jobs], poll=0.5, timeout=180)
    assert counts["done"] == 2, server.log.read_text()[-3000:]
    done = Job.objects.filter(pk__in=[j.pk for j in jobs], state=DONE)
    assert {j.result_file for j in done} <= _bucket_keys()
    assert len({j.worker.split("@")[0] for j in done}) >= 1


def test_evidence_is_stored_in_the_bucket(org: dict[str, Any], db: Any) -> None:
    from django.core.files.storage import default_storage

    name = default_storage.save("evidence/scaleout-check.txt", __import__("io").BytesIO(b"evidence"))
    assert name in _bucket_keys()
    with default_storage.open(name, "rb") as f:
        assert f.read() == b"evidence"

"""Background jobs: the Job record (claim, fencing, recovery, keys), the pages that start and show
jobs, who may see them, and the health endpoints."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planwatch.web.jobs.models import DONE, FAILED, QUEUED, RUNNING, Job, WorkerBeat
from planwatch.web.jobs.runner import LostClaim, Run, enqueue, execute, recover_jobs
from tests.web.ui_world import build_world


@pytest.fixture
def world(org: dict[str, Any]) -> dict[str, Any]:
    return build_world(org)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _report(c: Client, plan: Any, fmt: str = "docx") -> Any:
    return c.post(reverse("jobs:start_report", args=[plan.pk]),
                  {"kind": "midterm", "format": fmt, "as_of": "2008-12-31"})


def test_report_job_runs_and_offers_the_file(world: dict[str, Any]) -> None:
    office = client_for(world["users"]["admin"])
    plan = world["plan"]
    assert f'action="{reverse("jobs:start_report", args=[plan.pk])}"' in office.get(
        reverse("plans:plan", args=[plan.pk])).content.decode()
    r = _report(office, plan)
    assert r.status_code == 302
    job = Job.objects.get()
    assert r["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.state == DONE and job.kind == "report" and job.progress == 100 and job.attempts == 1
    assert job.params == {"plan": plan.pk, "kind": "midterm", "format": "docx", "as_of": "2008-12-31"}
    page = office.get(r["Location"]).content.decode()
    assert 'id="job-download"' in page and 'data-state="done"' in page and "hx-get" not in page
    f = office.get(reverse("jobs:file", args=[job.pk]))
    body = b"".join(f.streaming_content)
    assert f.status_code == 200 and body[:2] == b"PK" and len(body) == job.result["bytes"]
    assert "filename*=UTF-8''" in f["Content-Disposition"] and "%E4%B8%AD%E6%9C%9F" in f["Content-Disposition"]


def test_a_user_sees_only_their_own_jobs_and_the_office_sees_all(world: dict[str, Any]) -> None:
    users = world["users"]
    leader = client_for(users["leader"])
    r = _report(leader, world["plan"], "html")
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.owner == users["leader"] and job.state == DONE
    # Another unit's leader and a reporter: no page, no status, no file, not in their list.
    for other in ("other_leader", "reporter"):
        c = client_for(users[other])
        for name in ("jobs:job", "jobs:status", "jobs:file"):
            assert c.get(reverse(name, args=[job.pk])).status_code == 404, (other, name)
        assert f'href="/jobs/{job.pk}/"' not in c.get(reverse("jobs:jobs")).content.decode()
    # The owner and the office see it.
    assert f'href="/jobs/{job.pk}/"' in leader.get(reverse("jobs:jobs")).content.decode()
    office = client_for(users["admin"])
    assert office.get(reverse("jobs:job", args=[job.pk])).status_code == 200
    assert office.get(reverse("jobs:file", args=[job.pk])).status_code == 200
    assert "lead_ind" in office.get(reverse("jobs:jobs")).content.decode()
    # Anonymous: the login page.
    assert Client().get(reverse("jobs:job", args=[job.pk])).status_code == 302


def test_report_job_refused_without_the_right(world: dict[str, Any]) -> None:
    from planwatch.web.accounts.models import ROLE_REPORTER, Unit
    from tests.web.conftest import make_user

    viewer_plan = world["plan"]
    outsider = make_user("rep_far", ROLE_REPORTER, Unit.objects.create(name="市林业局", kind="department"))
    assert _report(client_for(outsider), viewer_plan).status_code in (403, 404)
    assert Client().post(reverse("jobs:start_report", args=[viewer_plan.pk]), {"kind": "progress"}).status_code == 302
    office = client_for(world["users"]["admin"])
    assert office.post(reverse("jobs:start_report", args=[viewer_plan.pk]),
                       {"kind": "progress", "as_of": "2008-13-45"}).status_code == 400
    assert office.post(reverse("jobs:start_report", args=[viewer_plan.pk]),
                       {"kind": "nonsense"}).status_code == 400
    assert not Job.objects.exists()


def test_a_second_delivery_does_not_run_the_job_twice(world: dict[str, Any], settings: Any) -> None:
    settings.PLANWATCH_JOBS_MODE = "celery-but-not-sent"  # leave the job queued: no worker in this test
    job = Job.objects.create(kind="remind", params={"date": "2030-01-01"})
    assert execute(job.pk, worker="w1") == DONE
    assert execute(job.pk, worker="w2") == "skipped"
    job.refresh_from_db()
    assert job.attempts == 1 and job.worker == "w1"


def test_a_worker_that_lost_its_claim_cannot_complete(world: dict[str, Any]) -> None:
    job = Job.objects.create(kind="remind", params={}, state=RUNNING, attempts=1, worker="old",
                             heartbeat=timezone.now())
    run = Run(job)
    # Presumed dead: another worker took it over (attempt 2).
    Job.objects.filter(pk=job.pk).update(attempts=2, worker="new")
    with pytest.raises(LostClaim):
        run.complete({"x": 1})
    job.refresh_from_db()
    assert job.state == RUNNING and job.result == {}


def test_recovery_runs_again_what_a_dead_worker_left(world: dict[str, Any], settings: Any) -> None:
    long_ago = timezone.now() - timedelta(seconds=settings.PLANWATCH_JOB_STALE_SECONDS + 5)
    dead = Job.objects.create(kind="remind", params={}, state=RUNNING, attempts=1, worker="dead",
                              heartbeat=long_ago)
    alive = Job.objects.create(kind="remind", params={}, state=RUNNING, attempts=1, worker="alive",
                               heartbeat=timezone.now())
    lost = Job.objects.create(kind="remind", params={}, state=QUEUED, enqueued=timezone.now() - timedelta(hours=1))
    assert recover_jobs() == {"stale": 1, "waiting": 1}
    for j in (dead, alive, lost):
        j.refresh_from_db()
    assert dead.state == DONE and dead.attempts == 2
    assert alive.state == RUNNING and alive.attempts == 1
    assert lost.state == DONE and lost.attempts == 1
    # A job that keeps killing its worker is given up after the maximum number of attempts.
    doomed = Job.objects.create(kind="remind", params={}, state=RUNNING, heartbeat=long_ago,
                                attempts=settings.PLANWATCH_JOB_MAX_ATTEMPTS)
    recover_jobs()
    doomed.refresh_from_db()
    assert doomed.state == FAILED and "放弃" in doomed.error


def test_keyed_jobs_are_idempotent(world: dict[str, Any]) -> None:
    a = enqueue("remind", {"date": "2030-01-01"}, key="remind:2030-01-01")
    b = enqueue("remind", {"date": "2030-01-01"}, key="remind:2030-01-01")
    assert a.pk == b.pk and Job.objects.count() == 1 and b.state == DONE and b.attempts == 1


def test_import_job_shows_row_errors(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = client_for(world["users"]["reporter"])
    bad = "指标,年份,数值,单位,来源\n不存在的指标,2009,abc,亿元,公报\n"
    r = c.post(reverse("data:import"), {"kind": "actuals", "table": SimpleUploadedFile("a.csv", bad.encode())})
    job = Job.objects.get()
    assert r["Location"] == reverse("jobs:job", args=[job.pk])
    assert job.state == FAILED and job.result["errors"] and job.owner == world["users"]["reporter"]
    from django.core.files.storage import default_storage

    assert job.params["stored"].startswith("jobs/in/") and not default_storage.exists(job.params["stored"])
    body = c.get(r["Location"]).content.decode()
    assert 'id="import-errors"' in body and "不是数值" in body  # an unknown indicator is no error (mapping screen)
    # The reporter may not import a task table: refused before any job is made.
    r = c.post(reverse("data:import"), {"kind": "tasks", "table": SimpleUploadedFile("t.csv", b"x,y\n")})
    assert r.status_code == 403 and Job.objects.count() == 1


def test_health_endpoints(world: dict[str, Any], settings: Any) -> None:
    c = Client()
    assert c.get("/healthz").json() == {"status": "ok"}
    r = c.get("/readyz")
    assert r.status_code == 200 and r.json()["checks"]["migrations"] == "applied"
    settings.PLANWATCH_JOBS_MODE = "celery"
    r = c.get("/readyz")
    assert r.status_code == 503 and r.json()["checks"]["worker"] == "0 live worker(s)"
    WorkerBeat.objects.create(hostname="w@test", last_seen=timezone.now())
    assert c.get("/readyz").status_code == 200
    WorkerBeat.objects.filter(hostname="w@test").update(last_seen=timezone.now() - timedelta(hours=1))
    assert c.get("/readyz").status_code == 503


def test_jobs_over_the_api(world: dict[str, Any]) -> None:
    from planwatch.web.accounts.models import ApiToken

    leader = world["users"]["leader"]
    token = ApiToken.issue(leader, "test")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    c = Client()
    r = c.post(f"/api/plans/{world['plan'].pk}/report-jobs", {"kind": "midterm", "format": "html",
                                                              "as_of": "2008-12-31"},
               content_type="application/json", **auth)
    assert r.status_code == 202, r.content
    job = r.json()
    assert job["state"] == "done" and job["file_url"] == f"/jobs/{job['id']}/file/"
    assert c.get(f"/api/jobs/{job['id']}", **auth).json()["progress"] == 100
    # Not visible to another unit's user, nor to the public; bad options are a 400.
    other = ApiToken.issue(world["users"]["other_leader"], "test")[1]
    assert c.get(f"/api/jobs/{job['id']}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert c.get(f"/api/jobs/{job['id']}").status_code in (401, 404)
    system_job = Job.objects.create(kind="remind", params={})
    assert c.get(f"/api/jobs/{system_job.pk}").status_code in (401, 404)
    assert c.post(f"/api/plans/{world['plan'].pk}/report-jobs", {"kind": "x"}, content_type="application/json",
                  **auth).status_code == 400

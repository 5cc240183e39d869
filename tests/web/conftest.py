"""Fixtures for the web layer: an organisation with two units, one user per role, a live plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from planwatch.web.accounts.models import (
    ROLE_ADMIN,
    ROLE_LEADER,
    ROLE_REPORTER,
    ROLE_VIEWER,
    Membership,
    Unit,
)

ROOT = Path(__file__).resolve().parents[2]
HARBIN = ROOT / "examples" / "harbin"


def gold(stem: str) -> tuple[dict[str, Any], str]:
    data = json.loads((HARBIN / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    text = (HARBIN / data["doc"]).read_text(encoding="utf-8")
    return data, text


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None,
                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    """A SQLite test database in a file rather than in memory, so that the production server and the
    workers the browser and worker tests start (separate processes) open the same database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        # Other processes write to it too (the workers' heartbeats): a transaction that reads and then
        # writes must take the write lock at once (and wait for it), not fail when it upgrades.
        db.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Tests create many users; the production hasher would spend most of the test time on them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, role: str, unit: Unit | None) -> Any:
    user = get_user_model().objects.create_user(username, password="pw-" + username)
    Membership.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def org(db: Any) -> dict[str, Any]:
    city = Unit.objects.create(name="市发展和改革委员会", kind="department")
    ind = Unit.objects.create(name="市工业和信息化局", kind="department")
    zone = Unit.objects.create(name="高新技术产业开发区", kind="zone")
    zone_sub = Unit.objects.create(name="高新区经济发展局", kind="department", parent=zone)
    users = {
        "admin": make_user("office", ROLE_ADMIN, city),
        "reporter": make_user("rep_ind", ROLE_REPORTER, ind),
        "leader": make_user("lead_ind", ROLE_LEADER, ind),
        "other_reporter": make_user("rep_zone", ROLE_REPORTER, zone),
        "other_leader": make_user("lead_zone", ROLE_LEADER, zone),
        "viewer": make_user("viewer", ROLE_VIEWER, None),
    }
    return {"units": {"city": city, "ind": ind, "zone": zone, "zone_sub": zone_sub}, "users": users}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Evidence files written by tests go to a temporary directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings: Any) -> None:
    """Background jobs run in the caller during tests (tests/web/test_jobs_worker.py runs real workers)."""
    settings.PLANWATCH_JOBS_MODE = "sync"

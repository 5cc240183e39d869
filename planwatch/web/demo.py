"""The demo store: the Harbin example plans, example units, one account per role, real statistics.

Idempotent: running it again reuses what exists and issues fresh passwords.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from planwatch.errors import PlanWatchError
from planwatch.web.accounts.models import (
    ROLE_ADMIN,
    ROLE_LEADER,
    ROLE_REPORTER,
    ROLE_VIEWER,
    Membership,
    Unit,
)
from planwatch.web.accounts.system import system_user
from planwatch.web.history.context import acting_as

DEMO_UNITS = [
    ("市发展和改革委员会", "发改委", "department", None),
    ("市工业和信息化局", "工信局", "department", None),
    ("市商务局", "商务局", "department", None),
    ("市科学技术局", "科技局", "department", None),
    ("市统计局", "统计局", "department", None),
    ("市财政局", "财政局", "department", None),
    ("哈尔滨经济技术开发区管委会", "经开区", "zone", None),
    ("哈尔滨高新技术产业开发区管委会", "高新区", "zone", None),
    ("哈尔滨新区管委会", "新区", "zone", None),
    ("道里区人民政府", "道里区", "district", None),
    ("南岗区人民政府", "南岗区", "district", None),
    ("经开区经济发展局", "经开区经发局", "department", "哈尔滨经济技术开发区管委会"),
]
DEMO_ACCOUNTS = [
    ("demo_office", ROLE_ADMIN, "市发展和改革委员会"),
    ("demo_reporter", ROLE_REPORTER, "市工业和信息化局"),
    ("demo_leader", ROLE_LEADER, "市工业和信息化局"),
    ("demo_viewer", ROLE_VIEWER, None),
]
TASKS_PER_PLAN = 6


def _units() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for name, short, kind, parent in DEMO_UNITS:
        out[name] = Unit.objects.get_or_create(
            name=name, defaults={"short_name": short, "kind": kind, "parent": out.get(parent) if parent else None})[0]
    return out


def _accounts(units: dict[str, Unit]) -> list[dict[str, Any]]:
    User = get_user_model()
    out = []
    for username, role, unit in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(10)
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_staff = role == ROLE_ADMIN
        user.save()
        Membership.objects.update_or_create(user=user, defaults={"role": role, "unit": units.get(unit) if unit else None})
        out.append({"username": username, "role": role, "unit": unit, "password": password})
    return out


def _plans(examples: Path, admin: Any) -> list[Any]:
    from planwatch.documents import load_document
    from planwatch.extract import extract_plan
    from planwatch.web.plans.ingest import ingest_extraction
    from planwatch.web.plans.models import PlanVersion
    from planwatch.web.plans.review import approve_version

    gold_dir = examples / "gold"
    versions = []
    docs = sorted(p for p in examples.iterdir() if p.suffix in (".txt", ".md") and not p.name.isupper()
                  and "README" not in p.name)
    for path in docs:
        document = load_document(path)
        gold = gold_dir / f"{path.stem}.json"
        # Reviewed annotations where they exist (as if the office had reviewed the extraction), else the extractor.
        data = json.loads(gold.read_text(encoding="utf-8")) if gold.is_file() else extract_plan(document).to_dict()
        import hashlib

        sha = hashlib.sha256(document.text.encode()).hexdigest()
        existing = PlanVersion.objects.filter(text_sha256=sha).first()
        if existing is not None:
            versions.append(existing)
            continue
        v = ingest_extraction(data, document.text, doc_name=path.name, user=admin)
        approve_version(admin, v, "演示数据 demo")
        v.plan.published = True
        v.plan.save()
        versions.append(v)
    return versions


def _ledger(versions: list[Any], units: dict[str, Unit], admin: Any) -> int:
    from planwatch.web.ledger.models import LedgerTask
    from planwatch.web.ledger.workflow import create_task

    departments = [u for u in units.values() if u.kind in ("department", "zone") and u.parent_id is None
                   and u.name != "市发展和改革委员会"]
    n = 0
    for v in versions:
        if LedgerTask.objects.filter(plan=v.plan).exists():
            continue
        end = v.plan.period_end or dt.date.today().year
        for i, pt in enumerate(v.plantasks.exclude(review_state="rejected").order_by("start", "id")[:TASKS_PER_PLAN]):
            lead = departments[(i + v.plan_id) % len(departments)]
            support = [departments[(i + v.plan_id + 1) % len(departments)]]
            create_task(admin, title=pt.title, lead_unit=lead, supporting_units=support, plan=v.plan, plan_task=pt,
                        deadline=dt.date(pt.deadline_year or end, 12, 31), number=str(i + 1))
            n += 1
    return n


@transaction.atomic
def setup_demo(examples: Path) -> dict[str, Any]:
    if not examples.is_dir():
        raise PlanWatchError(f"找不到示例目录 examples directory not found: {examples}")
    from planwatch.web.data.models import Indicator
    from planwatch.web.data.tables import import_actuals

    sysuser = system_user()
    with acting_as(sysuser, "demo-setup"):
        units = _units()
        accounts = _accounts(units)
        admin = get_user_model().objects.get(username="demo_office")
        versions = _plans(examples, admin)
        tasks = _ledger(versions, units, admin)
        from planwatch.web.registers.demo import setup_registers

        registers = setup_registers(versions, units, admin,
                                    get_user_model().objects.filter(username="demo_reporter").first())
        actuals = examples / "harbin-actuals.csv"
        counts: dict[str, int] = {}
        if actuals.is_file():
            # Each statistic becomes an observation of an indicator with exactly its own name; a
            # different definition (scope, 民营 vs 非公有制 ...) stays a different indicator, notes kept.
            counts = import_actuals(sysuser, actuals.name, actuals.read_bytes(), create_indicators=True,
                                    revisions=True)
        stats = units["市统计局"]
        Indicator.objects.filter(observations__isnull=False, responsible_unit__isnull=True).update(
            responsible_unit=stats)
        Indicator.objects.filter(targets__version__plan__published=True, targets__version__status="live").update(
            public=True)
        Indicator.objects.filter(observations__isnull=False).update(public=True)
    return {"accounts": accounts, "units": len(units), "plans": len(versions), "ledger_tasks": tasks,
            "actuals": counts, "registers": registers}

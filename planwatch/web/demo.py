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
# The region the office chose in review where the title names none.
DEMO_REGIONS = {"harbin-new-area-work-report-excerpt.txt": "哈尔滨新区"}
# The year the office set in review for an annual plan whose excerpt does not state it: the 2023 report
# (its 2022 results appear in harbin-actuals.csv from the 2023-01-18 哈尔滨日报 report).
DEMO_YEARS = {"harbin-new-area-work-report-excerpt.txt": 2023}
# Quarterly (1-N月 cumulative) figures for the annual plan's 全年 targets, to show tracking by quarter.
# No published quarterly figures exist for these targets (harbin-actuals.csv has none), so these are
# SAMPLE values, stored and shown with the source "示例数据" (planwatch.web.plans.annual.SAMPLE_SOURCE).
# (The targets the demo registers count, 新增高新技术企业 and 科技型中小企业入库, get their figures there.)
DEMO_SAMPLE_YTD = {"招商引资项目": ((3, 21), (6, 48), (9, 69)),
                   "实施建设省市重点项目": ((3, 16), (6, 43), (9, 72))}


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
        v = ingest_extraction(data, document.text, doc_name=path.name, user=admin,
                              region=DEMO_REGIONS.get(path.name), year=DEMO_YEARS.get(path.name))
        approve_version(admin, v, "演示数据 demo")
        v.plan.published = True
        v.plan.save()
        versions.append(v)
    return versions


def _annual(versions: list[Any], units: dict[str, Unit], admin: Any) -> int:
    """The annual plan tracked by quarter: its year (set in review), its tracked indicators under the
    New Area's administration, and the sample 1-N月 cumulative figures of ``DEMO_SAMPLE_YTD``."""
    from planwatch.web.plans.annual import SAMPLE_SOURCE, annual_targets, record_year_to_date, set_plan_year

    n = 0
    for v in versions:
        plan = v.plan
        year = DEMO_YEARS.get(v.doc_name)
        if year is None:
            continue
        if plan.period_end != year or not plan.annual:
            set_plan_year(admin, plan, year)
        for t in annual_targets(plan):
            steps = DEMO_SAMPLE_YTD.get(t.indicator_text)
            if t.indicator.responsible_unit_id is None:
                t.indicator.responsible_unit = units["哈尔滨新区管委会"]
                t.indicator.save(update_fields=["responsible_unit"])
            for month, value in steps or ():
                _, changed = record_year_to_date(
                    admin, t, month, value, source=f"{SAMPLE_SOURCE}（演示用，非真实统计）",
                    note="演示数据：该目标无公开的季度数，此为示例数值", status="preliminary")
                n += changed
    return n


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


def _cycle(versions: list[Any], admin: Any) -> dict[str, int]:
    """The monitoring cycle as the office meets it: last quarter's round with some units late and
    others missing (催办 sent), this month's round with a unit on time, a graded report, and a 整改
    item from an audit finding. Skipped when rounds exist."""
    from django.utils import timezone

    from planwatch.web.cycle import rectifications, rounds
    from planwatch.web.cycle.models import ReportingRound
    from planwatch.web.ui.audits import audit_of

    if ReportingRound.objects.exists() or not versions:
        return {}
    today = timezone.localdate()
    last = rounds.open_round(admin, title="重点任务季度报送", frequency="quarterly", period_label="上季度",
                             due=today - dt.timedelta(days=20))
    reports = list(last.reports.select_related("unit").order_by("unit__name"))
    third = max(1, len(reports) // 3)
    for i, r in enumerate(reports[: 2 * third]):
        # The first third reported before the due date (a past submission), the second third today: late.
        when = timezone.now() - dt.timedelta(days=22) if i < third else timezone.now()
        r.text, r.submitted_by, r.submitted_at = f"{r.unit.name}上季度重点任务推进情况。", admin, when
        r.save()
    rounds.remind(admin, last)  # the rest have not reported: 催办
    if reports:
        rounds.grade_report(admin, reports[0], 85, "内容完整，数据翔实")
    current = rounds.open_round(admin, title="重点任务月度报送", frequency="monthly", period_label="本月",
                                due=today + dt.timedelta(days=10))
    reporter = get_user_model().objects.get(username="demo_reporter")
    own = current.reports.filter(unit__members__user=reporter).first()
    if own is not None:
        rounds.submit_report(reporter, own, "本月完成技改项目备案3个，重点项目开工2个。")
    made = 0
    for v in versions:
        findings = [f for f in audit_of(v).findings if f.get("severity") == "error"]
        if findings:
            stats = Unit.objects.get(name="市统计局")
            rectifications.from_finding(admin, v, findings[0], stats, today + dt.timedelta(days=30))
            made += 1
            break
    return {"rounds": 2, "rectifications": made}


@transaction.atomic
def setup_demo(examples: Path) -> dict[str, Any]:
    if not examples.is_dir():
        raise PlanWatchError(f"找不到示例目录 examples directory not found: {examples}")
    from planwatch.web.data.mapping import apply_mapping_file
    from planwatch.web.data.models import Indicator
    from planwatch.web.data.regions import get_region
    from planwatch.web.data.tables import import_actuals

    sysuser = system_user()
    with acting_as(sysuser, "demo-setup"):
        units = _units()
        accounts = _accounts(units)
        admin = get_user_model().objects.get(username="demo_office")
        get_region("哈尔滨市")
        versions = _plans(examples, admin)
        tasks = _ledger(versions, units, admin)
        sample_ytd = _annual(versions, units, admin)
        from planwatch.web.registers.demo import setup_registers

        registers = setup_registers(versions, units, admin,
                                    get_user_model().objects.filter(username="demo_reporter").first())
        cycle = _cycle(versions, admin)
        actuals = examples / "harbin-actuals.csv"
        counts: dict[str, int] = {}
        mapping = examples / "actuals-mapping.csv"
        if actuals.is_file():
            # Rows find their indicator in 哈尔滨市 by identity (name + 口径 + unit); the rest wait on
            # the mapping screen, where the office's confirmed choices (actuals-mapping.csv) are applied.
            counts = import_actuals(sysuser, actuals.name, actuals.read_bytes(), revisions=True,
                                    region=get_region("哈尔滨市"))
            if mapping.is_file():
                counts["mapped"] = apply_mapping_file(admin, mapping.read_bytes(), mapping.name)
        stats = units["市统计局"]
        Indicator.objects.filter(observations__isnull=False, responsible_unit__isnull=True).update(
            responsible_unit=stats)
        Indicator.objects.filter(targets__version__plan__published=True, targets__version__status="live").update(
            public=True)
        Indicator.objects.filter(observations__isnull=False).update(public=True)
    return {"accounts": accounts, "units": len(units), "plans": len(versions), "ledger_tasks": tasks,
            "actuals": counts, "registers": registers, "cycle": cycle,
            "annual_sample_figures": sample_ytd}

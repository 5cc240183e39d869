"""Benchmark: a report of a stored plan with 100 targets and 500 ledger tasks, read from the database.

Builds a throwaway SQLite store in a temporary directory (not timed): one plan with 100 targets,
100 facts, 500 plan tasks, 60 key projects (half with investment figures); 500 ledger tasks with a
milestone each and an approved progress update on every other one; 4 years of observations (two
revisions each) for every target's indicator, plus 5,000 observations of 1,000 unrelated
indicators that the report must skip. Then times reading the inputs from the database (split by
part), building the content, and writing .docx / .html (and .pdf with --pdf when LibreOffice is
installed); peak Python memory of one whole run is measured in a separate pass.

    PYTHONPATH=$PWD python bench/reports_db.py [--pdf]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

N_TARGETS, N_TASKS, N_PROJECTS, N_UNITS, N_NOISE_INDICATORS = 100, 500, 60, 25, 1000
AS_OF = dt.date(2009, 6, 30)


def timed(label: str, func: Any, *args: Any) -> Any:
    start = time.perf_counter()
    result = func(*args)
    print(f"{label:<34}{time.perf_counter() - start:8.2f} s")
    return result


def synthetic_plan() -> tuple[dict[str, Any], str]:
    """A contract object and a document text containing every quote."""
    targets, facts, tasks, projects, lines = [], [], [], [], []
    for i in range(N_TARGETS):
        name = f"指标{i:03d}增加值"
        base = 100.0 + i
        quote = f"到2010年{name}达到{base * 2:g}亿元"
        targets.append({"quote": quote, "indicator": name, "kind": "level", "value": base * 2, "value_high": None,
                        "unit": "亿元", "comparator": ">=" if i % 7 == 0 else "=", "target_year": 2010,
                        "baseline_value": base, "baseline_year": 2005,
                        "section": f"第{i % 6 + 1}章 目标组{i % 6}（约束性）" if i % 10 == 0 else f"第{i % 6 + 1}章 目标组{i % 6}"})
        fact = f"2005年{name}{base:g}亿元"
        facts.append({"quote": fact, "indicator": name, "kind": "level", "value": base, "value_high": None,
                      "unit": "亿元", "year": 2005, "section": "第一章 发展基础"})
        lines += [fact + "。", quote + "。"]
    for i in range(N_TASKS):
        quote = f"实施第{i:03d}项重点任务，推进相关工作"
        tasks.append({"title": f"实施第{i:03d}项重点任务", "quote": quote, "section": f"第{i % 6 + 1}章 任务组",
                      "deadline_year": 2007 + i % 4, "responsible": [f"单位{i % N_UNITS:02d}"]})
        lines.append(quote + "。")
    for i in range(N_PROJECTS):
        name = f"重点项目{i:02d}号"
        projects.append({"name": name, "group": f"专栏{i % 5 + 1}", "quote": name})
        lines.append(name + "。")
    data = {"doc": "bench-plan.txt", "title": "基准测试发展规划", "period": [2006, 2010], "targets": targets,
            "facts": facts, "tasks": tasks, "projects": projects}
    return data, "\n".join(lines)


def populate() -> Any:
    """The store contents described in the module docstring; returns the plan."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from planwatch.web.accounts.models import ROLE_ADMIN, Membership, Unit
    from planwatch.web.data.models import Indicator, Observation, ObservationRevision
    from planwatch.web.ledger.models import LedgerTask, Milestone, ProgressUpdate
    from planwatch.web.plans.ingest import ingest_extraction
    from planwatch.web.plans.models import Project
    from planwatch.web.plans.review import approve_version

    units = [Unit.objects.create(name=f"单位{i:02d}") for i in range(N_UNITS)]
    admin = get_user_model().objects.create_user("bench_office")
    Membership.objects.create(user=admin, role=ROLE_ADMIN, unit=units[0])
    data, text = synthetic_plan()
    version = ingest_extraction(data, text, doc_name=data["doc"], user=admin)
    approve_version(admin, version)
    plan = version.plan
    for p in version.projects.order_by("id")[::2]:
        Project.objects.filter(pk=p.pk).update(planned_investment=10.0 + p.pk % 7, completed_investment=4.0 + p.pk % 5)

    tasks = [LedgerTask(plan=plan, plan_task=pt, title=pt.title, lead_unit=units[i % N_UNITS],
                        deadline=dt.date(pt.deadline_year or 2010, 12, 31))
             for i, pt in enumerate(version.plantasks.order_by("id"))]
    LedgerTask.objects.bulk_create(tasks)
    tasks = list(LedgerTask.objects.filter(plan=plan).order_by("id"))
    Milestone.objects.bulk_create([Milestone(task=t, title="阶段节点", due=dt.date(2008, 6, 30),
                                             done_on=dt.date(2008, 5, 1) if i % 3 == 0 else None)
                                   for i, t in enumerate(tasks)])
    reviewed = timezone.make_aware(dt.datetime(2008, 9, 1, 10))
    ProgressUpdate.objects.bulk_create([
        ProgressUpdate(task=t, unit=t.lead_unit, text="按计划推进", status=("completed", "in_progress", "behind")[i % 3],
                       percent=(100, 60, 30)[i % 3], review="approved", submitted_by=admin, reviewed_by=admin,
                       reviewed_at=reviewed)
        for i, t in enumerate(tasks) if i % 2 == 0])

    indicators = {i.name: i for i in Indicator.objects.filter(name__startswith="指标")}
    noise = Indicator.objects.bulk_create([Indicator(key=f"noise{i:04d}", name=f"无关指标{i:04d}", unit="万元")
                                           for i in range(N_NOISE_INDICATORS)])
    observations = []
    for n, (_name, ind) in enumerate(sorted(indicators.items())):
        base = 100.0 + n
        for year in range(2006, 2010):
            value = base * (1 + 0.17 * (year - 2005) * (0.7 + (n % 5) * 0.1))
            observations.append(Observation(indicator=ind, year=year, value=value, unit="亿元", status="final",
                                            source="统计公报", revision=2))
    for ind in noise:
        observations += [Observation(indicator=ind, year=year, value=1.0, unit="万元") for year in range(2005, 2010)]
    Observation.objects.bulk_create(observations, batch_size=2000)
    revisions = []
    for obs in Observation.objects.filter(indicator__in=indicators.values()):
        revisions.append(ObservationRevision(observation=obs, number=1, value=obs.value * 0.98, unit=obs.unit,
                                             status="preliminary", source=obs.source))
        revisions.append(ObservationRevision(observation=obs, number=2, value=obs.value, unit=obs.unit,
                                             status="final", source=obs.source))
    ObservationRevision.objects.bulk_create(revisions, batch_size=2000)
    return plan


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as tmp:
        os.environ["PLANWATCH_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        from planwatch.web.store import open_store

        timed("migrate a new SQLite store", open_store)
        plan = timed("populate (not part of the report)", populate)

        from planwatch.audit import audit_plans
        from planwatch.reports.build import build_report, findings_from_audit
        from planwatch.reports.docx_writer import write_docx
        from planwatch.reports.html_writer import write_html
        from planwatch.reports.pdf import docx_to_pdf, find_converter
        from planwatch.web.data.models import Observation
        from planwatch.web.reports.inputs import (
            current_version,
            ledger_statuses,
            observations_for,
            plan_extraction,
            report_inputs_from_db,
        )

        version = current_version(plan)
        print(f"plan: {version.targets.count()} targets, {version.plantasks.count()} tasks, "
              f"{version.projects.count()} projects; {Observation.objects.count()} observations in the store")
        extraction, _, task_ids, _ = timed("  read plan records", plan_extraction, plan, version)
        obs = timed("  read observations", observations_for, extraction.targets)
        timed("  ledger task statuses", ledger_statuses, plan, extraction, task_ids, AS_OF)
        timed("  audit the plan", lambda: findings_from_audit(audit_plans([extraction], texts={extraction.doc: version.text})))
        inputs = timed("report_inputs_from_db (all)", report_inputs_from_db, plan, AS_OF)
        print(f"  -> {len(obs)} observations matched, {len(inputs.task_status)} task statuses")
        content = timed("build ReportContent", lambda: build_report(inputs, kind="midterm", as_of=AS_OF,
                                                                      issuer="基准测试"))
        out = Path(tmp)
        docx = timed(f".docx ({len(content.charts)} charts)", write_docx, content, out / "r.docx")
        timed(".html", write_html, content, out / "r.html")
        print(f"{'.docx size':<34}{docx.stat().st_size / 2**10:8.0f} KiB")
        if "--pdf" in sys.argv:
            if find_converter() is None:
                print("pdf: LibreOffice not installed, skipped")
            else:
                timed(".pdf (LibreOffice)", docx_to_pdf, docx, out / "r.pdf")
        start = time.perf_counter()
        tracemalloc.start()
        write_docx(build_report(report_inputs_from_db(plan, AS_OF), kind="midterm", as_of=AS_OF, issuer="基准测试"),
                   out / "m.docx")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{'DB -> .docx, under tracemalloc':<34}{time.perf_counter() - start:8.2f} s")
        print(f"{'peak Python memory (DB -> docx)':<34}{peak / 2**20:8.1f} MiB")


if __name__ == "__main__":
    main()

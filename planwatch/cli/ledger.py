"""Store commands: ingest plans, import and export tables, backup/restore, reminders, demo setup,
and ``planwatch manage ...`` (Django's manage.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app

console = Console()


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Django management commands: planwatch manage migrate | createsuperuser | runserver 127.0.0.1:8000 ..."""
    from planwatch.web.manage import run

    run(list(ctx.args))


@app.command()
def ingest(
    file: Path = typer.Argument(..., help="plan document (.txt .md .docx .pdf .html), extraction JSON, or a "
                                          "directory of plan documents (ingested as background jobs)"),
    text: Path | None = typer.Option(None, "--text", help="the document a JSON extraction refers to"),
    parent: int | None = typer.Option(None, "--parent", help="id of the higher-level plan"),
    approve: bool = typer.Option(False, "--approve", help="skip review: make the version live at once"),
    region: str | None = typer.Option(None, "--region", help="the plan's region, e.g. 哈尔滨市 (default: suggested from the title)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object (plan_id, version_id, counts)"),
    as_user: str | None = typer.Option(None, "--as", help="act as this user (default: system)"),
    jobs: int = typer.Option(2, "--jobs", help="directory: job workers to start for the run (0: use the "
                                               "running workers)"),
) -> None:
    """Store a plan: a new plan, or a new version (in review, with a diff) of a plan with the same title and region.
    A directory: every plan document in it through the job queue, with a progress bar and a summary."""
    if file.is_dir():
        _ingest_directory(file, jobs, approve)
        return
    from planwatch.web.store import open_store, read_extraction

    open_store()
    from planwatch.web.accounts.system import cli_user
    from planwatch.web.history.context import acting_as
    from planwatch.web.plans.ingest import ingest_extraction
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.review import approve_version

    data, body, name = read_extraction(file, text)
    user = cli_user(as_user)
    with acting_as(user, f"planwatch ingest {file.name}"):
        parent_plan = Plan.objects.get(pk=parent) if parent else None
        version = ingest_extraction(data, body, doc_name=name, parent=parent_plan, user=user, region=region)
        if approve:
            approve_version(user, version)
            version.refresh_from_db()
    if as_json:
        import json

        typer.echo(json.dumps({
            "plan_id": version.plan_id, "version_id": version.pk, "version": version.number,
            "status": version.status, "title": version.plan.title,
            "region": version.plan.region.name if version.plan.region else "",
            "targets": version.targets.count(), "facts": version.facts.count(),
            "tasks": version.plantasks.count(), "projects": version.projects.count()}, ensure_ascii=False))
        return
    t = Table(title=f"{version.plan.title} v{version.number} ({version.get_status_display()})")
    for col in ("plan id", "version id", "targets", "facts", "tasks", "projects"):
        t.add_column(col)
    t.add_row(str(version.plan_id), str(version.pk), str(version.targets.count()), str(version.facts.count()),
              str(version.plantasks.count()), str(version.projects.count()))
    console.print(t)
    if version.diff:
        d = version.diff
        console.print(f"diff vs v{d['from']}: targets +{len(d['targets']['added'])} -{len(d['targets']['removed'])} "
                      f"~{len(d['targets']['changed'])}; tasks +{len(d['tasks']['added'])} "
                      f"-{len(d['tasks']['removed'])} ~{len(d['tasks']['changed'])}; "
                      f"linked records removed: {len(d['linked_removed'])}")


def _ingest_directory(directory: Path, jobs: int, approve: bool) -> None:
    import time
    from contextlib import AbstractContextManager, nullcontext

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

    from planwatch.errors import PlanWatchError
    from planwatch.web.store import open_store

    open_store()
    from django.conf import settings

    from planwatch.web.jobs.bulk import enqueue_documents, failures, local_workers, plan_files
    from planwatch.web.jobs.runner import wait_for

    paths = plan_files(directory)
    if not paths:
        raise PlanWatchError(f"{directory}: 没有规划文件 no plan documents (.txt .md .docx .pdf .html)")
    start = time.monotonic()
    ids = enqueue_documents(paths, approve)
    inline = settings.PLANWATCH_JOBS_MODE != "celery"
    workers: AbstractContextManager[object] = (
        local_workers(jobs, Path(settings.DATA_DIR) / "ingest-workers.log") if jobs > 0 and not inline
        else nullcontext([]))
    with workers, Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn(), TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("提取入库 ingesting", total=len(ids))
        counts = wait_for(ids, on_progress=lambda done, total: bar.update(task, completed=done))
    minutes = (time.monotonic() - start) / 60
    failed = failures(ids)
    console.print(f"文件 documents: {len(ids)}  完成 done: {counts['done']}  失败 failed: {counts['failed']}  "
                  f"用时 {minutes * 60:.0f} s  ({counts['done'] / minutes if minutes else 0:.1f} documents/min)")
    if failed:
        t = Table(title="失败的文件 failed documents")
        t.add_column("文件 file")
        t.add_column("问题 problem")
        for name, err in failed:
            t.add_row(name, err)
        console.print(t)
        raise typer.Exit(1)


def _errors_table(exc: object) -> None:
    from planwatch.web.errors import ImportRejected

    if isinstance(exc, ImportRejected):
        t = Table(title=f"导入失败，未写入任何数据 import rejected: {exc.source}")
        for col in ("行 row", "列 column", "问题 problem"):
            t.add_column(col)
        for r, c, m in exc.errors:
            t.add_row(str(r), c, m)
        Console(stderr=True).print(t)


def _run_import(file: Path, as_user: str | None, command: str, work: Callable[[Any, bytes], Any]) -> Any:
    """Open the store, act as the user, read the file and run ``work(user, data)`` in one
    all-or-nothing import; a rejected import prints its row errors and exits non-zero."""
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.accounts.system import cli_user
    from planwatch.web.errors import ImportRejected
    from planwatch.web.history.context import acting_as

    user = cli_user(as_user)
    if not file.is_file():
        from planwatch.errors import DocumentError

        raise DocumentError(str(file), "文件不存在 file not found")
    try:
        with acting_as(user, f"planwatch {command} {file.name}"):
            return work(user, file.read_bytes())
    except ImportRejected as exc:
        _errors_table(exc)
        raise


@app.command("import-actuals")
def import_actuals_cmd(
    file: Path = typer.Argument(..., help="actual-data table .xlsx/.csv: 指标 / 年份 / 数值 / 单位 / 来源 ..."),
    create_indicators: bool = typer.Option(False, "--create-indicators",
                                           help="create indicators not yet in the store (never matched loosely)"),
    revisions: bool = typer.Option(False, "--revisions",
                                   help="repeated indicator+year+scope rows are successive revisions, in file order"),
    region: str | None = typer.Option(None, "--region", help="region of rows without a 地区 column value"),
    as_user: str | None = typer.Option(None, "--as", help="act as this user (default: system)"),
) -> None:
    """Import actual values as observations (all rows or none; revisions keep earlier values)."""

    def work(user: Any, data: bytes) -> Any:
        from planwatch.web.data.models import Region
        from planwatch.web.data.tables import import_actuals

        default_region = None
        if region:
            default_region = Region.objects.filter(name=region.strip()).first()
            if default_region is None:
                from planwatch.web.data.regions import get_region

                default_region = get_region(region)
        return import_actuals(user, file.name, data, create_indicators=create_indicators,
                              revisions=revisions, region=default_region)

    console.print(_run_import(file, as_user, "import-actuals", work))


@app.command("import-enterprises")
def import_enterprises_cmd(
    file: Path = typer.Argument(..., help="企业名录表 .xlsx/.csv: 企业名称 / 统一社会信用代码 / 所有制 [区域 行业 规模 … 营业收入YYYY]"),
    as_user: str | None = typer.Option(None, "--as", help="act as this user (default: system)"),
) -> None:
    """Import the enterprise register (all rows or none) and recompute the targets counted from it."""

    def work(user: Any, data: bytes) -> Any:
        from planwatch.web.registers.counting import feed_all
        from planwatch.web.registers.tables import import_enterprises

        counts = import_enterprises(user, file.name, data)
        counts["rules"] = feed_all(user, "enterprise")
        return counts

    console.print(_run_import(file, as_user, "import-enterprises", work))


@app.command("import-tasks")
def import_tasks_cmd(
    file: Path = typer.Argument(..., help="decomposition table .xlsx/.csv: 序号 / 任务 / 牵头单位 / 配合单位 / 完成时限 / 备注"),
    plan: int | None = typer.Option(None, "--plan", help="plan id the tasks belong to"),
    as_user: str | None = typer.Option(None, "--as", help="act as this user (default: system)"),
) -> None:
    """Import a task decomposition table into the ledger (all rows or none)."""

    def work(user: Any, data: bytes) -> Any:
        from planwatch.web.data.tables import import_decomposition
        from planwatch.web.plans.models import Plan

        return import_decomposition(user, file.name, data, plan=Plan.objects.get(pk=plan) if plan else None)

    tasks = _run_import(file, as_user, "import-tasks", work)
    console.print(f"导入任务 imported tasks: {len(tasks)}")


@app.command()
def export(
    kind: str = typer.Argument(..., help="decomposition | actuals | opensdg | sdmx"),
    out: Path = typer.Argument(..., help="output file (.xlsx for decomposition/actuals, .csv otherwise)"),
    plan: int | None = typer.Option(None, "--plan", help="only this plan's tasks (decomposition)"),
    indicator: str | None = typer.Option(None, "--indicator", help="only this indicator (name)"),
) -> None:
    """Export the ledger or the observations."""
    from planwatch.web.store import open_store

    open_store()
    from planwatch.errors import PlanWatchError
    from planwatch.web.data import tables
    from planwatch.web.data.keys import indicator_key
    from planwatch.web.data.models import Observation
    from planwatch.web.ledger.models import LedgerTask

    if kind == "decomposition":
        qs = LedgerTask.objects.select_related("lead_unit").prefetch_related("supporting_units").order_by("id")
        if plan:
            qs = qs.filter(plan_id=plan)
        out.write_bytes(tables.export_decomposition(qs))
        n = qs.count()
    elif kind in ("actuals", "opensdg", "sdmx"):
        obs = Observation.objects.select_related("indicator").order_by("indicator_id", "year")
        if indicator:
            from django.db.models import Q

            obs = obs.filter(Q(indicator__name=indicator.strip()) | Q(indicator__aliases__name=indicator.strip())
                             | Q(indicator__key=indicator_key(indicator))).distinct()
        n = obs.count()
        if kind == "actuals":
            out.write_bytes(tables.export_actuals(obs))
        else:
            out.write_text(tables.export_open_sdg(obs) if kind == "opensdg" else tables.export_sdmx_csv(obs),
                           encoding="utf-8")
    else:
        raise PlanWatchError(f"未知导出类型 unknown export kind: {kind} (decomposition | actuals | opensdg | sdmx)")
    console.print(f"{kind}: {n} rows → {out}")


@app.command()
def backup(out: Path = typer.Argument(..., help="backup .zip to write")) -> None:
    """Back up the whole store (database as JSON + evidence files) into one zip."""
    from planwatch.web.store import backup as do_backup
    from planwatch.web.store import open_store

    open_store()
    console.print(do_backup(out))


@app.command()
def restore(src: Path = typer.Argument(..., help="backup .zip made by planwatch backup")) -> None:
    """Restore a backup into an empty database."""
    from planwatch.web.store import open_store
    from planwatch.web.store import restore as do_restore

    open_store()
    console.print(do_restore(src))


@app.command()
def remind() -> None:
    """Send deadline reminders (yellow before, red after) now; the job worker's beat schedule sends them daily."""
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.ledger.workflow import send_reminders

    console.print(send_reminders())


@app.command("demo-setup")
def demo_setup(
    examples: Path = typer.Option(Path("examples/harbin"), "--examples", help="the Harbin example directory"),
) -> None:
    """Migrate, load the five Harbin plans, example units, one account per role (passwords printed) and
    the real statistics as observations."""
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.demo import setup_demo

    result = setup_demo(examples)
    t = Table(title="演示账号 demo accounts (密码仅显示一次 passwords shown once)")
    for col in ("用户 user", "角色 role", "单位 unit", "密码 password"):
        t.add_column(col)
    for a in result["accounts"]:
        t.add_row(a["username"], a["role"], a["unit"] or "-", a["password"])
    console.print(t)
    console.print({k: v for k, v in result.items() if k != "accounts"})

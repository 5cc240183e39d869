"""``planwatch serve``: the web application on the embedded database, demo data on first run."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from planwatch.cli.app import app

console = Console()
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", help="port to listen on"),
    examples: Path = typer.Option(Path("examples/harbin"), "--examples", help="demo data loaded into an empty store"),
    no_demo: bool = typer.Option(False, "--no-demo", help="do not load the demo data into an empty store"),
    production: bool = typer.Option(False, "--production",
                                    help="gunicorn + a job worker with the beat schedule (scripts/run.sh)"),
    workers: int = typer.Option(int(os.environ.get("PLANWATCH_WEB_WORKERS", 2)), "--workers",
                                help="gunicorn processes (--production)"),
    threads: int = typer.Option(int(os.environ.get("PLANWATCH_WEB_THREADS", 4)), "--threads",
                                help="threads per gunicorn process (--production)"),
    job_concurrency: int = typer.Option(int(os.environ.get("PLANWATCH_JOB_CONCURRENCY", 2)), "--job-concurrency",
                                        help="job worker processes (--production)"),
) -> None:
    """Migrate, load the Harbin demo (plans, units, one account per role, real statistics) if the
    database is empty, print the URL and the demo logins, and serve the web application: Django's
    threaded server with jobs in threads (development), or with --production gunicorn and a Celery
    worker beside it."""
    if not production:
        # Development: no worker process; background jobs run in a thread of the server.
        os.environ.setdefault("PLANWATCH_JOBS_MODE", "thread")
    if host not in LOOPBACK:
        hosts = os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost")
        os.environ["PLANWATCH_ALLOWED_HOSTS"] = f"{hosts},{host}" if host not in ("0.0.0.0", "::") else "*"
    from planwatch.web.store import open_store

    open_store()
    from planwatch.web.ui.demo import demo_logins, prepare_demo

    created = False if no_demo else prepare_demo(examples)
    logins = demo_logins()
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    console.print(f"[bold]PlanWatch 规划实施监测评估系统[/] → [link={url}]{url}[/link]")
    if created:
        console.print("已载入演示数据 demo data loaded (哈尔滨 5 plans, units, accounts, statistics)")
    if logins:
        t = Table(title="演示账号 demo logins")
        for col in ("用户 user", "角色 role", "单位 unit", "密码 password"):
            t.add_column(col)
        for a in logins:
            t.add_row(a["username"], a["role"], a.get("unit") or "-", a["password"])
        console.print(t)
    from django.core.management import call_command

    if not production:
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        return
    from django.conf import settings

    from planwatch.web.production import gunicorn_command, run_together, worker_command

    call_command("collectstatic", interactive=False, verbosity=0)
    console.print(f"gunicorn: {workers} × {threads} threads; 后台任务 job worker: {job_concurrency} processes + beat")
    console.print(f"健康检查 health: {url}healthz  {url}readyz", soft_wrap=True)
    raise typer.Exit(run_together([
        gunicorn_command(host, port, workers, threads),
        worker_command("worker", job_concurrency, beat=True, schedule=Path(settings.CELERY_BEAT_SCHEDULE_FILENAME)),
    ]))
